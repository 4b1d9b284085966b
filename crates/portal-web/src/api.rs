//! One async function per portal endpoint (`/portal/api/…`). The session travels as a
//! same-origin cookie; nothing is ever stored in the browser by this module.

use shared_types::approvals::FileMeta;
use shared_types::approvals::{
    GalleryItem, PortalApproval, PortalApprovalList, PortalCommentCreate, PortalCommentEdit,
    RespondBody,
};
use shared_types::dashboard::PortalDashboard;
use shared_types::invoices::{Invoice, InvoiceList};
use shared_types::notifications::{
    MarkRead, NotificationPage, NotificationPreferences, UnreadCount, Unsubscribe, Unsubscribed,
};
use shared_types::portal::{
    Branding, InviteAccept, InvitePreview, LoginRequest, MagicLinkRequest, Me, PasswordChange,
    SessionInfo, TokenRedeem,
};
use shared_types::projects::{PortalProject, PortalProjectSummary};
use shared_types::requests::{
    PortalRequest, PortalRequestSummary, RequestCreate, RequestMessage, RequestReply,
    RequestStatus, RequestType,
};
use shared_types::staff::Revoked;
use shared_types::{ApprovalStatus, Page};
use web_ui::http::encode;
use web_ui::{ApiError, Call};

fn url(path: &str) -> String {
    format!("/portal/api{path}")
}

/// `GET /approvals/{id}/certificate.pdf`: the decision certificate (a same-origin link).
pub fn certificate_pdf_url(approval_id: &str) -> String {
    url(&format!(
        "/approvals/{}/certificate.pdf",
        encode(approval_id)
    ))
}

/// `GET /invoices/{id}/pdf`: the invoice as a PDF download (a same-origin link).
pub fn invoice_pdf_url(invoice_id: &str) -> String {
    url(&format!("/invoices/{}/pdf", encode(invoice_id)))
}

/// `GET /invoices/statement.pdf`: the statement of account (every open invoice, aged).
pub fn statement_pdf_url() -> String {
    url("/invoices/statement.pdf")
}

/// `GET /files/{id}`: a file's bytes (a same-origin link: the session cookie travels); append
/// `/thumbnail` for the server's small preview.
pub fn file_url(id: &str) -> String {
    url(&format!("/files/{}", encode(id)))
}

/// `GET /branding` (public): the organization's name, logo and accent colour.
pub async fn branding() -> Result<Branding, ApiError> {
    Call::get(url("/branding")).fetch().await
}

/// `POST /auth/login`: password sign-in; sets the session cookie.
pub async fn login(body: LoginRequest) -> Result<Me, ApiError> {
    Call::post(url("/auth/login")).json(&body).fetch().await
}

/// `POST /auth/magic-link`: always 202, whether or not the address exists.
pub async fn request_magic_link(body: MagicLinkRequest) -> Result<(), ApiError> {
    Call::post(url("/auth/magic-link"))
        .json(&body)
        .fetch_empty()
        .await
}

/// `POST /auth/magic-link/redeem`: trade the emailed token for a session.
pub async fn redeem_magic_link(body: TokenRedeem) -> Result<Me, ApiError> {
    Call::post(url("/auth/magic-link/redeem"))
        .json(&body)
        .fetch()
        .await
}

/// `POST /auth/invite/accept`: confirm name, optionally set a password, and sign in.
/// Who an invitation is for (it stays unused).
pub async fn preview_invite(body: TokenRedeem) -> Result<InvitePreview, ApiError> {
    Call::post(url("/auth/invite/preview"))
        .json(&body)
        .fetch()
        .await
}

pub async fn accept_invite(body: InviteAccept) -> Result<Me, ApiError> {
    Call::post(url("/auth/invite/accept"))
        .json(&body)
        .fetch()
        .await
}

/// `POST /auth/preview`: opens a staff member's read-only preview as a contact.
pub async fn open_preview(body: TokenRedeem) -> Result<Me, ApiError> {
    Call::post(url("/auth/preview")).json(&body).fetch().await
}

/// `POST /auth/logout`: ends this session server-side.
pub async fn logout() -> Result<(), ApiError> {
    Call::post(url("/auth/logout")).fetch_empty().await
}

/// `GET /me`: the signed-in contact, their client, permissions and branding. 401 when signed out.
pub async fn me() -> Result<Me, ApiError> {
    Call::get(url("/me")).fetch().await
}

