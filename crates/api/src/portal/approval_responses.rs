//! What a contact does to an approval: decide (approve or request changes) and comment. The rules,
//! the audit entry and the event are in `domain::approvals`.

use crate::auth::portal_user::Permission;
use crate::auth::Portal;
use crate::db::approvals;
use crate::db::write_tx;
use crate::domain::approvals::CommentDraft;
use crate::domain::{self, Actor};
use crate::error::ApiResult;
use crate::web::extract::JsonBody;
use actix_web::post;
use actix_web::{web, HttpResponse};
use shared_types::approvals::{Comment, PortalApproval, PortalCommentCreate, RespondBody};

use super::approvals::portal_detail;

#[utoipa::path(
    operation_id = "portal_respond_to_approval",
    tag = "portal-approvals",
    security(("portal_session" = [])),
    request_body = RespondBody,
    params(("id" = String, Path, description = "Approval id")),
    responses(
        (status = 200, description = "The decision is recorded (with the version's file hashes, the session and the IP) and the approval's status follows it.", body = PortalApproval),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 409, response = crate::openapi::Conflict),
        crate::openapi::JsonBodyErrors,
        crate::openapi::ByIdErrors,
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
            portal_detail(conn, user.perms(), &row)
        })
        .await?;
    Ok(web::Json(approval))
}

#[utoipa::path(
    operation_id = "portal_create_approval_comment",
    tag = "portal-approvals",
    security(("portal_session" = [])),
    request_body = PortalCommentCreate,
    params(("id" = String, Path, description = "Approval id")),
    responses(
        (status = 201, description = "The comment, on a version; with a timecode (audio, video) or a region (image), or as a reply.", body = Comment),
        (status = 403, response = crate::openapi::Forbidden),
        crate::openapi::JsonBodyErrors,
        crate::openapi::ByIdErrors,
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
