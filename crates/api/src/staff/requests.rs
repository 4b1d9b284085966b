//! Requests, staff side: the inbox (filters, sorts, the unassigned count), a request with its
//! whole thread (public messages and internal notes), triage (status, priority, assignee,
//! project), replies and internal notes, requests made on a client's behalf. Targets, routing
//! and metrics are in `request_reports.rs`.

use crate::auth::Staff;
use crate::cursor;
use crate::db::requests::{self, InboxQuery, InboxRow, Sort};
use crate::db::{clients, contacts, DbConn};
use crate::domain::requests::{self as workflow, Draft, Opened};
use crate::domain::Actor;
use crate::error::{ApiError, ApiResult, OrField, Reply};
use crate::web::extract::Json;
use crate::web::paths::RequestId;
use crate::web::tagged::Tagged;
use actix_web::web::Query;
use actix_web::{get, patch, post};
use actix_web::{web, HttpResponse};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::OptionalExtension;
use serde::Deserialize;
use shared_types::requests::{
    ContactRef, ProjectRef, RequestCategory, RequestPriority, RequestStatus, RequestType,
    RequestUpdate, ResponseTarget, StaffRef, StaffReply, StaffRequest, StaffRequestCreate,
    StaffRequestList, StaffRequestSummary, TimelineEntry,
};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(list_requests)
        .service(create_request)
        .service(get_request)
        .service(update_request)
        .service(reply_to_request);
}

fn utc(at: NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(at, Utc)
}

fn summary(
    (row, client_name, contact_name, assignee_name, project_name): InboxRow,
    targets: &[ResponseTarget],
    now: NaiveDateTime,
) -> StaffRequestSummary {
    let due = workflow::due(&row, &workflow::target_for(targets, row.priority), now);
    StaffRequestSummary {
        breached: workflow::breached(&due, now),
        due,
        assignee: row
            .assignee_id
            .clone()
            .zip(assignee_name)
            .map(|(id, name)| StaffRef { id, name }),
        project: row
            .project_id
            .clone()
            .zip(project_name)
            .map(|(id, name)| ProjectRef { id, name }),
        id: row.id,
        client_id: row.client_id,
        client_name,
        contact_name,
        request_type: row.request_type,
        category: row.category,
        title: row.title,
        priority: row.priority,
        status: row.status,
        message_count: row.message_count,
        last_activity_at: utc(row.last_activity_at),
        created_at: utc(row.created_at),
        first_response_at: row.first_response_at.map(utc),
    }
}

/// The request with its whole thread, as staff see it.
fn staff_view(
    conn: &mut DbConn,
    org_id: &str,
    id: &str,
    now: NaiveDateTime,
) -> ApiResult<StaffRequest> {
    let inbox = requests::inbox_row(conn, org_id, id)?;
    let row = inbox.0.clone();
    let targets = requests::targets(conn, org_id)?;
    let contact = match &row.contact_id {
        Some(cid) => contacts::get(conn, org_id, &row.client_id, cid)
            .optional()?
            .map(|c| ContactRef {
                id: c.id,
                name: c.name,
                email: c.email,
            }),
        None => None,
    };
    let files = requests::files_of(conn, &row.id)?;
    let mut timeline: Vec<TimelineEntry> = requests::messages(conn, &row.id)?
        .into_iter()
        .map(|m| TimelineEntry {
            attachments: requests::attached_to(&files, Some(&m.id)),
            id: m.id,
            internal: false,
            author_name: m.author_name,
            from_agency: m.author_kind != "contact",
            body: m.body,
            created_at: utc(m.created_at),
        })
        .collect();
    timeline.extend(
        requests::notes(conn, org_id, &row.id)?
            .into_iter()
            .map(|n| TimelineEntry {
                id: n.id,
                internal: true,
                author_name: n.author_name,
                from_agency: true,
                body: n.body,
                attachments: Vec::new(),
                created_at: utc(n.created_at),
            }),
    );
    timeline.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    Ok(StaffRequest {
        summary: summary(inbox, &targets, now),
        description: row.description.clone(),
        contact,
        attachments: requests::attached_to(&files, None),
        timeline,
        resolved_at: row.resolved_at.map(utc),
        closed_at: row.closed_at.map(utc),
    })
}

