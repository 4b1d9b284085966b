//! Downloads: whole files or one `Range`, streamed from the object store.

use crate::db::files::FileRow;
use crate::error::{ApiError, ApiResult};
use crate::storage::Storage;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use futures_util::TryStreamExt;
use object_store::{GetOptions, GetRange, ObjectStoreExt};
use shared_types::FileKind;

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
    let kind: FileKind = row.kind;
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

/// The `Range` request header the downloads honour, for the document (`params(FileId, RangeHeader)`).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct RangeHeader {
    /// One byte range: `bytes=a-b`, `bytes=a-` or `bytes=-n`.
    #[param(rename = "Range")]
    #[allow(dead_code)]
    range: Option<String>,
}

/// What a download answers to a `Range` (`serve`, `serve_thumbnail`), for the document; each
/// download declares its own 200.
#[derive(utoipa::IntoResponses)]
pub enum RangeResponses {
    #[response(
        status = 206,
        description = "The requested range, with `Content-Range`."
    )]
    Part,
    #[response(
        status = 416,
        description = "The range lies outside the file served (`Content-Range: bytes */size`)."
    )]
    Outside,
}
