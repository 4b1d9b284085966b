//! Taking in one uploaded file for a client, whoever uploads it (staff for any client, a contact
//! for their own requests): the organization's storage quota, the per-file limit (both refused
//! before a byte is read when the declared length is beyond them), streaming into the store, and
//! the row, written under the organization's lock so racing uploads can't overrun the quota.

use super::{receive, remove};
use crate::db::files::{self, FileRow};
use crate::db::{new_id, orgs, DbConn};
use crate::error::{ApiError, ApiResult};
use crate::media;
use crate::state::AppState;
use crate::storage::Storage;
use actix_multipart::Multipart;
use actix_web::HttpRequest;
use shared_types::approvals::FileMeta;
use shared_types::MediaState;

/// Whose file it is and who uploads it.
pub struct Upload {
    pub org_id: String,
    pub client_id: String,
    /// `staff`, `api_key` or `contact`.
    pub by_kind: String,
    pub by_id: String,
}

/// How much larger than the file a multipart body may be before a declared length proves the
/// file too large.
const FRAMING_SLACK: u64 = 1024 * 1024;

/// An organization's storage quota and what its files use.
pub struct Quota {
    /// `None`: no quota.
    quota_bytes: Option<i64>,
    used_bytes: i64,
}

impl Quota {
    /// Read on the request's own connection, before any byte of the upload.
    pub fn of(conn: &mut DbConn, org_id: &str, default_quota: i64) -> ApiResult<Quota> {
        let own = orgs::by_id(conn, org_id)?.storage_quota_bytes;
        Ok(Quota {
            quota_bytes: own.or(Some(default_quota)).filter(|q| *q > 0),
            used_bytes: files::org_usage(conn, org_id)?,
        })
    }

    /// Bytes still free, when there is a quota.
    fn room(&self) -> Option<u64> {
        self.quota_bytes
            .map(|q| u64::try_from(q - self.used_bytes).unwrap_or(0))
    }

    fn exceeded(&self) -> ApiError {
        ApiError::QuotaExceeded {
            quota_bytes: self.quota_bytes.unwrap_or(0),
            used_bytes: self.used_bytes,
        }
    }
}

/// Streams the request's `file` field into storage and records it; answers its metadata.
pub async fn store(
    state: &AppState,
    upload: Upload,
    quota: Quota,
    req: &HttpRequest,
    multipart: Multipart,
) -> ApiResult<FileMeta> {
    let max = u64::try_from(state.config.max_upload_bytes).unwrap_or(u64::MAX);
    let default_quota = state.config.storage_quota_bytes;
    let room = quota.room();
    // A declared body far over a limit is refused before reading any of it (the multipart
    // framing makes the body a little larger than the file).
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let beyond = |limit: u64| declared.is_some_and(|n| n > limit.saturating_add(FRAMING_SLACK));
    if beyond(max) {
        return Err(ApiError::PayloadTooLarge);
    }
    if room.is_some_and(beyond) {
        return Err(quota.exceeded());
    }
    let id = new_id();
    let key = Storage::file_key(&upload.org_id, &id);
    // Streaming stops as soon as the file outgrows the per-file limit or the quota's room.
    let limit = room.map_or(max, |room| room.min(max));
    let received = match receive(&state.storage, &key, multipart, limit).await {
        Err(ApiError::PayloadTooLarge) if limit < max => return Err(quota.exceeded()),
        other => other?,
    };
    let media_state = media::initial_state(received.kind);
    let row = FileRow {
        id,
        org_id: upload.org_id,
        client_id: upload.client_id,
        storage_key: key.clone(),
        filename: received.filename,
        content_type: received.content_type,
        size_bytes: received.size_bytes,
        sha256: received.sha256,
        kind: received.kind,
        width: None,
        height: None,
        duration_ms: None,
        waveform: None,
        thumbnail_key: None,
        uploaded_by_kind: upload.by_kind,
        uploaded_by_id: upload.by_id,
        created_at: state.now(),
        media_state,
        media_error: None,
    };
    let meta = row.to_meta();
    // The quota is checked again against the real size, under a lock, so that two uploads
    // racing each other cannot both squeeze into the same free space.
    let inserted = state
        .db
        .write(move |conn| {
            files::lock_org(conn, &row.org_id)?;
            let quota = Quota::of(conn, &row.org_id, default_quota)?;
            if quota
                .room()
                .is_some_and(|room| u64::try_from(row.size_bytes).unwrap_or(u64::MAX) > room)
            {
                return Err(quota.exceeded());
            }
            Ok(files::insert(conn, &row)?)
        })
        .await;
    if let Err(err) = inserted {
        remove(&state.storage, &key).await;
        return Err(err);
    }
    if media_state == MediaState::Pending {
        state.media_wake.notify_one();
    }
    Ok(meta)
}
