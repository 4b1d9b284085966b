//! The approval certificate: proof of a decision, assembled once from the database and served as
//! JSON (staff) or rendered as a PDF (staff and portal; the layout is in `pdf.rs`).

use crate::db::approvals::{self, ApprovalRow};
use crate::db::{audit, clients, contacts, orgs, projects, DbConn};
use crate::error::{ApiError, ApiResult};
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::HttpResponse;
use shared_types::approvals::{Certificate, CertificateFile};
use shared_types::ErrorCode;
use shared_types::{AuditAction, Decision};

/// 409 `not_decided`: the approval has no decided version yet.
pub fn not_decided() -> ApiError {
    ApiError::conflict(
        ErrorCode::NotDecided,
        "No version has been decided yet, so there is no certificate.",
    )
}

/// The certificate of `row`'s latest decided version (the caller found `row` in its own scope).
pub fn load(conn: &mut DbConn, row: &ApprovalRow) -> ApiResult<Certificate> {
    let versions = approvals::versions(conn, &row.client_id, &row.id)?;
    let version = versions
        .iter()
        .rev()
        .find(|v| v.decision.is_some())
        .ok_or_else(not_decided)?;
    let decision = version.decision().ok_or_else(not_decided)?;
    let (Some(contact_id), Some(decided_at)) = (&version.decided_by_contact, version.decided_at)
    else {
        return Err(not_decided());
    };
    let contact = contacts::get(conn, &row.org_id, &row.client_id, contact_id)?;
    let client = clients::get(conn, &row.org_id, &row.client_id)?;
    let project = projects::get(conn, &row.org_id, &row.project_id)?;
    let org = orgs::by_id(conn, &row.org_id)?;
    let files = approvals::files_of_version(conn, &row.client_id, &version.id)?;
    let entries = audit::list(conn, &row.id)?;
    let action = match decision {
        Decision::Approved => AuditAction::Approved,
        Decision::ChangesRequested => AuditAction::ChangesRequested,
    };
    let decided = entries
        .iter()
        .find(|e| e.action == action && e.version_number == version.number);
    Ok(Certificate {
        approval_id: row.id.clone(),
        agency_name: org.display_name,
        title: row.title.clone(),
        client_name: client.name,
        project_name: project.name,
        version: version.number,
        files: files
            .iter()
            .map(|f| CertificateFile {
                filename: f.filename.clone(),
                size_bytes: f.size_bytes,
                sha256: f.sha256.clone(),
            })
            .collect(),
        decision,
        decision_note: version.decision_note.clone(),
        decided_by_name: contact.name,
        decided_by_email: contact.email,
        decided_at: decided_at.and_utc(),
        ip: decided.and_then(|e| e.ip.clone()),
        session_id: decided.and_then(|e| e.session_id.clone()),
        audit_head_hash: entries.last().map(|e| e.hash.clone()).unwrap_or_default(),
        audit_verified: audit::first_broken(&entries).is_none(),
    })
}

/// `200 application/pdf` as an attachment named after the approval and version.
pub fn pdf_response(cert: &Certificate, pdf: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(download_name(cert))],
        })
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(pdf)
}

/// `certificate-<title as ASCII slug>-v<n>.pdf`: only `[a-z0-9-]`, whatever the title holds.
pub fn download_name(cert: &Certificate) -> String {
    let mut slug = String::new();
    for c in cert.title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("certificate-v{}.pdf", cert.version)
    } else {
        format!("certificate-{slug}-v{}.pdf", cert.version)
    }
}

mod layout;
mod pdf;
pub use pdf::{render_pdf, RenderOptions};
