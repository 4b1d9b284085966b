//! The comment thread of an approval. Portal reads pass `include_internal = false`, which drops
//! internal comments and every reply under one.

use super::schema::approval_comments;
use super::DbConn;
use crate::error::ApiResult;
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
            created_at: self.created_at,
        }
    }
}

pub fn insert(conn: &mut DbConn, row: &CommentRow) -> ApiResult<()> {
    diesel::insert_into(approval_comments::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// A comment of this approval (of `client_id`).
pub fn get(
    conn: &mut DbConn,
    client_id: &str,
    approval_id: &str,
    id: &str,
) -> ApiResult<Option<CommentRow>> {
    Ok(approval_comments::table
        .filter(approval_comments::client_id.eq(client_id))
        .filter(approval_comments::approval_id.eq(approval_id))
        .filter(approval_comments::id.eq(id))
        .get_result(conn)
        .optional()?)
}

/// The thread, oldest first, without deleted comments. Without `include_internal`, internal
/// comments and any reply beneath one (at any depth) are left out.
pub fn list(
    conn: &mut DbConn,
    client_id: &str,
    approval_id: &str,
    include_internal: bool,
) -> ApiResult<Vec<CommentRow>> {
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

/// A comment about to be posted, by staff or a contact.
pub struct NewComment<'a> {
    pub author_kind: &'a str,
    pub author_id: &'a str,
    pub author_name: &'a str,
    pub body: &'a str,
    pub version: i32,
    pub timecode_ms: Option<i64>,
    pub region: Option<Region>,
    pub parent_id: Option<&'a str>,
    pub internal: bool,
    /// For the audit entry: the contact's session and address (none for staff).
    pub session_id: Option<&'a str>,
    pub ip: Option<&'a str>,
}

/// Validates and posts a comment on `approval`, and records `commented` in its audit trail. Call
/// inside `db::write_tx`; internal comments are not audited. A parent must be a visible (non-internal) comment of the same approval,
/// unless the new comment is itself internal.
pub fn post(
    conn: &mut DbConn,
    approval: &super::approvals::ApprovalRow,
    c: NewComment<'_>,
    now: NaiveDateTime,
) -> ApiResult<Comment> {
    use crate::error::Fields;
    let kind = approval.kind();
    let mut fields = Fields::default();
    fields.check("body", shared_types::approvals::comment_body(c.body));
    if super::approvals::version(conn, &approval.client_id, &approval.id, c.version)?.is_none() {
        fields.check("version", Err("Choose a version of this approval."));
    }
    if let Some(t) = c.timecode_ms {
        if !kind.has_timeline() {
            fields.check("timecode_ms", Err("Only audio and video have timecodes."));
        } else if t < 0 {
            fields.check("timecode_ms", Err("A timecode can't be negative."));
        }
    }
    if let Some(region) = &c.region {
        if kind != shared_types::ApprovalKind::Image {
            fields.check("region", Err("Only images have regions."));
        } else {
            fields.check("region", region.check());
        }
    }
    if let Some(parent_id) = c.parent_id {
        let parent = get(conn, &approval.client_id, &approval.id, parent_id)?;
        let ok = parent.is_some_and(|p| p.deleted_at.is_none() && (c.internal || !p.internal));
        if !ok {
            fields.check("parent_id", Err("Reply to a comment of this approval."));
        }
    }
    fields.finish()?;
    let row = CommentRow {
        id: super::new_id(),
        approval_id: approval.id.clone(),
        client_id: approval.client_id.clone(),
        version_number: c.version,
        author_kind: c.author_kind.to_owned(),
        author_id: c.author_id.to_owned(),
        author_name: c.author_name.to_owned(),
        body: c.body.trim().to_owned(),
        timecode_ms: c.timecode_ms,
        region: c.region.and_then(|r| serde_json::to_string(&r).ok()),
        parent_id: c.parent_id.map(str::to_owned),
        internal: c.internal,
        edited_at: None,
        deleted_at: None,
        created_at: now,
    };
    insert(conn, &row)?;
    if c.internal {
        // Internal notes are staff chatter, not part of the client-facing record: the trail
        // (whose summary the client sees) never mentions them.
        return Ok(row.to_wire());
    }
    let detail = format!("comment {}", row.id);
    super::audit::append(
        conn,
        super::audit::NewEntry {
            approval_id: &approval.id,
            client_id: &approval.client_id,
            action: shared_types::AuditAction::Commented,
            actor_kind: c.author_kind,
            actor_id: c.author_id,
            actor_name: c.author_name,
            version_number: c.version,
            file_hashes: &[],
            session_id: c.session_id,
            ip: c.ip,
            detail,
        },
        now,
    )?;
    Ok(row.to_wire())
}