/// How the inbox is sorted.
#[derive(Debug, Clone, Copy, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InboxSort {
    /// Newest activity first (the default).
    #[default]
    Recent,
    /// Oldest first.
    Oldest,
    /// Most urgent first, then oldest.
    Priority,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct InboxParams {
    #[serde(rename = "type")]
    #[param(rename = "type")]
    request_type: Option<RequestType>,
    category: Option<RequestCategory>,
    status: Option<RequestStatus>,
    /// `true`: only requests not resolved or closed.
    active: Option<bool>,
    priority: Option<RequestPriority>,
    /// A staff member's id.
    assignee: Option<String>,
    /// A client's id.
    client: Option<String>,
    /// `true`: only requests nobody is assigned to.
    unassigned: Option<bool>,
    sort: Option<InboxSort>,
    cursor: Option<String>,
    /// 1 to 100 (default 25).
    limit: Option<i64>,
}

#[utoipa::path(
    params(InboxParams),
    responses(
        (status = 200, description = "A page of the organization's requests and how many active ones nobody is assigned to.", body = StaffRequestList),
        crate::openapi::ListErrors,
    )
)]
#[get("/requests")]
pub async fn list_requests(staff: Staff, Query(p): Query<InboxParams>) -> Reply<StaffRequestList> {
    let now = staff.now();
    let list = staff
        .run(move |conn, user| {
            let limit = cursor::page_limit(p.limit, 25, 100)?;
            let sort = match p.sort.unwrap_or_default() {
                InboxSort::Recent => Sort::Recent,
                InboxSort::Oldest => Sort::Oldest,
                InboxSort::Priority => Sort::Priority,
            };
            let position = match sort {
                Sort::Priority => cursor::after_rank_time(p.cursor.as_deref())?,
                _ => cursor::after_time(p.cursor.as_deref())?.map(|(at, id)| (0, at, id)),
            };
            let rows = requests::inbox_page(
                conn,
                InboxQuery {
                    org_id: &user.org_id,
                    request_type: p.request_type,
                    category: p.category,
                    status: p.status,
                    active: p.active.unwrap_or(false),
                    priority: p.priority,
                    assignee_id: p.assignee.as_deref(),
                    client_id: p.client.as_deref(),
                    unassigned: p.unassigned.unwrap_or(false),
                    sort,
                    cursor: position,
                    limit,
                },
            )?;
            let more = rows.len() as i64 > limit;
            let next_cursor =
                more.then(|| rows.get(limit as usize - 1))
                    .flatten()
                    .map(|(r, ..)| match sort {
                        Sort::Recent => cursor::encode_time(r.last_activity_at, &r.id),
                        Sort::Oldest => cursor::encode_time(r.created_at, &r.id),
                        Sort::Priority => {
                            cursor::encode_rank_time(r.priority_rank, r.created_at, &r.id)
                        }
                    });
            let targets = requests::targets(conn, &user.org_id)?;
            let items = rows
                .into_iter()
                .take(limit as usize)
                .map(|r| summary(r, &targets, now))
                .collect();
            Ok(StaffRequestList {
                items,
                next_cursor,
                unassigned: requests::unassigned_count(conn, &user.org_id)?,
            })
        })
        .await?;
    Ok(web::Json(list))
}

