//! Uploads: a multipart body streamed into the object store (SHA-256, size limit, sniffed type).

use crate::error::{ApiError, ApiResult};
use crate::storage::Storage;
use actix_multipart::{Field, Multipart};
use futures_util::StreamExt;
use object_store::{ObjectStoreExt, WriteMultipart};
use sha2::{Digest, Sha256};
use shared_types::ErrorCode;
use shared_types::FileKind;

/// How many leading bytes are kept for sniffing the type.
const SNIFF_BYTES: usize = 8192;
/// Size of each part written to the store (the most an upload holds in memory, times the
/// concurrency below, plus one).
const PART_BYTES: usize = 5 * 1024 * 1024;
const PART_CONCURRENCY: usize = 2;
/// After the limit is exceeded, the rest of the request is read and discarded (so the client
/// sees the 413) up to this much more; beyond it the connection is simply dropped.
const DRAIN_BYTES: u64 = 64 * 1024 * 1024;
/// Longest kept filename, in characters.
const FILENAME_CHARS: usize = 200;

/// What an upload produced: stored under the key the caller chose.
#[derive(Debug, Clone)]
pub struct Received {
    pub filename: String,
    pub content_type: String,
    pub kind: FileKind,
    pub size_bytes: i64,
    pub sha256: String,
}

