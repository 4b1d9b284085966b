//! Settings → Branding and the portal domain (owners and admins). The rules are in
//! `domain::branding`; the stored images are PNGs Atrium drew (`domain::branding::images`).

use crate::auth::Staff;
use crate::db::orgs::{self, Asset};
use crate::domain::branding::{self, domain_check, images};
use crate::error::{ApiError, ApiResult, Reply};
use crate::state::AppState;
use crate::storage::Storage;
use crate::web::extract::Json;
use crate::web::paths::AssetName;
use crate::web::tagged::Tagged;
use actix_web::web;
use actix_web::{delete, get, patch, post, put};
use futures_util::StreamExt;
use object_store::{ObjectStoreExt, PutPayload};
use shared_types::branding::{BrandingSaved, BrandingSettings, BrandingUpdate};
use shared_types::ErrorCode;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(get_branding_settings)
        .service(update_branding_settings)
        .service(upload_branding_asset)
        .service(delete_branding_asset)
        .service(verify_portal_domain);
}

/// The instance's own host: the CNAME target of a custom domain, and never one itself.
fn public_host(state: &AppState) -> String {
    url::Url::parse(&state.config.public_origin)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default()
}

fn asset(name: &str) -> ApiResult<Asset> {
    match name {
        "logo" => Ok(Asset::Logo),
        "favicon" => Ok(Asset::Favicon),
        _ => Err(ApiError::NotFound),
    }
}

#[utoipa::path(
    responses(
        (status = 200, description = "The organization's branding, email sender and portal domain (with the DNS record to create). Owners and admins only.", body = BrandingSettings),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[get("/settings/branding")]
pub async fn get_branding_settings(staff: Staff) -> Reply<BrandingSettings> {
    let host = public_host(&staff.shared_state());
    let org = staff
        .require_admin()?
        .run(move |conn, user| Ok(orgs::by_id(conn, &user.org_id)?))
        .await?;
    Ok(web::Json(branding::settings(&org, &host)))
}

#[utoipa::path(
    responses(
        (status = 200, description = "Saved; only the fields sent changed. An accent colour that does not reach 4.5:1 against white is saved as the lightest darker shade of its hue that does, and `accent_adjustment` says so. A new portal domain starts unverified.", body = BrandingSaved),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[patch("/settings/branding")]
pub async fn update_branding_settings(
    staff: Staff,
    Json(body): Json<BrandingUpdate>,
) -> Reply<BrandingSaved> {
    let host = public_host(&staff.shared_state());
    let now = staff.now();
    let (org, adjustment) = {
        let host = host.clone();
        staff
            .require_admin()?
            .write(move |conn, user| branding::update(conn, &user, body, &host, now))
            .await?
    };
    Ok(web::Json(branding::saved(&org, adjustment, &host)))
}

/// Reads the request body, refusing more than `max` bytes (413) as soon as it is exceeded.
async fn read_body(mut payload: web::Payload, max: usize) -> ApiResult<Vec<u8>> {
    let mut bytes = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| {
            ApiError::bad_request(ErrorCode::InvalidBody, "The upload was interrupted.")
        })?;
        if bytes.len() + chunk.len() > max {
            return Err(ApiError::PayloadTooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

#[utoipa::path(
    request_body(content = Vec<u8>, description = "The image itself (PNG, JPEG or SVG, up to 2 MiB) as the request body.", content_type = "image/png"),
    params(AssetName),
    responses(
        (status = 200, description = "Stored: Atrium draws the upload again as a PNG (an SVG is rendered, so nothing in it can run) that fits 512×512 (a logo) or fills 64×64 (a favicon).", body = BrandingSettings),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 413, response = crate::openapi::PayloadTooLarge),
    )
)]
#[put("/settings/branding/{asset}")]
pub async fn upload_branding_asset(
    staff: Staff,
    AssetName { asset: name }: AssetName,
    payload: web::Payload,
) -> Reply<BrandingSettings> {
    let asset = asset(&name)?;
    let staff = staff.require_admin()?;
    let state = staff.shared_state();
    // The account is checked before anything is stored.
    let org_id = staff.clone().run(|_, user| Ok(user.org_id)).await?;
    let bytes = read_body(payload, images::MAX_UPLOAD_BYTES).await?;
    let font_dirs = state.config.font_dirs.clone();
    let png = web::block(move || images::draw(asset, &bytes, &font_dirs))
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("drawing a logo: {e}")))??;
    // A fresh key per upload: the image's URL changes with it, so it may be cached for good.
    let key = format!(
        "orgs/{org_id}/branding/{}-{}.png",
        asset.name(),
        crate::db::new_id()
    );
    state
        .storage
        .store()
        .put(&Storage::path(&key)?, PutPayload::from(png))
        .await
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("storing a logo")))?;
    let now = staff.now();
    let stored_key = key.clone();
    let result = staff
        .write(move |conn, user| branding::set_asset(conn, &user, asset, Some(stored_key), now))
        .await;
    finish_asset_change(&state, result, Some(&key)).await
}

