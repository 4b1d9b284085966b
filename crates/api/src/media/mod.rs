//! Media processing, off the request path: after an upload is stored, the worker (`worker.rs`)
//! reads each pending file back from the store and records what the players and galleries need:
//! image dimensions and a JPEG thumbnail (`image.rs`), audio duration and a waveform of peak
//! levels (`audio.rs`), video dimensions and duration from the MP4 container (`video.rs`).
//!
//! Everything here is pure Rust (no system binaries). A file that cannot be read as media is
//! marked `failed` and still downloads; nothing here can take the worker down.

pub mod audio;
pub mod image;
pub mod video;
pub mod worker;

use crate::db::files::{FileRow, MediaUpdate};
use crate::state::AppState;
use shared_types::{FileKind, MediaState};

/// Longest kept error message, in characters.
const ERROR_CHARS: usize = 500;

impl MediaUpdate {
    /// Nothing to compute (a document, an unsupported format, or a file over the limits).
    pub fn nothing() -> Self {
        MediaUpdate {
            media_state: MediaState::None,
            ..MediaUpdate::default()
        }
    }

    pub fn ready() -> Self {
        MediaUpdate {
            media_state: MediaState::Ready,
            ..MediaUpdate::default()
        }
    }
}

/// The state a freshly stored file starts in: only images, audio and video are processed.
pub fn initial_state(kind: FileKind) -> MediaState {
    match kind {
        FileKind::Image | FileKind::Audio | FileKind::Video => MediaState::Pending,
        FileKind::Document | FileKind::Other => MediaState::None,
    }
}

/// Processes one file; every failure becomes a `failed` update (logged here).
pub async fn process(state: &AppState, row: &FileRow) -> MediaUpdate {
    let kind: FileKind = row.kind;
    let result = match kind {
        FileKind::Image => image::process(state, row).await,
        FileKind::Audio => audio::process(state, row).await,
        FileKind::Video => video::process(state, row).await,
        FileKind::Document | FileKind::Other => Ok(MediaUpdate::nothing()),
    };
    match result {
        Ok(update) => update,
        Err(err) => {
            let message = format!("{err:#}");
            tracing::warn!(file_id = %row.id, kind = %row.kind, error = %message, "media processing failed");
            MediaUpdate {
                media_state: MediaState::Failed,
                media_error: Some(message.chars().take(ERROR_CHARS).collect()),
                ..MediaUpdate::default()
            }
        }
    }
}

/// Runs CPU-heavy work on the blocking pool; a panic inside becomes an error.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| anyhow::anyhow!("media task stopped: {e}"))?
}

/// Copies a stored object into an anonymous temporary file (removed when dropped), streamed
/// chunk by chunk, and returns it rewound.
async fn download_to_temp(state: &AppState, key: &str) -> anyhow::Result<std::fs::File> {
    use anyhow::Context;
    use futures_util::StreamExt;
    use object_store::ObjectStoreExt;
    use std::io::Seek;
    use tokio::io::AsyncWriteExt;
    let path = crate::storage::Storage::path(key)?;
    let mut stream = state
        .storage
        .store()
        .get(&path)
        .await
        .context("reading the stored file")?
        .into_stream();
    let file = blocking(|| tempfile::tempfile().context("creating a temporary file")).await?;
    let mut out = tokio::fs::File::from_std(file);
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.context("reading the stored file")?;
        out.write_all(&chunk)
            .await
            .context("writing a temporary file")?;
    }
    out.flush().await.context("writing a temporary file")?;
    let mut file = out.into_std().await;
    file.rewind().context("rewinding a temporary file")?;
    Ok(file)
}
