//! The OpenAPI 3.1 description of both APIs, served at `/api/openapi.json` and rendered by the
//! vendored Swagger UI at `/api/docs/`. Operations are declared by `#[utoipa::path]` and the actix
//! method attribute on each handler (the route table is built from the same declarations); this
//! module holds the document's frame, the shared error responses, the security schemes and
//! which one each scope takes (`scope_security`).

use crate::config::Config;
use actix_web::App;
use serde::Serialize;
use shared_types::ErrorBody;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{IntoResponses, OpenApi, ToResponse, ToSchema};
use utoipa_actix_web::AppExt;

/// Security scheme of the portal API: the session cookie set by a portal sign-in.
pub const PORTAL_SESSION: &str = "portal_session";
/// Security scheme of the staff API: `Authorization: Bearer <access JWT>`.
pub const STAFF_JWT: &str = "staff_jwt";
/// The staff refresh-token cookie, read only by `/api/v1/auth/refresh` and `/auth/logout`.
pub const STAFF_REFRESH: &str = "staff_refresh";
/// The one-minute ticket that opens the staff live stream (`?ticket=`), since a browser's
/// `EventSource` cannot send a bearer token.
pub const STREAM_TICKET: &str = "stream_ticket";

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

/// What the document says besides its operations: title, shared responses, tags. The operations
/// and their schemas are added by `server::api`, from the same `service()` calls as the routes.
#[derive(OpenApi)]
#[openapi(
    info(title = "Atrium API", description = DESCRIPTION),
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
        (name = "staff-auth", description = "Staff sign-in, token refresh, API-key exchange, the caller's identity and own account (profile, password, other sessions), joining from an invitation and resetting a forgotten password."),
        (name = "settings", description = "The organization's branding (logo, favicon, accent colour, tab title, email sender) and its custom portal domain (owners and admins)."),
        (name = "team", description = "The staff team (owners and admins): invite by email, change roles, deactivate and reactivate."),
        (name = "api-keys", description = "The organization's API keys (owners and admins only)."),
        (name = "clients", description = "Client companies of the organization."),
        (name = "contacts", description = "Contacts of a client and their portal sessions."),
        (name = "stages", description = "The organization's pipeline stages and the client status each maps to."),
        (name = "projects", description = "Projects with their managers, milestones and tasks."),
        (name = "approvals", description = "Deliverables put up for client review: versions, comments (internal ones staff-only), the hash-chained audit trail and the decision certificate."),
        (name = "portal-approvals", description = "The client's approvals: review, approve or request changes, and comment (never internal comments)."),
        (name = "files", description = "Deliverable files: streamed uploads (type sniffed from content, SHA-256 recorded, size-limited) and downloads with HTTP Range."),
        (name = "portal-projects", description = "The client's projects, milestones, progress and team (client statuses only)."),
        (name = "portal-notifications", description = "The client's home page, notifications, email choices, activity feed and live stream (Server-Sent Events); unsubscribing from an email's link."),
        (name = "notifications", description = "The staff overview, notifications, email choices, activity and live stream."),
        (name = "requests", description = "Job requests and support tickets: the inbox, triage, replies and internal notes (staff only), requests on a client's behalf, response targets, routing and metrics."),
        (name = "invoices", description = "Invoices: drafts with lines, discount and taxes (integer arithmetic, one rounding rule), sending, payments (never beyond the balance), voiding, aging."),
        (name = "portal-invoices", description = "The client's invoices (never drafts), what is outstanding and overdue; needs `can_view_invoices`."),
        (name = "portal-requests", description = "The client's job requests and support tickets: submit (idempotent), follow the public thread, reply, close, attach files."),
    )
)]
pub struct ApiDoc;

/// The document served at `/api/openapi.json`, with the cookie names this configuration uses
/// (`__Host-` prefixed when cookies are `Secure`).
pub fn document(config: &Config) -> utoipa::openapi::OpenApi {
    let (_, mut doc) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::server::api)
        .split_for_parts();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    scope_security(&mut doc);
    implied_responses(&mut doc);
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
    components.add_security_scheme(
        STREAM_TICKET,
        SecurityScheme::ApiKey(ApiKey::Query(ApiKeyValue::with_description(
            "ticket",
            "One-minute ticket from `POST /api/v1/events/ticket`, for `EventSource`.",
        ))),
    );
    doc
}

/// Each operation of a path item with whether its method changes something (all but GET). The
/// APIs use no other methods.
pub(crate) fn operations_mut(item: &mut PathItem) -> impl Iterator<Item = (bool, &mut Operation)> {
    [
        (false, &mut item.get),
        (true, &mut item.put),
        (true, &mut item.post),
        (true, &mut item.delete),
        (true, &mut item.patch),
    ]
    .into_iter()
    .filter_map(|(writes, op)| op.as_mut().map(|op| (writes, op)))
}

/// Declares each scope's authentication once: an operation under `/api/v1` takes the staff access
/// JWT and one under `/portal/api` the portal session cookie, unless it declares its own
/// `security` (`security(())` for one that needs no credentials, like the sign-in endpoints).
fn scope_security(doc: &mut utoipa::openapi::OpenApi) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let scheme = if path.starts_with("/api/v1/") {
            STAFF_JWT
        } else if path.starts_with("/portal/api/") {
            PORTAL_SESSION
        } else {
            continue;
        };
        for (_, op) in operations_mut(item) {
            op.security.get_or_insert_with(|| {
                vec![SecurityRequirement::new(scheme, Vec::<String>::new())]
            });
        }
    }
}

