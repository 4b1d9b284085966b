//! What a contact does to an approval: decide (approve or request changes) and comment. Each is
//! recorded in the approval's audit chain in the same transaction.

use crate::auth::portal_user::Permission;
use crate::auth::Portal;
use crate::db::approval_comments::{self, NewComment};
use crate::db::approvals;
use crate::db::audit;
use crate::db::{activity, write_tx};
use crate::error::{ApiError, ApiResult, Fields};
use actix_web::{web, HttpResponse};
use shared_types::approvals::{notes, Comment, PortalApproval, PortalCommentCreate, RespondBody};
use shared_types::ErrorCode;
use shared_types::{ApprovalStatus, AuditAction, Decision, ResponseChoice};
use std::collections::BTreeMap;

use super::approvals::{file_hashes, portal_detail, Who};

#[utoipa::path(
    post,
    path = "/portal/api/approvals/{id}/respond",
    operation_id = "portal_respond_to_approval",
    tag = "portal-approvals",
    security(("portal_session" = [])),
    request_body = RespondBody,
    params(("id" = String, Path, description = "Approval id")),
    responses(
        (status = 200, description = "The decision is recorded (with the version's file hashes, the session and the IP) and the approval's status follows it.", body = PortalApproval),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::ValidationFailed),
    )
)]
pub async fn respond_to_approval(
    portal: Portal,
    path: web::Path<String>,
    body: web::Json<RespondBody>,
) -> ApiResult<web::Json<PortalApproval>> {
    let id = path.into_inner();
    let body = body.into_inner();
    let now = portal.state().now();
    let ip = portal.ip.clone();
    let approval = portal
        .run(move |conn, user| {
            // Not yours is not found, even without the permission: look the approval up first.
            let client_id = user.client.id.clone();
            approvals::get_for_client(conn, &client_id, &id)?;
            user.require(Permission::ApproveWork)?;
            let note = body.note.trim().to_owned();
            let mut fields = Fields::default();
            fields.check("note", notes(&note));
            if body.decision == ResponseChoice::RequestChanges && note.is_empty() {
                fields.check("note", Err("Say what should change."));
            }
            fields.finish()?;
            let who = Who::of(&user, ip);
            let perms = (
                user.permissions.can_approve_work,
                user.permissions.can_add_comments,
            );
            let org_id = user.client.org_id;
            write_tx(conn, |conn| {
                let row = approvals::get_for_client(conn, &client_id, &id)?;
                let latest = row.current_version;
                if body.version != latest {
                    return Err(ApiError::ConflictFields {
                        code: ErrorCode::StaleVersion,
                        message: format!(
                            "Version {latest} is the latest; review it before deciding."
                        ),
                        fields: BTreeMap::from([("version".to_owned(), latest.to_string())]),
                    });
                }
                let already = || {
                    ApiError::conflict(
                        ErrorCode::AlreadyDecided,
                        "This version has already been decided.",
                    )
                };
                let version =
                    approvals::version(conn, &client_id, &row.id, latest)?.ok_or_else(already)?;
                let decision = body.decision.decision();
                let note = (!note.is_empty()).then_some(note.as_str());
                if !approvals::decide(conn, &version, decision, &who.contact_id, note, now)? {
                    return Err(already());
                }
                let (status, action, verb) = match decision {
                    Decision::Approved => {
                        (ApprovalStatus::Approved, AuditAction::Approved, "approved")
                    }
                    Decision::ChangesRequested => (
                        ApprovalStatus::ChangesRequested,
                        AuditAction::ChangesRequested,
                        "requested changes to",
                    ),
                };
                approvals::set_status(conn, &row, status, Some(now), now)?;
                let hashes = file_hashes(conn, &row, &version.id)?;
                let detail = note.unwrap_or_default().to_owned();
                audit::append(conn, who.entry(&row, action, latest, &hashes, detail), now)?;
                let summary = format!("{} {verb} {} (version {latest})", who.name, row.title);
                activity::record(
                    conn,
                    activity::Event {
                        org_id: &org_id,
                        client_id: Some(&client_id),
                        actor_kind: "contact",
                        actor_id: Some(&who.contact_id),
                        verb: action.as_str(),
                        subject_kind: "approval",
                        subject_id: Some(&row.id),
                        summary,
                        client_visible: true,
                    },
                    now,
                )?;
                let row = approvals::get_for_client(conn, &client_id, &id)?;
                portal_detail(conn, perms, &row)
            })
        })
        .await?;
    Ok(web::Json(approval))
}

#[utoipa::path(
    post,
    path = "/portal/api/approvals/{id}/comments",
    operation_id = "portal_create_approval_comment",
    tag = "portal-approvals",
    security(("portal_session" = [])),
    request_body = PortalCommentCreate,
    params(("id" = String, Path, description = "Approval id")),
    responses(
        (status = 201, description = "The comment, on a version; with a timecode (audio, video) or a region (image), or as a reply.", body = Comment),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::ValidationFailed),
    )
)]
pub async fn create_comment(
    portal: Portal,
    path: web::Path<String>,
    body: web::Json<PortalCommentCreate>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let body = body.into_inner();
    let now = portal.state().now();
    let ip = portal.ip.clone();
    let comment: Comment = portal
        .run(move |conn, user| {
            // Not yours is not found, even without the permission.
            let client_id = user.client.id.clone();
            approvals::get_for_client(conn, &client_id, &id)?;
            user.require(Permission::AddComments)?;
            let who = Who::of(&user, ip);
            write_tx(conn, |conn| {
                let row = approvals::get_for_client(conn, &client_id, &id)?;
                approval_comments::post(
                    conn,
                    &row,
                    NewComment {
                        author_kind: "contact",
                        author_id: &who.contact_id,
                        author_name: &who.name,
                        body: &body.body,
                        version: body.version,
                        timecode_ms: body.timecode_ms,
                        region: body.region,
                        parent_id: body.parent_id.as_deref(),
                        internal: false,
                        session_id: Some(&who.session_id),
                        ip: Some(&who.ip),
                    },
                    now,
                )
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(comment))
}
