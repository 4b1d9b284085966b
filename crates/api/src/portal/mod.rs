//! The portal API (`/portal/api`): client contacts, cookie sessions, scoped to the session's
//! client. The client is always implied by the session, never a parameter.

pub(crate) mod account;
pub(crate) mod approval_responses;
pub(crate) mod approvals;
pub(crate) mod auth;
pub(crate) mod branding;
pub(crate) mod files;
pub(crate) mod gallery;
pub(crate) mod invite;
pub(crate) mod magic_link;
pub(crate) mod projects;

use actix_web::web;

/// Every portal route, on one screen.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/branding", web::get().to(branding::get_branding))
        .route("/auth/login", web::post().to(auth::login))
        .route(
            "/auth/magic-link",
            web::post().to(magic_link::request_magic_link),
        )
        .route(
            "/auth/magic-link/redeem",
            web::post().to(magic_link::redeem_magic_link),
        )
        .route("/auth/invite/accept", web::post().to(invite::accept_invite))
        .route("/auth/logout", web::post().to(auth::logout))
        .route("/me", web::get().to(account::get_me))
        .route("/sessions", web::get().to(account::list_sessions))
        .route("/sessions", web::delete().to(account::end_other_sessions))
        .route("/sessions/{id}", web::delete().to(account::end_session))
        .route("/password", web::post().to(account::set_password))
        .route("/projects", web::get().to(projects::list_projects))
        .route("/projects/{id}", web::get().to(projects::get_project))
        .route("/team", web::get().to(projects::list_team))
        .route("/approvals", web::get().to(approvals::list_approvals))
        .route("/approvals/{id}", web::get().to(approvals::get_approval))
        .route(
            "/approvals/{id}/respond",
            web::post().to(approval_responses::respond_to_approval),
        )
        .route(
            "/approvals/{id}/comments",
            web::post().to(approval_responses::create_comment),
        )
        .route(
            "/approvals/{id}/certificate.pdf",
            web::get().to(approvals::get_certificate_pdf),
        )
        .route("/files/{id}", web::get().to(files::download_file))
        .route(
            "/files/{id}/thumbnail",
            web::get().to(files::download_thumbnail),
        )
        .route("/gallery", web::get().to(gallery::list_gallery));
}
