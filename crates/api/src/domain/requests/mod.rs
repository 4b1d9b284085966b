//! The request workflow: opening a request (validated, routed, idempotent), the public thread,
//! internal notes, status changes with the response clock, and the due times and metrics that
//! clock gives.
//!
//! The clock: the first response is the first public staff reply; resolution is the first time
//! the request is resolved or closed (cleared if it is reopened). Time spent
//! `waiting_on_client` does not count: `paused_secs` adds it up, and the first response
//! remembers how much had paused by then.

use super::events;
use super::Actor;
use crate::db::requests::{self, MessageRow, NoteRow, RequestRow};
use crate::db::{files, new_id, projects, staff, DbConn};
use crate::error::{ApiError, ApiResult, Fields, OrField};
use chrono::NaiveDateTime;
use diesel::OptionalExtension;
use shared_types::requests::{
    category_for, message_body, RequestCategory, RequestPriority, RequestStatus, RequestType,
    FILES_MAX,
};
use shared_types::{validate, ErrorCode, EventKind};

mod clock;
pub use clock::{
    breached, due, first_response_minutes, median_p90, resolution_minutes, target_for,
};
use clock::{paused_by, set_status};

/// A request about to be opened.
pub struct Draft {
    pub kind: RequestType,
    pub category: RequestCategory,
    pub title: String,
    pub description: String,
    pub priority: Option<RequestPriority>,
    pub project_id: Option<String>,
    pub file_ids: Vec<String>,
    /// The contact it is from (the one opening it, or chosen by staff).
    pub contact_id: Option<String>,
    /// Staff only; else the category's route.
    pub assignee_id: Option<String>,
}

/// An `Idempotency-Key` and the fingerprint of the body sent with it.
pub struct Idempotency {
    pub key: String,
    pub hash: String,
}

/// What `open` did: a new request, or the one an earlier call with the same key made.
pub enum Opened {
    New(RequestRow),
    Replayed(RequestRow),
}

/// Checks the files are the client's (and, for a contact, their own uploads).
fn check_files(
    conn: &mut DbConn,
    actor: &Actor,
    client_id: &str,
    ids: &[String],
    fields: &mut Fields,
) -> ApiResult<()> {
    if ids.len() > FILES_MAX {
        fields.check("file_ids", Err("Attach at most 10 files."));
        return Ok(());
    }
    let mut unique = ids.to_vec();
    unique.sort();
    unique.dedup();
    let found = files::many_for_client(conn, client_id, &unique)?;
    let usable = found.iter().filter(|f| match actor {
        Actor::Contact { id, .. } => f.uploaded_by_kind == "contact" && &f.uploaded_by_id == id,
        _ => true,
    });
    if usable.count() != unique.len() || unique.len() != ids.len() {
        fields.check(
            "file_ids",
            Err("Upload the files again; some could not be found."),
        );
    }
    Ok(())
}