/// `GET /sessions`: this contact's signed-in devices.
pub async fn sessions() -> Result<Vec<SessionInfo>, ApiError> {
    Call::get(url("/sessions")).fetch().await
}

/// `DELETE /sessions/{id}`: sign one other device out.
pub async fn end_session(id: String) -> Result<(), ApiError> {
    Call::delete(url(&format!("/sessions/{}", encode(&id))))
        .fetch_empty()
        .await
}

/// `DELETE /sessions`: sign out every device but this one.
pub async fn end_other_sessions() -> Result<Revoked, ApiError> {
    Call::delete(url("/sessions")).fetch().await
}

/// `POST /password`: set a first password or change the current one.
pub async fn change_password(body: PasswordChange) -> Result<(), ApiError> {
    Call::post(url("/password")).json(&body).fetch_empty().await
}

/// `GET /projects`: the client's live projects, most recently updated first (first page of 200).
pub async fn projects() -> Result<Page<PortalProjectSummary>, ApiError> {
    Call::get(url("/projects?limit=200")).fetch().await
}

/// `GET /projects/{id}`: one project with its milestones and, when shown, its team.
pub async fn project(id: String) -> Result<PortalProject, ApiError> {
    Call::get(url(&format!("/projects/{}", encode(&id))))
        .fetch()
        .await
}

/// `GET /approvals[?status=]`: live approvals (awaiting review first) and counts per status.
pub async fn approvals(status: Option<ApprovalStatus>) -> Result<PortalApprovalList, ApiError> {
    let query = status
        .map(|s| format!("?status={}", s.as_str()))
        .unwrap_or_default();
    Call::get(url(&format!("/approvals{query}"))).fetch().await
}

/// `GET /approvals/{id}`: versions, files, comments, audit summary and what this contact may do.
pub async fn approval(id: String) -> Result<PortalApproval, ApiError> {
    Call::get(url(&format!("/approvals/{}", encode(&id))))
        .fetch()
        .await
}

/// `POST /approvals/{id}/respond`: approve or request changes on the latest version.
pub async fn respond(id: String, body: RespondBody) -> Result<PortalApproval, ApiError> {
    Call::post(url(&format!("/approvals/{}/respond", encode(&id))))
        .json(&body)
        .fetch()
        .await
}

/// `POST /approvals/{id}/comments`: add a comment (or a reply) on a version.
pub async fn comment(id: String, body: PortalCommentCreate) -> Result<(), ApiError> {
    Call::post(url(&format!("/approvals/{}/comments", encode(&id))))
        .json(&body)
        .fetch_empty()
        .await
}

/// `PATCH /approvals/{id}/comments/{comment_id}`: new text for the contact's own comment.
pub async fn edit_comment(id: String, comment_id: String, body: String) -> Result<(), ApiError> {
    Call::patch(url(&format!(
        "/approvals/{}/comments/{}",
        encode(&id),
        encode(&comment_id)
    )))
    .json(&PortalCommentEdit { body })
    .fetch_empty()
    .await
}

/// `DELETE /approvals/{id}/comments/{comment_id}`: delete the contact's own comment.
pub async fn delete_comment(id: String, comment_id: String) -> Result<(), ApiError> {
    Call::delete(url(&format!(
        "/approvals/{}/comments/{}",
        encode(&id),
        encode(&comment_id)
    )))
    .fetch_empty()
    .await
}

/// `GET /gallery`: images and videos of the client's live approvals, newest first, a page at a
/// time (`cursor` from the previous page), optionally of one project.
pub async fn gallery(
    project_id: Option<String>,
    cursor: Option<String>,
) -> Result<Page<GalleryItem>, ApiError> {
    let mut query = vec!["limit=24".to_owned()];
    if let Some(p) = project_id {
        query.push(format!("project_id={}", encode(&p)));
    }
    if let Some(c) = cursor {
        query.push(format!("cursor={}", encode(&c)));
    }
    Call::get(url(&format!("/gallery?{}", query.join("&"))))
        .fetch()
        .await
}

/// `GET /notifications`: the newest notifications (`cursor` for the next page) and the unread
/// count.
pub async fn notifications(cursor: Option<String>) -> Result<NotificationPage, ApiError> {
    let query = cursor
        .map(|c| format!("?cursor={}", encode(&c)))
        .unwrap_or_default();
    Call::get(url(&format!("/notifications{query}")))
        .fetch()
        .await
}

