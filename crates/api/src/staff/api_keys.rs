//! The organization's API keys: owners and admins only. Secrets are shown once.

use crate::auth::Staff;
use crate::db::staff;
use crate::error::{ApiError, ApiResult, Fields, Reply};
use crate::web::extract::Json;
use crate::web::paths::ApiKeyId;
use crate::web::tagged::Tagged;
use actix_web::{delete, get, post};
use actix_web::{web, HttpResponse};
use shared_types::staff::{ApiKey, ApiKeyCreate, ApiKeyCreated};
use shared_types::{validate, StaffRole};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(list_api_keys)
        .service(create_api_key)
        .service(revoke_api_key);
}

#[utoipa::path(
    responses(
        (status = 200, description = "The organization's API keys, revoked ones included.", body = Vec<ApiKey>),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[get("/api-keys")]
pub async fn list_api_keys(staff: Staff) -> Reply<Vec<ApiKey>> {
    let staff = staff.require_admin()?;
    let rows = staff
        .run(move |conn, user| Ok(staff::list_api_keys(conn, &user.org_id)?))
        .await?;
    Ok(web::Json(
        rows.iter().map(staff::ApiKeyRow::to_wire).collect(),
    ))
}

#[utoipa::path(
    responses(
        (status = 201, description = "The key and its secret, shown this once.", body = ApiKeyCreated),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[post("/api-keys")]
pub async fn create_api_key(
    staff: Staff,
    Json(body): Json<ApiKeyCreate>,
) -> ApiResult<HttpResponse> {
    let staff = staff.require_admin()?;
    let name = body.name.trim().to_owned();
    let mut fields = Fields::default();
    fields.check("name", validate::name(&name));
    if body.role == StaffRole::Owner {
        fields.check("role", Err("An API key can be admin or member, not owner."));
    }
    // A key never holds more power than the person creating it.
    if body.role.is_admin() && !staff.role().is_admin() {
        return Err(ApiError::Forbidden(
            "You can't create a key above your own role.".into(),
        ));
    }
    fields.finish()?;
    let now = staff.now();
    let (row, secret) = staff
        .run(move |conn, user| {
            Ok(staff::create_api_key(
                conn,
                &user.org_id,
                &name,
                body.role,
                user.staff_id(),
                now,
            )?)
        })
        .await?;
    Ok(HttpResponse::Created().json(ApiKeyCreated {
        key: row.to_wire(),
        secret,
    }))
}

#[utoipa::path(
    params(ApiKeyId),
    responses(
        (status = 204, description = "The key is revoked."),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[delete("/api-keys/{id}")]
pub async fn revoke_api_key(staff: Staff, ApiKeyId { id }: ApiKeyId) -> ApiResult<HttpResponse> {
    let staff = staff.require_admin()?;
    let now = staff.now();
    staff
        .run(move |conn, user| Ok(staff::revoke_api_key(conn, &user.org_id, &id, now)?))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
