//! How a version's file is shown: images inline, audio and video in the browser's own player,
//! anything else as a download. Everything file-specific lives here so the shared review player
//! (waveform, markers) can replace this one component later.
//!
//! Staff file downloads need the Bearer token, which `<img src>` cannot send, so the bytes are
//! fetched into an object URL first (freed when the view goes away).

use crate::api;
use crate::components::status::short_hash;
use leptos::prelude::*;
use shared_types::approvals::FileMeta;
use shared_types::FileKind;
use wasm_bindgen::JsCast;
use web_ui::format::size;
use web_ui::player::{Marker, PlayerCtl, ReviewPlayer};

/// Saves an object URL as `filename` through a temporary `download` link, then frees it.
pub fn save_object_url(url: String, filename: &str) {
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(a) = anchor {
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    // The click has handed the URL to the download; give it a moment before freeing.
    set_timeout(
        move || api::revoke_object_url(&url),
        std::time::Duration::from_secs(30),
    );
}

/// Saves a file: fetch with the token, then [`save_object_url`].
fn download(file: FileMeta, busy: RwSignal<bool>, failed: RwSignal<Option<String>>) {
    busy.set(true);
    failed.set(None);
    leptos::task::spawn_local(async move {
        match api::file_object_url(file.id.clone()).await {
            Ok(url) => save_object_url(url, &file.filename),
            Err(e) => failed.set(Some(e.message())),
        }
        busy.set(false);
    });
}

/// A button that fetches an API document with the staff token (`path` under `/api/v1`) and saves
/// it as `filename`; says so while it works and why when it fails.
#[component]
pub fn DocumentDownload(
    label: &'static str,
    path: String,
    filename: String,
    test_id: &'static str,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let click = move |_| {
        let (path, filename) = (path.clone(), filename.clone());
        busy.set(true);
        failed.set(None);
        leptos::task::spawn_local(async move {
            match api::document_object_url(path).await {
                Ok(url) => save_object_url(url, &filename),
                Err(e) => failed.set(Some(e.message())),
            }
            busy.set(false);
        });
    };
    view! {
        <button type="button" class="btn btn-secondary" data-test-id=test_id disabled=move || busy.get() on:click=click>
            {move || if busy.get() { "Preparing the PDF…" } else { label }}
        </button>
        {move || failed.get().map(|f| view! { <span class="field-error" role="alert">{f}</span> })}
    }
}

/// One file of a version: the media itself when the browser can show it, its name, type, size
/// and SHA-256, and a download button. With `markers`, images, audio and video get the shared
/// review player (waveform, comment markers, keyboard shortcuts) instead of the browser's own.
#[component]
pub fn MediaView(
    file: FileMeta,
    version: i32,
    #[prop(optional, into)] markers: Option<Signal<Vec<Marker>>>,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let src = RwSignal::new(None::<String>);
    let shows_inline = matches!(
        file.kind,
        FileKind::Image | FileKind::Audio | FileKind::Video
    );
    if shows_inline {
        let id = file.id.clone();
        leptos::task::spawn_local(async move {
            match api::file_object_url(id).await {
                Ok(url) => src.set(Some(url)),
                Err(e) => failed.set(Some(e.message())),
            }
        });
        on_cleanup(move || {
            if let Some(url) = src.get_untracked() {
                api::revoke_object_url(&url);
            }
        });
    }
    // The page's player state when it shares one (comment timecodes seek it), else its own.
    let ctl = use_context::<PlayerCtl>().unwrap_or_default();
    let has_player = markers.is_some();
    let alt = format!("{} (version {version})", file.filename);
    let kind = file.kind;
    let meta = file.clone();
    let media = move || {
        let alt = alt.clone();
        if let Some(markers) = markers {
            let meta = meta.clone();
            return src.get().map(|url| {
                view! { <ReviewPlayer file=meta src=url markers=markers ctl=ctl/> }.into_any()
            });
        }
        src.get().map(|url| match kind {
            FileKind::Image => view! { <img class="media-image" src=url alt=alt data-test-id="media-image"/> }.into_any(),
            FileKind::Audio => view! { <audio class="media-audio" controls=true src=url aria-label=alt data-test-id="media-audio"></audio> }.into_any(),
            FileKind::Video => view! { <video class="media-video" controls=true src=url aria-label=alt data-test-id="media-video"></video> }.into_any(),
            _ => ().into_any(),
        })
    };
    let label = format!("Download {}", file.filename);
    let f = file.clone();
    view! {
        // The player takes the whole width of the version's files.
        <figure class="media" class:media-player=has_player data-test-id="file-row">
            {media}
            <figcaption>
                <span class="file-name">{file.filename.clone()}</span>
                <span class="muted">{format!("{} · {}", file.content_type, size(file.size_bytes as f64))}</span>
                <code class="muted" title=file.sha256.clone()>{format!("SHA-256 {}", short_hash(&file.sha256))}</code>
                <button
                    type="button"
                    class="btn btn-secondary btn-small"
                    aria-label=label
                    data-test-id="file-download"
                    disabled=move || busy.get()
                    on:click=move |_| download(f.clone(), busy, failed)
                >
                    {move || if busy.get() { "Downloading…" } else { "Download" }}
                </button>
                {move || failed.get().map(|m| view! { <span class="field-error" role="alert">{m}</span> })}
            </figcaption>
        </figure>
    }
}
