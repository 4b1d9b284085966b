//! Approvals. Staff functions take `org_id`, portal functions `client_id`. Versions are in
//! `approval_versions.rs` (re-exported here, so callers keep writing `approvals::version`).

use super::limit::LimitLiteralDsl;
use super::schema::{approval_audit, approvals};
use super::DbConn;
use crate::cursor;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared_types::approvals::{ApprovalSummary, PortalApprovalSummary, StatusCounts};
use shared_types::{ApprovalKind, ApprovalStatus, AuditAction};

pub use super::approval_versions::{
    decide, files_of_approval, files_of_version, insert_version, version, versions, wire_versions,
    VersionRow,
};

#[derive(Debug, Clone, Queryable, Insertable, AsChangeset)]
#[diesel(table_name = approvals, treat_none_as_null = true)]
pub struct ApprovalRow {
    pub id: String,
    pub org_id: String,
    pub client_id: String,
    pub project_id: String,
    pub milestone_id: Option<String>,
    pub title: String,
    pub description: String,
    pub kind: ApprovalKind,
    pub status: ApprovalStatus,
    pub due_date: Option<NaiveDate>,
    pub current_version: i32,
    pub archived_at: Option<NaiveDateTime>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
}

impl ApprovalRow {
    pub fn kind(&self) -> ApprovalKind {
        self.kind
    }

    pub fn status(&self) -> ApprovalStatus {
        self.status
    }

    pub fn to_summary(&self) -> ApprovalSummary {
        ApprovalSummary {
            id: self.id.clone(),
            client_id: self.client_id.clone(),
            project_id: self.project_id.clone(),
            milestone_id: self.milestone_id.clone(),
            title: self.title.clone(),
            kind: self.kind(),
            status: self.status(),
            due_date: self.due_date,
            current_version: self.current_version,
            archived: self.archived_at.is_some(),
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
            decided_at: self.decided_at.map(|t| t.and_utc()),
        }
    }

    pub fn to_portal_summary(&self) -> PortalApprovalSummary {
        PortalApprovalSummary {
            id: self.id.clone(),
            project_id: self.project_id.clone(),
            title: self.title.clone(),
            kind: self.kind(),
            status: self.status(),
            due_date: self.due_date,
            current_version: self.current_version,
            updated_at: self.updated_at.and_utc(),
        }
    }
}

org_rows!(approvals: ApprovalRow);

/// A live approval of `client_id`, and whether `contact_id` has viewed its current version: one
/// query (the approval page's fast path).
pub fn get_for_client_viewed_by(
    conn: &mut DbConn,
    client_id: &str,
    id: &str,
    contact_id: &str,
) -> QueryResult<(ApprovalRow, bool)> {
    let viewed = diesel::dsl::exists(
        approval_audit::table
            .filter(approval_audit::approval_id.eq(approvals::id))
            .filter(approval_audit::client_id.eq(client_id))
            .filter(approval_audit::action.eq(AuditAction::Viewed))
            .filter(approval_audit::actor_id.eq(contact_id))
            .filter(approval_audit::version_number.eq(approvals::current_version)),
    );
    approvals::table
        .filter(approvals::client_id.eq(client_id))
        .filter(approvals::id.eq(id))
        .filter(approvals::archived_at.is_null())
        .select((approvals::all_columns, viewed))
        .get_result(conn)
}

/// A live (non-archived) approval of `client_id`.
/// The approvals of a project that are not archived.
pub fn live_of_project(
    conn: &mut DbConn,
    org_id: &str,
    project_id: &str,
) -> QueryResult<Vec<ApprovalRow>> {
    approvals::table
        .filter(approvals::org_id.eq(org_id))
        .filter(approvals::project_id.eq(project_id))
        .filter(approvals::archived_at.is_null())
        .order(approvals::id.asc())
        .load(conn)
}

pub fn get_for_client(conn: &mut DbConn, client_id: &str, id: &str) -> QueryResult<ApprovalRow> {
    approvals::table
        .filter(approvals::client_id.eq(client_id))
        .filter(approvals::id.eq(id))
        .filter(approvals::archived_at.is_null())
        .get_result(conn)
}

