//! `GET /portal/api/branding`: public, so the sign-in page is themed before sign-in; the stored
//! logo and favicon it names; and the proof a custom portal domain is checked with.

use crate::auth::portal_user::request_host;
use crate::db::orgs::{self, Asset};
use crate::domain::branding::domain_check;
use crate::error::{ApiError, ApiResult, Reply};
use crate::files::content_disposition;
use crate::state::AppState;
use crate::storage::Storage;
use crate::web::tagged::Tagged;
use actix_web::get;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::OptionalExtension;
use object_store::ObjectStoreExt;
use shared_types::portal::Branding;
use shared_types::FileKind;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(get_branding).service(get_branding_image);
}

#[utoipa::path(
    security(()),
    responses(
        (status = 200, description = "The branding of the organization serving this host.", body = Branding),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/branding")]
pub async fn get_branding(state: web::Data<AppState>, req: HttpRequest) -> Reply<Branding> {
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

#[utoipa::path(
    security(()),
    params(
        ("org" = String, Path, description = "Organization id"),
        ("file" = String, Path, description = "The image's file name, as in `logo_url` or `favicon_url`"),
    ),
    responses(
        (status = 200, description = "`image/png`: the organization's current logo or favicon, a PNG Atrium drew. Public (the sign-in page and emails show it); cached for good, since a new upload gets a new name.", content_type = "image/png"),
    )
)]
#[get("/branding/{org}/{file}")]
pub async fn get_branding_image(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (org_id, file) = path.into_inner();
    let org = state
        .db
        .run(move |conn| Ok(orgs::by_id(conn, &org_id).optional()?))
        .await?
        .ok_or(ApiError::NotFound)?;
    let key = [Asset::Logo, Asset::Favicon]
        .into_iter()
        .filter_map(|asset| org.asset_key(asset))
        .find(|key| key.rsplit('/').next() == Some(file.as_str()))
        .ok_or(ApiError::NotFound)?;
    let bytes = match state.storage.store().get(&Storage::path(key)?).await {
        Ok(result) => result.bytes().await.map_err(|e| {
            ApiError::Internal(anyhow::Error::new(e).context("reading a branding image"))
        })?,
        Err(object_store::Error::NotFound { .. }) => return Err(ApiError::NotFound),
        Err(e) => {
            return Err(ApiError::Internal(
                anyhow::Error::new(e).context("reading a branding image"),
            ))
        }
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "image/png"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CONTENT_SECURITY_POLICY, "sandbox"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            content_disposition(FileKind::Image, &file),
        ))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(bytes))
}

#[utoipa::path(
    responses(
        (status = 200, description = "`text/plain`: this instance's proof for the request's host name. Staff verifying a custom portal domain make Atrium fetch it through that domain.", content_type = "text/plain"),
    )
)]
#[get("/.well-known/atrium-portal")]
pub async fn get_domain_proof(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let host = request_host(&req).unwrap_or_default();
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/plain; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(domain_check::proof(&state.keys.domain_proof, &host))
}
