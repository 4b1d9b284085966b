//! Sending one file with `XMLHttpRequest`: progress as bytes leave, cancel through the kept
//! request, and a refused upload turned into an [`ApiError`] with the server's message.

use crate::ApiError;
use futures::channel::oneshot;
use leptos::prelude::*;
use shared_types::{ErrorBody, ErrorCode, ErrorDetail};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{File, FormData, ProgressEvent, XmlHttpRequest};

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

/// A non-2xx answer as an [`ApiError`], keeping the server's message when it sent the shared
/// error body (a 413 from a proxy has none, so it gets a sentence of its own).
pub fn server_error(status: u16, text: &str) -> ApiError {
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

/// Sends one multipart upload (field `file`) and waits for its end; `progress` gets 0–100 as
/// bytes leave. `bearer`: the staff token (the portal's session cookie goes by itself).
pub async fn send_upload(
    target: &str,
    bearer: Option<&str>,
    file: &File,
    progress: RwSignal<u32>,
    slot: XhrSlot,
) -> Result<(u16, String), ApiError> {
    let xhr = XmlHttpRequest::new().map_err(js_error)?;
    xhr.open_with_async("POST", target, true)
        .map_err(js_error)?;
    if let Some(bearer) = bearer {
        xhr.set_request_header("Authorization", &format!("Bearer {bearer}"))
            .map_err(js_error)?;
    }
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
