//! `GET /portal/api/branding`: public, so the sign-in page is themed before sign-in.

use crate::auth::portal_user::request_host;
use crate::db::orgs;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::get;
use actix_web::{web, HttpRequest};
use shared_types::portal::Branding;

#[utoipa::path(
    tag = "portal-auth",
    responses(
        (status = 200, description = "The branding of the organization serving this host.", body = Branding),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/branding")]
pub async fn get_branding(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> ApiResult<web::Json<Branding>> {
    let host = request_host(&req);
    let default_org = state.config.default_org.clone();
    let org = state
        .db
        .run(move |conn| {
            Ok(orgs::for_portal(
                conn,
                host.as_deref(),
                default_org.as_deref(),
            )?)
        })
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(web::Json(org.branding()))
}