/// The client's filename reduced to a safe display name: the last path component only, no
/// control characters, at most `FILENAME_CHARS` characters; `file` when nothing is left.
pub fn sanitize_filename(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control())
        .take(FILENAME_CHARS)
        .collect();
    let trimmed = cleaned.trim();
    if trimmed.is_empty() || trimmed == "." || trimmed == ".." {
        "file".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// The MIME type and kind of content beginning with `head`.
pub fn sniff(head: &[u8]) -> (String, FileKind) {
    use infer::MatcherType;
    let other = || ("application/octet-stream".to_owned(), FileKind::Other);
    let Some(t) = infer::get(head) else {
        return other();
    };
    let mime = t.mime_type();
    let kind = match t.matcher_type() {
        MatcherType::Image => FileKind::Image,
        MatcherType::Video => FileKind::Video,
        MatcherType::Audio => FileKind::Audio,
        MatcherType::Doc | MatcherType::Book => FileKind::Document,
        MatcherType::Archive if mime == "application/pdf" => FileKind::Document,
        MatcherType::Archive => FileKind::Other,
        // Text matchers (HTML, XML, scripts) and the rest: never served as what they claim.
        _ => return other(),
    };
    (mime.to_owned(), kind)
}

fn bad_multipart(err: impl std::fmt::Display) -> ApiError {
    ApiError::bad_request(
        ErrorCode::InvalidMultipart,
        format!("Send the file as multipart/form-data in a field named `file` ({err})."),
    )
}

/// Reads the multipart body, streaming its one field named `file` to `key` (a second `file` field
/// is a 422). On any failure (limit exceeded, broken body, store error) nothing is left under `key`.
pub async fn receive(
    storage: &Storage,
    key: &str,
    mut multipart: Multipart,
    max_bytes: u64,
) -> ApiResult<Received> {
    while let Some(field) = multipart.next().await {
        let field = field.map_err(bad_multipart)?;
        if field.name() != Some("file") {
            drain(field, DRAIN_BYTES).await;
            continue;
        }
        let filename = sanitize_filename(
            field
                .content_disposition()
                .and_then(|cd| cd.get_filename())
                .unwrap_or_default(),
        );
        let result = store_field(storage, key, field, max_bytes).await;
        if let Err(ApiError::PayloadTooLarge) = &result {
            // Let the client finish sending so it can read the 413.
            drain_multipart(&mut multipart, DRAIN_BYTES).await;
        }
        let (size, sha256, head) = result?;
        // One file per upload: a second `file` part is refused, and the first is not kept.
        while let Some(field) = multipart.next().await {
            let field = match field {
                Ok(field) => field,
                Err(e) => {
                    remove(storage, key).await;
                    return Err(bad_multipart(e));
                }
            };
            if field.name() == Some("file") {
                // The field must be gone before the body is read further.
                drain(field, DRAIN_BYTES).await;
                drain_multipart(&mut multipart, DRAIN_BYTES).await;
                remove(storage, key).await;
                return Err(ApiError::field(
                    "file",
                    "Send one file per upload; this request has more than one.",
                ));
            }
            drain(field, DRAIN_BYTES).await;
        }
        let (content_type, kind) = sniff(&head);
        return Ok(Received {
            filename,
            content_type,
            kind,
            size_bytes: size as i64,
            sha256,
        });
    }
    Err(ApiError::field("file", "Choose a file to upload."))
}

/// Streams one field into the store; returns (size, hex SHA-256, first bytes).
async fn store_field(
    storage: &Storage,
    key: &str,
    mut field: Field,
    max_bytes: u64,
) -> ApiResult<(u64, String, Vec<u8>)> {
    let path = Storage::path(key)?;
    let upload =
        storage.store().put_multipart(&path).await.map_err(|e| {
            ApiError::Internal(anyhow::Error::new(e).context("starting the upload"))
        })?;
    let mut writer = WriteMultipart::new_with_chunk_size(upload, PART_BYTES);
    let mut hasher = Sha256::new();
    let mut head: Vec<u8> = Vec::with_capacity(SNIFF_BYTES);
    let mut size: u64 = 0;
    let failure: Option<ApiError> = loop {
        let chunk = match field.next().await {
            None => break None,
            Some(Err(e)) => break Some(bad_multipart(e)),
            Some(Ok(chunk)) => chunk,
        };
        size += chunk.len() as u64;
        if size > max_bytes {
            drain(field, DRAIN_BYTES).await;
            break Some(ApiError::PayloadTooLarge);
        }
        hasher.update(&chunk);
        if head.len() < SNIFF_BYTES {
            let take = (SNIFF_BYTES - head.len()).min(chunk.len());
            head.extend_from_slice(&chunk[..take]);
        }
        if let Err(e) = writer.wait_for_capacity(PART_CONCURRENCY).await {
            break Some(ApiError::Internal(
                anyhow::Error::new(e).context("writing the upload"),
            ));
        }
        writer.put(chunk);
    };
    match failure {
        None if size == 0 => {
            abort(writer, key).await;
            Err(ApiError::field("file", "The file is empty."))
        }
        None => match writer.finish().await {
            Ok(_) => Ok((size, hex::encode(hasher.finalize()), head)),
            Err(e) => {
                remove(storage, key).await;
                Err(ApiError::Internal(
                    anyhow::Error::new(e).context("finishing the upload"),
                ))
            }
        },
        Some(err) => {
            abort(writer, key).await;
            Err(err)
        }
    }
}

async fn abort(writer: WriteMultipart, key: &str) {
    if let Err(e) = writer.abort().await {
        tracing::warn!(error = %e, key, "aborting an upload failed");
    }
}

/// Deletes a stored object, logging (not failing) when that goes wrong.
pub async fn remove(storage: &Storage, key: &str) {
    let Ok(path) = Storage::path(key) else { return };
    if let Err(e) = storage.store().delete(&path).await {
        tracing::warn!(error = %e, key, "deleting a stored object failed");
    }
}

/// Reads and discards up to `budget` bytes of a field.
async fn drain(mut field: Field, budget: u64) {
    let mut seen = 0u64;
    while let Some(Ok(chunk)) = field.next().await {
        seen += chunk.len() as u64;
        if seen > budget {
            return;
        }
    }
}

async fn drain_multipart(multipart: &mut Multipart, budget: u64) {
    while let Some(Ok(field)) = multipart.next().await {
        drain(field, budget).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filenames_lose_paths_and_control_characters() {
        assert_eq!(sanitize_filename("../../etc/passwd"), "passwd");
        assert_eq!(sanitize_filename("C:\\Users\\x\\report.pdf"), "report.pdf");
        assert_eq!(sanitize_filename("a\u{0}b\nc.png"), "abc.png");
        assert_eq!(sanitize_filename(".."), "file");
        assert_eq!(sanitize_filename(""), "file");
        assert_eq!(sanitize_filename(&"x".repeat(500)).chars().count(), 200);
    }

    #[test]
    fn sniffing_ignores_names() {
        assert_eq!(sniff(b"<!DOCTYPE html><html><script>").1, FileKind::Other);
        let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        assert_eq!(sniff(&png), ("image/png".to_owned(), FileKind::Image));
        assert_eq!(sniff(b"%PDF-1.7\n").1, FileKind::Document);
    }
}
