//! What a contact does to an approval: decide (approve or request changes) and comment. The rules,
//! the audit entry and the event are in `domain::approvals`.

use crate::auth::portal_user::Permission;
use crate::auth::Portal;
use crate::db::approvals;
use crate::db::write_tx;
use crate::domain::approvals::{CommentDraft, OwnCommentChange};
use crate::domain::{self, Actor};
use crate::error::{ApiError, ApiResult, Reply};
use crate::web::extract::Json;
use crate::web::paths::ApprovalId;
use crate::web::tagged::Tagged;
use actix_web::{delete, patch, post};
use actix_web::{web, HttpResponse};
use shared_types::approvals::{
    Comment, PortalApproval, PortalCommentCreate, PortalCommentEdit, RespondBody,
};

use super::approvals::portal_detail;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(respond_to_approval)
        .service(create_comment)
        .service(edit_comment)
        .service(delete_comment);
}

#[utoipa::path(
    operation_id = "portal_respond_to_approval",
    params(ApprovalId),
    responses(
        (status = 200, description = "The decision is recorded (with the version's file hashes, the session and the IP) and the approval's status follows it.", body = PortalApproval),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[post("/approvals/{id}/respond")]
pub async fn respond_to_approval(
    portal: Portal,
    ApprovalId { id }: ApprovalId,
    Json(body): Json<RespondBody>,
) -> Reply<PortalApproval> {
    let now = portal.state().now();
    let ip = portal.ip.clone();
    let approval = portal
        .run(move |conn, user| {
            // Not yours is not found, even without the permission: look the approval up first.
            let client_id = user.client.id.clone();
            approvals::get_for_client(conn, &client_id, &id)?;
            user.require(Permission::ApproveWork)?;
            let contact = Actor::contact(&user, ip);
            let (version, choice) = (body.version, body.decision);
            let row = domain::approvals::decide(
                conn, &contact, &client_id, &id, version, choice, &body.note, now,
            )?;
            portal_detail(conn, &user, &row)
        })
        .await?;
    Ok(web::Json(approval))
}

#[utoipa::path(
    operation_id = "portal_create_approval_comment",
    params(ApprovalId),
    responses(
        (status = 201, description = "The comment, on a version; with a timecode (audio, video) or a region (image), or as a reply.", body = Comment),
    )
)]
#[post("/approvals/{id}/comments")]
pub async fn create_comment(
    portal: Portal,
    ApprovalId { id }: ApprovalId,
    Json(body): Json<PortalCommentCreate>,
) -> ApiResult<HttpResponse> {
    let now = portal.state().now();
    let ip = portal.ip.clone();
    let comment: Comment = portal
        .run(move |conn, user| {
            // Not yours is not found, even without the permission.
            let client_id = user.client.id.clone();
            approvals::get_for_client(conn, &client_id, &id)?;
            user.require(Permission::AddComments)?;
            let author = Actor::contact(&user, ip);
            let draft = CommentDraft {
                body: body.body,
                version: body.version,
                timecode_ms: body.timecode_ms,
                region: body.region,
                parent_id: body.parent_id,
                internal: false,
            };
            write_tx(conn, |conn| {
                let row = approvals::get_for_client(conn, &client_id, &id)?;
                domain::approvals::comment(conn, &author, &row, draft, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(comment))
}

/// `/approvals/{id}/comments/{comment_id}`
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CommentPath {
    /// Approval id
    id: String,
    /// Comment id
    comment_id: String,
}
crate::web::extract::from_path!(CommentPath);

#[utoipa::path(
    operation_id = "portal_edit_approval_comment",
    params(CommentPath),
    responses(
        (status = 200, description = "The contact's own comment with its new text (`edited_at` set); audited as `comment_edited`. Only while its version is undecided.", body = Comment),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[patch("/approvals/{id}/comments/{comment_id}")]
pub async fn edit_comment(
    portal: Portal,
    CommentPath { id, comment_id }: CommentPath,
    Json(body): Json<PortalCommentEdit>,
) -> Reply<Comment> {
    let body = body.body;
    let change = OwnCommentChange::Edit(body);
    let comment = change_comment(portal, id, comment_id, change).await?;
    comment.map(web::Json).ok_or(ApiError::NotFound)
}

#[utoipa::path(
    operation_id = "portal_delete_approval_comment",
    params(CommentPath),
    responses(
        (status = 204, description = "The contact's own comment is deleted (audited as `comment_deleted`). Only while its version is undecided, and not when it has replies (409 `has_replies`)."),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[delete("/approvals/{id}/comments/{comment_id}")]
pub async fn delete_comment(
    portal: Portal,
    CommentPath { id, comment_id }: CommentPath,
) -> ApiResult<HttpResponse> {
    change_comment(portal, id, comment_id, OwnCommentChange::Delete).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Edits or deletes the contact's own comment: the approval must be theirs (else 404), and they
/// must still be allowed to comment.
async fn change_comment(
    portal: Portal,
    id: String,
    comment_id: String,
    change: OwnCommentChange,
) -> ApiResult<Option<Comment>> {
    let now = portal.state().now();
    let ip = portal.ip.clone();
    portal
        .run(move |conn, user| {
            let client_id = user.client.id.clone();
            approvals::get_for_client(conn, &client_id, &id)?;
            user.require(Permission::AddComments)?;
            let author = Actor::contact(&user, ip);
            write_tx(conn, |conn| {
                let row = approvals::get_for_client(conn, &client_id, &id)?;
                domain::approvals::change_own_comment(conn, &author, &row, &comment_id, change, now)
            })
        })
        .await
}
