//! What a contact does to an approval: decide (approve or request changes) and comment. The rules,
//! the audit entry and the event are in `domain::approvals`.

use crate::auth::portal_user::Permission;
use crate::auth::Portal;
use crate::db::approvals;
use crate::db::write_tx;
use crate::domain::approvals::{CommentDraft, OwnCommentChange};
use crate::domain::{self, Actor};
use crate::error::{ApiError, ApiResult};
use crate::web::extract::JsonBody;
use actix_web::{delete, patch, post};
use actix_web::{web, HttpResponse};
use shared_types::approvals::{
    Comment, PortalApproval, PortalCommentCreate, PortalCommentEdit, RespondBody,
};

use super::approvals::portal_detail;

#[utoipa::path(
    operation_id = "portal_respond_to_approval",
    tag = "portal-approvals",
    request_body = RespondBody,
    params(("id" = String, Path, description = "Approval id")),
    responses(
        (status = 200, description = "The decision is recorded (with the version's file hashes, the session and the IP) and the approval's status follows it.", body = PortalApproval),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 409, response = crate::openapi::Conflict),
        crate::openapi::WriteErrors,
    )
)]
#[post("/approvals/{id}/respond")]
pub async fn respond_to_approval(
    portal: Portal,
    path: web::Path<String>,
    body: JsonBody<RespondBody>,
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
    tag = "portal-approvals",
    request_body = PortalCommentCreate,
    params(("id" = String, Path, description = "Approval id")),
    responses(
        (status = 201, description = "The comment, on a version; with a timecode (audio, video) or a region (image), or as a reply.", body = Comment),
        (status = 403, response = crate::openapi::Forbidden),
        crate::openapi::WriteErrors,
    )
)]
#[post("/approvals/{id}/comments")]
pub async fn create_comment(
    portal: Portal,
    path: web::Path<String>,
    body: JsonBody<PortalCommentCreate>,
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

#[derive(Debug, serde::Deserialize)]
pub struct CommentPath {
    id: String,
    comment_id: String,
}

#[utoipa::path(
    operation_id = "portal_edit_approval_comment",
    tag = "portal-approvals",
    request_body = PortalCommentEdit,
    params(
        ("id" = String, Path, description = "Approval id"),
        ("comment_id" = String, Path, description = "Comment id"),
    ),
    responses(
        (status = 200, description = "The contact's own comment with its new text (`edited_at` set); audited as `comment_edited`. Only while its version is undecided.", body = Comment),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 409, response = crate::openapi::Conflict),
        crate::openapi::WriteErrors,
    )
)]
#[patch("/approvals/{id}/comments/{comment_id}")]
pub async fn edit_comment(
    portal: Portal,
    path: web::Path<CommentPath>,
    body: JsonBody<PortalCommentEdit>,
) -> ApiResult<web::Json<Comment>> {
    let CommentPath { id, comment_id } = path.into_inner();
    let body = body.into_inner().body;
    let change = OwnCommentChange::Edit(body);
    let comment = change_comment(portal, id, comment_id, change).await?;
    comment.map(web::Json).ok_or(ApiError::NotFound)
}

#[utoipa::path(
    operation_id = "portal_delete_approval_comment",
    tag = "portal-approvals",
    params(
        ("id" = String, Path, description = "Approval id"),
        ("comment_id" = String, Path, description = "Comment id"),
    ),
    responses(
        (status = 204, description = "The contact's own comment is deleted (audited as `comment_deleted`). Only while its version is undecided, and not when it has replies (409 `has_replies`)."),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 409, response = crate::openapi::Conflict),
        crate::openapi::ByIdErrors,
    )
)]
#[delete("/approvals/{id}/comments/{comment_id}")]
pub async fn delete_comment(
    portal: Portal,
    path: web::Path<CommentPath>,
) -> ApiResult<HttpResponse> {
    let CommentPath { id, comment_id } = path.into_inner();
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
