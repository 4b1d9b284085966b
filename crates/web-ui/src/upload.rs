//! Choosing files and uploading them with a visible progress bar per file, cancel while in
//! flight, and the server's own message when it refuses one (413 too large, quota). Uploads
//! start as soon as files are chosen; the form that owns the [`Uploads`] sends the ids of the
//! finished ones. Uploads go through `XMLHttpRequest`, the only browser API that reports upload
//! progress (`fetch` does not); each app supplies the call itself (`UploadFn`).

use crate::format::size;
use crate::ApiError;
use futures::channel::oneshot;
use leptos::prelude::*;
use shared_types::approvals::FileMeta;
use shared_types::{ErrorBody, ErrorCode, ErrorDetail};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{File, FormData, HtmlInputElement, ProgressEvent, XmlHttpRequest};

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

#[derive(Debug, Clone, PartialEq)]
pub enum UploadState {
    Uploading,
    Done(FileMeta),
    Failed(ApiError),
    Cancelled,
}

#[derive(Clone)]
pub struct UploadItem {
    key: u32,
    name: String,
    size: f64,
    progress: RwSignal<u32>,
    state: RwSignal<UploadState>,
    xhr: XhrSlot,
}

/// The files chosen in one form, with their upload states.
#[derive(Clone, Copy)]
pub struct Uploads {
    items: RwSignal<Vec<UploadItem>>,
    next: StoredValue<u32>,
}

impl Default for Uploads {
    fn default() -> Self {
        Self::new()
    }
}

impl Uploads {
    pub fn new() -> Self {
        Self {
            items: RwSignal::new(Vec::new()),
            next: StoredValue::new(0),
        }
    }

    /// Ids of the uploaded files, in the order they were chosen.
    pub fn file_ids(&self) -> Vec<String> {
        self.items.with(|items| {
            items
                .iter()
                .filter_map(|i| match i.state.get() {
                    UploadState::Done(meta) => Some(meta.id),
                    _ => None,
                })
                .collect()
        })
    }

    /// True while any file is still uploading.
    pub fn busy(&self) -> bool {
        self.items.with(|items| {
            items
                .iter()
                .any(|i| i.state.with(|s| *s == UploadState::Uploading))
        })
    }

    /// Forgets every file (after the form was sent, or when the client changes).
    pub fn clear(&self) {
        for item in self.items.get_untracked() {
            cancel(&item);
        }
        self.items.set(Vec::new());
    }
}

fn cancel(item: &UploadItem) {
    if item.state.get_untracked() == UploadState::Uploading {
        item.state.set(UploadState::Cancelled);
        item.xhr.with_value(|x| {
            if let Some(x) = x {
                let _ = x.abort();
            }
        });
    }
}

/// Uploads one file: the app's own API call (address, credentials, retry after a refresh).
pub type UploadFn = Arc<
    dyn Fn(
            File,
            RwSignal<u32>,
            XhrSlot,
        ) -> Pin<Box<dyn Future<Output = Result<FileMeta, ApiError>>>>
        + Send
        + Sync,
>;

