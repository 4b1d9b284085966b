//! The event stream: everything that happens in an organization is one row in `events`, written
//! in the same transaction as the change it describes. Whether the client may see an event is
//! decided by its kind (`EventKind::client_visible`), never by the caller.
//!
//! Subscribers (in-app notifications, email, the live feed, webhooks) read the stream in `seq`
//! order through `dispatch`, each with its own cursor in `event_cursors`: an event is handled once
//! per subscriber, in the same transaction that moves the cursor on. `seq` comes from the one row
//! of `event_counter`, taken inside the writing transaction, so transactions that record events
//! commit in `seq` order and a reader never skips an event that commits late.

use super::Actor;
use crate::db::approvals::ApprovalRow;
use crate::db::clients::ClientRow;
use crate::db::contacts::ContactRow;
use crate::db::invoices::InvoiceRow;
use crate::db::milestones::MilestoneRow;
use crate::db::projects::ProjectRow;
use crate::db::requests::RequestRow;
use crate::db::schema::{event_counter, event_cursors, events};
use crate::db::stages::StageRow;
use crate::db::tasks::TaskRow;
use crate::db::{write_tx, DbConn};
use crate::error::ApiResult;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared_types::EventKind;
use std::cell::Cell;

thread_local! {
    /// Whether the transaction running on this thread recorded an event.
    static PENDING_WAKE: Cell<bool> = const { Cell::new(false) };
    /// Whether work on this thread committed events since `take_committed` last looked
    /// (`Db::run` then wakes that database's subscribers: `Db::recorded`).
    static COMMITTED: Cell<bool> = const { Cell::new(false) };
}

/// Called by `db::write_tx` when its transaction ends.
pub(crate) fn transaction_ended(committed: bool) {
    if PENDING_WAKE.with(|p| p.replace(false)) && committed {
        COMMITTED.with(|c| c.set(true));
    }
}

/// Whether events were committed on this thread since the last call.
pub(crate) fn take_committed() -> bool {
    COMMITTED.with(|c| c.replace(false))
}

/// What happened, to what, for which client. The summary is written for whoever may see the
/// event: for client-visible kinds, words a contact may read (client statuses, never stages).
pub struct NewEvent<'a> {
    pub org_id: &'a str,
    pub client_id: Option<&'a str>,
    pub kind: EventKind,
    pub subject_id: &'a str,
    pub summary: String,
    /// What subscribers need beyond the summary: the comment of a comment event, the client
    /// status of a status change, the due date of a reminder.
    pub detail: Option<String>,
}

impl<'a> NewEvent<'a> {
    /// An event about `subject`, in its client's feed when it has a client.
    pub fn about(
        subject: &'a impl Subject,
        kind: EventKind,
        summary: String,
        detail: Option<String>,
    ) -> Self {
        NewEvent {
            org_id: subject.org_id(),
            client_id: subject.client_id(),
            kind,
            subject_id: subject.subject_id(),
            summary,
            detail,
        }
    }
}

/// What an event can be about: a thing of an organization, and of one client unless it is the
/// organization's own (a pipeline stage).
pub trait Subject {
    fn org_id(&self) -> &str;
    /// The client whose feed the event belongs to, if any.
    fn client_id(&self) -> Option<&str>;
    fn subject_id(&self) -> &str;
}

impl Subject for ClientRow {
    fn org_id(&self) -> &str {
        &self.org_id
    }
    fn client_id(&self) -> Option<&str> {
        Some(&self.id)
    }
    fn subject_id(&self) -> &str {
        &self.id
    }
}

impl Subject for StageRow {
    fn org_id(&self) -> &str {
        &self.org_id
    }
    fn client_id(&self) -> Option<&str> {
        None
    }
    fn subject_id(&self) -> &str {
        &self.id
    }
}

/// Rows of a client's things, each the subject of its own events in that client's feed.
macro_rules! client_things {
    ($($row:ty),*) => {$(
        impl Subject for $row {
            fn org_id(&self) -> &str {
                &self.org_id
            }
            fn client_id(&self) -> Option<&str> {
                Some(&self.client_id)
            }
            fn subject_id(&self) -> &str {
                &self.id
            }
        }
    )*};
}