/// Opens a request for `client_id` by `actor`. With an idempotency key already used by this
/// actor, answers that request when the body is the same, and 422 when it is not.
pub fn open(
    conn: &mut DbConn,
    actor: &Actor,
    org_id: &str,
    client_id: &str,
    draft: Draft,
    idempotency: Option<Idempotency>,
    now: NaiveDateTime,
) -> ApiResult<Opened> {
    let by = actor.id().unwrap_or("system").to_owned();
    if let Some(i) = &idempotency {
        if let Some(existing) = requests::by_idempotency_key(conn, &by, &i.key)? {
            if existing.idempotency_hash.as_deref() == Some(i.hash.as_str()) {
                return Ok(Opened::Replayed(existing));
            }
            return Err(ApiError::field(
                "Idempotency-Key",
                "This key was already used for a different request.",
            ));
        }
    }
    let mut fields = Fields::default();
    fields.check("title", validate::title(&draft.title));
    fields.check(
        "description",
        message_body(&draft.description, "Describe what you need."),
    );
    fields.check("category", category_for(draft.kind, draft.category));
    check_files(conn, actor, client_id, &draft.file_ids, &mut fields)?;
    if let Some(project_id) = &draft.project_id {
        let project = projects::get(conn, org_id, project_id).optional()?;
        if !project.is_some_and(|p| p.client_id == client_id && p.archived_at.is_none()) {
            fields.check("project_id", Err("Choose one of your projects."));
        }
    }
    if let Some(assignee) = &draft.assignee_id {
        let member = staff::by_id(conn, assignee)?;
        if !member.is_some_and(|m| m.org_id == org_id && m.active) {
            fields.check("assignee_id", Err("Choose someone on your team."));
        }
    }
    fields.finish()?;
    let assignee_id = match draft.assignee_id {
        Some(a) => Some(a),
        None => requests::route(conn, org_id, draft.kind, draft.category)?,
    };
    let priority = draft.priority.unwrap_or(RequestPriority::Normal);
    let row = RequestRow {
        id: new_id(),
        org_id: org_id.to_owned(),
        client_id: client_id.to_owned(),
        request_type: draft.kind,
        category: draft.category,
        title: draft.title.trim().to_owned(),
        description: draft.description.trim().to_owned(),
        priority,
        priority_rank: priority.rank(),
        status: RequestStatus::Open,
        contact_id: draft.contact_id,
        created_by_kind: actor.kind().to_owned(),
        created_by_id: by,
        assignee_id,
        project_id: draft.project_id,
        message_count: 0,
        last_activity_at: now,
        created_at: now,
        updated_at: now,
        first_response_at: None,
        first_response_paused_secs: None,
        resolved_at: None,
        closed_at: None,
        waiting_since: None,
        paused_secs: 0,
        idempotency_key: idempotency.as_ref().map(|i| i.key.clone()),
        idempotency_hash: idempotency.map(|i| i.hash),
    };
    requests::insert(conn, &row)?;
    requests::attach(conn, &row, None, &draft.file_ids)?;
    let who = actor.name(conn)?;
    let what = match row.request_type {
        RequestType::Job => "sent a job request",
        RequestType::Support => "opened a support ticket",
    };
    events::record_about(
        conn,
        actor,
        &row,
        EventKind::RequestOpened,
        format!("{who} {what}: {}", row.title),
        None,
        now,
    )?;
    Ok(Opened::New(row))
}

/// Changes the status, records it for the client, saves.
pub fn change_status(
    conn: &mut DbConn,
    actor: &Actor,
    row: &mut RequestRow,
    status: RequestStatus,
    now: NaiveDateTime,
) -> ApiResult<()> {
    if row.status == status {
        return Ok(());
    }
    set_status(row, status, now);
    row.last_activity_at = now;
    requests::save(conn, row)?;
    events::record_about(
        conn,
        actor,
        row,
        EventKind::RequestStatusChanged,
        format!(
            "{} is now {}",
            row.title,
            status.staff_label().to_lowercase()
        ),
        Some(status.as_str().to_owned()),
        now,
    )
}

/// A public message by a contact or staff. A contact's message reopens a request that waits on
/// the client or was resolved; a closed request takes no more messages (409). The first staff
/// message is the first response.
pub fn post_message(
    conn: &mut DbConn,
    actor: &Actor,
    row: &mut RequestRow,
    body: &str,
    file_ids: &[String],
    now: NaiveDateTime,
) -> ApiResult<MessageRow> {
    let mut fields = Fields::default();
    fields.check("body", message_body(body, "Write a message."));
    check_files(conn, actor, &row.client_id, file_ids, &mut fields)?;
    fields.finish()?;
    if row.status == RequestStatus::Closed {
        return Err(ApiError::conflict(
            ErrorCode::RequestClosed,
            "This request is closed. Open a new request if you need more help.",
        ));
    }
    let from_contact = matches!(actor, Actor::Contact { .. });
    let message = MessageRow {
        id: new_id(),
        request_id: row.id.clone(),
        client_id: row.client_id.clone(),
        author_kind: actor.kind().to_owned(),
        author_id: actor.id().unwrap_or("system").to_owned(),
        author_name: actor.name(conn)?,
        body: body.trim().to_owned(),
        created_at: now,
    };
    requests::insert_message(conn, &message)?;
    requests::attach(conn, row, Some(&message.id), file_ids)?;
    row.message_count += 1;
    row.last_activity_at = now;
    row.updated_at = now;
    if !from_contact && row.first_response_at.is_none() {
        row.first_response_at = Some(now);
        row.first_response_paused_secs = Some(paused_by(row, now));
    }
    let reopen = from_contact
        && matches!(
            row.status,
            RequestStatus::WaitingOnClient | RequestStatus::Resolved
        );
    requests::save(conn, row)?;
    let summary = format!("{} replied on {}", message.author_name, row.title);
    events::record_about(
        conn,
        actor,
        row,
        EventKind::RequestMessagePosted,
        summary,
        Some(message.id.clone()),
        now,
    )?;
    if reopen {
        change_status(conn, actor, row, RequestStatus::Open, now)?;
    }
    Ok(message)
}

