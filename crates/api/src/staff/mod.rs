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

/// Every staff route, on one screen.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(notifications::get_overview)
        .service(notifications::list_notifications)
        .service(notifications::mark_notifications_read)
        .service(notifications::get_preferences)
        .service(notifications::update_preferences)
        .service(notifications::list_activity)
        .service(notifications::stream_ticket)
        .service(notifications::live_events)
        // The fixed paths before `/requests/{id}`, which would match them too.
        .service(request_reports::get_request_metrics)
        .service(request_reports::get_request_settings)
        .service(request_reports::put_request_settings)
        .service(requests::list_requests)
        .service(requests::create_request)
        .service(requests::get_request)
        .service(requests::update_request)
        .service(requests::reply_to_request)
        // `/invoices/aging` before `/invoices/{id}`, which would match it too.
        .service(invoices::get_aging)
        .service(invoices::list_invoices)
        .service(invoices::create_invoice)
        .service(invoices::get_invoice)
        .service(invoices::update_invoice)
        .service(invoices::send_invoice)
        .service(invoices::record_payment)
        .service(invoices::void_invoice)
        .service(invoices::duplicate_invoice)
        .service(invoice_documents::get_invoice_pdf)
        .service(invoice_documents::get_statement_pdf)
        .service(auth::login)
        .service(auth::refresh)
        .service(auth::logout)
        .service(auth::me)
        .service(account::update_me)
        .service(account::change_password)
        .service(account::revoke_other_sessions)
        .service(account::accept_invitation)
        .service(account::request_reset)
        .service(account::confirm_reset)
        .service(settings::get_branding_settings)
        .service(settings::update_branding_settings)
        .service(settings::upload_branding_asset)
        .service(settings::delete_branding_asset)
        .service(settings::verify_portal_domain)
        .service(team::list_team)
        .service(team::invite_member)
        .service(team::update_member)
        .service(team::resend_invitation)
        .service(auth::exchange_api_key)
        .service(api_keys::list_api_keys)
        .service(api_keys::create_api_key)
        .service(api_keys::revoke_api_key)
        .service(clients::list_clients)
        .service(clients::create_client)
        .service(clients::get_client)
        .service(clients::update_client)
        .service(clients::archive_client)
        .service(clients::revoke_client_access)
        .service(contacts::list_contacts)
        .service(contacts::create_contact)
        .service(contacts::update_contact)
        .service(contact_access::invite_contact)
        .service(contact_access::revoke_contact)
        .service(contact_access::list_contact_sessions)
        .service(contact_access::end_contact_sessions)
        .service(contact_access::end_contact_session)
        .service(contact_access::preview_as_contact)
        .service(files::upload_file)
        .service(files::download_file)
        .service(files::download_thumbnail)
        .service(managers::get_client_managers)
        .service(managers::set_client_managers)
        .service(team::list_staff)
        .service(stages::list_stages)
        .service(stages::create_stage)
        .service(stages::update_stage)
        .service(stages::delete_stage)
        .service(projects::list_projects)
        .service(projects::create_project)
        .service(projects::get_project)
        .service(projects::update_project)
        .service(projects::archive_project)
        .service(milestones::list_milestones)
        .service(milestones::create_milestone)
        .service(milestones::update_milestone)
        .service(milestones::delete_milestone)
        .service(tasks::list_tasks)
        .service(tasks::create_task)
        .service(tasks::update_task)
        .service(tasks::delete_task)
        .service(approvals::list_approvals)
        .service(approvals::create_approval)
        .service(approvals::get_approval)
        .service(approvals::update_approval)
        .service(approval_versions::create_version)
        .service(approvals::archive_approval)
        .service(approval_comments::create_comment)
        .service(approval_comments::get_audit)
        .service(approval_comments::get_certificate)
        .service(approval_comments::get_certificate_pdf);
}
