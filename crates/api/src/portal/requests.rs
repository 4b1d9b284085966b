//! Requests, portal side: the client's job requests and support tickets, their public thread,
//! replies, closing, and attachments. Every query here is scoped by the session's client and
//! reads only the public thread (`db::requests`, portal functions): internal notes are in a
//! table no portal query names. All of it needs `can_submit_requests`.

use crate::auth::portal_user::Permission;
use crate::auth::{Portal, PortalUser};
use crate::cursor;
use crate::db::files::FileRow;
use crate::db::requests::{self, MessageRow, PortalQuery, RequestRow};
use crate::db::{contacts, projects, write_tx, DbConn};
use crate::domain::requests::{self as workflow, Draft, Idempotency, Opened};
use crate::domain::Actor;
use crate::error::{ApiError, ApiResult, Reply};
use crate::files::intake::{self, Quota, Upload};
use crate::web::extract::Json;
use crate::web::paths::RequestId;
use crate::web::tagged::Tagged;
use actix_multipart::Multipart;
use actix_web::web::Query;
use actix_web::{get, post};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::OptionalExtension;
use serde::Deserialize;
use shared_types::approvals::FileMeta;
use shared_types::requests::{
    PortalRequest, PortalRequestSummary, ProjectRef, RequestCreate, RequestMessage, RequestReply,
    RequestStatus, RequestType, ResponseTarget,
};
use shared_types::Page;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(list_requests)
        .service(create_request)
        .service(get_request)
        .service(reply_to_request)
        .service(close_request)
        .service(upload_file);
}

fn utc(at: NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(at, Utc)
}

fn summary(
    targets: &[ResponseTarget],
    row: &RequestRow,
    from: Option<String>,
    now: NaiveDateTime,
) -> PortalRequestSummary {
    let target = workflow::target_for(targets, row.priority);
    PortalRequestSummary {
        id: row.id.clone(),
        request_type: row.request_type,
        category: row.category,
        title: row.title.clone(),
        priority: row.priority,
        status: row.status,
        message_count: row.message_count,
        last_activity_at: utc(row.last_activity_at),
        created_at: utc(row.created_at),
        from,
        due: workflow::due(row, &target, now),
    }
}

fn message(m: &MessageRow, all: &[(Option<String>, FileRow)]) -> RequestMessage {
    RequestMessage {
        id: m.id.clone(),
        author_name: m.author_name.clone(),
        from_agency: m.author_kind != "contact",
        body: m.body.clone(),
        attachments: requests::attached_to(all, Some(&m.id)),
        created_at: utc(m.created_at),
    }
}

/// The whole request as the client sees it.
pub(crate) fn portal_view(
    conn: &mut DbConn,
    user: &PortalUser,
    row: &RequestRow,
    now: NaiveDateTime,
) -> ApiResult<PortalRequest> {
    let from = match &row.contact_id {
        Some(id) => contacts::get(conn, &row.org_id, &row.client_id, id)
            .optional()?
            .map(|c| c.name),
        None => None,
    };
    let project = match &row.project_id {
        Some(id) => projects::get(conn, &user.org.id, id)
            .optional()?
            .filter(|p| p.client_id == row.client_id && p.archived_at.is_none())
            .map(|p| ProjectRef {
                id: p.id,
                name: p.name,
            }),
        None => None,
    };
    let files = requests::files_of(conn, &row.id)?;
    let messages = requests::messages(conn, &row.id)?
        .iter()
        .map(|m| message(m, &files))
        .collect();
    let targets = requests::targets(conn, &row.org_id)?;
    Ok(PortalRequest {
        summary: summary(&targets, row, from, now),
        description: row.description.clone(),
        project,
        attachments: requests::attached_to(&files, None),
        messages,
    })
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only this type.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    request_type: Option<RequestType>,
    /// Only this status.
    status: Option<RequestStatus>,
    cursor: Option<String>,
    /// 1 to 100 (default 25).
    limit: Option<i64>,
}

