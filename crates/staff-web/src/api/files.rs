//! File bytes: uploads (through `web_ui::upload`, with progress) and downloads into object
//! URLs. Both carry the in-memory access
//! token, since `/api/v1/files/{id}` accepts nothing else, and retry once after a refresh on 401.

use super::{refresh, token, url};
use gloo_net::http::Request;
use leptos::prelude::*;
use shared_types::approvals::FileMeta;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File};
use web_ui::http::encode;
use web_ui::upload::{send_upload, server_error, XhrSlot};
use web_ui::ApiError;

fn js_error(e: JsValue) -> ApiError {
    ApiError::Network(format!("{e:?}"))
}

/// A token to start with: the one in memory, or a fresh one after a reload.
async fn ensure_token() -> Result<(bool, String), ApiError> {
    if let Some(t) = token() {
        return Ok((false, t));
    }
    refresh().await?;
    token()
        .map(|t| (true, t))
        .ok_or_else(|| ApiError::Network("no access token".to_owned()))
}

/// `POST /clients/{id}/files` with progress; cancel by aborting the request left in `slot`.
pub async fn upload_file(
    client_id: String,
    file: File,
    progress: RwSignal<u32>,
    slot: XhrSlot,
) -> Result<FileMeta, ApiError> {
    let target = url(&format!("/clients/{}/files", encode(&client_id)));
    let (fresh, mut bearer) = ensure_token().await?;
    let mut retried = fresh;
    loop {
        let (status, text) = send_upload(&target, Some(&bearer), &file, progress, slot).await?;
        if (200..300).contains(&status) {
            progress.set(100);
            return serde_json::from_str(&text).map_err(|e| ApiError::Decode(e.to_string()));
        }
        if status == 401 && !retried {
            retried = true;
            refresh().await?;
            bearer = token().unwrap_or_default();
            continue;
        }
        return Err(server_error(status, &text));
    }
}

async fn fetch_blob(target: &str, bearer: &str) -> Result<Result<Blob, (u16, String)>, ApiError> {
    let response = Request::get(target)
        .header("Authorization", &format!("Bearer {bearer}"))
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if !response.ok() {
        let text = response.text().await.unwrap_or_default();
        return Ok(Err((response.status(), text)));
    }
    let raw: web_sys::Response = response.into();
    let promise = raw.blob().map_err(js_error)?;
    let blob = JsFuture::from(promise).await.map_err(js_error)?;
    blob.dyn_into::<Blob>().map(Ok).map_err(js_error)
}

/// Downloads a file into memory and returns an object URL for it (revoke it when done).
pub async fn file_object_url(id: String) -> Result<String, ApiError> {
    object_url(&super::approvals::file_url(&id)).await
}

/// The decision certificate (JSON, or PDF with `pdf`) as an object URL, for a download link.
pub async fn certificate_object_url(approval_id: String, pdf: bool) -> Result<String, ApiError> {
    object_url(&super::approvals::certificate_url(&approval_id, pdf)).await
}

/// An API document (`/invoices/{id}/pdf`, `/clients/{id}/statement.pdf`) as an object URL.
pub async fn document_object_url(path: String) -> Result<String, ApiError> {
    object_url(&super::url(&path)).await
}

async fn object_url(target: &str) -> Result<String, ApiError> {
    let (fresh, bearer) = ensure_token().await?;
    let blob = match fetch_blob(target, &bearer).await? {
        Err((401, _)) if !fresh => {
            refresh().await?;
            fetch_blob(target, &token().unwrap_or_default()).await?
        }
        other => other,
    };
    let blob = blob.map_err(|(status, text)| server_error(status, &text))?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)
}

/// Frees an object URL made by [`file_object_url`].
pub fn revoke_object_url(object_url: &str) {
    let _ = web_sys::Url::revoke_object_url(object_url);
}