/// `POST /notifications/read`: mark some (or all) read; answers the unread count.
pub async fn mark_read(body: MarkRead) -> Result<UnreadCount, ApiError> {
    Call::post(url("/notifications/read"))
        .json(&body)
        .fetch()
        .await
}

/// `GET /notifications/preferences`: the email choice per category.
pub async fn notification_preferences() -> Result<NotificationPreferences, ApiError> {
    Call::get(url("/notifications/preferences")).fetch().await
}

/// `PATCH /notifications/preferences`: change the categories sent.
pub async fn update_notification_preferences(
    body: NotificationPreferences,
) -> Result<NotificationPreferences, ApiError> {
    Call::patch(url("/notifications/preferences"))
        .json(&body)
        .fetch()
        .await
}

/// `POST /notifications/unsubscribe`: an email's unsubscribe link (no sign-in needed).
pub async fn unsubscribe(token: String) -> Result<Unsubscribed, ApiError> {
    Call::post(url("/notifications/unsubscribe"))
        .json(&Unsubscribe { token })
        .fetch()
        .await
}

/// `GET /dashboard`: everything the home page shows, in one response.
pub async fn dashboard() -> Result<PortalDashboard, ApiError> {
    Call::get(url("/dashboard")).fetch().await
}

/// What the requests list asks for: a type and a status (each optional).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestFilter {
    pub request_type: Option<RequestType>,
    pub status: Option<RequestStatus>,
}

/// `GET /requests`: a page of the client's requests, newest activity first.
pub async fn requests(
    filter: RequestFilter,
    cursor: Option<String>,
) -> Result<Page<PortalRequestSummary>, ApiError> {
    let mut query = Vec::new();
    if let Some(t) = filter.request_type {
        query.push(format!("type={t}"));
    }
    if let Some(s) = filter.status {
        query.push(format!("status={s}"));
    }
    if let Some(c) = cursor {
        query.push(format!("cursor={}", encode(&c)));
    }
    Call::get(url(&format!("/requests?{}", query.join("&"))))
        .fetch()
        .await
}

/// `GET /requests/{id}`
pub async fn request(id: String) -> Result<PortalRequest, ApiError> {
    Call::get(url(&format!("/requests/{}", encode(&id))))
        .fetch()
        .await
}

/// `POST /requests`; `key` makes a retried submission create one request.
pub async fn create_request(body: RequestCreate, key: String) -> Result<PortalRequest, ApiError> {
    Call::post(url("/requests"))
        .header("Idempotency-Key", &key)
        .json(&body)
        .fetch()
        .await
}

/// `POST /requests/{id}/messages`
pub async fn reply_to_request(id: String, body: RequestReply) -> Result<RequestMessage, ApiError> {
    Call::post(url(&format!("/requests/{}/messages", encode(&id))))
        .json(&body)
        .fetch()
        .await
}

/// `POST /requests/{id}/close`
pub async fn close_request(id: String) -> Result<PortalRequest, ApiError> {
    Call::post(url(&format!("/requests/{}/close", encode(&id))))
        .fetch()
        .await
}

/// `POST /files` with progress (the session cookie goes along).
pub async fn upload_file(
    file: web_sys::File,
    progress: leptos::prelude::RwSignal<u32>,
    slot: web_ui::upload::XhrSlot,
) -> Result<FileMeta, ApiError> {
    use leptos::prelude::Set;
    let (status, text) =
        web_ui::upload::send_upload(&url("/files"), None, &file, progress, slot).await?;
    if (200..300).contains(&status) {
        progress.set(100);
        serde_json::from_str(&text).map_err(|e| ApiError::Decode(e.to_string()))
    } else {
        Err(web_ui::upload::server_error(status, &text))
    }
}

/// `GET /invoices`: the client's invoices with what is outstanding and overdue.
pub async fn invoices() -> Result<InvoiceList, ApiError> {
    Call::get(url("/invoices")).fetch().await
}

/// `GET /invoices/{id}`
pub async fn invoice(id: String) -> Result<Invoice, ApiError> {
    Call::get(url(&format!("/invoices/{}", encode(&id))))
        .fetch()
        .await
}

/// The live stream's address (`EventSource`).
pub const EVENTS: &str = "/portal/api/events";
