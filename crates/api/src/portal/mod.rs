//! The portal API (`/portal/api`): client contacts, cookie sessions, scoped to the session's
//! client. The client is always implied by the session, never a parameter.

pub(crate) mod account;
pub(crate) mod approval_responses;
pub(crate) mod approvals;
pub(crate) mod auth;
pub(crate) mod branding;
pub(crate) mod dashboard;
pub(crate) mod files;
pub(crate) mod gallery;
pub(crate) mod invite;
pub(crate) mod invoices;
pub(crate) mod magic_link;
pub(crate) mod notifications;
pub(crate) mod projects;
pub(crate) mod requests;

use utoipa_actix_web::service_config::ServiceConfig;

/// Every portal route, on one screen.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(branding::get_branding)
        .service(branding::get_branding_image)
        .service(auth::login)
        .service(magic_link::request_magic_link)
        .service(magic_link::redeem_magic_link)
        .service(invite::accept_invite)
        .service(invite::preview_invite)
        .service(auth::logout)
        .service(auth::open_preview)
        .service(account::get_me)
        .service(account::list_sessions)
        .service(account::end_other_sessions)
        .service(account::end_session)
        .service(account::set_password)
        .service(projects::list_projects)
        .service(projects::get_project)
        .service(projects::list_team)
        .service(approvals::list_approvals)
        .service(approvals::get_approval)
        .service(approval_responses::respond_to_approval)
        .service(approval_responses::create_comment)
        .service(approval_responses::edit_comment)
        .service(approval_responses::delete_comment)
        .service(approvals::get_certificate_pdf)
        .service(files::download_file)
        .service(files::download_thumbnail)
        .service(gallery::list_gallery)
        .service(dashboard::get_dashboard)
        .service(notifications::list_notifications)
        .service(notifications::mark_notifications_read)
        .service(notifications::get_preferences)
        .service(notifications::update_preferences)
        .service(notifications::unsubscribe)
        .service(notifications::list_activity)
        .service(notifications::live_events)
        .service(requests::list_requests)
        .service(requests::create_request)
        .service(requests::get_request)
        .service(requests::reply_to_request)
        .service(requests::close_request)
        .service(requests::upload_file)
        .service(invoices::list_invoices)
        // Before `/invoices/{id}`, which would otherwise take `statement.pdf` for an id.
        .service(invoices::get_statement_pdf)
        .service(invoices::get_invoice)
        .service(invoices::get_invoice_pdf);
}
