//! The client's approvals: the list with counts per status, one approval (opening it records a
//! `viewed` entry and moves it to `in_review`), the decision, and comments. Internal comments and
//! other people's addresses or sessions never leave this module.

use crate::auth::portal_user::PortalUser;
use crate::auth::Portal;
use crate::certificate::{self, RenderOptions};
use crate::db::approval_comments::{self, CommentRow};
use crate::db::approvals::{self, ApprovalRow};
use crate::db::{audit, DbConn};
use crate::domain::invoice_documents::load_logo;
use crate::domain::{self, Actor};
use crate::error::{ApiResult, Reply};
use crate::pdf::Rgb;
use crate::web::paths::ApprovalId;
use crate::web::tagged::Tagged;
use actix_web::get;
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use shared_types::approvals::{Comment, PortalApproval, PortalApprovalList};
use shared_types::ApprovalStatus;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(list_approvals)
        .service(get_approval)
        .service(get_certificate_pdf);
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only approvals in this status (a tab).
    status: Option<ApprovalStatus>,
}

#[utoipa::path(
    operation_id = "portal_list_approvals",
    params(ListParams),
    responses(
        (status = 200, description = "The client's live approvals, those awaiting review first, then by due date; with counts per status for the tabs.", body = PortalApprovalList),
        (status = 400, response = crate::openapi::BadRequest),
    )
)]
#[get("/approvals")]
pub async fn list_approvals(
    portal: Portal,
    web::Query(params): web::Query<ListParams>,
) -> Reply<PortalApprovalList> {
    let status = params.status;
    let list = portal
        .run(move |conn, user| {
            let rows = approvals::list_for_client(conn, user.client_id(), status)?;
            Ok(PortalApprovalList {
                items: rows.iter().map(ApprovalRow::to_portal_summary).collect(),
                counts: approvals::counts_for_client(conn, user.client_id())?,
            })
        })
        .await?;
    Ok(web::Json(list))
}

/// The client's view of one approval, after recording that this contact has seen it. The
/// contact's own comments on undecided versions are marked `editable` (when they may comment).
pub(super) fn portal_detail(
    conn: &mut DbConn,
    user: &PortalUser,
    row: &ApprovalRow,
) -> ApiResult<PortalApproval> {
    let (can_approve, can_comment) = user.perms();
    let versions = approvals::wire_versions(conn, &row.client_id, &row.id)?;
    let comments = approval_comments::list(conn, &row.client_id, &row.id, false)?;
    let trail = audit::list(conn, &row.id)?;
    let open = versions.last().is_some_and(|v| v.decision.is_none());
    let undecided = |n: i32| {
        versions
            .iter()
            .any(|v| v.number == n && v.decision.is_none())
    };
    let editable = |c: &CommentRow| {
        can_comment
            && c.author_kind == "contact"
            && c.author_id == user.contact.id
            && undecided(c.version_number)
    };
    let comments = comments
        .iter()
        .map(|c| Comment {
            editable: editable(c),
            ..c.to_wire()
        })
        .collect();
    Ok(PortalApproval {
        summary: row.to_portal_summary(),
        description: row.description.clone(),
        versions,
        comments,
        audit: trail.iter().map(audit::AuditRow::to_summary).collect(),
        can_respond: can_approve && open,
        can_comment,
    })
}

#[utoipa::path(
    operation_id = "portal_get_approval",
    params(ApprovalId),
    responses(
        (status = 200, description = "The approval: versions with file metadata, the visible comment thread, an audit summary and what this contact may do. The first view of each version by a contact is recorded, and a pending approval moves to in review.", body = PortalApproval),
    )
)]
#[get("/approvals/{id}")]
pub async fn get_approval(portal: Portal, ApprovalId { id }: ApprovalId) -> Reply<PortalApproval> {
    let now = portal.state().now();
    let ip = portal.ip.clone();
    let approval = portal
        .run(move |conn, user| {
            let row = if user.preview_id.is_some() {
                // Staff previewing: the contact has not seen it.
                approvals::get_for_client(conn, user.client_id(), &id)?
            } else {
                let contact = Actor::contact(&user, ip);
                domain::approvals::view(conn, &contact, user.client_id(), &id, now)?
            };
            portal_detail(conn, &user, &row)
        })
        .await?;
    Ok(web::Json(approval))
}

#[utoipa::path(
    operation_id = "portal_get_approval_certificate_pdf",
    params(ApprovalId),
    responses(
        (status = 200, description = "`application/pdf`, as an attachment: the certificate of the latest decided version (the agency, project, approval, each file's name, size and SHA-256, the decision, who decided and when, the note, and the audit chain's verification and latest hash). Without the decider's IP address or session."),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[get("/approvals/{id}/certificate.pdf")]
pub async fn get_certificate_pdf(
    portal: Portal,
    ApprovalId { id }: ApprovalId,
) -> ApiResult<HttpResponse> {
    let generated_at = portal.state().now();
    let state = portal.shared_state();
    let (mut cert, org) = portal
        .run(move |conn, user| {
            let row = approvals::get_for_client(conn, user.client_id(), &id)?;
            Ok((certificate::load(conn, &row)?, user.org))
        })
        .await?;
    // Where a decision came from is for the agency's eyes (it may be a colleague's address).
    cert.ip = None;
    cert.session_id = None;
    let options = RenderOptions {
        include_origin: false,
        generated_at,
        accent: Rgb::parse_hex(&org.accent_color),
        logo: load_logo(&state, org.logo_key.as_deref()).await,
    };
    let pdf = certificate::render_pdf(&cert, &options);
    Ok(certificate::pdf_response(&cert, pdf))
}
