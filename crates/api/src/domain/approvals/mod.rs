//! The approval workflow: staff submit work (version 1), resubmit it (a new version) and archive
//! it; a contact views it, decides (approve or request changes) and comments; staff comment too,
//! internally or not. Each step writes its audit entry and its event in the caller's transaction
//! (call inside `db::write_tx`, except `view`, which opens its own only when it must write).
//! Comments are in `comments.rs`.
//! Permission checks (who may decide, comment) stay with the caller, which knows the user.

mod comments;

pub use comments::{change_own_comment, comment, CommentDraft, OwnCommentChange};

use super::events;
use super::Actor;
use crate::db::approvals::{self, ApprovalRow};
use crate::db::audit::{self, NewEntry};
use crate::db::files::FileRow;
use crate::db::{write_tx, DbConn};
use crate::error::{ApiError, ApiResult, Fields};
use chrono::NaiveDateTime;
use shared_types::approvals::notes;
use shared_types::ResponseChoice;
use shared_types::{ApprovalStatus, AuditAction, Decision, ErrorCode, EventKind};
use std::collections::BTreeMap;

/// Appends `action` by `actor` to the approval's hash-chained audit trail.
#[allow(clippy::too_many_arguments)]
fn audit(
    conn: &mut DbConn,
    actor: &Actor,
    row: &ApprovalRow,
    action: AuditAction,
    version: i32,
    file_hashes: &[String],
    detail: String,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let name = actor.name(conn)?;
    let (session_id, ip) = actor.session_and_ip();
    audit::append(
        conn,
        NewEntry {
            approval_id: &row.id,
            client_id: &row.client_id,
            action,
            actor_kind: actor.kind(),
            actor_id: actor.id().unwrap_or_default(),
            actor_name: &name,
            version_number: version,
            file_hashes,
            session_id,
            ip,
            detail,
        },
        now,
    )?;
    Ok(())
}

/// Records an event about the approval.
fn event(
    conn: &mut DbConn,
    actor: &Actor,
    row: &ApprovalRow,
    kind: EventKind,
    summary: String,
    now: NaiveDateTime,
) -> ApiResult<()> {
    events::record_about(conn, actor, row, kind, summary, None, now)
}

fn hashes(files: &[FileRow]) -> Vec<String> {
    files.iter().map(|f| f.sha256.clone()).collect()
}

/// Puts a new approval (`row`, version 1 with `files`) up for the client's review.
pub fn submit(
    conn: &mut DbConn,
    actor: &Actor,
    row: &ApprovalRow,
    version_notes: &str,
    files: &[FileRow],
    now: NaiveDateTime,
) -> ApiResult<()> {
    approvals::insert(conn, row)?;
    let by = actor.id().unwrap_or_default();
    approvals::insert_version(conn, row, 1, version_notes, by, files, now)?;
    let detail = "version 1".to_owned();
    audit(
        conn,
        actor,
        row,
        AuditAction::Submitted,
        1,
        &hashes(files),
        detail,
        now,
    )?;
    let summary = format!("{} is ready for your review", row.title);
    event(conn, actor, row, EventKind::ApprovalSubmitted, summary, now)
}

/// Adds version `current + 1` with `files`; the approval is pending the client's review again.
pub fn resubmit(
    conn: &mut DbConn,
    actor: &Actor,
    row: &mut ApprovalRow,
    version_notes: &str,
    files: &[FileRow],
    now: NaiveDateTime,
) -> ApiResult<()> {
    row.current_version += 1;
    row.status = ApprovalStatus::Pending;
    row.decided_at = None;
    row.updated_at = now;
    approvals::save(conn, row)?;
    let n = row.current_version;
    let by = actor.id().unwrap_or_default();
    approvals::insert_version(conn, row, n, version_notes, by, files, now)?;
    let detail = format!("version {n}");
    audit(
        conn,
        actor,
        row,
        AuditAction::Resubmitted,
        n,
        &hashes(files),
        detail,
        now,
    )?;
    let summary = format!("Version {n} of {} is ready for your review", row.title);
    event(
        conn,
        actor,
        row,
        EventKind::ApprovalResubmitted,
        summary,
        now,
    )
}

/// Takes the approval out of the portal; its record and audit trail stay. Archiving twice
/// changes nothing.
pub fn archive(
    conn: &mut DbConn,
    actor: &Actor,
    row: &mut ApprovalRow,
    now: NaiveDateTime,
) -> ApiResult<()> {
    if row.archived_at.is_some() {
        return Ok(());
    }
    row.archived_at = Some(now);
    row.updated_at = now;
    approvals::save(conn, row)?;
    let v = row.current_version;
    audit(
        conn,
        actor,
        row,
        AuditAction::Archived,
        v,
        &[],
        String::new(),
        now,
    )?;
    let summary = format!("Approval {} archived", row.title);
    event(conn, actor, row, EventKind::ApprovalArchived, summary, now)
}