client_things!(
    ContactRow,
    ProjectRow,
    MilestoneRow,
    TaskRow,
    ApprovalRow,
    RequestRow,
    InvoiceRow
);

/// Records an event by `actor` about `subject` (`NewEvent::about`).
pub fn record_about(
    conn: &mut DbConn,
    actor: &Actor,
    subject: &impl Subject,
    kind: EventKind,
    summary: String,
    detail: Option<String>,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let event = NewEvent::about(subject, kind, summary, detail);
    record(conn, actor, event, now).map(drop)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = events)]
pub struct EventRow {
    pub seq: i64,
    pub org_id: String,
    pub client_id: Option<String>,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub kind: EventKind,
    pub subject_id: String,
    pub summary: String,
    pub client_visible: bool,
    pub created_at: NaiveDateTime,
    pub detail: Option<String>,
}

/// Records `event` by `actor`. Call inside the transaction that makes the change.
pub fn record(
    conn: &mut DbConn,
    actor: &Actor,
    event: NewEvent<'_>,
    now: NaiveDateTime,
) -> ApiResult<i64> {
    let seq: i64 = diesel::update(event_counter::table)
        .set(event_counter::last_seq.eq(event_counter::last_seq + 1))
        .returning(event_counter::last_seq)
        .get_result(conn)?;
    diesel::insert_into(events::table)
        .values((
            events::seq.eq(seq),
            events::org_id.eq(event.org_id),
            events::client_id.eq(event.client_id),
            events::actor_kind.eq(actor.kind()),
            events::actor_id.eq(actor.id()),
            events::kind.eq(event.kind),
            events::subject_id.eq(event.subject_id),
            events::summary.eq(event.summary),
            events::client_visible.eq(event.kind.client_visible()),
            events::created_at.eq(now),
            events::detail.eq(event.detail),
        ))
        .execute(conn)?;
    PENDING_WAKE.with(|p| p.set(true));
    Ok(seq)
}

/// A reader of the event stream, known by a stable name (its cursor's key).
pub trait Subscriber: Send + Sync {
    fn name(&self) -> &'static str;
    /// Handles one event, inside the transaction that then moves this subscriber's cursor past
    /// it: what it writes (notifications, outbox rows) commits together with the cursor.
    fn handle(&self, conn: &mut DbConn, event: &EventRow) -> ApiResult<()>;
}

/// Where `subscriber` has read up to (0: nothing yet).
pub fn cursor(conn: &mut DbConn, subscriber: &str) -> ApiResult<i64> {
    Ok(event_cursors::table
        .find(subscriber)
        .select(event_cursors::last_seq)
        .get_result(conn)
        .optional()?
        .unwrap_or(0))
}

/// Hands `subscriber` the next events after its cursor, at most `batch`, in `seq` order, and
/// moves the cursor past them, all in one transaction (a failure rolls back both, and the same
/// events come again next time). Returns how many were handled.
pub fn dispatch(conn: &mut DbConn, subscriber: &dyn Subscriber, batch: i64) -> ApiResult<usize> {
    write_tx(conn, |conn| {
        // Lock the cursor row first (an update that changes nothing): a second server process
        // dispatching the same subscriber waits here, then reads the moved cursor.
        diesel::update(event_cursors::table.find(subscriber.name()))
            .set(event_cursors::last_seq.eq(event_cursors::last_seq))
            .execute(conn)?;
        let after = cursor(conn, subscriber.name())?;
        let rows: Vec<EventRow> = events::table
            .filter(events::seq.gt(after))
            .order(events::seq.asc())
            .limit(batch)
            .select(EventRow::as_select())
            .load(conn)?;
        let Some(last) = rows.last().map(|r| r.seq) else {
            return Ok(0);
        };
        for row in &rows {
            subscriber.handle(conn, row)?;
        }
        let moved = diesel::update(event_cursors::table.find(subscriber.name()))
            .set(event_cursors::last_seq.eq(last))
            .execute(conn)?;
        if moved == 0 {
            diesel::insert_into(event_cursors::table)
                .values((
                    event_cursors::subscriber.eq(subscriber.name()),
                    event_cursors::last_seq.eq(last),
                ))
                .execute(conn)?;
        }
        Ok(rows.len())
    })
}
