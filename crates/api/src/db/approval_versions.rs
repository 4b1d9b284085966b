//! Versions of an approval: submitting one with its files, reading them (with files and the
//! deciders' names) and recording a decision. A version is always reached through its approval,
//! found in the caller's scope first.

use super::approvals::ApprovalRow;
use super::files::FileRow;
use super::schema::{approval_version_files, approval_versions, client_users, files};
use super::{new_id, DbConn};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared_types::approvals::ApprovalVersion;
use shared_types::Decision;
use std::collections::HashMap;

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
    pub decision: Option<Decision>,
    pub decided_by_contact: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub decision_note: Option<String>,
}

impl VersionRow {
    pub fn decision(&self) -> Option<Decision> {
        self.decision
    }
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
) -> QueryResult<VersionRow> {
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
) -> QueryResult<Vec<VersionRow>> {
    approval_versions::table
        .filter(approval_versions::client_id.eq(client_id))
        .filter(approval_versions::approval_id.eq(approval_id))
        .order(approval_versions::number.asc())
        .load(conn)
}

pub fn version(
    conn: &mut DbConn,
    client_id: &str,
    approval_id: &str,
    number: i32,
) -> QueryResult<Option<VersionRow>> {
    approval_versions::table
        .filter(approval_versions::client_id.eq(client_id))
        .filter(approval_versions::approval_id.eq(approval_id))
        .filter(approval_versions::number.eq(number))
        .get_result(conn)
        .optional()
}

/// The files of every version of an approval, by version id, in submission order.
pub fn files_of_approval(
    conn: &mut DbConn,
    client_id: &str,
    approval_id: &str,
) -> QueryResult<HashMap<String, Vec<FileRow>>> {
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
) -> QueryResult<Vec<FileRow>> {
    approval_version_files::table
        .inner_join(files::table)
        .filter(files::client_id.eq(client_id))
        .filter(approval_version_files::version_id.eq(version_id))
        .order(approval_version_files::position.asc())
        .select(files::all_columns)
        .load(conn)
}

/// The approval's versions in wire form, oldest first, with their files and the deciding contact's
/// name: two queries whatever the number of versions.
pub fn wire_versions(
    conn: &mut DbConn,
    client_id: &str,
    approval_id: &str,
) -> QueryResult<Vec<ApprovalVersion>> {
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
            created_at: v.created_at.and_utc(),
            decision: v.decision(),
            decided_by_name,
            decided_at: v.decided_at.map(|t| t.and_utc()),
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
) -> QueryResult<bool> {
    let n = diesel::update(
        approval_versions::table
            .filter(approval_versions::id.eq(&version.id))
            .filter(approval_versions::decision.is_null()),
    )
    .set((
        approval_versions::decision.eq(decision),
        approval_versions::decided_by_contact.eq(contact_id),
        approval_versions::decided_at.eq(now),
        approval_versions::decision_note.eq(note),
    ))
    .execute(conn)?;
    Ok(n == 1)
}
