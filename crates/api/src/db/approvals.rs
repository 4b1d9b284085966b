//! Approvals and their versions. Staff functions take `org_id`, portal functions `client_id`; a
//! version is always reached through its approval, found in the caller's scope first.

use super::cursor;
use super::files::FileRow;
use super::limit::LimitLiteralDsl;
use super::schema::{
    approval_audit, approval_version_files, approval_versions, approvals, client_users, files,
};
use super::{new_id, DbConn};
use crate::error::ApiResult;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared_types::approvals::{
    ApprovalSummary, ApprovalVersion, PortalApprovalSummary, StatusCounts,
};
use shared_types::{ApprovalKind, ApprovalStatus, AuditAction, Decision};
use std::collections::HashMap;

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
    pub kind: String,
    pub status: String,
    pub due_date: Option<NaiveDate>,
    pub current_version: i32,
    pub archived_at: Option<NaiveDateTime>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = approval_versions)]
pub struct VersionRow {
    pub id: String,
    pub approval_id: String,
    pub client_id: String,
    pub number: i32,
    pub notes: String,
    pub submitted_by: String,
    pub created_at: NaiveDateTime,
    pub decision: Option<String>,
    pub decided_by_contact: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub decision_note: Option<String>,
}

impl ApprovalRow {
    pub fn kind(&self) -> ApprovalKind {
        self.kind.parse().unwrap_or(ApprovalKind::Other)
    }

    pub fn status(&self) -> ApprovalStatus {
        self.status.parse().unwrap_or(ApprovalStatus::Pending)
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
            created_at: self.created_at,
            updated_at: self.updated_at,
            decided_at: self.decided_at,
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
            updated_at: self.updated_at,
        }
    }
}

impl VersionRow {
    pub fn decision(&self) -> Option<Decision> {
        self.decision.as_deref().and_then(|d| d.parse().ok())
    }
}

