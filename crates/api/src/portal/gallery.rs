//! `GET /portal/api/gallery`: the pictures and videos of the client's deliverables.

use crate::auth::Portal;
use crate::cursor;
use crate::db::gallery::{self, GalleryQuery};
use crate::error::Reply;
use crate::web::tagged::Tagged;
use actix_web::get;
use actix_web::web;
use actix_web::web::Query;
use serde::Deserialize;
use shared_types::approvals::GalleryItem;
use shared_types::Page;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(list_gallery);
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct GalleryParams {
    /// Only files of this project's approvals.
    project_id: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Page size, 1 to 100 (default 48); anything else is refused (422).
    #[param(minimum = 1, maximum = 100)]
    limit: Option<i64>,
}

#[utoipa::path(
    params(GalleryParams),
    responses(
        (status = 200, description = "Images and videos of the client's live approvals, newest first; download each through `/portal/api/files/{id}`.", body = Page<GalleryItem>),
        crate::openapi::ListErrors,
    )
)]
#[get("/gallery")]
pub async fn list_gallery(
    portal: Portal,
    Query(p): Query<GalleryParams>,
) -> Reply<Page<GalleryItem>> {
    let (items, next_cursor) = portal
        .run(move |conn, user| {
            // Checked after authentication: a signed-out caller gets 401 whatever it asks.
            let limit = cursor::page_limit(p.limit, 48, 100)?;
            Ok(gallery::list(
                conn,
                GalleryQuery {
                    client_id: user.client_id(),
                    project_id: p.project_id.as_deref(),
                    cursor: cursor::after_time(p.cursor.as_deref())?,
                    limit,
                },
            )?)
        })
        .await?;
    Ok(web::Json(Page { items, next_cursor }))
}