/// Records a staff edit of the approval's title, description, kind or due date.
pub fn updated(
    conn: &mut DbConn,
    actor: &Actor,
    row: &ApprovalRow,
    now: NaiveDateTime,
) -> ApiResult<()> {
    approvals::save(conn, row)?;
    let summary = format!("Approval {} updated", row.title);
    event(conn, actor, row, EventKind::ApprovalUpdated, summary, now)
}

/// A contact opens approval `id` of their client: the first view of each version is recorded,
/// and a pending approval moves to in review. Repeat views only read (no write lock).
pub fn view(
    conn: &mut DbConn,
    contact: &Actor,
    client_id: &str,
    id: &str,
    now: NaiveDateTime,
) -> ApiResult<ApprovalRow> {
    let contact_id = contact.id().unwrap_or_default();
    let (row, viewed) = approvals::get_for_client_viewed_by(conn, client_id, id, contact_id)?;
    if viewed && row.status() != ApprovalStatus::Pending {
        return Ok(row);
    }
    write_tx(conn, |conn| {
        let mut row = approvals::get_for_client(conn, client_id, id)?;
        // Lock first, so two first views can't both see "not yet viewed".
        audit::lock_approval(conn, &row.id)?;
        let v = row.current_version;
        let action = AuditAction::Viewed;
        if !audit::exists(conn, client_id, &row.id, action, contact_id, v)? {
            audit(conn, contact, &row, action, v, &[], String::new(), now)?;
        }
        if row.status() == ApprovalStatus::Pending {
            approvals::set_status(conn, &row, ApprovalStatus::InReview, None, now)?;
            let detail = "pending → in_review".to_owned();
            audit(
                conn,
                contact,
                &row,
                AuditAction::StatusChanged,
                v,
                &[],
                detail,
                now,
            )?;
            row = approvals::get_for_client(conn, client_id, id)?;
        }
        Ok(row)
    })
}

/// A contact's decision on `version` (which must be the latest, and undecided) of approval `id`.
/// Requesting changes needs a note saying what should change.
#[allow(clippy::too_many_arguments)]
pub fn decide(
    conn: &mut DbConn,
    contact: &Actor,
    client_id: &str,
    id: &str,
    version: i32,
    choice: ResponseChoice,
    note: &str,
    now: NaiveDateTime,
) -> ApiResult<ApprovalRow> {
    let note = note.trim();
    let mut fields = Fields::default();
    fields.check("note", notes(note));
    if choice == ResponseChoice::RequestChanges && note.is_empty() {
        fields.check("note", Err("Say what should change."));
    }
    fields.finish()?;
    write_tx(conn, |conn| {
        let row = approvals::get_for_client(conn, client_id, id)?;
        let latest = row.current_version;
        if version != latest {
            return Err(ApiError::ConflictFields {
                code: ErrorCode::StaleVersion,
                message: format!("Version {latest} is the latest; review it before deciding."),
                fields: BTreeMap::from([("version".to_owned(), latest.to_string())]),
            });
        }
        let already = || {
            ApiError::conflict(
                ErrorCode::AlreadyDecided,
                "This version has already been decided.",
            )
        };
        let v = approvals::version(conn, client_id, &row.id, latest)?.ok_or_else(already)?;
        let decision = choice.decision();
        let contact_id = contact.id().unwrap_or_default();
        let stored_note = (!note.is_empty()).then_some(note);
        if !approvals::decide(conn, &v, decision, contact_id, stored_note, now)? {
            return Err(already());
        }
        let (status, action, kind, verb) = match decision {
            Decision::Approved => (
                ApprovalStatus::Approved,
                AuditAction::Approved,
                EventKind::ApprovalApproved,
                "approved",
            ),
            Decision::ChangesRequested => (
                ApprovalStatus::ChangesRequested,
                AuditAction::ChangesRequested,
                EventKind::ApprovalChangesRequested,
                "requested changes to",
            ),
        };
        approvals::set_status(conn, &row, status, Some(now), now)?;
        let files = approvals::files_of_version(conn, client_id, &v.id)?;
        let hashes: Vec<String> = files.into_iter().map(|f| f.sha256).collect();
        audit(
            conn,
            contact,
            &row,
            action,
            latest,
            &hashes,
            note.to_owned(),
            now,
        )?;
        let name = contact.name(conn)?;
        let summary = format!("{name} {verb} {} (version {latest})", row.title);
        event(conn, contact, &row, kind, summary, now)?;
        Ok(approvals::get_for_client(conn, client_id, id)?)
    })
}
