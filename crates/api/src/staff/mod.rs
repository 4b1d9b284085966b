//! The staff and integration API (`/api/v1`): Bearer JWT, every query scoped by the caller's org.

pub(crate) mod account;
pub(crate) mod api_keys;
pub(crate) mod approval_comments;
pub(crate) mod approval_versions;
pub(crate) mod approvals;
pub(crate) mod auth;
pub(crate) mod clients;
pub(crate) mod contact_access;
pub(crate) mod contacts;
pub(crate) mod files;
pub(crate) mod invoice_documents;
pub(crate) mod invoices;
pub(crate) mod managers;
pub(crate) mod milestones;
pub(crate) mod notifications;
mod paths;
pub(crate) mod projects;
pub(crate) mod request_reports;
pub(crate) mod requests;
pub(crate) mod settings;
pub(crate) mod stages;
pub(crate) mod tasks;
pub(crate) mod team;

use crate::auth::StaffUser;
use crate::db::DbConn;
use crate::domain::events::{self, Subject};
use crate::error::{ApiError, ApiResult};
use crate::web::tagged::tagged;
use chrono::NaiveDateTime;
use shared_types::EventKind;
use utoipa_actix_web::service_config::ServiceConfig;

/// Records that a project or milestone (`kind` says which) moved to the client status `status`,
/// with the status as the event's detail for the notifications.
pub(crate) fn record_status(
    conn: &mut DbConn,
    user: &StaffUser,
    subject: &impl Subject,
    kind: EventKind,
    summary: String,
    status: shared_types::WorkStatus,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let detail = Some(status.as_str().to_owned());
    events::record_about(conn, &user.into(), subject, kind, summary, detail, now)
}

/// Records an event by `user` about `subject` (a client, contact, stage, project, milestone or
/// task), in its client's feed when it has a client. Whether the client sees it is decided by the
/// kind.
pub(crate) fn log(
    conn: &mut DbConn,
    user: &StaffUser,
    subject: &impl Subject,
    kind: EventKind,
    summary: String,
    now: NaiveDateTime,
) -> ApiResult<()> {
    events::record_about(conn, &user.into(), subject, kind, summary, None, now)
}

/// What a body field naming a milestone of another project (or none) is told.
pub(crate) const MILESTONE: &str = "Choose a milestone of this project.";

/// 422 on `field` unless every id is an active staff user of `org_id`.
pub(crate) fn check_staff(
    conn: &mut DbConn,
    org_id: &str,
    ids: &[String],
    field: &str,
) -> ApiResult<()> {
    if crate::db::team::all_active_staff(conn, org_id, ids)? {
        Ok(())
    } else {
        Err(ApiError::field(
            field,
            "Choose active staff of your organization.",
        ))
    }
}

/// Fixed paths matched before `/{things}/{id}` (`/requests/metrics`, `/invoices/aging`): another
/// method there is the wrong method (405 with what is allowed), not an item called "metrics".
/// Called by the `{id}` handlers whose method the fixed path lacks, before authentication.
pub(crate) fn not_an_id(id: &str, fixed: &[(&str, &str)]) -> ApiResult<()> {
    match fixed.iter().find(|(name, _)| *name == id) {
        Some((_, allow)) => Err(ApiError::MethodNotAllowed {
            allow: (*allow).to_owned(),
        }),
        None => Ok(()),
    }
}

/// Every staff module's routes, under the OpenAPI tag they share; each module lists its own in
/// the order they are matched (its `routes` function).
pub fn configure(cfg: &mut ServiceConfig) {
    tagged(cfg, "notifications").routes(notifications::routes);
    tagged(cfg, "requests")
        // The fixed paths (`/requests/metrics`) before `/requests/{id}`, which would match them.
        .routes(request_reports::routes)
        .routes(requests::routes);
    tagged(cfg, "invoices")
        .routes(invoices::routes)
        .routes(invoice_documents::routes);
    tagged(cfg, "staff-auth")
        .routes(auth::routes)
        .routes(account::routes);
    tagged(cfg, "settings").routes(settings::routes);
    tagged(cfg, "team").routes(team::routes);
    tagged(cfg, "api-keys").routes(api_keys::routes);
    tagged(cfg, "clients")
        .routes(clients::routes)
        .routes(managers::routes);
    tagged(cfg, "contacts")
        .routes(contacts::routes)
        .routes(contact_access::routes);
    tagged(cfg, "files").routes(files::routes);
    tagged(cfg, "stages").routes(stages::routes);
    tagged(cfg, "projects")
        .routes(projects::routes)
        .routes(milestones::routes)
        .routes(tasks::routes);
    tagged(cfg, "approvals")
        .routes(approvals::routes)
        .routes(approval_versions::routes)
        .routes(approval_comments::routes);
}
