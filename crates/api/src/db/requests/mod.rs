//! Requests and their threads. Portal reads go through the functions marked "portal", which
//! name only `requests`, `request_messages` and `request_files`: internal notes are in
//! `request_notes`, which only `notes` (staff) reads.

use super::files::FileRow;
use super::limit::LimitLiteralDsl;
use super::schema::{
    client_users, files, request_files, request_messages, request_notes, requests,
};
use super::DbConn;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared_types::requests::{RequestCategory, RequestPriority, RequestStatus, RequestType};

mod inbox;
mod settings;
pub use inbox::*;
pub use settings::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = requests)]
pub struct RequestRow {
    pub id: String,
    pub org_id: String,
    pub client_id: String,
    pub request_type: RequestType,
    pub category: RequestCategory,
    pub title: String,
    pub description: String,
    pub priority: RequestPriority,
    pub priority_rank: i32,
    pub status: RequestStatus,
    pub contact_id: Option<String>,
    pub created_by_kind: String,
    pub created_by_id: String,
    pub assignee_id: Option<String>,
    pub project_id: Option<String>,
    pub message_count: i32,
    pub last_activity_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub first_response_at: Option<NaiveDateTime>,
    pub first_response_paused_secs: Option<i64>,
    pub resolved_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub waiting_since: Option<NaiveDateTime>,
    pub paused_secs: i64,
    pub idempotency_key: Option<String>,
    pub idempotency_hash: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = request_messages)]
pub struct MessageRow {
    pub id: String,
    pub request_id: String,
    pub client_id: String,
    pub author_kind: String,
    pub author_id: String,
    pub author_name: String,
    pub body: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = request_notes)]