/// A staff-only note. It changes nothing the client can see (no count, no activity time) and its
/// event, which names no text, is staff-only by kind.
pub fn add_note(
    conn: &mut DbConn,
    actor: &Actor,
    row: &RequestRow,
    body: &str,
    file_ids: &[String],
    now: NaiveDateTime,
) -> ApiResult<NoteRow> {
    let mut fields = Fields::default();
    fields.check("body", message_body(body, "Write a note."));
    if !file_ids.is_empty() {
        fields.check(
            "file_ids",
            Err("Internal notes take no files; attach them to a reply instead."),
        );
    }
    fields.finish()?;
    let note = NoteRow {
        id: new_id(),
        request_id: row.id.clone(),
        org_id: row.org_id.clone(),
        author_id: actor.id().unwrap_or("system").to_owned(),
        author_name: actor.name(conn)?,
        body: body.trim().to_owned(),
        created_at: now,
    };
    requests::insert_note(conn, &note)?;
    events::record_about(
        conn,
        actor,
        row,
        EventKind::RequestNotedInternally,
        format!(
            "{} added an internal note on {}",
            note.author_name, row.title
        ),
        None,
        now,
    )?;
    Ok(note)
}

/// Staff changes to priority, assignee and project (status goes through `change_status`).
pub fn assign(
    conn: &mut DbConn,
    actor: &Actor,
    row: &mut RequestRow,
    priority: Option<RequestPriority>,
    assignee_id: Option<Option<String>>,
    project_id: Option<Option<String>>,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let mut fields = Fields::default();
    if let Some(Some(assignee)) = &assignee_id {
        let member = staff::by_id(conn, assignee)?;
        if !member.is_some_and(|m| m.org_id == row.org_id && m.active) {
            fields.check("assignee_id", Err("Choose someone on your team."));
        }
    }
    if let Some(Some(project_id)) = &project_id {
        let project = projects::get(conn, &row.org_id, project_id)
            .or_field("project_id", "Choose one of this client's projects.")?;
        if project.client_id != row.client_id {
            fields.check("project_id", Err("Choose one of this client's projects."));
        }
    }
    fields.finish()?;
    let mut changed = Vec::new();
    if let Some(p) = priority.filter(|p| *p != row.priority) {
        row.priority = p;
        row.priority_rank = p.rank();
        changed.push(format!("priority {}", p.label().to_lowercase()));
    }
    if let Some(a) = assignee_id.filter(|a| *a != row.assignee_id) {
        changed.push(match &a {
            Some(id) => format!(
                "assigned to {}",
                staff::by_id(conn, id)?.map_or_else(|| "someone".into(), |s| s.name)
            ),
            None => "unassigned".into(),
        });
        row.assignee_id = a;
    }
    if let Some(p) = project_id.filter(|p| *p != row.project_id) {
        changed.push(if p.is_some() {
            "linked to a project".into()
        } else {
            "unlinked from its project".into()
        });
        row.project_id = p;
    }
    if changed.is_empty() {
        return Ok(());
    }
    row.updated_at = now;
    requests::save(conn, row)?;
    let who = actor.name(conn)?;
    events::record_about(
        conn,
        actor,
        row,
        EventKind::RequestUpdated,
        format!("{who} changed {}: {}", row.title, changed.join(", ")),
        None,
        now,
    )
}
