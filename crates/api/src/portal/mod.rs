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

use crate::web::tagged::tagged;
use utoipa_actix_web::service_config::ServiceConfig;

/// Every portal module's routes, under the OpenAPI tag they share; each module lists its own in
/// the order they are matched (its `routes` function).
pub fn configure(cfg: &mut ServiceConfig) {
    tagged(cfg, "portal-auth")
        .routes(branding::routes)
        .routes(auth::routes)
        .routes(magic_link::routes)
        .routes(invite::routes);
    tagged(cfg, "portal-account").routes(account::routes);
    tagged(cfg, "portal-projects").routes(projects::routes);
    tagged(cfg, "portal-approvals")
        .routes(approvals::routes)
        .routes(approval_responses::routes)
        .routes(files::routes)
        .routes(gallery::routes);
    tagged(cfg, "portal-notifications")
        .routes(dashboard::routes)
        .routes(notifications::routes);
    tagged(cfg, "portal-requests").routes(requests::routes);
    tagged(cfg, "portal-invoices").routes(invoices::routes);
}