#[utoipa::path(
    operation_id = "portal_list_requests",
    params(ListParams),
    responses(
        (status = 200, description = "The client's requests, most recent activity first (keyset pages). Counts and activity times cover the public thread only.", body = Page<PortalRequestSummary>),
        (status = 403, response = crate::openapi::Forbidden),
        crate::openapi::ListErrors,
    )
)]
#[get("/requests")]
pub async fn list_requests(
    portal: Portal,
    Query(p): Query<ListParams>,
) -> Reply<Page<PortalRequestSummary>> {
    let now = portal.state().now();
    let page = portal
        .run(move |conn, user| {
            user.require(Permission::SubmitRequests)?;
            let limit = cursor::page_limit(p.limit, 25, 100)?;
            let rows = requests::portal_page(
                conn,
                PortalQuery {
                    client_id: user.client_id(),
                    request_type: p.request_type,
                    status: p.status,
                    cursor: cursor::after_time(p.cursor.as_deref())?,
                    limit,
                },
            )?;
            let more = rows.len() as i64 > limit;
            let targets = requests::targets(conn, &user.org.id)?;
            let items = rows
                .iter()
                .take(limit as usize)
                .map(|(row, from)| summary(&targets, row, from.clone(), now))
                .collect();
            let next_cursor = more
                .then(|| rows.get(limit as usize - 1))
                .flatten()
                .map(|(r, _)| cursor::encode_time(r.last_activity_at, &r.id));
            Ok(Page { items, next_cursor })
        })
        .await?;
    Ok(web::Json(page))
}

/// The `Idempotency-Key` header: 1 to 200 visible characters.
fn idempotency_key(req: &HttpRequest) -> ApiResult<Option<String>> {
    let Some(value) = req.headers().get("idempotency-key") else {
        return Ok(None);
    };
    let key = value.to_str().unwrap_or("").trim();
    if key.is_empty() || key.len() > 200 || key.chars().any(char::is_control) {
        return Err(ApiError::field(
            "Idempotency-Key",
            "Send a key of 1 to 200 visible characters.",
        ));
    }
    Ok(Some(key.to_owned()))
}

#[utoipa::path(
    operation_id = "portal_create_request",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried submission safe: the same key with the same body answers the request the first call made; with another body, 422.")),
    responses(
        (status = 201, description = "The new request (or, for a repeated `Idempotency-Key`, the one made the first time). The client's account managers are told.", body = PortalRequest),
    )
)]
#[post("/requests")]
pub async fn create_request(
    portal: Portal,
    req: HttpRequest,
    Json(body): Json<RequestCreate>,
) -> ApiResult<HttpResponse> {
    let key = idempotency_key(&req)?;
    let now = portal.state().now();
    let ip = portal.ip.clone();
    let hash = crate::crypto::sha256_hex(&serde_json::to_string(&body).unwrap_or_default());
    let request = portal
        .run(move |conn, user| {
            user.require(Permission::SubmitRequests)?;
            let actor = Actor::contact(&user, ip);
            let draft = Draft {
                kind: body.request_type,
                category: body.category,
                title: body.title,
                description: body.description,
                priority: body.priority,
                project_id: body.project_id,
                file_ids: body.file_ids,
                contact_id: Some(user.contact.id.clone()),
                assignee_id: None,
            };
            let idempotency = key.map(|key| Idempotency { key, hash });
            let opened = write_tx(conn, |conn| {
                workflow::open(
                    conn,
                    &actor,
                    &user.org.id,
                    user.client_id(),
                    draft,
                    idempotency,
                    now,
                )
            })?;
            let row = match opened {
                Opened::New(row) | Opened::Replayed(row) => row,
            };
            portal_view(conn, &user, &row, now)
        })
        .await?;
    Ok(HttpResponse::Created().json(request))
}

