//! Files, staff side: upload a client's file (streamed into storage) and download any file of
//! the organization.

use crate::auth::StaffUser;
use crate::db::files::{self, FileRow};
use crate::db::{clients, new_id};
use crate::error::{ApiError, ApiResult};
use crate::files::{receive, remove, serve};
use crate::state::AppState;
use crate::storage::Storage;
use actix_multipart::Multipart;
use actix_web::{web, HttpRequest, HttpResponse};
use shared_types::approvals::FileMeta;

/// The upload form: one field `file` (its filename is kept, sanitised, as display metadata).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

#[utoipa::path(
    post,
    path = "/api/v1/clients/{id}/files",
    tag = "files",
    security(("staff_jwt" = [])),
    params(("id" = String, Path, description = "Client id")),
    request_body(content = UploadForm, content_type = "multipart/form-data",
        description = "The file in a field named `file`. Its type is sniffed from its first bytes: recognised images, video, audio and documents keep their type; anything else (HTML, SVG, unknown) is stored as `application/octet-stream`, kind `other`."),
    responses(
        (status = 201, description = "The stored file's metadata.", body = FileMeta),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 422, response = crate::openapi::ValidationFailed),
    )
)]
pub async fn upload_file(
    state: web::Data<AppState>,
    user: StaffUser,
    path: web::Path<String>,
    req: HttpRequest,
    multipart: Multipart,
) -> ApiResult<HttpResponse> {
    let client_id = path.into_inner();
    let org_id = user.org_id.clone();
    let client = {
        let (org_id, client_id) = (org_id.clone(), client_id.clone());
        state
            .db
            .run(move |conn| clients::get(conn, &org_id, &client_id))
            .await?
    };
    let max = u64::try_from(state.config.max_upload_bytes).unwrap_or(u64::MAX);
    // A declared body far over the limit is refused before reading any of it.
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max.saturating_add(1024 * 1024)) {
        return Err(ApiError::PayloadTooLarge);
    }
    let id = new_id();
    let key = Storage::file_key(&org_id, &id);
    let received = receive(&state.storage, &key, multipart, max).await?;
    let row = FileRow {
        id,
        org_id,
        client_id: client.id,
        storage_key: key.clone(),
        filename: received.filename,
        content_type: received.content_type,
        size_bytes: received.size_bytes,
        sha256: received.sha256,
        kind: received.kind.as_str().into(),
        width: None,
        height: None,
        duration_ms: None,
        waveform: None,
        thumbnail_key: None,
        uploaded_by_kind: user.kind.as_str().into(),
        uploaded_by_id: user.id.clone(),
        created_at: state.now(),
    };
    let meta = row.to_meta();
    let inserted = state.db.run(move |conn| files::insert(conn, &row)).await;
    if let Err(err) = inserted {
        remove(&state.storage, &key).await;
        return Err(err);
    }
    Ok(HttpResponse::Created().json(meta))
}

#[utoipa::path(
    get,
    path = "/api/v1/files/{id}",
    tag = "files",
    security(("staff_jwt" = [])),
    params(
        ("id" = String, Path, description = "File id"),
        ("Range" = Option<String>, Header, description = "One byte range: `bytes=a-b`, `bytes=a-` or `bytes=-n`."),
    ),
    responses(
        (status = 200, description = "The whole file, with its sniffed `Content-Type`; `Content-Disposition` is `inline` for images, audio and video, else `attachment`."),
        (status = 206, description = "The requested range, with `Content-Range`."),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 416, description = "The range lies outside the file (`Content-Range: bytes */size`)."),
    )
)]
pub async fn download_file(
    state: web::Data<AppState>,
    user: StaffUser,
    path: web::Path<String>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let row = state
        .db
        .run(move |conn| files::get_for_org(conn, &user.org_id, &id))
        .await?;
    serve(&req, &state.storage, &row).await
}
