//! Approvals, staff side, continued: staff comments (optionally internal), the audit trail with
//! its hash-chain verification, and the decision certificate (JSON and PDF, see `certificate.rs`).

use crate::auth::Staff;
use crate::certificate::{self, RenderOptions};
use crate::db::{approval_comments, approvals, audit, orgs};
use crate::domain::approvals::CommentDraft;
use crate::domain::invoice_documents::load_logo;
use crate::domain::{self, Actor};
use crate::error::{ApiResult, Reply};
use crate::pdf::Rgb;
use crate::web::extract::Json;
use crate::web::paths::ApprovalId;
use crate::web::tagged::Tagged;
use actix_web::{get, post};
use actix_web::{web, HttpResponse};
use shared_types::approvals::{AuditEntry, AuditLog, Certificate, Comment, StaffCommentCreate};
use std::collections::HashMap;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(create_comment)
        .service(get_audit)
        .service(get_certificate)
        .service(get_certificate_pdf);
}

#[utoipa::path(
    params(ApprovalId),
    responses(
        (status = 201, description = "The comment. `internal` comments are never shown to the client.", body = Comment),
    )
)]
#[post("/approvals/{id}/comments")]
pub async fn create_comment(
    staff: Staff,
    ApprovalId { id }: ApprovalId,
    Json(body): Json<StaffCommentCreate>,
) -> ApiResult<HttpResponse> {
    let now = staff.now();
    let comment = staff
        .write(move |conn, user| {
            let row = approvals::get(conn, &user.org_id, &id)?;
            let draft = CommentDraft {
                body: body.body,
                version: body.version,
                timecode_ms: body.timecode_ms,
                region: body.region,
                parent_id: body.parent_id,
                internal: body.internal,
            };
            domain::approvals::comment(conn, &Actor::from(&user), &row, draft, now)
        })
        .await?;
    Ok(HttpResponse::Created().json(comment))
}

#[utoipa::path(
    params(ApprovalId),
    responses(
        (status = 200, description = "Every audit entry in order, and whether the hash chain still verifies (`broken_at`: the first entry that does not).", body = AuditLog),
    )
)]
#[get("/approvals/{id}/audit")]
pub async fn get_audit(staff: Staff, ApprovalId { id }: ApprovalId) -> Reply<AuditLog> {
    let log = staff
        .run(move |conn, user| {
            let row = approvals::get(conn, &user.org_id, &id)?;
            let entries = audit::list(conn, &row.id)?;
            let broken_at = audit::first_broken(&entries);
            // Comment entries show the comment's text, not just its id.
            let texts: HashMap<String, String> =
                approval_comments::list(conn, &row.client_id, &row.id, true)?
                    .into_iter()
                    .map(|c| (c.id, c.body))
                    .collect();
            let wire = |e: &audit::AuditRow| AuditEntry {
                comment: e.comment_id().and_then(|id| texts.get(id).cloned()),
                ..e.to_wire()
            };
            Ok(AuditLog {
                entries: entries.iter().map(wire).collect(),
                verified: broken_at.is_none(),
                broken_at,
            })
        })
        .await?;
    Ok(web::Json(log))
}

/// The certificate of the latest decided version, as JSON.
#[utoipa::path(
    params(ApprovalId),
    responses(
        (status = 200, description = "Proof of the latest decision: the agency, the version, its files' names, sizes and SHA-256, the decision, who decided (name and email), when, from which IP and session, and the audit head hash. The same as a PDF: `certificate.pdf`.", body = Certificate),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[get("/approvals/{id}/certificate")]
pub async fn get_certificate(staff: Staff, ApprovalId { id }: ApprovalId) -> Reply<Certificate> {
    let cert = staff
        .run(move |conn, user| {
            let row = approvals::get(conn, &user.org_id, &id)?;
            certificate::load(conn, &row)
        })
        .await?;
    Ok(web::Json(cert))
}

/// The certificate of the latest decided version, as a PDF document.
#[utoipa::path(
    params(ApprovalId),
    responses(
        (status = 200, description = "`application/pdf`, as an attachment: the certificate of the agency, client, project, approval, the decided version with each file's name, size and SHA-256, the decision, who decided (name, email), when (UTC), the note, the decider's IP and session, whether the audit chain verifies and its latest hash, and when the document was generated."),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[get("/approvals/{id}/certificate.pdf")]
pub async fn get_certificate_pdf(
    staff: Staff,
    ApprovalId { id }: ApprovalId,
) -> ApiResult<HttpResponse> {
    let generated_at = staff.now();
    let state = staff.shared_state();
    let (cert, org) = staff
        .run(move |conn, user| {
            let row = approvals::get(conn, &user.org_id, &id)?;
            Ok((
                certificate::load(conn, &row)?,
                orgs::by_id(conn, &row.org_id)?,
            ))
        })
        .await?;
    let options = RenderOptions {
        include_origin: true,
        generated_at,
        accent: Rgb::parse_hex(&org.accent_color),
        logo: load_logo(&state, org.logo_key.as_deref()).await,
    };
    // Text, lines and a small logo: rendering takes about a millisecond.
    let pdf = certificate::render_pdf(&cert, &options);
    Ok(certificate::pdf_response(&cert, pdf))
}
