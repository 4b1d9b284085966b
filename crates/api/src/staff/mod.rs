//! The staff and integration API (`/api/v1`): Bearer JWT, every query scoped by the caller's org.

pub(crate) mod api_keys;
pub(crate) mod auth;
pub(crate) mod clients;
pub(crate) mod contacts;

use actix_web::web;

/// Every staff route, on one screen.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/auth/login", web::post().to(auth::login))
        .route("/auth/refresh", web::post().to(auth::refresh))
        .route("/auth/logout", web::post().to(auth::logout))
        .route("/auth/me", web::get().to(auth::me))
        .route("/auth/token", web::post().to(auth::exchange_api_key))
        .route("/api-keys", web::get().to(api_keys::list_api_keys))
        .route("/api-keys", web::post().to(api_keys::create_api_key))
        .route("/api-keys/{id}", web::delete().to(api_keys::revoke_api_key))
        .route("/clients", web::get().to(clients::list_clients))
        .route("/clients", web::post().to(clients::create_client))
        .route("/clients/{id}", web::get().to(clients::get_client))
        .route("/clients/{id}", web::patch().to(clients::update_client))
        .route(
            "/clients/{id}/archive",
            web::post().to(clients::archive_client),
        )
        .route(
            "/clients/{id}/revoke-access",
            web::post().to(clients::revoke_client_access),
        )
        .route(
            "/clients/{id}/contacts",
            web::get().to(contacts::list_contacts),
        )
        .route(
            "/clients/{id}/contacts",
            web::post().to(contacts::create_contact),
        )
        .route(
            "/clients/{id}/contacts/{contact}",
            web::patch().to(contacts::update_contact),
        )
        .route(
            "/clients/{id}/contacts/{contact}/invite",
            web::post().to(contacts::invite_contact),
        )
        .route(
            "/clients/{id}/contacts/{contact}/revoke",
            web::post().to(contacts::revoke_contact),
        )
        .route(
            "/clients/{id}/contacts/{contact}/sessions",
            web::get().to(contacts::list_contact_sessions),
        )
        .route(
            "/clients/{id}/contacts/{contact}/sessions",
            web::delete().to(contacts::end_contact_sessions),
        )
        .route(
            "/clients/{id}/contacts/{contact}/sessions/{session}",
            web::delete().to(contacts::end_contact_session),
        );
}
