//! Approvals, staff side, continued: staff comments (optionally internal), the audit trail with
//! its hash-chain verification, and the decision certificate.

use super::approvals::actor_name;
use crate::auth::StaffUser;
use crate::db::approval_comments::{self, NewComment};
use crate::db::{approvals, audit, clients, contacts, projects, write_tx};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use shared_types::approvals::{
    AuditLog, Certificate, CertificateFile, Comment, StaffCommentCreate,
};
use shared_types::AuditAction;

#[utoipa::path(
    post,
    path = "/api/v1/approvals/{id}/comments",
    tag = "approvals",
    security(("staff_jwt" = [])),
    request_body = StaffCommentCreate,
    params(("id" = String, Path, description = "Approval id")),
    responses(
        (status = 201, description = "The comment. `internal` comments are never shown to the client.", body = Comment),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::ValidationFailed),
    )
)]
pub async fn create_comment(
    state: web::Data<AppState>,
    user: StaffUser,
    path: web::Path<String>,
    body: web::Json<StaffCommentCreate>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let body = body.into_inner();
    let now = state.now();
    let comment = state
        .db
        .run(move |conn| {
            write_tx(conn, |conn| {
                let row = approvals::get(conn, &user.org_id, &id)?;
                let name = actor_name(conn, &user)?;
                approval_comments::post(
                    conn,
                    &row,
                    NewComment {
                        author_kind: "staff",
                        author_id: &user.id,
                        author_name: &name,
                        body: &body.body,
                        version: body.version,
                        timecode_ms: body.timecode_ms,
                        region: body.region,
                        parent_id: body.parent_id.as_deref(),
                        internal: body.internal,
                        session_id: None,
                        ip: None,
                    },
                    now,
                )
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(comment))
}

#[utoipa::path(
    get,
    path = "/api/v1/approvals/{id}/audit",
    tag = "approvals",
    security(("staff_jwt" = [])),
    params(("id" = String, Path, description = "Approval id")),
    responses(
        (status = 200, description = "Every audit entry in order, and whether the hash chain still verifies (`broken_at`: the first entry that does not).", body = AuditLog),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn get_audit(
    state: web::Data<AppState>,
    user: StaffUser,
    path: web::Path<String>,
) -> ApiResult<web::Json<AuditLog>> {
    let id = path.into_inner();
    let log = state
        .db
        .run(move |conn| {
            let row = approvals::get(conn, &user.org_id, &id)?;
            let entries = audit::list(conn, &row.id)?;
            let broken_at = audit::first_broken(&entries);
            Ok(AuditLog {
                entries: entries.iter().map(audit::AuditRow::to_wire).collect(),
                verified: broken_at.is_none(),
                broken_at,
            })
        })
        .await?;
    Ok(web::Json(log))
}

/// The certificate of the latest decided version (JSON; a PDF rendering is a later task).
#[utoipa::path(
    get,
    path = "/api/v1/approvals/{id}/certificate",
    tag = "approvals",
    security(("staff_jwt" = [])),
    params(("id" = String, Path, description = "Approval id")),
    responses(
        (status = 200, description = "Proof of the latest decision: the version, its files' names and SHA-256, the decision, who decided (name and email), when, from which IP and session, and the audit head hash. JSON only for now; a PDF rendering is planned.", body = Certificate),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
pub async fn get_certificate(
    state: web::Data<AppState>,
    user: StaffUser,
    path: web::Path<String>,
) -> ApiResult<web::Json<Certificate>> {
    let id = path.into_inner();
    let cert = state
        .db
        .run(move |conn| {
            let row = approvals::get(conn, &user.org_id, &id)?;
            let versions = approvals::versions(conn, &row.client_id, &row.id)?;
            let not_decided =
                || ApiError::conflict("not_decided", "No version has been decided yet.");
            let version = versions
                .iter()
                .rev()
                .find(|v| v.decision.is_some())
                .ok_or_else(not_decided)?;
            let decision = version.decision().ok_or_else(not_decided)?;
            let (Some(contact_id), Some(decided_at)) =
                (&version.decided_by_contact, version.decided_at)
            else {
                return Err(not_decided());
            };
            let contact = contacts::get(conn, &user.org_id, &row.client_id, contact_id)?;
            let client = clients::get(conn, &user.org_id, &row.client_id)?;
            let project = projects::get(conn, &user.org_id, &row.project_id)?;
            let files =
                approvals::files_of(conn, &row.client_id, std::slice::from_ref(&version.id))?
                    .remove(&version.id)
                    .unwrap_or_default();
            let entries = audit::list(conn, &row.id)?;
            let action = match decision {
                shared_types::Decision::Approved => AuditAction::Approved,
                shared_types::Decision::ChangesRequested => AuditAction::ChangesRequested,
            };
            let decided = entries
                .iter()
                .find(|e| e.action == action.as_str() && e.version_number == version.number);
            Ok(Certificate {
                approval_id: row.id.clone(),
                title: row.title.clone(),
                client_name: client.name,
                project_name: project.name,
                version: version.number,
                files: files
                    .iter()
                    .map(|f| CertificateFile {
                        filename: f.filename.clone(),
                        sha256: f.sha256.clone(),
                    })
                    .collect(),
                decision,
                decision_note: version.decision_note.clone(),
                decided_by_name: contact.name,
                decided_by_email: contact.email,
                decided_at,
                ip: decided.and_then(|e| e.ip.clone()),
                session_id: decided.and_then(|e| e.session_id.clone()),
                audit_head_hash: entries.last().map(|e| e.hash.clone()).unwrap_or_default(),
                audit_verified: audit::first_broken(&entries).is_none(),
            })
        })
        .await?;
    Ok(web::Json(cert))
}
