//! Comments on an approval: validated against the approval's kind, version, media length and
//! thread, audited unless internal, and recorded as an event whose kind keeps internal notes
//! with staff.

use super::audit;
use crate::db::approval_comments::{self, CommentRow};
use crate::db::approvals::{self, ApprovalRow};
use crate::db::{new_id, DbConn};
use crate::domain::events;
use crate::domain::Actor;
use crate::error::{ApiError, ApiResult, Fields};
use chrono::NaiveDateTime;
use shared_types::approvals::{comment_body, Comment, Region};
use shared_types::{ApprovalKind, AuditAction, ErrorCode, EventKind};

/// `m:ss` (or `h:mm:ss`) of a duration in milliseconds, to the nearest second.
fn clock_time(ms: i64) -> String {
    let secs = (ms + 500) / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A comment about to be posted on an approval.
pub struct CommentDraft {
    pub body: String,
    pub version: i32,
    pub timecode_ms: Option<i64>,
    pub region: Option<Region>,
    pub parent_id: Option<String>,
    /// Staff only: seen by staff alone, never audited, never told to the client.
    pub internal: bool,
}

/// Validates and posts `draft` on the approval by `actor`; visible comments are audited. The
/// event says who commented; an internal note (staff only) is its own kind of event, which the
/// client never sees.
pub fn comment(
    conn: &mut DbConn,
    actor: &Actor,
    row: &ApprovalRow,
    draft: CommentDraft,
    now: NaiveDateTime,
) -> ApiResult<Comment> {
    let internal = draft.internal && !matches!(actor, Actor::Contact { .. });
    let kind = row.kind();
    let mut fields = Fields::default();
    fields.check("body", comment_body(&draft.body));
    let version = approvals::version(conn, &row.client_id, &row.id, draft.version)?;
    if version.is_none() {
        fields.check("version", Err("Choose a version of this approval."));
    }
    if let Some(t) = draft.timecode_ms {
        if !kind.has_timeline() {
            fields.check("timecode_ms", Err("Only audio and video have timecodes."));
        } else if t < 0 {
            fields.check("timecode_ms", Err("A timecode can't be negative."));
        } else if let Some(v) = &version {
            // Past the end of the recording, when its length is known (media processed).
            let files = approvals::files_of_version(conn, &row.client_id, &v.id)?;
            let duration = files.iter().filter_map(|f| f.duration_ms).max();
            if let Some(duration) = duration.filter(|d| t > *d) {
                let message = format!(
                    "This recording is {} long; choose a time within it.",
                    clock_time(duration)
                );
                fields.check("timecode_ms", Err(message.as_str()));
            }
        }
    }
    if let Some(region) = &draft.region {
        if kind != ApprovalKind::Image {
            fields.check("region", Err("Only images have regions."));
        } else {
            fields.check("region", region.check());
        }
    }
    // A reply's parent is a live comment of this approval, and a visible comment can't answer
    // an internal one (the client would see a reply to something hidden).
    if let Some(parent_id) = &draft.parent_id {
        let parent = approval_comments::get(conn, &row.client_id, &row.id, parent_id)?;
        let ok = parent.is_some_and(|p| p.deleted_at.is_none() && (internal || !p.internal));
        if !ok {
            fields.check("parent_id", Err("Reply to a comment of this approval."));
        }
    }
    fields.finish()?;
    let name = actor.name(conn)?;
    let comment = CommentRow {
        id: new_id(),
        approval_id: row.id.clone(),
        client_id: row.client_id.clone(),
        version_number: draft.version,
        author_kind: actor.kind().to_owned(),
        author_id: actor.id().unwrap_or_default().to_owned(),
        author_name: name.clone(),
        body: draft.body.trim().to_owned(),
        timecode_ms: draft.timecode_ms,
        region: draft.region.and_then(|r| serde_json::to_string(&r).ok()),
        parent_id: draft.parent_id,
        internal,
        edited_at: None,
        deleted_at: None,
        created_at: now,
    };
    approval_comments::insert(conn, &comment)?;
    // Internal notes are staff chatter, not part of the client-facing record: the trail (whose
    // summary the client sees) never mentions them.
    if !internal {
        let detail = format!("comment {}", comment.id);
        let v = draft.version;
        audit(
            conn,
            actor,
            row,
            AuditAction::Commented,
            v,
            &[],
            detail,
            now,
        )?;
    }
    let (kind, summary) = if internal {
        let summary = format!("{name} added an internal note on {}", row.title);
        (EventKind::ApprovalNotedInternally, summary)
    } else {
        let summary = format!("{name} commented on {}", row.title);
        (EventKind::ApprovalCommented, summary)
    };
    events::record_about(
        conn,
        actor,
        row,
        kind,
        summary,
        Some(comment.id.clone()),
        now,
    )?;
    Ok(comment.to_wire())
}

/// What a contact may do to a comment of theirs.
pub enum OwnCommentChange {
    Edit(String),
    Delete,
}

/// A contact edits or deletes their own comment on `row`, while its version is undecided; the
/// change is audited (detail `comment <id>`). Someone else's comment is 403; an internal or
/// unknown one 404; one on a decided version 409 `already_decided`; deleting a comment that has
/// replies 409 `has_replies` (edit it instead).
pub fn change_own_comment(
    conn: &mut DbConn,
    actor: &Actor,
    row: &ApprovalRow,
    comment_id: &str,
    change: OwnCommentChange,
    now: NaiveDateTime,
) -> ApiResult<Option<Comment>> {
    let comment = approval_comments::get(conn, &row.client_id, &row.id, comment_id)?
        .filter(|c| c.deleted_at.is_none() && !c.internal)
        .ok_or(ApiError::NotFound)?;
    let mine =
        comment.author_kind == actor.kind() && Some(comment.author_id.as_str()) == actor.id();
    if !mine {
        return Err(ApiError::Forbidden(
            "You can change only your own comments.".to_owned(),
        ));
    }
    let decided = approvals::version(conn, &row.client_id, &row.id, comment.version_number)?
        .is_some_and(|v| v.decision().is_some());
    if decided {
        return Err(ApiError::conflict(
            ErrorCode::AlreadyDecided,
            format!(
                "Version {} has been decided, so its comments stay as they are.",
                comment.version_number
            ),
        ));
    }
    let detail = format!("comment {}", comment.id);
    let answer = match change {
        OwnCommentChange::Edit(body) => {
            let mut fields = Fields::default();
            fields.check("body", comment_body(&body));
            fields.finish()?;
            let body = body.trim().to_owned();
            approval_comments::set_body(conn, &comment.id, &body, now)?;
            audit(
                conn,
                actor,
                row,
                AuditAction::CommentEdited,
                comment.version_number,
                &[],
                detail,
                now,
            )?;
            Some(
                CommentRow {
                    body,
                    edited_at: Some(now),
                    ..comment
                }
                .to_wire(),
            )
        }
        OwnCommentChange::Delete => {
            if approval_comments::has_replies(conn, &comment.id)? {
                return Err(ApiError::conflict(
                    ErrorCode::HasReplies,
                    "This comment has replies, so it stays; you can edit its text instead.",
                ));
            }
            approval_comments::mark_deleted(conn, &comment.id, now)?;
            audit(
                conn,
                actor,
                row,
                AuditAction::CommentDeleted,
                comment.version_number,
                &[],
                detail,
                now,
            )?;
            None
        }
    };
    Ok(answer.map(|c| Comment {
        editable: true,
        ..c
    }))
}