pub struct ListQuery<'a> {
    pub org_id: &'a str,
    pub client_id: Option<&'a str>,
    pub project_id: Option<&'a str>,
    pub status: Option<ApprovalStatus>,
    pub due_before: Option<NaiveDate>,
    /// The position after which the page starts (decoded by `cursor::after_time`).
    pub cursor: Option<(chrono::NaiveDateTime, String)>,
    pub limit: i64,
}

/// One page of the organization's approvals, most recently updated first.
pub fn list(
    conn: &mut DbConn,
    q: ListQuery<'_>,
) -> QueryResult<(Vec<ApprovalRow>, Option<String>)> {
    let mut query = approvals::table
        .filter(approvals::org_id.eq(q.org_id))
        .into_boxed();
    if let Some(client_id) = q.client_id {
        query = query.filter(approvals::client_id.eq(client_id));
    }
    if let Some(project_id) = q.project_id {
        query = query.filter(approvals::project_id.eq(project_id));
    }
    if let Some(status) = q.status {
        query = query.filter(approvals::status.eq(status));
    }
    if let Some(due) = q.due_before {
        query = query.filter(approvals::due_date.lt(due));
    }
    if let Some((at, id)) = q.cursor {
        query = query.filter(
            approvals::updated_at
                .lt(at)
                .or(approvals::updated_at.eq(at).and(approvals::id.lt(id))),
        );
    }
    let mut rows: Vec<ApprovalRow> = query
        .order((approvals::updated_at.desc(), approvals::id.desc()))
        .limit(q.limit + 1)
        .load(conn)?;
    let next = if rows.len() as i64 > q.limit {
        rows.truncate(q.limit as usize);
        rows.last()
            .map(|r| cursor::encode_time(r.updated_at, &r.id))
    } else {
        None
    };
    Ok((rows, next))
}

/// Most live approvals the portal list returns at once.
pub const PORTAL_LIST_MAX: i64 = 500;

/// The client's live approvals (optionally of one status): awaiting the client first, then by
/// due date (undated last), newest first among equals.
pub fn list_for_client(
    conn: &mut DbConn,
    client_id: &str,
    status: Option<ApprovalStatus>,
) -> QueryResult<Vec<ApprovalRow>> {
    let mut query = approvals::table
        .filter(approvals::client_id.eq(client_id))
        .filter(approvals::archived_at.is_null())
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(approvals::status.eq(status));
    }
    let mut rows: Vec<ApprovalRow> = query
        .order(approvals::updated_at.desc())
        .limit_literal(PORTAL_LIST_MAX)
        .load(conn)?;
    let awaiting = |r: &ApprovalRow| {
        !matches!(
            r.status(),
            ApprovalStatus::Pending | ApprovalStatus::InReview
        )
    };
    rows.sort_by(|a, b| {
        (awaiting(a), a.due_date.is_none(), a.due_date).cmp(&(
            awaiting(b),
            b.due_date.is_none(),
            b.due_date,
        ))
    });
    Ok(rows)
}

/// How many live approvals of the client are in each status.
pub fn counts_for_client(conn: &mut DbConn, client_id: &str) -> QueryResult<StatusCounts> {
    let rows: Vec<(ApprovalStatus, i64)> = approvals::table
        .filter(approvals::client_id.eq(client_id))
        .filter(approvals::archived_at.is_null())
        .group_by(approvals::status)
        .select((approvals::status, diesel::dsl::count_star()))
        .load(conn)?;
    let mut counts = StatusCounts::default();
    for (status, n) in rows {
        match status {
            ApprovalStatus::Pending => counts.pending = n,
            ApprovalStatus::InReview => counts.in_review = n,
            ApprovalStatus::Approved => counts.approved = n,
            ApprovalStatus::ChangesRequested => counts.changes_requested = n,
        }
    }
    Ok(counts)
}

/// Moves the approval to `status` (and stamps `decided_at` for a decision).
pub fn set_status(
    conn: &mut DbConn,
    row: &ApprovalRow,
    status: ApprovalStatus,
    decided_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(
        approvals::table
            .filter(approvals::client_id.eq(&row.client_id))
            .filter(approvals::id.eq(&row.id)),
    )
    .set((
        approvals::status.eq(status),
        approvals::decided_at.eq(decided_at.or(row.decided_at)),
        approvals::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(())
}
