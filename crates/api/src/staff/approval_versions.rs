//! Resubmission: staff add a new version (with its files) to an approval, which reopens it for
//! the client's decision.

use super::projects::event;
use crate::auth::StaffUser;
use crate::db::approvals;
use crate::db::{activity, write_tx};
use crate::error::{ApiResult, Fields};
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use shared_types::approvals::{self as rules, Approval, VersionCreate};
use shared_types::{ApprovalStatus, AuditAction};

use super::approvals::{audit_submission, detail, version_files};

#[utoipa::path(
    post,
    path = "/api/v1/approvals/{id}/versions",
    tag = "approvals",
    security(("staff_jwt" = [])),
    request_body = VersionCreate,
    params(("id" = String, Path, description = "Approval id")),
    responses(
        (status = 201, description = "The approval with its new version, pending again.", body = Approval),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::ValidationFailed),
    )
)]
pub async fn create_version(
    state: web::Data<AppState>,
    user: StaffUser,
    path: web::Path<String>,
    body: web::Json<VersionCreate>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let body = body.into_inner();
    Fields::default()
        .check("notes", rules::notes(&body.notes))
        .finish()?;
    let now = state.now();
    let approval = state
        .db
        .run(move |conn| {
            write_tx(conn, |conn| {
                let mut row = approvals::get(conn, &user.org_id, &id)?;
                let file_rows = version_files(conn, &row.client_id, &body)?;
                row.current_version += 1;
                row.status = ApprovalStatus::Pending;
                row.decided_at = None;
                row.updated_at = now;
                approvals::save(conn, &row)?;
                let n = row.current_version;
                approvals::insert_version(conn, &row, n, &body.notes, &user.id, &file_rows, now)?;
                audit_submission(conn, &row, &user, AuditAction::Resubmitted, &file_rows, now)?;
                let summary = format!("Version {n} of {} is ready for your review", row.title);
                let ev = event(
                    &user,
                    &row.client_id,
                    ("approval", &row.id),
                    "resubmitted",
                    summary,
                    true,
                );
                activity::record(conn, ev, now)?;
                detail(conn, &row)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(approval))
}
