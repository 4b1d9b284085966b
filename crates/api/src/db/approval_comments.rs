//! The comment thread of an approval. Portal reads pass `include_internal = false`, which drops
//! internal comments and every reply under one.

use super::schema::approval_comments;
use super::DbConn;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared_types::approvals::{Comment, Region};
use std::collections::HashSet;

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = approval_comments)]
pub struct CommentRow {
    pub id: String,
    pub approval_id: String,
    pub client_id: String,
    pub version_number: i32,
    pub author_kind: String,
    pub author_id: String,
    pub author_name: String,
    pub body: String,
    pub timecode_ms: Option<i64>,
    pub region: Option<String>,
    pub parent_id: Option<String>,
    pub internal: bool,
    pub edited_at: Option<NaiveDateTime>,
    pub deleted_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl CommentRow {
    pub fn to_wire(&self) -> Comment {
        Comment {
            id: self.id.clone(),
            version: self.version_number,
            author_kind: self.author_kind.clone(),
            author_name: self.author_name.clone(),
            body: self.body.clone(),
            timecode_ms: self.timecode_ms,
            region: self
                .region
                .as_deref()
                .and_then(|r| serde_json::from_str::<Region>(r).ok()),
            parent_id: self.parent_id.clone(),
            internal: self.internal,
            created_at: self.created_at.and_utc(),
            edited_at: self.edited_at.map(|t| t.and_utc()),
            editable: false,
        }
    }
}

pub fn insert(conn: &mut DbConn, row: &CommentRow) -> QueryResult<()> {
    diesel::insert_into(approval_comments::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Replaces a comment's text.
pub fn set_body(conn: &mut DbConn, id: &str, body: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(approval_comments::table.find(id))
        .set((
            approval_comments::body.eq(body),
            approval_comments::edited_at.eq(Some(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Marks a comment deleted: it leaves every list, the audit trail keeps its record.
pub fn mark_deleted(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(approval_comments::table.find(id))
        .set(approval_comments::deleted_at.eq(Some(now)))
        .execute(conn)?;
    Ok(())
}

/// Whether any comment that is not deleted answers `id`.
pub fn has_replies(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        approval_comments::table
            .filter(approval_comments::parent_id.eq(id))
            .filter(approval_comments::deleted_at.is_null()),
    ))
    .get_result(conn)
}

/// A comment of this approval (of `client_id`).
pub fn get(
    conn: &mut DbConn,
    client_id: &str,
    approval_id: &str,
    id: &str,
) -> QueryResult<Option<CommentRow>> {
    approval_comments::table
        .filter(approval_comments::client_id.eq(client_id))
        .filter(approval_comments::approval_id.eq(approval_id))
        .filter(approval_comments::id.eq(id))
        .get_result(conn)
        .optional()
}

/// The thread, oldest first, without deleted comments. Without `include_internal`, internal
/// comments and any reply beneath one (at any depth) are left out.
pub fn list(
    conn: &mut DbConn,
    client_id: &str,
    approval_id: &str,
    include_internal: bool,
) -> QueryResult<Vec<CommentRow>> {
    let rows: Vec<CommentRow> = approval_comments::table
        .filter(approval_comments::client_id.eq(client_id))
        .filter(approval_comments::approval_id.eq(approval_id))
        .filter(approval_comments::deleted_at.is_null())
        .order((
            approval_comments::created_at.asc(),
            approval_comments::id.asc(),
        ))
        .load(conn)?;
    if include_internal {
        return Ok(rows);
    }
    // Oldest first, so a parent is always decided before its replies.
    let mut hidden: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let under_hidden = row.parent_id.as_ref().is_some_and(|p| hidden.contains(p));
        if row.internal || under_hidden {
            hidden.insert(row.id);
        } else {
            out.push(row);
        }
    }
    Ok(out)
}
