//! Choosing files and uploading them with a visible progress bar per file, cancel while in
//! flight, and the server's own message when it refuses one (413 too large, quota). Uploads
//! start as soon as files are chosen; the form that owns the [`Uploads`] sends the ids of the
//! finished ones. Uploads go through `XMLHttpRequest`, the only browser API that reports upload
//! progress (`fetch` does not); each app supplies the call itself (`UploadFn`).

mod view;
mod xhr;

pub use view::FileUploader;
pub use xhr::{send_upload, server_error, XhrSlot};

use crate::ApiError;
use leptos::prelude::*;
use shared_types::approvals::FileMeta;
use shared_types::requests::message_body;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use web_sys::File;

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

    /// What keeps a message with these files from being sent: an empty or too long `text` (the
    /// form's `field`; `empty` says what to write), or a file still uploading (`file_ids`), as
    /// `FieldErrors::check` takes them.
    pub fn message_problems(
        &self,
        field: &'static str,
        text: &str,
        empty: &'static str,
    ) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        if let Err(m) = message_body(text, empty) {
            problems.push((field, m.to_owned()));
        }
        if self.busy() {
            problems.push(("file_ids", "Wait for the uploads to finish.".to_owned()));
        }
        problems
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
