//! Files, staff side: upload a client's file (streamed into storage) and download any file of
//! the organization.

use crate::auth::Staff;
use crate::db::files::{self, FileRow};
use crate::db::{clients, new_id, orgs, DbConn};
use crate::error::{ApiError, ApiResult};
use crate::files::{receive, remove, serve, serve_thumbnail};
use crate::media;
use crate::state::AppState;
use crate::storage::Storage;
use actix_multipart::Multipart;
use actix_web::{get, post};
use actix_web::{web, HttpRequest, HttpResponse};
use shared_types::approvals::FileMeta;
use shared_types::MediaState;

/// The upload form: one field `file` (its filename is kept, sanitised, as display metadata).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

#[utoipa::path(
    tag = "files",
    security(("staff_jwt" = [])),
    params(("id" = String, Path, description = "Client id")),
    request_body(content = UploadForm, content_type = "multipart/form-data",
        description = "The file in a field named `file`. Its type is sniffed from its first bytes: recognised images, video, audio and documents keep their type; anything else (HTML, SVG, unknown) is stored as `application/octet-stream`, kind `other`."),
    responses(
        (status = 201, description = "The stored file's metadata. Images, audio and video start with `media_state` `pending`: dimensions, thumbnail, duration and waveform are computed in the background.", body = FileMeta),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 413, response = crate::openapi::UploadTooLarge),
        (status = 422, response = crate::openapi::ValidationFailed),
        crate::openapi::ByIdErrors,
    )
)]
#[post("/clients/{id}/files")]
pub async fn upload_file(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<String>,
    req: HttpRequest,
    multipart: Multipart,
) -> ApiResult<HttpResponse> {
    let client_id = path.into_inner();
    let max = u64::try_from(state.config.max_upload_bytes).unwrap_or(u64::MAX);
    let default_quota = state.config.storage_quota_bytes;
    // The caller, the client and the organization's quota in one trip, before any byte is read.
    let (user, client, quota) = staff
        .run(move |conn, user| {
            let client = clients::get(conn, &user.org_id, &client_id)?;
            let quota = Quota::of(conn, &user.org_id, default_quota)?;
            Ok((user, client, quota))
        })
        .await?;
    let org_id = user.org_id.clone();
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
    let key = Storage::file_key(&org_id, &id);
    // Streaming stops as soon as the file outgrows the per-file limit or the quota's room.
    let limit = room.map_or(max, |room| room.min(max));
    let received = match receive(&state.storage, &key, multipart, limit).await {
        Err(ApiError::PayloadTooLarge) if limit < max => return Err(quota.exceeded()),
        other => other?,
    };
    let media_state = media::initial_state(received.kind);
    let row = FileRow {
        id,
        org_id,
        client_id: client.id,
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
        uploaded_by_kind: user.kind.as_str().into(),
        uploaded_by_id: user.id.clone(),
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
    Ok(HttpResponse::Created().json(meta))
}

/// How much larger than the file a multipart body may be before a declared length proves the
/// file too large.
const FRAMING_SLACK: u64 = 1024 * 1024;

/// An organization's storage quota and what its files use.
struct Quota {
    /// `None`: no quota.
    quota_bytes: Option<i64>,
    used_bytes: i64,
}

impl Quota {
    fn of(conn: &mut DbConn, org_id: &str, default_quota: i64) -> ApiResult<Quota> {
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

#[utoipa::path(
    tag = "files",
    security(("staff_jwt" = [])),
    params(
        ("id" = String, Path, description = "File id"),
        ("Range" = Option<String>, Header, description = "One byte range: `bytes=a-b`, `bytes=a-` or `bytes=-n`."),
    ),
    responses(
        (status = 200, description = "The whole file, with its sniffed `Content-Type`; `Content-Disposition` is `inline` for images, audio and video, else `attachment`."),
        (status = 206, description = "The requested range, with `Content-Range`."),
        (status = 416, description = "The range lies outside the file (`Content-Range: bytes */size`)."),
        crate::openapi::ByIdErrors,
    )
)]
#[get("/files/{id}")]
pub async fn download_file(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<String>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let row = staff
        .run(move |conn, user| Ok(files::get_for_org(conn, &user.org_id, &id)?))
        .await?;
    serve(&req, &state.storage, &row).await
}

#[utoipa::path(
    tag = "files",
    security(("staff_jwt" = [])),
    params(
        ("id" = String, Path, description = "File id"),
        ("Range" = Option<String>, Header, description = "One byte range: `bytes=a-b`, `bytes=a-` or `bytes=-n`."),
    ),
    responses(
        (status = 200, description = "The file's thumbnail: `image/jpeg`, at most 480×480, `inline`."),
        (status = 206, description = "The requested range, with `Content-Range`."),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, description = "No such file in the organization, or no thumbnail (yet: see the file's `media_state`).", body = shared_types::ErrorBody),
        (status = 416, description = "The range lies outside the thumbnail (`Content-Range: bytes */size`)."),
    )
)]
#[get("/files/{id}/thumbnail")]
pub async fn download_thumbnail(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<String>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let row = staff
        .run(move |conn, user| Ok(files::get_for_org(conn, &user.org_id, &id)?))
        .await?;
    serve_thumbnail(&req, &state.storage, &row).await
}
