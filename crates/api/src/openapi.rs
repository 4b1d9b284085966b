//! The OpenAPI 3.1 description of both APIs, served at `/api/openapi.json` and rendered by the
//! vendored Swagger UI at `/api/docs/`. Operations are declared by `#[utoipa::path]` on each
//! handler; this module gathers them, and holds the shared error responses and security schemes.

use crate::config::Config;
use crate::{portal, staff, web::health};
use serde::Serialize;
use shared_types::ErrorBody;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{OpenApi, ToResponse, ToSchema};

/// Security scheme of the portal API: the session cookie set by a portal sign-in.
pub const PORTAL_SESSION: &str = "portal_session";
/// Security scheme of the staff API: `Authorization: Bearer <access JWT>`.
pub const STAFF_JWT: &str = "staff_jwt";
/// The staff refresh-token cookie, read only by `/api/v1/auth/refresh` and `/auth/logout`.
pub const STAFF_REFRESH: &str = "staff_refresh";

const DESCRIPTION: &str = "\
Atrium has two APIs.

* **Portal API** (`/portal/api`): used by client contacts through the portal. Authentication is \
a session cookie set by a sign-in endpoint. Every state-changing request must come from the \
portal's own origin (`Origin` header, or `Sec-Fetch-Site: same-origin`), otherwise `403`.
* **Staff API** (`/api/v1`): used by staff and integrations. Authentication is \
`Authorization: Bearer <JWT>`; a JWT comes from `POST /api/v1/auth/login` (staff) or \
`POST /api/v1/auth/token` (API key). Every query is scoped to the caller's organization.

Every error has the body `{\"error\": {\"code\", \"message\", \"fields\"?}}`. Besides the \
responses listed per operation, any endpoint may answer `503` (database unavailable) or `500`.";

/// Gathers every documented operation, schema and shared response.
#[derive(OpenApi)]
#[openapi(
    info(title = "Atrium API", description = DESCRIPTION),
    paths(
        health::healthz,
        health::readyz,
        portal::branding::get_branding,
        portal::auth::login,
        portal::magic_link::request_magic_link,
        portal::magic_link::redeem_magic_link,
        portal::invite::accept_invite,
        portal::auth::logout,
        portal::account::get_me,
        portal::account::list_sessions,
        portal::account::end_other_sessions,
        portal::account::end_session,
        portal::account::set_password,
        portal::projects::list_projects,
        portal::projects::get_project,
        portal::projects::list_team,
        staff::auth::login,
        staff::auth::refresh,
        staff::auth::logout,
        staff::auth::me,
        staff::auth::exchange_api_key,
        staff::api_keys::list_api_keys,
        staff::api_keys::create_api_key,
        staff::api_keys::revoke_api_key,
        staff::clients::list_clients,
        staff::clients::create_client,
        staff::clients::get_client,
        staff::clients::update_client,
        staff::clients::archive_client,
        staff::clients::revoke_client_access,
        staff::contacts::list_contacts,
        staff::contacts::create_contact,
        staff::contacts::update_contact,
        staff::contact_access::invite_contact,
        staff::contact_access::revoke_contact,
        staff::contact_access::list_contact_sessions,
        staff::contact_access::end_contact_sessions,
        staff::contact_access::end_contact_session,
        staff::managers::get_client_managers,
        staff::managers::set_client_managers,
        staff::team::list_staff,
        staff::stages::list_stages,
        staff::stages::create_stage,
        staff::stages::update_stage,
        staff::stages::delete_stage,
        staff::projects::list_projects,
        staff::projects::create_project,
        staff::projects::get_project,
        staff::projects::update_project,
        staff::projects::archive_project,
        staff::milestones::list_milestones,
        staff::milestones::create_milestone,
        staff::milestones::update_milestone,
        staff::milestones::delete_milestone,
        staff::tasks::list_tasks,
        staff::tasks::create_task,
        staff::tasks::update_task,
        staff::tasks::delete_task,
        staff::approvals::list_approvals,
        staff::approvals::create_approval,
        staff::approvals::get_approval,
        staff::approvals::update_approval,
        staff::approval_versions::create_version,
        staff::approvals::archive_approval,
        staff::approval_comments::create_comment,
        staff::approval_comments::get_audit,
        staff::approval_comments::get_certificate,
        staff::approval_comments::get_certificate_pdf,
        portal::approvals::list_approvals,
        portal::approvals::get_approval,
        portal::approval_responses::respond_to_approval,
        portal::approval_responses::create_comment,
        portal::approvals::get_certificate_pdf,
        portal::files::download_file,
        portal::files::download_thumbnail,
        portal::gallery::list_gallery,
        staff::files::upload_file,
        staff::files::download_file,
        staff::files::download_thumbnail,
    ),
    components(
        schemas(ErrorBody, HealthStatus, EmptyObject),
        responses(
            BadRequest,
            Unauthorized,
            Forbidden,
            NotFound,
            Conflict,
            PayloadTooLarge,
            UploadTooLarge,
            UnsupportedMediaType,
            ValidationFailed,
            RateLimited,
            Unavailable,
        )
    ),
    tags(
        (name = "health", description = "Liveness and readiness probes."),
        (name = "portal-auth", description = "Portal sign-in (password, magic link, invitation), sign-out and public branding."),
        (name = "portal-account", description = "The signed-in contact's own account: profile, devices, password."),
        (name = "staff-auth", description = "Staff sign-in, token refresh, API-key exchange and the caller's identity."),
        (name = "api-keys", description = "The organization's API keys (owners and admins only)."),
        (name = "clients", description = "Client companies of the organization."),
        (name = "contacts", description = "Contacts of a client and their portal sessions."),
        (name = "stages", description = "The organization's pipeline stages and the client status each maps to."),
        (name = "projects", description = "Projects with their managers, milestones and tasks."),
        (name = "approvals", description = "Deliverables put up for client review: versions, comments (internal ones staff-only), the hash-chained audit trail and the decision certificate."),
        (name = "portal-approvals", description = "The client's approvals: review, approve or request changes, and comment (never internal comments)."),
        (name = "files", description = "Deliverable files: streamed uploads (type sniffed from content, SHA-256 recorded, size-limited) and downloads with HTTP Range."),
        (name = "portal-projects", description = "The client's projects, milestones, progress and team (client statuses only)."),
    )
)]
pub struct ApiDoc;

