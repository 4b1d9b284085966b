//! Resubmission: staff add a new version (with its files) to an approval, which reopens it for
//! the client's decision.

use crate::auth::Staff;
use crate::db::approvals;
use crate::domain::{self, Actor};
use crate::error::{ApiResult, Fields};
use crate::web::extract::Json;
use crate::web::paths::ApprovalId;
use crate::web::tagged::Tagged;
use actix_web::post;
use actix_web::HttpResponse;
use shared_types::approvals::{self as rules, Approval, VersionCreate};

use super::approvals::{detail, version_files};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(create_version);
}

#[utoipa::path(
    params(ApprovalId),
    responses(
        (status = 201, description = "The approval with its new version, pending again.", body = Approval),
    )
)]
#[post("/approvals/{id}/versions")]
pub async fn create_version(
    staff: Staff,
    ApprovalId { id }: ApprovalId,
    Json(body): Json<VersionCreate>,
) -> ApiResult<HttpResponse> {
    Fields::default()
        .check("notes", rules::notes(&body.notes))
        .finish()?;
    let now = staff.now();
    let approval = staff
        .write(move |conn, user| {
            let mut row = approvals::get(conn, &user.org_id, &id)?;
            let file_rows = version_files(conn, &row.client_id, &body)?;
            let actor = Actor::from(&user);
            domain::approvals::resubmit(conn, &actor, &mut row, &body.notes, &file_rows, now)?;
            detail(conn, &row)
        })
        .await?;
    Ok(HttpResponse::Created().json(approval))
}
