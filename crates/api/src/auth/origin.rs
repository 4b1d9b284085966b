//! CSRF defence for cookie-authenticated requests: a state-changing request must come from our
//! own origin (`Origin`, or `Sec-Fetch-Site: same-origin` when a browser omits `Origin`).
//!
//! Which origin is "ours" depends on the host the request was sent to: on an organization's own
//! portal domain it is that domain's origin (the instance's scheme, the host and port the browser
//! used) and nothing else — not the instance's public origin, never another organization's.
//! Anywhere else it is `ATRIUM_PUBLIC_URL`'s origin.

use crate::auth::portal_user::request_host;
use crate::db::orgs;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, HttpRequest};

pub fn check_same_origin(req: &HttpRequest, public_origin: &str) -> Result<(), ApiError> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    let allowed = match header("origin") {
        Some(origin) => origin == public_origin,
        None => header("sec-fetch-site") == Some("same-origin"),
    };
    if allowed {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "This request did not come from the portal's own site.".into(),
        ))
    }
}

/// Middleware form, for the whole portal API scope.
/// The refusal is rendered here, not returned as `Err`, so outer middleware (security headers,
/// request id) still sees and decorates the response.
pub async fn require_same_origin<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body);
    }
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(req
            .error_response(ApiError::Internal(anyhow::anyhow!("no app state")))
            .map_into_right_body());
    };
    let origin = match expected_origin(&state, request_host(req.request())).await {
        Ok(origin) => origin,
        Err(err) => return Ok(req.error_response(err).map_into_right_body()),
    };
    if let Err(err) = check_same_origin(req.request(), &origin) {
        return Ok(req.error_response(err).map_into_right_body());
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}

/// The origin a portal write sent to `host` must come from.
async fn expected_origin(state: &AppState, host: Option<String>) -> Result<String, ApiError> {
    let public = state.config.public_origin.clone();
    let Some(host) = host.map(|h| h.to_ascii_lowercase()) else {
        return Ok(public);
    };
    let (scheme, authority) = public.split_once("://").unwrap_or(("https", &public));
    if host == authority.to_ascii_lowercase() {
        return Ok(public);
    }
    let domain = orgs::portal_host(&host);
    let is_portal_domain = state
        .db
        .run(move |conn| Ok(orgs::by_portal_domain(conn, &domain)?.is_some()))
        .await?;
    Ok(if is_portal_domain {
        format!("{scheme}://{host}")
    } else {
        public
    })
}
