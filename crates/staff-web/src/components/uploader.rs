//! The staff's file uploader: the shared one (`web_ui::upload`) sending to the chosen client's
//! files with the staff token.

use crate::api;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use std::sync::Arc;
use web_ui::upload::UploadFn;
pub use web_ui::upload::Uploads;

/// A file input plus the list of chosen files with their progress; off until a client is known.
#[component]
pub fn FileUploader(
    /// The client the files will belong to; empty disables the input.
    #[prop(into)]
    client_id: Signal<String>,
    uploads: Uploads,
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into, optional)] error: Signal<Option<String>>,
) -> impl IntoView {
    let upload: UploadFn = Arc::new(move |file, progress, slot| {
        Box::pin(api::upload_file(
            client_id.get_untracked(),
            file,
            progress,
            slot,
        ))
    });
    view! {
        <web_ui::upload::FileUploader
            upload=upload
            uploads=uploads
            id=id
            label=label
            error=error
            disabled=Signal::derive(move || client_id.with(String::is_empty))
            disabled_hint="Choose a project first: the files belong to its client."
            redirect=use_auth_redirect()
        />
    }
}
