//! The media worker: wakes when an upload is stored (or every `ATRIUM_MEDIA_POLL_SECS`), and at
//! start-up, so files left `pending` by a restart are processed too. One file at a time: the
//! decoding runs on the blocking pool and the machine's other cores stay free for requests.

use super::process;
use crate::db::files;
use crate::files::remove;
use crate::state::AppState;
use std::sync::Arc;
use std::time::Duration;

/// How many pending files are read per query.
const BATCH: i64 = 10;

pub fn spawn(state: Arc<AppState>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let poll = Duration::from_secs(state.config.media_poll_secs.max(1));
        loop {
            if let Err(err) = drain(&state).await {
                tracing::warn!(error = %err, "media worker pass failed");
            }
            tokio::select! {
                _ = state.media_wake.notified() => {}
                _ = tokio::time::sleep(poll) => {}
            }
        }
    })
}

/// Processes pending files, oldest first, until none is left.
async fn drain(state: &AppState) -> anyhow::Result<()> {
    loop {
        let batch = state
            .db
            .run(|conn| Ok(files::pending_media(conn, BATCH)?))
            .await?;
        if batch.is_empty() {
            return Ok(());
        }
        for row in batch {
            let update = process(state, &row).await;
            let thumbnail = update.thumbnail_key.clone();
            let media_state = update.media_state;
            let id = row.id.clone();
            let recorded = state
                .db
                .run(move |conn| Ok(files::set_media(conn, &id, &update)?))
                .await?;
            if recorded {
                tracing::info!(file_id = %row.id, media_state = %media_state, "media processed");
            } else if let Some(key) = thumbnail {
                // The file was deleted (or processed elsewhere) meanwhile.
                remove(&state.storage, &key).await;
            }
        }
    }
}