pub struct NoteRow {
    pub id: String,
    pub request_id: String,
    pub org_id: String,
    pub author_id: String,
    pub author_name: String,
    pub body: String,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, row: &RequestRow) -> QueryResult<()> {
    diesel::insert_into(requests::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Portal: one of the client's requests.
pub fn get_for_client(conn: &mut DbConn, client_id: &str, id: &str) -> QueryResult<RequestRow> {
    requests::table
        .filter(requests::client_id.eq(client_id))
        .filter(requests::id.eq(id))
        .select(RequestRow::as_select())
        .get_result(conn)
}

/// One of the organization's requests.
pub fn get(conn: &mut DbConn, org_id: &str, id: &str) -> QueryResult<RequestRow> {
    requests::table
        .filter(requests::org_id.eq(org_id))
        .filter(requests::id.eq(id))
        .select(RequestRow::as_select())
        .get_result(conn)
}

/// The request `by` already made with `key`, if any.
pub fn by_idempotency_key(
    conn: &mut DbConn,
    by: &str,
    key: &str,
) -> QueryResult<Option<RequestRow>> {
    requests::table
        .filter(requests::created_by_id.eq(by))
        .filter(requests::idempotency_key.eq(key))
        .select(RequestRow::as_select())
        .get_result(conn)
        .optional()
}

/// Portal list filters.
pub struct PortalQuery<'a> {
    pub client_id: &'a str,
    pub request_type: Option<RequestType>,
    pub status: Option<RequestStatus>,
    pub cursor: Option<(NaiveDateTime, String)>,
    pub limit: i64,
}

/// Portal: a page of the client's requests, newest activity first, each with the name of the
/// contact it is from.
pub fn portal_page(
    conn: &mut DbConn,
    q: PortalQuery<'_>,
) -> QueryResult<Vec<(RequestRow, Option<String>)>> {
    let mut query = requests::table
        .left_join(client_users::table)
        .filter(requests::client_id.eq(q.client_id))
        .select((RequestRow::as_select(), client_users::name.nullable()))
        .into_boxed();
    if let Some(t) = q.request_type {
        query = query.filter(requests::request_type.eq(t));
    }
    if let Some(s) = q.status {
        query = query.filter(requests::status.eq(s));
    }
    if let Some((at, id)) = q.cursor {
        query = query.filter(
            requests::last_activity_at
                .lt(at)
                .or(requests::last_activity_at.eq(at).and(requests::id.lt(id))),
        );
    }
    query
        .order((requests::last_activity_at.desc(), requests::id.desc()))
        .limit_literal(q.limit + 1)
        .load(conn)
}

/// How many of the client's requests are still active (for the dashboard).
pub fn active_count(conn: &mut DbConn, client_id: &str) -> QueryResult<i64> {
    requests::table
        .filter(requests::client_id.eq(client_id))
        .filter(requests::status.ne_all([RequestStatus::Resolved, RequestStatus::Closed]))
        .count()
        .get_result(conn)
}

/// Portal and staff: the public thread, oldest first.
pub fn messages(conn: &mut DbConn, request_id: &str) -> QueryResult<Vec<MessageRow>> {
    request_messages::table
        .filter(request_messages::request_id.eq(request_id))
        .order((
            request_messages::created_at.asc(),
            request_messages::id.asc(),
        ))
        .select(MessageRow::as_select())
        .load(conn)
}

/// Staff only: the internal notes, oldest first.
pub fn notes(conn: &mut DbConn, org_id: &str, request_id: &str) -> QueryResult<Vec<NoteRow>> {
    request_notes::table
        .filter(request_notes::org_id.eq(org_id))
        .filter(request_notes::request_id.eq(request_id))
        .order((request_notes::created_at.asc(), request_notes::id.asc()))
        .select(NoteRow::as_select())
        .load(conn)
}

pub fn insert_message(conn: &mut DbConn, row: &MessageRow) -> QueryResult<()> {
    diesel::insert_into(request_messages::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn insert_note(conn: &mut DbConn, row: &NoteRow) -> QueryResult<()> {
    diesel::insert_into(request_notes::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The request's files (`None`: attached to the request itself, else to that message), in the
/// order they were attached.
pub fn files_of(
    conn: &mut DbConn,
    request_id: &str,
) -> QueryResult<Vec<(Option<String>, FileRow)>> {
    request_files::table
        .inner_join(files::table)
        .filter(request_files::request_id.eq(request_id))
        .order(request_files::position.asc())
        .select((request_files::message_id, files::all_columns))
        .load(conn)
}

/// Of a request's files (`files_of`), those of one message (`None`: the request's own), as
/// both APIs show them.
pub fn attached_to(
    all: &[(Option<String>, FileRow)],
    message_id: Option<&str>,
) -> Vec<shared_types::approvals::FileMeta> {
    all.iter()
        .filter(|(m, _)| m.as_deref() == message_id)
        .map(|(_, f)| f.to_meta())
        .collect()
}

/// Attaches `file_ids` (already checked to be the client's) to the request or one message.
pub fn attach(
    conn: &mut DbConn,
    request: &RequestRow,
    message_id: Option<&str>,
    file_ids: &[String],
) -> QueryResult<()> {
    let start: Option<i32> = request_files::table
        .filter(request_files::request_id.eq(&request.id))
        .select(diesel::dsl::max(request_files::position))
        .get_result(conn)?;
    let start = start.map_or(0, |p| p + 1);
    for (n, file_id) in file_ids.iter().enumerate() {
        diesel::insert_into(request_files::table)
            .values((
                request_files::id.eq(super::new_id()),
                request_files::request_id.eq(&request.id),
                request_files::message_id.eq(message_id),
                request_files::client_id.eq(&request.client_id),
                request_files::file_id.eq(file_id),
                request_files::position.eq(start + i32::try_from(n).unwrap_or(i32::MAX)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Writes the request's changed state (status, clock, counts, assignment, link).
pub fn save(conn: &mut DbConn, row: &RequestRow) -> QueryResult<()> {
    diesel::update(requests::table.filter(requests::id.eq(&row.id)))
        .set((
            requests::priority.eq(row.priority),
            requests::priority_rank.eq(row.priority_rank),
            requests::status.eq(row.status),
            requests::assignee_id.eq(&row.assignee_id),
            requests::project_id.eq(&row.project_id),
            requests::message_count.eq(row.message_count),
            requests::last_activity_at.eq(row.last_activity_at),
            requests::updated_at.eq(row.updated_at),
            requests::first_response_at.eq(row.first_response_at),
            requests::first_response_paused_secs.eq(row.first_response_paused_secs),
            requests::resolved_at.eq(row.resolved_at),
            requests::closed_at.eq(row.closed_at),
            requests::waiting_since.eq(row.waiting_since),
            requests::paused_secs.eq(row.paused_secs),
        ))
        .execute(conn)
        .map(drop)
}
