//! The file input and the list of chosen files, one row per file with its progress bar and a
//! Cancel or Remove button.

use super::{cancel, UploadFn, UploadItem, UploadState, Uploads};
use crate::format::size;
use crate::ApiError;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

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
