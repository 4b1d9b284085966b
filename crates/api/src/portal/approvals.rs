//! The client's approvals: the list with counts per status, one approval (opening it records a
//! `viewed` entry and moves it to `in_review`), the decision, and comments. Internal comments and
//! other people's addresses or sessions never leave this module.

use crate::auth::{Portal, PortalUser};
use crate::certificate::{self, RenderOptions};
use crate::db::approval_comments;
use crate::db::approvals::{self, ApprovalRow};
use crate::db::audit::{self, NewEntry};
use crate::db::{write_tx, DbConn};
use crate::error::ApiResult;
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use shared_types::approvals::{PortalApproval, PortalApprovalList};
use shared_types::{ApprovalStatus, AuditAction};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only approvals in this status (a tab).
    status: Option<ApprovalStatus>,
}

/// The contact's own request context, recorded with what they do.
pub(super) struct Who {
    pub(super) contact_id: String,
    pub(super) name: String,
    pub(super) session_id: String,
    pub(super) ip: String,
}

impl Who {
    pub(super) fn of(user: &PortalUser, ip: String) -> Self {
        Who {
            contact_id: user.contact.id.clone(),
            name: user.contact.name.clone(),
            session_id: user.session_id.clone(),
            ip,
        }
    }

    pub(super) fn entry<'a>(
        &'a self,
        row: &'a ApprovalRow,
        action: AuditAction,
        version: i32,
        file_hashes: &'a [String],
        detail: String,
    ) -> NewEntry<'a> {
        NewEntry {
            approval_id: &row.id,
            client_id: &row.client_id,
            action,
            actor_kind: "contact",
            actor_id: &self.contact_id,
            actor_name: &self.name,
            version_number: version,
            file_hashes,
            session_id: Some(&self.session_id),
            ip: Some(&self.ip),
            detail,
        }
    }
}

/// SHA-256 of each file of version `number`, in order.
pub(super) fn file_hashes(
    conn: &mut DbConn,
    row: &ApprovalRow,
    version_id: &str,
) -> ApiResult<Vec<String>> {
    let files = approvals::files_of_version(conn, &row.client_id, version_id)?;
    Ok(files.into_iter().map(|f| f.sha256).collect())
}

#[utoipa::path(
    get,
    path = "/portal/api/approvals",
    operation_id = "portal_list_approvals",
    tag = "portal-approvals",
    security(("portal_session" = [])),
    params(ListParams),
    responses(
        (status = 200, description = "The client's live approvals, those awaiting review first, then by due date; with counts per status for the tabs.", body = PortalApprovalList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
    )
)]
pub async fn list_approvals(
    portal: Portal,
    params: web::Query<ListParams>,
) -> ApiResult<web::Json<PortalApprovalList>> {
    let status = params.into_inner().status;
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

/// The client's view of one approval, after recording that this contact has seen it.
pub(super) fn portal_detail(
    conn: &mut DbConn,
    user_perms: (bool, bool),
    row: &ApprovalRow,
) -> ApiResult<PortalApproval> {
    let versions = approvals::wire_versions(conn, &row.client_id, &row.id)?;
    let comments = approval_comments::list(conn, &row.client_id, &row.id, false)?;
    let trail = audit::list(conn, &row.id)?;
    let open = versions.last().is_some_and(|v| v.decision.is_none());
    Ok(PortalApproval {
        summary: row.to_portal_summary(),
        description: row.description.clone(),
        versions,
        comments: comments.iter().map(|c| c.to_wire()).collect(),
        audit: trail.iter().map(audit::AuditRow::to_summary).collect(),
        can_respond: user_perms.0 && open,
        can_comment: user_perms.1,
    })
}

#[utoipa::path(
    get,
    path = "/portal/api/approvals/{id}",
    operation_id = "portal_get_approval",
    tag = "portal-approvals",
    security(("portal_session" = [])),
    params(("id" = String, Path, description = "Approval id")),
    responses(
        (status = 200, description = "The approval: versions with file metadata, the visible comment thread, an audit summary and what this contact may do. The first view of each version by a contact is recorded, and a pending approval moves to in review.", body = PortalApproval),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn get_approval(
    portal: Portal,
    path: web::Path<String>,
) -> ApiResult<web::Json<PortalApproval>> {
    let id = path.into_inner();
    let now = portal.state().now();
    let ip = portal.ip.clone();
    let approval = portal
        .run(move |conn, user| {
            let who = Who::of(&user, ip);
            let perms = (
                user.permissions.can_approve_work,
                user.permissions.can_add_comments,
            );
            let client_id = user.client.id;
            // Most views are repeat views: read-only, no write lock. Only a first view (or a
            // pending approval) takes the write transaction, and checks again inside it.
            let (row, viewed) =
                approvals::get_for_client_viewed_by(conn, &client_id, &id, &who.contact_id)?;
            if viewed && row.status() != ApprovalStatus::Pending {
                return portal_detail(conn, perms, &row);
            }
            write_tx(conn, |conn| {
                let mut row = approvals::get_for_client(conn, &client_id, &id)?;
                // Lock first, so two first views can't both see "not yet viewed".
                audit::lock_approval(conn, &row.id)?;
                let v = row.current_version;
                if !audit::exists(
                    conn,
                    &client_id,
                    &row.id,
                    AuditAction::Viewed,
                    &who.contact_id,
                    v,
                )? {
                    audit::append(
                        conn,
                        who.entry(&row, AuditAction::Viewed, v, &[], String::new()),
                        now,
                    )?;
                }
                if row.status() == ApprovalStatus::Pending {
                    approvals::set_status(conn, &row, ApprovalStatus::InReview, None, now)?;
                    let detail = "pending → in_review".to_owned();
                    audit::append(
                        conn,
                        who.entry(&row, AuditAction::StatusChanged, v, &[], detail),
                        now,
                    )?;
                    row = approvals::get_for_client(conn, &client_id, &id)?;
                }
                portal_detail(conn, perms, &row)
            })
        })
        .await?;
    Ok(web::Json(approval))
}

#[utoipa::path(
    get,
    path = "/portal/api/approvals/{id}/certificate.pdf",
    operation_id = "portal_get_approval_certificate_pdf",
    tag = "portal-approvals",
    security(("portal_session" = [])),
    params(("id" = String, Path, description = "Approval id")),
    responses(
        (status = 200, description = "`application/pdf`, as an attachment: the certificate of the latest decided version (the agency, project, approval, each file's name, size and SHA-256, the decision, who decided and when, the note, and the audit chain's verification and latest hash). Without the decider's IP address or session."),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
pub async fn get_certificate_pdf(
    portal: Portal,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let generated_at = portal.state().now();
    let mut cert = portal
        .run(move |conn, user| {
            let row = approvals::get_for_client(conn, user.client_id(), &id)?;
            certificate::load(conn, &row)
        })
        .await?;
    // Where a decision came from is for the agency's eyes (it may be a colleague's address).
    cert.ip = None;
    cert.session_id = None;
    let options = RenderOptions {
        include_origin: false,
        generated_at,
    };
    let pdf = certificate::render_pdf(&cert, &options);
    Ok(certificate::pdf_response(&cert, pdf))
}