#[utoipa::path(
    params(AssetName),
    responses(
        (status = 200, description = "Removed; the portal falls back to the display name (and the browser's default icon).", body = BrandingSettings),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[delete("/settings/branding/{asset}")]
pub async fn delete_branding_asset(
    staff: Staff,
    AssetName { asset: name }: AssetName,
) -> Reply<BrandingSettings> {
    let asset = asset(&name)?;
    let staff = staff.require_admin()?;
    let state = staff.shared_state();
    let now = staff.now();
    let result = staff
        .write(move |conn, user| branding::set_asset(conn, &user, asset, None, now))
        .await;
    finish_asset_change(&state, result, None).await
}

/// After an image change: the replaced image is deleted from storage (or, when the change
/// failed, the one just stored), and the new settings are the answer.
async fn finish_asset_change(
    state: &AppState,
    result: ApiResult<(orgs::Org, Option<String>)>,
    stored: Option<&str>,
) -> Reply<BrandingSettings> {
    let (org, unused) = match result {
        Ok((org, old)) => (Some(org), old),
        Err(e) => {
            if let Some(key) = stored {
                remove(state, key).await;
            }
            return Err(e);
        }
    };
    if let Some(old) = unused {
        remove(state, &old).await;
    }
    let org = org.ok_or(ApiError::NotFound)?;
    Ok(web::Json(branding::settings(&org, &public_host(state))))
}

async fn remove(state: &AppState, key: &str) {
    let Ok(path) = Storage::path(key) else { return };
    if let Err(e) = state.storage.store().delete(&path).await {
        tracing::warn!(error = %e, key, "could not delete a replaced branding image");
    }
}

#[utoipa::path(
    responses(
        (status = 200, description = "Atrium reached itself through the portal domain (it asked for `/.well-known/atrium-portal` there); from now on the organization's emails link to it.", body = BrandingSettings),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 409, description = "`domain_not_verified`: the domain did not answer as this Atrium; the message says what happened. Or there is no domain to verify.", body = shared_types::ErrorBody),
    )
)]
#[post("/settings/domain/verify")]
pub async fn verify_portal_domain(staff: Staff) -> Reply<BrandingSettings> {
    let staff = staff.require_admin()?;
    let state = staff.shared_state();
    let host = public_host(&state);
    let org = staff
        .clone()
        .run(|conn, user| Ok(orgs::by_id(conn, &user.org_id)?))
        .await?;
    let Some(domain) = org.portal_domain.clone() else {
        return Err(ApiError::conflict(
            ErrorCode::DomainNotVerified,
            "Set a portal domain first.",
        ));
    };
    domain_check::check(
        &state.keys.domain_proof,
        &state.config.public_origin,
        &domain,
    )
    .await
    .map_err(|reason| ApiError::conflict(ErrorCode::DomainNotVerified, reason))?;
    let now = staff.now();
    let org = staff
        .write(move |conn, user| branding::mark_verified(conn, &user, &domain, now))
        .await?;
    Ok(web::Json(branding::settings(&org, &host)))
}