/// A file input plus the list of chosen files with their progress. While `disabled`, the input
/// is off and `disabled_hint` says why.
#[component]
pub fn FileUploader<R>(
    upload: UploadFn,
    uploads: Uploads,
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into, optional)] error: Signal<Option<String>>,
    #[prop(into, optional)] disabled: Signal<bool>,
    #[prop(optional)] disabled_hint: &'static str,
    redirect: R,
) -> impl IntoView
where
    R: Fn(&ApiError) -> bool + Clone + 'static,
{
    let upload = StoredValue::new(upload);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let files = input.files();
        let count = files.as_ref().map_or(0, web_sys::FileList::length);
        for i in 0..count {
            let Some(file) = files.as_ref().and_then(|f| f.get(i)) else {
                continue;
            };
            let key = uploads.next.get_value();
            uploads.next.set_value(key + 1);
            let item = UploadItem {
                key,
                name: file.name(),
                size: file.size(),
                progress: RwSignal::new(0),
                state: RwSignal::new(UploadState::Uploading),
                xhr: StoredValue::new_local(None),
            };
            uploads.items.update(|list| list.push(item.clone()));
            let redirect = redirect.clone();
            let sent = upload.with_value(|u| u(file, item.progress, item.xhr));
            leptos::task::spawn_local(async move {
                let result = sent.await;
                // A cancelled upload stays cancelled whatever the aborted request reported (and
                // a form that has gone away takes no result).
                if item.state.try_get_untracked() != Some(UploadState::Uploading) {
                    return;
                }
                match result {
                    Ok(meta) => item.state.set(UploadState::Done(meta)),
                    Err(e) => {
                        redirect(&e);
                        item.state.set(UploadState::Failed(e));
                    }
                }
            });
        }
        // Lets the same file be chosen again after a failure.
        input.set_value("");
    };
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if error.get().is_some() {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    let rows = move || {
        uploads
            .items
            .get()
            .into_iter()
            .map(|item| view! { <UploadRow item=item uploads=uploads/> })
            .collect_view()
    };
    view! {
        <div class="field uploader">
            <label for=id.clone()>{label}</label>
            <p class="hint" id=hint_id>
                {move || {
                    if disabled.get() {
                        disabled_hint
                    } else {
                        "Files upload as soon as you choose them. You can choose several."
                    }
                }}
            </p>
            <input
                type="file"
                id=id
                multiple=true
                data-test-id="file-input"
                disabled=move || disabled.get()
                aria-describedby=described
                on:change=on_change
            />
            {move || error.get().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
            <ul class="upload-list" data-test-id="upload-list">{rows}</ul>
        </div>
    }
}

#[component]
fn UploadRow(item: UploadItem, uploads: Uploads) -> impl IntoView {
    let UploadItem {
        key,
        name,
        size: bytes,
        progress,
        state,
        ..
    } = item.clone();
    let bar_label = format!("Upload of {name}");
    let status = move || match state.get() {
        UploadState::Uploading => view! {
            <span class="muted">{move || format!("Uploading… {}%", progress.get())}</span>
        }
        .into_any(),
        UploadState::Done(_) => {
            view! { <span class="upload-done" data-test-id="upload-done">"Uploaded"</span> }
                .into_any()
        }
        UploadState::Failed(e) => view! {
            <span class="field-error" role="alert" data-test-id="upload-error">{e.message()}</span>
        }
        .into_any(),
        UploadState::Cancelled => view! { <span class="muted">"Cancelled"</span> }.into_any(),
    };
    let uploading = move || state.with(|s| *s == UploadState::Uploading);
    let cancel_label = format!("Cancel upload of {name}");
    let remove_label = format!("Remove {name}");
    view! {
        <li class="upload-row" data-test-id="upload-row">
            <div class="upload-head">
                <span class="upload-name">{name.clone()}</span>
                <span class="muted">{size(bytes)}</span>
                {status}
            </div>
            <div class="upload-bar-row">
                <div
                    class="upload-bar"
                    role="progressbar"
                    aria-label=bar_label
                    aria-valuemin="0"
                    aria-valuemax="100"
                    aria-valuenow=move || progress.get().to_string()
                    data-test-id="upload-progress"
                >
                    <div class="upload-bar-fill" style:width=move || format!("{}%", progress.get())></div>
                </div>
                <span class="upload-pct" aria-hidden="true">{move || format!("{}%", progress.get())}</span>
                <Show
                    when=uploading
                    fallback=move || {
                        let label = remove_label.clone();
                        view! {
                            <button
                                type="button"
                                class="btn btn-link btn-small"
                                aria-label=label
                                on:click=move |_| uploads.items.update(|l| l.retain(|i| i.key != key))
                            >
                                "Remove"
                            </button>
                        }
                    }
                >
                    <button
                        type="button"
                        class="btn btn-secondary btn-small"
                        aria-label=cancel_label.clone()
                        data-test-id="upload-cancel"
                        on:click={
                            let item = item.clone();
                            move |_| cancel(&item)
                        }
                    >
                        "Cancel"
                    </button>
                </Show>
            </div>
        </li>
    }
}
