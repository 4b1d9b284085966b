//! The staff side's reads of requests: the inbox (filtered, sorted, paged, with the names a row
//! shows), the unassigned count, and the requests a metrics period covers.

use super::RequestRow;
use crate::db::limit::LimitLiteralDsl;
use crate::db::schema::{client_users, clients, projects, requests, staff_users};
use crate::db::DbConn;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared_types::requests::{RequestCategory, RequestPriority, RequestStatus, RequestType};

/// How the staff inbox is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Newest activity first.
    Recent,
    /// Oldest first (by creation).
    Oldest,
    /// Most urgent first, then oldest.
    Priority,
}

/// Staff inbox filters.
pub struct InboxQuery<'a> {
    pub org_id: &'a str,
    pub request_type: Option<RequestType>,
    pub category: Option<RequestCategory>,
    pub status: Option<RequestStatus>,
    /// Only requests not resolved or closed.
    pub active: bool,
    pub priority: Option<RequestPriority>,
    pub assignee_id: Option<&'a str>,
    pub client_id: Option<&'a str>,
    pub unassigned: bool,
    pub sort: Sort,
    /// The last row of the previous page: its sort key parts and id.
    pub cursor: Option<(i32, NaiveDateTime, String)>,
    pub limit: i64,
}

/// An inbox row: the request with its client's, contact's, assignee's and project's names.
pub type InboxRow = (
    RequestRow,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// A page of the organization's requests.
pub fn inbox_page(conn: &mut DbConn, q: InboxQuery<'_>) -> QueryResult<Vec<InboxRow>> {
    let mut query = requests::table
        .inner_join(clients::table)
        .left_join(client_users::table)
        .left_join(staff_users::table)
        .left_join(projects::table)
        .filter(requests::org_id.eq(q.org_id))
        .select((
            RequestRow::as_select(),
            clients::name,
            client_users::name.nullable(),
            staff_users::name.nullable(),
            projects::name.nullable(),
        ))
        .into_boxed();
    if let Some(t) = q.request_type {
        query = query.filter(requests::request_type.eq(t));
    }
    if let Some(c) = q.category {
        query = query.filter(requests::category.eq(c));
    }
    if let Some(s) = q.status {
        query = query.filter(requests::status.eq(s));
    }
    if q.active {
        query =
            query.filter(requests::status.ne_all([RequestStatus::Resolved, RequestStatus::Closed]));
    }
    if let Some(p) = q.priority {
        query = query.filter(requests::priority.eq(p));
    }
    if let Some(a) = q.assignee_id {
        query = query.filter(requests::assignee_id.eq(a));
    }
    if let Some(c) = q.client_id {
        query = query.filter(requests::client_id.eq(c));
    }
    if q.unassigned {
        query = query.filter(requests::assignee_id.is_null());
    }
    query = match (q.sort, q.cursor) {
        (Sort::Recent, Some((_, at, id))) => query.filter(
            requests::last_activity_at
                .lt(at)
                .or(requests::last_activity_at.eq(at).and(requests::id.lt(id))),
        ),
        (Sort::Oldest, Some((_, at, id))) => query.filter(
            requests::created_at
                .gt(at)
                .or(requests::created_at.eq(at).and(requests::id.gt(id))),
        ),
        (Sort::Priority, Some((rank, at, id))) => query.filter(
            requests::priority_rank
                .gt(rank)
                .or(requests::priority_rank.eq(rank).and(
                    requests::created_at
                        .gt(at)
                        .or(requests::created_at.eq(at).and(requests::id.gt(id))),
                )),
        ),
        (_, None) => query,
    };
    query = match q.sort {
        Sort::Recent => query.order((requests::last_activity_at.desc(), requests::id.desc())),
        Sort::Oldest => query.order((requests::created_at.asc(), requests::id.asc())),
        Sort::Priority => query.order((
            requests::priority_rank.asc(),
            requests::created_at.asc(),
            requests::id.asc(),
        )),
    };
    query.limit_literal(q.limit + 1).load(conn)
}

/// One request of the organization with the names an inbox row shows.
pub fn inbox_row(conn: &mut DbConn, org_id: &str, id: &str) -> QueryResult<InboxRow> {
    requests::table
        .inner_join(clients::table)
        .left_join(client_users::table)
        .left_join(staff_users::table)
        .left_join(projects::table)
        .filter(requests::org_id.eq(org_id))
        .filter(requests::id.eq(id))
        .select((
            RequestRow::as_select(),
            clients::name,
            client_users::name.nullable(),
            staff_users::name.nullable(),
            projects::name.nullable(),
        ))
        .get_result(conn)
}

/// Active requests of the organization nobody is assigned to.
pub fn unassigned_count(conn: &mut DbConn, org_id: &str) -> QueryResult<i64> {
    requests::table
        .filter(requests::org_id.eq(org_id))
        .filter(requests::assignee_id.is_null())
        .filter(requests::status.ne_all([RequestStatus::Resolved, RequestStatus::Closed]))
        .count()
        .get_result(conn)
}

/// Staff metrics: the organization's requests created in `[from, to)`, with the assignee's
/// name.
pub fn created_between(
    conn: &mut DbConn,
    org_id: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<Vec<(RequestRow, Option<String>)>> {
    requests::table
        .left_join(staff_users::table)
        .filter(requests::org_id.eq(org_id))
        .filter(requests::created_at.ge(from))
        .filter(requests::created_at.lt(to))
        .order((requests::created_at.asc(), requests::id.asc()))
        .select((RequestRow::as_select(), staff_users::name.nullable()))
        .load(conn)
}
