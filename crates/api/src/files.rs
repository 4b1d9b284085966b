//! Uploading and serving file bytes. Uploads stream into the object store as they arrive
//! (SHA-256 and size computed on the way, nothing buffered beyond one part); the type is sniffed
//! from the content, never taken from the filename or the client's `Content-Type`. Downloads
//! stream from the store and honour a single HTTP `Range`.
//!
//! Type policy: a recognised image/video/audio/document signature gives that MIME type and kind;
//! anything else (HTML, SVG, scripts, unknown bytes, whatever its name says) is stored as
//! `application/octet-stream` with kind `other` and is always served as an attachment.

use crate::db::files::FileRow;
use crate::error::{ApiError, ApiResult};
use crate::storage::Storage;
use actix_multipart::{Field, Multipart};
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use futures_util::{StreamExt, TryStreamExt};
use object_store::{GetOptions, GetRange, ObjectStoreExt, WriteMultipart};
use sha2::{Digest, Sha256};
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
        "invalid_multipart",
        format!("Send the file as multipart/form-data in a field named `file` ({err})."),
    )
}

/// Reads the multipart body, streaming the first field named `file` to `key`. On any failure
/// (limit exceeded, broken body, store error) nothing is left under `key`.
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
            drain_multipart(multipart, DRAIN_BYTES).await;
        }
        let (size, sha256, head) = result?;
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

async fn drain_multipart(mut multipart: Multipart, budget: u64) {
    while let Some(Ok(field)) = multipart.next().await {
        drain(field, budget).await;
    }
}

/// A `Range` that lies wholly outside the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsatisfiable;

/// The byte range a `Range` header asks of a `size`-byte file: `Ok(None)` for the whole file
/// (no header, another unit, several ranges, or bad syntax, which RFC 9110 says to ignore),
/// `Ok(Some((first, last)))` inclusive, or `Err(Unsatisfiable)` (→ 416).
pub fn parse_range(header: Option<&str>, size: u64) -> Result<Option<(u64, u64)>, Unsatisfiable> {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return Ok(None);
    };
    if spec.contains(',') {
        return Ok(None);
    }
    let Some((a, b)) = spec.trim().split_once('-') else {
        return Ok(None);
    };
    let (a, b) = (a.trim(), b.trim());
    let num = |s: &str| -> Option<u64> {
        if !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    match (a.is_empty(), b.is_empty()) {
        // bytes=-n: the last n bytes
        (true, false) => {
            let Some(n) = num(b) else { return Ok(None) };
            if n == 0 || size == 0 {
                return Err(Unsatisfiable);
            }
            Ok(Some((size.saturating_sub(n), size - 1)))
        }
        // bytes=a-
        (false, true) => {
            let Some(first) = num(a) else { return Ok(None) };
            if first >= size {
                return Err(Unsatisfiable);
            }
            Ok(Some((first, size - 1)))
        }
        // bytes=a-b
        (false, false) => {
            let (Some(first), Some(last)) = (num(a), num(b)) else {
                return Ok(None);
            };
            if last < first {
                return Ok(None);
            }
            if first >= size {
                return Err(Unsatisfiable);
            }
            Ok(Some((first, last.min(size - 1))))
        }
        (true, true) => Ok(None),
    }
}

/// `inline` or `attachment`, with an ASCII fallback name and the exact UTF-8 name (RFC 6266).
pub fn content_disposition(kind: FileKind, filename: &str) -> String {
    let disposition = match kind {
        FileKind::Image | FileKind::Audio | FileKind::Video => "inline",
        _ => "attachment",
    };
    let fallback: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for byte in filename.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// The response for a download of `row` (whole or one range), streamed from the store.
pub async fn serve(req: &HttpRequest, storage: &Storage, row: &FileRow) -> ApiResult<HttpResponse> {
    let kind: FileKind = row.kind.parse().unwrap_or(FileKind::Other);
    let object = Object {
        key: &row.storage_key,
        size: u64::try_from(row.size_bytes).unwrap_or(0),
        content_type: &row.content_type,
        disposition: content_disposition(kind, &row.filename),
    };
    serve_object(req, storage, object).await
}

/// The response for `row`'s thumbnail (a JPEG made by the media worker); 404 while there is
/// none.
pub async fn serve_thumbnail(
    req: &HttpRequest,
    storage: &Storage,
    row: &FileRow,
) -> ApiResult<HttpResponse> {
    let Some(key) = row.thumbnail_key.as_deref() else {
        return Err(ApiError::NotFound);
    };
    let size = match storage.store().head(&Storage::path(key)?).await {
        Ok(meta) => meta.size,
        Err(object_store::Error::NotFound { .. }) => return Err(ApiError::NotFound),
        Err(e) => {
            return Err(ApiError::Internal(
                anyhow::Error::new(e).context("reading a thumbnail"),
            ))
        }
    };
    let stem = row
        .filename
        .rsplit_once('.')
        .map_or(row.filename.as_str(), |(stem, _)| stem);
    let object = Object {
        key,
        size,
        content_type: "image/jpeg",
        disposition: content_disposition(FileKind::Image, &format!("{stem}-thumbnail.jpg")),
    };
    serve_object(req, storage, object).await
}

/// A stored object to send: where it is, how big, and how to label it.
struct Object<'a> {
    key: &'a str,
    size: u64,
    content_type: &'a str,
    disposition: String,
}

