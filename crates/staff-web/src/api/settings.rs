//! Settings → Branding and the portal domain, and previewing the portal as a contact.

use super::{json, refresh, token, url};
use gloo_net::http::Request;
use shared_types::branding::{BrandingSaved, BrandingSettings, BrandingUpdate};
use shared_types::staff::PreviewLink;
use web_sys::File;
use web_ui::http::encode;
use web_ui::upload::server_error;
use web_ui::{ApiError, Call};

pub async fn branding_settings() -> Result<BrandingSettings, ApiError> {
    json(Call::get(url("/settings/branding"))).await
}

pub async fn update_branding(body: BrandingUpdate) -> Result<BrandingSaved, ApiError> {
    json(Call::patch(url("/settings/branding")).json(&body)).await
}

pub async fn remove_branding_image(asset: &'static str) -> Result<BrandingSettings, ApiError> {
    json(Call::delete(url(&format!("/settings/branding/{asset}")))).await
}

pub async fn verify_portal_domain() -> Result<BrandingSettings, ApiError> {
    json(Call::post(url("/settings/domain/verify"))).await
}

/// `PUT /settings/branding/{asset}` with the file itself as the body (a logo is small, so no
/// progress bar); retried once after a refresh on 401.
pub async fn upload_branding_image(
    asset: &'static str,
    file: File,
) -> Result<BrandingSettings, ApiError> {
    let target = url(&format!("/settings/branding/{asset}"));
    if token().is_none() {
        refresh().await?;
    }
    let mut retried = false;
    loop {
        let content_type = file.type_();
        let request = Request::put(&target)
            .header(
                "Authorization",
                &format!("Bearer {}", token().unwrap_or_default()),
            )
            .header(
                "Content-Type",
                if content_type.is_empty() {
                    "application/octet-stream"
                } else {
                    &content_type
                },
            )
            .body(file.clone())
            .map_err(|e| ApiError::Network(e.to_string()))?;
        let response = request
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        if (200..300).contains(&status) {
            return serde_json::from_str(&text).map_err(|e| ApiError::Decode(e.to_string()));
        }
        if status == 401 && !retried {
            retried = true;
            refresh().await?;
            continue;
        }
        return Err(server_error(status, &text));
    }
}

/// A single-use link that opens the portal as the contact sees it, read-only.
pub async fn preview_as_contact(
    client_id: String,
    contact_id: String,
) -> Result<PreviewLink, ApiError> {
    json(Call::post(url(&format!(
        "/clients/{}/contacts/{}/preview",
        encode(&client_id),
        encode(&contact_id)
    ))))
    .await
}
