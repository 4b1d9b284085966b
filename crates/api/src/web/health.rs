//! Liveness and readiness probes.

use crate::db;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{web, HttpResponse};

/// The process is up.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "status": "ok" }))
}

/// The database answers and every migration is applied.
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
            HttpResponse::ServiceUnavailable().json(serde_json::json!({ "status": "database_unreachable" }))
        }
    })
}