async fn serve_object(
    req: &HttpRequest,
    storage: &Storage,
    object: Object<'_>,
) -> ApiResult<HttpResponse> {
    let size = object.size;
    let range_header = req
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok());
    let content_type = HeaderValue::from_str(object.content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let disposition =
        HeaderValue::from_str(&object.disposition).map_err(|e| ApiError::Internal(e.into()))?;
    let common = |res: &mut actix_web::HttpResponseBuilder| {
        res.insert_header((header::ACCEPT_RANGES, "bytes"))
            .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
            .insert_header((header::CONTENT_SECURITY_POLICY, "sandbox"))
            .insert_header((header::CACHE_CONTROL, "private, no-store"));
    };
    let range = match parse_range(range_header, size) {
        Ok(range) => range,
        Err(Unsatisfiable) => {
            let mut res = HttpResponse::RangeNotSatisfiable();
            common(&mut res);
            res.insert_header((header::CONTENT_RANGE, format!("bytes */{size}")));
            return Ok(res.finish());
        }
    };
    let path = Storage::path(object.key)?;
    let options = GetOptions {
        range: range.map(|(first, last)| GetRange::Bounded(first..last + 1)),
        ..GetOptions::default()
    };
    let result = match storage.store().get_opts(&path, options).await {
        Ok(result) => result,
        Err(object_store::Error::NotFound { .. }) => return Err(ApiError::NotFound),
        Err(e) => {
            return Err(ApiError::Internal(
                anyhow::Error::new(e).context("reading a stored file"),
            ))
        }
    };
    let length = result.range.end - result.range.start;
    let body = result.into_stream().inspect_err(|e| {
        tracing::warn!(error = %e, "reading a stored file failed mid-response");
    });
    let mut res = match range {
        Some((first, last)) => {
            let mut res = HttpResponse::PartialContent();
            res.insert_header((
                header::CONTENT_RANGE,
                format!("bytes {first}-{last}/{size}"),
            ));
            res
        }
        None => HttpResponse::Ok(),
    };
    common(&mut res);
    res.insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::CONTENT_DISPOSITION, disposition))
        .no_chunking(length);
    Ok(res.streaming(body))
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
    fn ranges() {
        assert_eq!(parse_range(None, 10), Ok(None));
        assert_eq!(parse_range(Some("bytes=2-4"), 10), Ok(Some((2, 4))));
        assert_eq!(parse_range(Some("bytes=2-100"), 10), Ok(Some((2, 9))));
        assert_eq!(parse_range(Some("bytes=7-"), 10), Ok(Some((7, 9))));
        assert_eq!(parse_range(Some("bytes=-3"), 10), Ok(Some((7, 9))));
        assert_eq!(parse_range(Some("bytes=-30"), 10), Ok(Some((0, 9))));
        assert_eq!(parse_range(Some("bytes=10-"), 10), Err(Unsatisfiable));
        assert_eq!(parse_range(Some("bytes=-0"), 10), Err(Unsatisfiable));
        assert_eq!(parse_range(Some("bytes=5-2"), 10), Ok(None));
        assert_eq!(parse_range(Some("bytes=0-1,3-4"), 10), Ok(None));
        assert_eq!(parse_range(Some("items=0-1"), 10), Ok(None));
    }

    #[test]
    fn sniffing_ignores_names() {
        assert_eq!(sniff(b"<!DOCTYPE html><html><script>").1, FileKind::Other);
        let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        assert_eq!(sniff(&png), ("image/png".to_owned(), FileKind::Image));
        assert_eq!(sniff(b"%PDF-1.7\n").1, FileKind::Document);
    }

    #[test]
    fn disposition_encodes_the_name() {
        assert_eq!(
            content_disposition(FileKind::Image, "a b.png"),
            "inline; filename=\"a b.png\"; filename*=UTF-8''a%20b.png"
        );
        assert_eq!(
            content_disposition(FileKind::Other, "ü\".txt"),
            "attachment; filename=\"__.txt\"; filename*=UTF-8''%C3%BC%22.txt"
        );
    }
}
