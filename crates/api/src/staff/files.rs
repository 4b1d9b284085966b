//! Files, staff side: upload a client's file (streamed into storage) and download any file of
//! the organization.

use crate::auth::Staff;
use crate::db::clients;
use crate::db::files;
use crate::error::ApiResult;
use crate::files::intake::{self, Quota, Upload};
use crate::files::{serve, serve_thumbnail, RangeHeader, RangeResponses};
use crate::state::AppState;
use crate::web::paths::{ClientId, FileId};
use crate::web::tagged::Tagged;
use actix_multipart::Multipart;
use actix_web::{get, post};
use actix_web::{web, HttpRequest, HttpResponse};
use shared_types::approvals::FileMeta;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(upload_file)
        .service(download_file)
        .service(download_thumbnail);
}

/// The upload form: one field `file` (its filename is kept, sanitised, as display metadata).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

#[utoipa::path(
    request_body(content = UploadForm, content_type = "multipart/form-data",
        description = "The file in a field named `file`. Its type is sniffed from its first bytes: recognised images, video, audio and documents keep their type; anything else (HTML, SVG, unknown) is stored as `application/octet-stream`, kind `other`."),
    params(ClientId),
    responses(
        (status = 201, description = "The stored file's metadata. Images, audio and video start with `media_state` `pending`: dimensions, thumbnail, duration and waveform are computed in the background.", body = FileMeta),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 413, response = crate::openapi::UploadTooLarge),
        (status = 422, response = crate::openapi::ValidationFailed),
    )
)]
#[post("/clients/{id}/files")]
pub async fn upload_file(
    state: web::Data<AppState>,
    staff: Staff,
    ClientId { id: client_id }: ClientId,
    req: HttpRequest,
    multipart: Multipart,
) -> ApiResult<HttpResponse> {
    let default_quota = state.config.storage_quota_bytes;
    // The caller, the client and the organization's quota in one trip, before any byte is read.
    let (user, client, quota) = staff
        .run(move |conn, user| {
            let client = clients::get(conn, &user.org_id, &client_id)?;
            let quota = Quota::of(conn, &user.org_id, default_quota)?;
            Ok((user, client, quota))
        })
        .await?;
    let upload = Upload {
        org_id: user.org_id.clone(),
        client_id: client.id,
        by_kind: user.kind.as_str().into(),
        by_id: user.id.clone(),
    };
    let meta = intake::store(&state, upload, quota, &req, multipart).await?;
    Ok(HttpResponse::Created().json(meta))
}

#[utoipa::path(
    params(FileId, RangeHeader),
    responses(
        (status = 200, description = "The whole file, with its sniffed `Content-Type`; `Content-Disposition` is `inline` for images, audio and video, else `attachment`."),
        RangeResponses,
    )
)]
#[get("/files/{id}")]
pub async fn download_file(
    state: web::Data<AppState>,
    staff: Staff,
    FileId { id }: FileId,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let row = staff
        .run(move |conn, user| Ok(files::get_for_org(conn, &user.org_id, &id)?))
        .await?;
    serve(&req, &state.storage, &row).await
}

#[utoipa::path(
    params(FileId, RangeHeader),
    responses(
        (status = 200, description = "The file's thumbnail: `image/jpeg`, at most 480×480, `inline`."),
        RangeResponses,
        (status = 404, description = "No such file in the organization, or no thumbnail (yet: see the file's `media_state`).", body = shared_types::ErrorBody),
    )
)]
#[get("/files/{id}/thumbnail")]
pub async fn download_thumbnail(
    state: web::Data<AppState>,
    staff: Staff,
    FileId { id }: FileId,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let row = staff
        .run(move |conn, user| Ok(files::get_for_org(conn, &user.org_id, &id)?))
        .await?;
    serve_thumbnail(&req, &state.storage, &row).await
}
