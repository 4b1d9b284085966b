//! Files, portal side: a contact downloads a file (or its thumbnail) only while it is attached
//! to a live approval of their own client.

use crate::auth::Portal;
use crate::db::files;
use crate::error::ApiResult;
use crate::files::{serve, serve_thumbnail, RangeHeader, RangeResponses};
use crate::state::AppState;
use crate::web::paths::FileId;
use crate::web::tagged::Tagged;
use actix_web::get;
use actix_web::{web, HttpRequest, HttpResponse};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(download_file).service(download_thumbnail);
}

#[utoipa::path(
    operation_id = "portal_download_file",
    params(FileId, RangeHeader),
    responses(
        (status = 200, description = "The whole file, with its sniffed `Content-Type`; `Content-Disposition` is `inline` for images, audio and video, else `attachment`."),
        RangeResponses,
    )
)]
#[get("/files/{id}")]
pub async fn download_file(
    state: web::Data<AppState>,
    portal: Portal,
    FileId { id }: FileId,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let row = portal
        .run(move |conn, user| Ok(files::get_attached_for_client(conn, user.client_id(), &id)?))
        .await?;
    serve(&req, &state.storage, &row).await
}

#[utoipa::path(
    operation_id = "portal_download_thumbnail",
    params(FileId, RangeHeader),
    responses(
        (status = 200, description = "The file's thumbnail: `image/jpeg`, at most 480×480, `inline`."),
        RangeResponses,
        (status = 404, description = "Not a file of the client's live approvals, or no thumbnail (yet: see the file's `media_state`).", body = shared_types::ErrorBody),
    )
)]
#[get("/files/{id}/thumbnail")]
pub async fn download_thumbnail(
    state: web::Data<AppState>,
    portal: Portal,
    FileId { id }: FileId,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let row = portal
        .run(move |conn, user| Ok(files::get_attached_for_client(conn, user.client_id(), &id)?))
        .await?;
    serve_thumbnail(&req, &state.storage, &row).await
}
