//! Approvals: list, create, read, update, resubmit, archive, comments, audit trail.

use super::{json, url};
use shared_types::approvals::{
    Approval, ApprovalCreate, ApprovalSummary, ApprovalUpdate, AuditLog, Comment,
    StaffCommentCreate, VersionCreate,
};
use shared_types::{ApprovalStatus, Page};
use web_ui::http::encode;
use web_ui::{ApiError, Call};

/// The list's filters; empty strings mean "any".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ApprovalFilter {
    pub client_id: String,
    pub project_id: String,
    pub status: Option<ApprovalStatus>,
    /// `YYYY-MM-DD`: only approvals due before it.
    pub due_before: String,
}

/// `GET /approvals?client_id=&project_id=&status=&due_before=&cursor=`
pub async fn list_approvals(
    filter: ApprovalFilter,
    cursor: Option<String>,
) -> Result<Page<ApprovalSummary>, ApiError> {
    let mut path = "/approvals?limit=50".to_owned();
    let mut add = |key: &str, value: &str| {
        if !value.is_empty() {
            path.push_str(&format!("&{key}={}", encode(value)));
        }
    };
    add("client_id", &filter.client_id);
    add("project_id", &filter.project_id);
    add(
        "status",
        filter.status.map(|s| s.as_str()).unwrap_or_default(),
    );
    add("due_before", &filter.due_before);
    add("cursor", cursor.as_deref().unwrap_or_default());
    json(Call::get(url(&path))).await
}

fn approval_url(id: &str, rest: &str) -> String {
    url(&format!("/approvals/{}{rest}", encode(id)))
}

pub async fn create_approval(body: ApprovalCreate) -> Result<Approval, ApiError> {
    json(Call::post(url("/approvals")).json(&body)).await
}

pub async fn get_approval(id: String) -> Result<Approval, ApiError> {
    json(Call::get(approval_url(&id, ""))).await
}

pub async fn update_approval(id: String, body: ApprovalUpdate) -> Result<Approval, ApiError> {
    json(Call::patch(approval_url(&id, "")).json(&body)).await
}

/// Resubmits: the next version with new files.
pub async fn create_version(id: String, body: VersionCreate) -> Result<Approval, ApiError> {
    json(Call::post(approval_url(&id, "/versions")).json(&body)).await
}

pub async fn archive_approval(id: String) -> Result<Approval, ApiError> {
    json(Call::post(approval_url(&id, "/archive"))).await
}

pub async fn create_comment(id: String, body: StaffCommentCreate) -> Result<Comment, ApiError> {
    json(Call::post(approval_url(&id, "/comments")).json(&body)).await
}

pub async fn get_audit(id: String) -> Result<AuditLog, ApiError> {
    json(Call::get(approval_url(&id, "/audit"))).await
}

/// Where the decision certificate of an approval is served, as JSON or as a PDF document.
pub fn certificate_url(id: &str, pdf: bool) -> String {
    approval_url(
        id,
        if pdf {
            "/certificate.pdf"
        } else {
            "/certificate"
        },
    )
}

/// Where staff download a file (`Range` supported, so media seek).
pub fn file_url(id: &str) -> String {
    url(&format!("/files/{}", encode(id)))
}
