//! File bytes: uploads through `XMLHttpRequest` (the only browser API that reports upload
//! progress; `fetch` does not) and downloads into object URLs. Both carry the in-memory access
//! token, since `/api/v1/files/{id}` accepts nothing else, and retry once after a refresh on 401.

use super::{refresh, token, url};
use futures::channel::oneshot;
use gloo_net::http::Request;
use leptos::prelude::*;
use shared_types::approvals::FileMeta;
use shared_types::{ErrorBody, ErrorCode, ErrorDetail};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File, FormData, ProgressEvent, XmlHttpRequest};
use web_ui::http::encode;
use web_ui::ApiError;

/// The request of an upload in flight, kept so the user can cancel it.
pub type XhrSlot = StoredValue<Option<XmlHttpRequest>, LocalStorage>;

enum Outcome {
    Loaded,
    Failed,
    Aborted,
}

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

/// A non-2xx answer as an [`ApiError`], keeping the server's message when it sent the shared
/// error body (a 413 from a proxy has none, so it gets a sentence of its own).
fn server_error(status: u16, text: &str) -> ApiError {
    let detail = serde_json::from_str::<ErrorBody>(text)
        .map(|b| b.error)
        .unwrap_or_else(|_| ErrorDetail {
            code: ErrorCode::Unknown,
            message: if status == 413 {
                "The file is larger than the server accepts.".to_owned()
            } else {
                format!("The server refused the request (status {status}). Please try again.")
            },
            fields: None,
        });
    ApiError::Server { status, detail }
}

/// Sends one multipart upload and waits for its end; `progress` gets 0–100 as bytes leave.
async fn send_upload(
    target: &str,
    bearer: &str,
    file: &File,
    progress: RwSignal<u32>,
    slot: XhrSlot,
) -> Result<(u16, String), ApiError> {
    let xhr = XmlHttpRequest::new().map_err(js_error)?;
    xhr.open_with_async("POST", target, true)
        .map_err(js_error)?;
    xhr.set_request_header("Authorization", &format!("Bearer {bearer}"))
        .map_err(js_error)?;
    xhr.set_request_header("Accept", "application/json")
        .map_err(js_error)?;
    let form = FormData::new().map_err(js_error)?;
    form.append_with_blob_and_filename("file", file, &file.name())
        .map_err(js_error)?;

    let (tx, rx) = oneshot::channel::<Outcome>();
    let tx = Rc::new(RefCell::new(Some(tx)));
    let finish = |outcome: fn() -> Outcome| {
        let tx = Rc::clone(&tx);
        Closure::<dyn FnMut()>::new(move || {
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(outcome());
            }
        })
    };
    let on_load = finish(|| Outcome::Loaded);
    let on_error = finish(|| Outcome::Failed);
    let on_abort = finish(|| Outcome::Aborted);
    let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            let pct = (e.loaded() / e.total() * 100.0).clamp(0.0, 100.0);
            // Truncation is intended: 99.6% is not done yet.
            progress.set(pct as u32);
        }
    });
    xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
    xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    xhr.set_onabort(Some(on_abort.as_ref().unchecked_ref()));
    xhr.upload()
        .map_err(js_error)?
        .set_onprogress(Some(on_progress.as_ref().unchecked_ref()));

    slot.set_value(Some(xhr.clone()));
    progress.set(0);
    xhr.send_with_opt_form_data(Some(&form)).map_err(js_error)?;
    let outcome = rx.await.unwrap_or(Outcome::Failed);
    slot.set_value(None);
    // The closures must live until the request has ended; they are dropped here.
    drop((on_load, on_error, on_abort, on_progress));
    match outcome {
        Outcome::Loaded => {
            let status = xhr.status().map_err(js_error)?;
            let text = xhr.response_text().ok().flatten().unwrap_or_default();
            Ok((status, text))
        }
        Outcome::Failed => Err(ApiError::Network("upload failed".to_owned())),
        Outcome::Aborted => Err(ApiError::Network("aborted".to_owned())),
    }
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
        let (status, text) = send_upload(&target, &bearer, &file, progress, slot).await?;
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
