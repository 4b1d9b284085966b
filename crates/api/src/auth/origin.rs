//! CSRF defence for cookie-authenticated requests: a state-changing request must come from our
//! own origin (`Origin`, or `Sec-Fetch-Site: same-origin` when a browser omits `Origin`).

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
    let origin = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.config.public_origin.clone())
        .unwrap_or_default();
    if let Err(err) = check_same_origin(req.request(), &origin) {
        return Ok(req.error_response(err).map_into_right_body());
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}