/// The document served at `/api/openapi.json`, with the cookie names this configuration uses
/// (`__Host-` prefixed when cookies are `Secure`).
pub fn document(config: &Config) -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        PORTAL_SESSION,
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            config.portal_cookie_name(),
            "Portal session cookie (HttpOnly), set by a successful portal sign-in.",
        ))),
    );
    components.add_security_scheme(
        STAFF_JWT,
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .bearer_format("JWT")
                .description(Some(
                    "Access JWT from `POST /api/v1/auth/login` or `POST /api/v1/auth/token`.",
                ))
                .build(),
        ),
    );
    components.add_security_scheme(
        STAFF_REFRESH,
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            config.staff_refresh_cookie_name(),
            "Staff refresh token (HttpOnly), set by `POST /api/v1/auth/login` and rotated on refresh.",
        ))),
    );
    doc
}

/// `{"status": "..."}` from the health probes.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"status": "ok"}))]
pub struct HealthStatus {
    /// `ok`, `ready`, `migrations_pending` or `database_unreachable`.
    pub status: String,
}

/// An empty JSON object, `{}`.
#[derive(Serialize, ToSchema)]
pub struct EmptyObject {}

/// Malformed JSON body or query string, or an invalid/expired link token.
#[derive(ToResponse)]
#[response(
    description = "Bad request: `invalid_body`, `invalid_query` or `invalid_token`.",
    example = json!({"error": {"code": "invalid_body", "message": "The request body is not valid: missing field `email`"}})
)]
pub struct BadRequest(#[allow(dead_code)] ErrorBody);

#[derive(ToResponse)]
#[response(
    description = "Not signed in, the credential is missing, invalid or expired (`unauthorized`), or a sign-in failed (`invalid_credentials`).",
    example = json!({"error": {"code": "unauthorized", "message": "Sign in to continue."}})
)]
pub struct Unauthorized(#[allow(dead_code)] ErrorBody);

#[derive(ToResponse)]
#[response(
    description = "Forbidden: the caller's role does not allow this, or a cookie-authenticated request did not come from our own origin.",
    example = json!({"error": {"code": "forbidden", "message": "This request did not come from the portal's own site."}})
)]
pub struct Forbidden(#[allow(dead_code)] ErrorBody);

#[derive(ToResponse)]
#[response(
    description = "No such resource in the caller's organization.",
    example = json!({"error": {"code": "not_found", "message": "We couldn't find that."}})
)]
pub struct NotFound(#[allow(dead_code)] ErrorBody);

#[derive(ToResponse)]
#[response(
    description = "The request conflicts with the resource's state (`duplicate`, `portal_closed`, `stale_version` with `fields.version`, `already_decided`, `not_decided`).",
    example = json!({"error": {"code": "portal_closed", "message": "Turn this client's portal access on before inviting contacts."}})
)]
pub struct Conflict(#[allow(dead_code)] ErrorBody);

#[derive(ToResponse)]
#[response(
    description = "The JSON body is larger than 64 KiB.",
    example = json!({"error": {"code": "payload_too_large", "message": "That request is too large."}})
)]
pub struct PayloadTooLarge(#[allow(dead_code)] ErrorBody);

#[derive(ToResponse)]
#[response(
    description = "The file is larger than `ATRIUM_MAX_UPLOAD_BYTES` (`payload_too_large`), or would take the organization over its storage quota (`quota_exceeded`). Nothing is stored.",
    example = json!({"error": {"code": "quota_exceeded", "message": "This file would take your organization over its storage quota of 10.0 GiB; 1.2 GiB is free."}})
)]
pub struct UploadTooLarge(#[allow(dead_code)] ErrorBody);

#[derive(ToResponse)]
#[response(
    description = "The body is not `application/json`.",
    example = json!({"error": {"code": "unsupported_media_type", "message": "Send the body as application/json."}})
)]
pub struct UnsupportedMediaType(#[allow(dead_code)] ErrorBody);

#[derive(ToResponse)]
#[response(
    description = "Validation failed; `fields` maps each input field to its message.",
    example = json!({"error": {"code": "validation_failed", "message": "Some fields need attention.", "fields": {"name": "Enter a name."}}})
)]
pub struct ValidationFailed(#[allow(dead_code)] ErrorBody);

#[derive(ToResponse)]
#[response(
    description = "Too many attempts; retry after `Retry-After` seconds.",
    headers(("Retry-After" = u32, description = "Seconds to wait before retrying.")),
    example = json!({"error": {"code": "rate_limited", "message": "Too many attempts. Try again in 15 minute(s)."}})
)]
pub struct RateLimited(#[allow(dead_code)] ErrorBody);

#[derive(ToResponse)]
#[response(
    description = "A dependency (the database) is unavailable.",
    example = json!({"error": {"code": "service_unavailable", "message": "The service is temporarily unavailable. Try again shortly."}})
)]
pub struct Unavailable(#[allow(dead_code)] ErrorBody);