pub fn insert(conn: &mut DbConn, row: &ApprovalRow) -> ApiResult<()> {
    diesel::insert_into(approvals::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn save(conn: &mut DbConn, row: &ApprovalRow) -> ApiResult<()> {
    diesel::update(
        approvals::table
            .filter(approvals::org_id.eq(&row.org_id))
            .filter(approvals::id.eq(&row.id)),
    )
    .set(row)
    .execute(conn)?;
    Ok(())
}

/// An approval of the caller's organization (archived ones too).
pub fn get(conn: &mut DbConn, org_id: &str, id: &str) -> ApiResult<ApprovalRow> {
    Ok(approvals::table
        .filter(approvals::org_id.eq(org_id))
        .filter(approvals::id.eq(id))
        .get_result(conn)?)
}

/// A live approval of `client_id`, and whether `contact_id` has viewed its current version: one
/// query (the approval page's fast path).
pub fn get_for_client_viewed_by(
    conn: &mut DbConn,
    client_id: &str,
    id: &str,
    contact_id: &str,
) -> ApiResult<(ApprovalRow, bool)> {
    let viewed = diesel::dsl::exists(
        approval_audit::table
            .filter(approval_audit::approval_id.eq(approvals::id))
            .filter(approval_audit::client_id.eq(client_id))
            .filter(approval_audit::action.eq(AuditAction::Viewed.as_str()))
            .filter(approval_audit::actor_id.eq(contact_id))
            .filter(approval_audit::version_number.eq(approvals::current_version)),
    );
    Ok(approvals::table
        .filter(approvals::client_id.eq(client_id))
        .filter(approvals::id.eq(id))
        .filter(approvals::archived_at.is_null())
        .select((approvals::all_columns, viewed))
        .get_result(conn)?)
}

/// A live (non-archived) approval of `client_id`.
pub fn get_for_client(conn: &mut DbConn, client_id: &str, id: &str) -> ApiResult<ApprovalRow> {
    Ok(approvals::table
        .filter(approvals::client_id.eq(client_id))
        .filter(approvals::id.eq(id))
        .filter(approvals::archived_at.is_null())
        .get_result(conn)?)
}

/// Inserts version `number` with `file_rows` (already checked to be the client's) in order.
pub fn insert_version(
    conn: &mut DbConn,
    approval: &ApprovalRow,
    number: i32,
    notes: &str,
    submitted_by: &str,
    file_rows: &[FileRow],
    now: NaiveDateTime,
) -> ApiResult<VersionRow> {
    let row = VersionRow {
        id: new_id(),
        approval_id: approval.id.clone(),
        client_id: approval.client_id.clone(),
        number,
        notes: notes.to_owned(),
        submitted_by: submitted_by.to_owned(),
        created_at: now,
        decision: None,
        decided_by_contact: None,
        decided_at: None,
        decision_note: None,
    };
    diesel::insert_into(approval_versions::table)
        .values(&row)
        .execute(conn)?;
    for (position, file) in file_rows.iter().enumerate() {
        diesel::insert_into(approval_version_files::table)
            .values((
                approval_version_files::version_id.eq(&row.id),
                approval_version_files::file_id.eq(&file.id),
                approval_version_files::position.eq(position as i32),
            ))
            .execute(conn)?;
    }
    Ok(row)
}

/// The approval's versions, oldest first.
pub fn versions(
    conn: &mut DbConn,
    client_id: &str,
    approval_id: &str,
) -> ApiResult<Vec<VersionRow>> {
    Ok(approval_versions::table
        .filter(approval_versions::client_id.eq(client_id))
        .filter(approval_versions::approval_id.eq(approval_id))
        .order(approval_versions::number.asc())
        .load(conn)?)
}

pub fn version(
    conn: &mut DbConn,
    client_id: &str,
    approval_id: &str,
    number: i32,
) -> ApiResult<Option<VersionRow>> {
    Ok(approval_versions::table
        .filter(approval_versions::client_id.eq(client_id))
        .filter(approval_versions::approval_id.eq(approval_id))
        .filter(approval_versions::number.eq(number))
        .get_result(conn)
        .optional()?)
}

/// The files of every version of an approval, by version id, in submission order.
pub fn files_of_approval(
    conn: &mut DbConn,
    client_id: &str,
    approval_id: &str,
) -> ApiResult<HashMap<String, Vec<FileRow>>> {
    let rows: Vec<(String, FileRow)> = approval_version_files::table
        .inner_join(files::table)
        .inner_join(approval_versions::table)
        .filter(files::client_id.eq(client_id))
        .filter(approval_versions::approval_id.eq(approval_id))
        .order((
            approval_version_files::version_id.asc(),
            approval_version_files::position.asc(),
        ))
        .select((approval_version_files::version_id, files::all_columns))
        .load(conn)?;
    let mut out: HashMap<String, Vec<FileRow>> = HashMap::new();
    for (version, file) in rows {
        out.entry(version).or_default().push(file);
    }
    Ok(out)
}

/// One version's files, in submission order.
pub fn files_of_version(
    conn: &mut DbConn,
    client_id: &str,
    version_id: &str,
) -> ApiResult<Vec<FileRow>> {
    Ok(approval_version_files::table
        .inner_join(files::table)
        .filter(files::client_id.eq(client_id))
        .filter(approval_version_files::version_id.eq(version_id))
        .order(approval_version_files::position.asc())
        .select(files::all_columns)
        .load(conn)?)
}

/// The approval's versions in wire form, oldest first, with their files and the deciding contact's
/// name: two queries whatever the number of versions.
pub fn wire_versions(
    conn: &mut DbConn,
    client_id: &str,
    approval_id: &str,
) -> ApiResult<Vec<ApprovalVersion>> {
    let versions: Vec<(VersionRow, Option<String>)> = approval_versions::table
        .left_join(
            client_users::table.on(client_users::id
                .nullable()
                .eq(approval_versions::decided_by_contact)
                .and(client_users::client_id.eq(client_id))),
        )
        .filter(approval_versions::client_id.eq(client_id))
        .filter(approval_versions::approval_id.eq(approval_id))
        .order(approval_versions::number.asc())
        .select((
            approval_versions::all_columns,
            client_users::name.nullable(),
        ))
        .load(conn)?;
    let mut files = files_of_approval(conn, client_id, approval_id)?;
    Ok(versions
        .into_iter()
        .map(|(v, decided_by_name)| ApprovalVersion {
            number: v.number,
            files: files
                .remove(&v.id)
                .unwrap_or_default()
                .iter()
                .map(FileRow::to_meta)
                .collect(),
            created_at: v.created_at,
            decision: v.decision(),
            decided_by_name,
            decided_at: v.decided_at,
            decision_note: v.decision_note,
            notes: v.notes,
        })
        .collect())
}

/// Records `decision` on the version unless one is already there: one conditional UPDATE, so of
/// two concurrent decisions exactly one finds `decision IS NULL`. Returns whether this one won.
pub fn decide(
    conn: &mut DbConn,
    version: &VersionRow,
    decision: Decision,
    contact_id: &str,
    note: Option<&str>,
    now: NaiveDateTime,
) -> ApiResult<bool> {
    let n = diesel::update(
        approval_versions::table
            .filter(approval_versions::id.eq(&version.id))
            .filter(approval_versions::decision.is_null()),
    )
    .set((
        approval_versions::decision.eq(decision.as_str()),
        approval_versions::decided_by_contact.eq(contact_id),
        approval_versions::decided_at.eq(now),
        approval_versions::decision_note.eq(note),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub struct ListQuery<'a> {
    pub org_id: &'a str,
    pub client_id: Option<&'a str>,
    pub project_id: Option<&'a str>,
    pub status: Option<ApprovalStatus>,
    pub due_before: Option<NaiveDate>,
    pub cursor: Option<&'a str>,
    pub limit: i64,
}

/// One page of the organization's approvals, most recently updated first.
pub fn list(conn: &mut DbConn, q: ListQuery<'_>) -> ApiResult<(Vec<ApprovalRow>, Option<String>)> {
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
        query = query.filter(approvals::status.eq(status.as_str()));
    }
    if let Some(due) = q.due_before {
        query = query.filter(approvals::due_date.lt(due));
    }
    if let Some(cursor) = q.cursor {
        let (at, id) = cursor::decode_time(cursor)?;
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
) -> ApiResult<Vec<ApprovalRow>> {
    let mut query = approvals::table
        .filter(approvals::client_id.eq(client_id))
        .filter(approvals::archived_at.is_null())
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(approvals::status.eq(status.as_str()));
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
pub fn counts_for_client(conn: &mut DbConn, client_id: &str) -> ApiResult<StatusCounts> {
    let rows: Vec<(String, i64)> = approvals::table
        .filter(approvals::client_id.eq(client_id))
        .filter(approvals::archived_at.is_null())
        .group_by(approvals::status)
        .select((approvals::status, diesel::dsl::count_star()))
        .load(conn)?;
    let mut counts = StatusCounts::default();
    for (status, n) in rows {
        match status.parse() {
            Ok(ApprovalStatus::Pending) => counts.pending = n,
            Ok(ApprovalStatus::InReview) => counts.in_review = n,
            Ok(ApprovalStatus::Approved) => counts.approved = n,
            Ok(ApprovalStatus::ChangesRequested) => counts.changes_requested = n,
            Err(_) => {}
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
) -> ApiResult<()> {
    diesel::update(
        approvals::table
            .filter(approvals::client_id.eq(&row.client_id))
            .filter(approvals::id.eq(&row.id)),
    )
    .set((
        approvals::status.eq(status.as_str()),
        approvals::decided_at.eq(decided_at.or(row.decided_at)),
        approvals::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(())
}