#[utoipa::path(
    responses(
        (status = 201, description = "The request, opened on the client's behalf (assigned by the category's route unless `assignee_id` is given).", body = StaffRequest),
    )
)]
#[post("/requests")]
pub async fn create_request(
    staff: Staff,
    Json(body): Json<StaffRequestCreate>,
) -> ApiResult<HttpResponse> {
    let now = staff.now();
    let request = staff
        .write(move |conn, user| {
            let client = clients::get(conn, &user.org_id, &body.client_id)
                .or_field("client_id", "Choose one of your clients.")?;
            if let Some(cid) = &body.contact_id {
                contacts::get(conn, &user.org_id, &client.id, cid)
                    .or_field("contact_id", "Choose one of this client's contacts.")?;
            }
            let draft = Draft {
                kind: body.request_type,
                category: body.category,
                title: body.title,
                description: body.description,
                priority: body.priority,
                project_id: body.project_id,
                file_ids: body.file_ids,
                contact_id: body.contact_id,
                assignee_id: body.assignee_id,
            };
            let actor = Actor::from(&user);
            let row =
                match workflow::open(conn, &actor, &user.org_id, &client.id, draft, None, now)? {
                    Opened::New(row) | Opened::Replayed(row) => row,
                };
            staff_view(conn, &user.org_id, &row.id, now)
        })
        .await?;
    Ok(HttpResponse::Created().json(request))
}

#[utoipa::path(
    params(RequestId),
    responses(
        (status = 200, description = "The request with its thread: public messages and internal notes (`internal: true`), oldest first.", body = StaffRequest),
    )
)]
#[get("/requests/{id}")]
pub async fn get_request(staff: Staff, RequestId { id }: RequestId) -> Reply<StaffRequest> {
    let now = staff.now();
    let request = staff
        .run(move |conn, user| staff_view(conn, &user.org_id, &id, now))
        .await?;
    Ok(web::Json(request))
}

#[utoipa::path(
    request_body = RequestUpdate,
    params(RequestId),
    responses(
        (status = 200, description = "Only the fields sent change. A status change is told to the contact the request is from.", body = StaffRequest),
    )
)]
#[patch("/requests/{id}")]
pub async fn update_request(
    staff: Result<Staff, ApiError>,
    RequestId { id }: RequestId,
    body: Result<Json<RequestUpdate>, actix_web::Error>,
) -> actix_web::Result<web::Json<StaffRequest>> {
    // Checked before the caller and the body, which a wrong method never gets to.
    super::not_an_id(&id, &[("metrics", "GET"), ("settings", "GET, PUT")])?;
    let staff = staff?;
    let body = body?.into_inner();
    let now = staff.now();
    let request = staff
        .write(move |conn, user| {
            let mut row = requests::get(conn, &user.org_id, &id)?;
            let actor = Actor::from(&user);
            workflow::assign(
                conn,
                &actor,
                &mut row,
                body.priority,
                body.assignee_id,
                body.project_id,
                now,
            )?;
            if let Some(status) = body.status {
                workflow::change_status(conn, &actor, &mut row, status, now)?;
            }
            staff_view(conn, &user.org_id, &row.id, now)
        })
        .await?;
    Ok(web::Json(request))
}

#[utoipa::path(
    params(RequestId),
    responses(
        (status = 201, description = "The reply (told to the contact, with a link to the request), or with `internal: true` a note only staff ever see.", body = TimelineEntry),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[post("/requests/{id}/messages")]
pub async fn reply_to_request(
    staff: Staff,
    RequestId { id }: RequestId,
    Json(body): Json<StaffReply>,
) -> ApiResult<HttpResponse> {
    let now = staff.now();
    let entry = staff
        .write(move |conn, user| {
            let mut row = requests::get(conn, &user.org_id, &id)?;
            let actor = Actor::from(&user);
            if body.internal {
                let n = workflow::add_note(conn, &actor, &row, &body.body, &body.file_ids, now)?;
                return Ok(TimelineEntry {
                    id: n.id,
                    internal: true,
                    author_name: n.author_name,
                    from_agency: true,
                    body: n.body,
                    attachments: Vec::new(),
                    created_at: utc(n.created_at),
                });
            }
            let m =
                workflow::post_message(conn, &actor, &mut row, &body.body, &body.file_ids, now)?;
            let files = requests::files_of(conn, &row.id)?;
            Ok(TimelineEntry {
                attachments: requests::attached_to(&files, Some(&m.id)),
                id: m.id,
                internal: false,
                author_name: m.author_name,
                from_agency: true,
                body: m.body,
                created_at: utc(m.created_at),
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(entry))
}
