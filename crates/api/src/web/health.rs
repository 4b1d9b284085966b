//! Liveness and readiness probes.

use crate::db;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::get;
use actix_web::{web, HttpResponse};

/// The process is up.
#[utoipa::path(
    responses((status = 200, description = "The process is up.", body = crate::openapi::HealthStatus))
)]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "status": "ok" }))
}

/// The database answers and every migration is applied.
#[utoipa::path(
    responses(
        (status = 200, description = "Ready: `{\"status\": \"ready\"}`.", body = crate::openapi::HealthStatus),
        (status = 503, description = "Not ready: `migrations_pending` or `database_unreachable`.", body = crate::openapi::HealthStatus),
    )
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let ready = state
        .db
        .run(|conn| db::migrations_applied(conn).map_err(crate::error::ApiError::Internal))
        .await;
    Ok(match ready {
        Ok(true) => HttpResponse::Ok().json(serde_json::json!({ "status": "ready" })),
        Ok(false) => HttpResponse::ServiceUnavailable()
            .json(serde_json::json!({ "status": "migrations_pending" })),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            HttpResponse::ServiceUnavailable()
                .json(serde_json::json!({ "status": "database_unreachable" }))
        }
    })
}