/// Adds the error responses an operation's declaration already implies, so that no operation
/// repeats them:
/// - a credential (after `scope_security`) implies 401;
/// - a `{parameter}` in the path implies 404 (no such resource for this caller);
/// - a JSON body implies 400, 413 and 415, and with a credential also 422 (every authenticated
///   body is validated; the public ones that validate declare their 422, while the sign-in
///   exchanges answer 401 rather than say which field was wrong);
/// - a portal request other than GET implies 403 (`require_same_origin`, and writes refused in a
///   staff preview).
///
/// What an operation declares itself for the same status is kept.
fn implied_responses(doc: &mut utoipa::openapi::OpenApi) {
    for (path, item) in doc.paths.paths.iter_mut() {
        for (writes, op) in operations_mut(item) {
            let credential = needs_credential(op);
            let json_body = op
                .request_body
                .as_ref()
                .is_some_and(|body| body.content.contains_key("application/json"));
            let implied = [
                ("401", "Unauthorized", credential),
                ("404", "NotFound", path.contains('{')),
                ("400", "BadRequest", json_body),
                ("413", "PayloadTooLarge", json_body),
                ("415", "UnsupportedMediaType", json_body),
                ("422", "ValidationFailed", json_body && credential),
                (
                    "403",
                    "Forbidden",
                    writes && path.starts_with("/portal/api/"),
                ),
            ];
            for (status, response, _) in implied.into_iter().filter(|(.., holds)| *holds) {
                op.responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| RefOr::Ref(Ref::from_response_name(response)));
            }
        }
    }
}

/// Whether every way to call `op` takes a credential (`security(())`, alone or as an
/// alternative, means it may be called without one).
fn needs_credential(op: &Operation) -> bool {
    op.security.as_ref().is_some_and(|all| {
        !all.is_empty()
            && all.iter().all(|requirement| {
                serde_json::to_value(requirement)
                    .ok()
                    .and_then(|v| v.as_object().map(|o| !o.is_empty()))
                    .unwrap_or(false)
            })
    })
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

/// Declares the error responses operations refer to by name: each an `ErrorBody` with its
/// description and an example.
macro_rules! error_responses {
    ($($name:ident: $description:tt, $example:tt;)*) => {$(
        #[derive(ToResponse)]
        #[response(description = $description, example = json!($example))]
        pub struct $name(#[allow(dead_code)] ErrorBody);
    )*};
}

error_responses! {
    BadRequest: "Bad request: `invalid_body`, `invalid_query` or `invalid_token`.",
        {"error": {"code": "invalid_body", "message": "The request body is not valid: missing field `email`"}};
    Unauthorized: "Not signed in, the credential is missing, invalid or expired (`unauthorized`), or a sign-in failed (`invalid_credentials`).",
        {"error": {"code": "unauthorized", "message": "Sign in to continue."}};
    Forbidden: "Forbidden: the caller's role does not allow this, or a cookie-authenticated request did not come from our own origin.",
        {"error": {"code": "forbidden", "message": "This request did not come from the portal's own site."}};
    NotFound: "No such resource in the caller's organization.",
        {"error": {"code": "not_found", "message": "We couldn't find that."}};
    Conflict: "The request conflicts with the resource's state (`duplicate`, `portal_closed`, `stale_version` with `fields.version`, `already_decided`, `not_decided`).",
        {"error": {"code": "portal_closed", "message": "Turn this client's portal access on before inviting contacts."}};
    PayloadTooLarge: "The JSON body is larger than 64 KiB.",
        {"error": {"code": "payload_too_large", "message": "That request is too large."}};
    UploadTooLarge: "The file is larger than `ATRIUM_MAX_UPLOAD_BYTES` (`payload_too_large`), or would take the organization over its storage quota (`quota_exceeded`). Nothing is stored.",
        {"error": {"code": "quota_exceeded", "message": "This file would take your organization over its storage quota of 10.0 GiB; 1.2 GiB is free."}};
    UnsupportedMediaType: "The body is not `application/json`.",
        {"error": {"code": "unsupported_media_type", "message": "Send the body as application/json."}};
    ValidationFailed: "Validation failed; `fields` maps each input field to its message.",
        {"error": {"code": "validation_failed", "message": "Some fields need attention.", "fields": {"name": "Enter a name."}}};
    Unavailable: "A dependency (the database) is unavailable.",
        {"error": {"code": "service_unavailable", "message": "The service is temporarily unavailable. Try again shortly."}};
}

#[derive(ToResponse)]
#[response(
    description = "Too many attempts; retry after `Retry-After` seconds.",
    headers(("Retry-After" = u32, description = "Seconds to wait before retrying.")),
    example = json!({"error": {"code": "rate_limited", "message": "Too many attempts. Try again in 15 minute(s)."}})
)]
pub struct RateLimited(#[allow(dead_code)] ErrorBody);

/// What a paged list may answer besides its page (and the 401 its credential implies): a query
/// string that does not parse (400), or a `limit` or `cursor` out of range (422).
#[derive(IntoResponses)]
pub enum ListErrors {
    #[response(status = 400)]
    BadRequest(#[ref_response] BadRequest),
    #[response(status = 422)]
    ValidationFailed(#[ref_response] ValidationFailed),
}