#[utoipa::path(
    operation_id = "portal_get_request",
    params(RequestId),
    responses(
        (status = 200, description = "The request with its public thread, oldest first.", body = PortalRequest),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[get("/requests/{id}")]
pub async fn get_request(portal: Portal, RequestId { id }: RequestId) -> Reply<PortalRequest> {
    let now = portal.state().now();
    let request = portal
        .run(move |conn, user| {
            let row = requests::get_for_client(conn, user.client_id(), &id)?;
            user.require(Permission::SubmitRequests)?;
            portal_view(conn, &user, &row, now)
        })
        .await?;
    Ok(web::Json(request))
}

#[utoipa::path(
    operation_id = "portal_reply_to_request",
    params(RequestId),
    responses(
        (status = 201, description = "The message. A request waiting on the client, or resolved, opens again.", body = RequestMessage),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[post("/requests/{id}/messages")]
pub async fn reply_to_request(
    portal: Portal,
    RequestId { id }: RequestId,
    Json(body): Json<RequestReply>,
) -> ApiResult<HttpResponse> {
    let now = portal.state().now();
    let ip = portal.ip.clone();
    let message = portal
        .run(move |conn, user| {
            requests::get_for_client(conn, user.client_id(), &id)?;
            user.require(Permission::SubmitRequests)?;
            let actor = Actor::contact(&user, ip);
            let (row, posted) = write_tx(conn, |conn| {
                let mut row = requests::get_for_client(conn, user.client_id(), &id)?;
                let m = workflow::post_message(
                    conn,
                    &actor,
                    &mut row,
                    &body.body,
                    &body.file_ids,
                    now,
                )?;
                Ok((row, m))
            })?;
            let files = requests::files_of(conn, &row.id)?;
            Ok(message(&posted, &files))
        })
        .await?;
    Ok(HttpResponse::Created().json(message))
}

#[utoipa::path(
    operation_id = "portal_close_request",
    params(RequestId),
    responses(
        (status = 200, description = "The contact confirms it is resolved: the request is closed.", body = PortalRequest),
    )
)]
#[post("/requests/{id}/close")]
pub async fn close_request(portal: Portal, RequestId { id }: RequestId) -> Reply<PortalRequest> {
    let now = portal.state().now();
    let ip = portal.ip.clone();
    let request = portal
        .run(move |conn, user| {
            requests::get_for_client(conn, user.client_id(), &id)?;
            user.require(Permission::SubmitRequests)?;
            let actor = Actor::contact(&user, ip);
            let row = write_tx(conn, |conn| {
                let mut row = requests::get_for_client(conn, user.client_id(), &id)?;
                workflow::change_status(conn, &actor, &mut row, RequestStatus::Closed, now)?;
                Ok(row)
            })?;
            portal_view(conn, &user, &row, now)
        })
        .await?;
    Ok(web::Json(request))
}

#[utoipa::path(
    operation_id = "portal_upload_file",
    request_body(content = crate::staff::files::UploadForm, content_type = "multipart/form-data",
        description = "The file in a field named `file`, to attach to a request or a reply (`file_ids`). Its type is sniffed from its content, as for staff uploads."),
    responses(
        (status = 201, description = "The stored file's metadata.", body = FileMeta),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 413, response = crate::openapi::UploadTooLarge),
    )
)]
#[post("/files")]
pub async fn upload_file(
    portal: Portal,
    req: HttpRequest,
    multipart: Multipart,
) -> ApiResult<HttpResponse> {
    let state = portal.shared_state();
    let default_quota = state.config.storage_quota_bytes;
    let (upload, quota) = portal
        .run(move |conn, user| {
            user.require(Permission::SubmitRequests)?;
            let quota = Quota::of(conn, &user.org.id, default_quota)?;
            let upload = Upload {
                org_id: user.org.id.clone(),
                client_id: user.client.id.clone(),
                by_kind: "contact".into(),
                by_id: user.contact.id.clone(),
            };
            Ok((upload, quota))
        })
        .await?;
    let meta = intake::store(&state, upload, quota, &req, multipart).await?;
    Ok(HttpResponse::Created().json(meta))
}
