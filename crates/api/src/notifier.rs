//! The notification worker: hands new events to the dispatcher (`domain::notify`), wakes the live
//! streams, queues the emails that are due (`mail::notifications`), and once an hour records the
//! review reminders that have come due and the invoices that fell overdue. Woken by every commit that recorded an event, and on a
//! poll for what other server processes recorded.

use crate::db::schema::{approvals, events, invoices, projects};
use crate::db::{write_tx, DbConn};
use crate::domain::events::{self as stream, NewEvent};
use crate::domain::notify::{self, Notifier};
use crate::domain::Actor;
use crate::error::ApiResult;
use crate::live::Wake;
use crate::mail::notifications::{self as mail, Context};
use crate::state::AppState;
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use shared_types::invoices::{AgingBucket, InvoiceStatus};
use shared_types::{money, ApprovalStatus, EventKind};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub fn spawn(state: Arc<AppState>) {
    let worker = state.clone();
    tokio::spawn(async move { run(worker).await });
    tokio::spawn(async move { watch_cursor(state).await });
}

fn notifier(state: &AppState) -> Notifier {
    Notifier {
        batch: TimeDelta::seconds(state.config.notify_batch_secs.max(0)),
        digest_hour: state.config.notify_digest_hour,
    }
}

async fn run(state: Arc<AppState>) {
    let mut recorded = state.db.recorded();
    // Woken at once by this process's commits; the poll is for what is merely due (batched
    // emails) and for events other processes recorded, neither of which is urgent.
    let poll = Duration::from_secs(state.config.mail_poll_secs.max(5));
    let mut last_reminders: Option<Instant> = None;
    loop {
        if last_reminders.is_none_or(|t| t.elapsed() > Duration::from_secs(3600)) {
            let now = state.now();
            let days = state.config.review_reminder_days;
            match state
                .db
                .run(move |conn| {
                    Ok(record_reminders(conn, now, days)? + overdue_invoices(conn, now)?)
                })
                .await
            {
                Ok(n) if n > 0 => tracing::info!(reminders = n, "reminders recorded"),
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "review reminders failed"),
            }
            last_reminders = Some(Instant::now());
        }
        if let Err(err) = pass(&state).await {
            tracing::warn!(error = %err, "notification pass failed");
        }
        tokio::select! {
            _ = recorded.changed() => {}
            _ = tokio::time::sleep(poll) => {}
        }
    }
}

/// Dispatches every new event and queues due emails (one trip to the pool), then wakes the
/// streams and the mail worker.
async fn pass(state: &AppState) -> ApiResult<()> {
    let dispatcher = notifier(state);
    let now = state.now();
    let config = state.config.clone();
    let key = state.keys.unsubscribe;
    let (wake, queued) = state
        .db
        .run(move |conn| {
            let wake = dispatch_all(conn, &dispatcher)?;
            let ctx = Context {
                public_url: &config.public_origin,
                unsubscribe_key: &key,
                batch: TimeDelta::seconds(config.notify_batch_secs.max(0)),
            };
            Ok((wake, mail::send_due(conn, &ctx, now)?))
        })
        .await?;
    if let Some(wake) = wake {
        state.live.publish(wake);
    }
    if queued > 0 {
        state.mail_wake.notify_one();
    }
    Ok(())
}

/// Hands every new event to the dispatcher; what to wake when there were any.
fn dispatch_all(conn: &mut DbConn, dispatcher: &Notifier) -> ApiResult<Option<Wake>> {
    let before = stream::cursor(conn, notify::NAME)?;
    while stream::dispatch(conn, dispatcher, 100)? > 0 {}
    let after = stream::cursor(conn, notify::NAME)?;
    if after == before {
        return Ok(None);
    }
    let orgs: Vec<String> = events::table
        .filter(events::seq.gt(before))
        .filter(events::seq.le(after))
        .select(events::org_id)
        .distinct()
        .load(conn)?;
    Ok(Some(Wake {
        upto: after,
        orgs: Some(orgs.into()),
    }))
}

/// While streams are open, notices events another process dispatched (its in-process wake does
/// not reach this one) by watching the dispatcher's cursor in the database.
async fn watch_cursor(state: Arc<AppState>) {
    let mut seen = 0;
    loop {
        tokio::time::sleep(Duration::from_millis(250)).await;
        if state.live.open_streams() == 0 {
            continue;
        }
        match state
            .db
            .run(|conn| stream::cursor(conn, notify::NAME))
            .await
        {
            Ok(upto) if upto > seen => {
                // The first look after streams open wakes them too: a stream that finds nothing
                // new costs one query, a missed event would cost a notification.
                state.live.publish(Wake { upto, orgs: None });
                seen = upto;
            }
            Ok(_) => {}
            Err(err) => tracing::debug!(error = %err, "live cursor check failed"),
        }
    }
}

/// Whether an event of `kind` about `subject_id` with `detail` was already recorded.
fn recorded_before(
    conn: &mut DbConn,
    kind: EventKind,
    subject_id: &str,
    detail: &str,
) -> ApiResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        events::table
            .filter(events::kind.eq(kind))
            .filter(events::subject_id.eq(subject_id))
            .filter(events::detail.eq(detail)),
    ))
    .get_result(conn)?)
}

/// Records `invoice_overdue` for each open invoice with a balance past its due date, once per
/// aging bucket it enters (the day after it was due, then at 31, 61 and 91 days). Returns how
/// many.
pub fn overdue_invoices(conn: &mut DbConn, now: NaiveDateTime) -> ApiResult<usize> {
    let today = now.date();
    let open = [
        InvoiceStatus::Sent.as_str(),
        InvoiceStatus::PartiallyPaid.as_str(),
    ];
    let late: Vec<(String, String, String, i64, String, i64, NaiveDate)> = invoices::table
        .filter(invoices::status.eq_any(open))
        .filter(invoices::balance.gt(0))
        .filter(invoices::due_date.lt(today))
        .select((
            invoices::id,
            invoices::org_id,
            invoices::client_id,
            invoices::number,
            invoices::currency,
            invoices::balance,
            invoices::due_date,
        ))
        .load(conn)?;
    let mut recorded = 0;
    for (id, org_id, client_id, number, currency, balance, due_date) in late {
        let days = (today - due_date).num_days();
        let bucket = AgingBucket::of(days);
        let detail = format!("{due_date}:{bucket}");
        let number = crate::domain::invoices::number_text(number);
        let summary = format!(
            "Invoice {number} is overdue: {} was due on {due_date}",
            money::format(balance, &currency)
        );
        recorded += write_tx(conn, |conn| {
            if recorded_before(conn, EventKind::InvoiceOverdue, &id, &detail)? {
                return Ok(0);
            }
            let event = NewEvent {
                org_id: &org_id,
                client_id: Some(&client_id),
                kind: EventKind::InvoiceOverdue,
                subject_id: &id,
                summary: summary.clone(),
                detail: Some(detail.clone()),
            };
            stream::record(conn, &Actor::System, event, now)?;
            Ok(1)
        })?;
    }
    Ok(recorded)
}

/// Records a reminder for each approval waiting on the client that is due within `days` (once
/// per due date) and for each that became overdue (once per due date). Returns how many.
pub fn record_reminders(conn: &mut DbConn, now: NaiveDateTime, days: i64) -> ApiResult<usize> {
    let today = now.date();
    let waiting = [
        ApprovalStatus::Pending.as_str(),
        ApprovalStatus::InReview.as_str(),
    ];
    let due: Vec<(String, String, String, String, NaiveDate)> = approvals::table
        .inner_join(projects::table)
        .filter(approvals::archived_at.is_null())
        .filter(projects::archived_at.is_null())
        .filter(approvals::status.eq_any(waiting))
        .filter(approvals::due_date.le(today + TimeDelta::days(days)))
        .filter(approvals::due_date.ge(today - TimeDelta::days(30)))
        .select((
            approvals::id,
            approvals::org_id,
            approvals::client_id,
            approvals::title,
            approvals::due_date.assume_not_null(),
        ))
        .load(conn)?;
    let mut recorded = 0;
    for (id, org_id, client_id, title, due_date) in due {
        let (kind, summary) = if due_date < today {
            (
                EventKind::ApprovalOverdue,
                format!("{title} was due for review on {due_date}"),
            )
        } else {
            (
                EventKind::ApprovalDueSoon,
                format!("{title} is due for review on {due_date}"),
            )
        };
        let detail = due_date.to_string();
        recorded += write_tx(conn, |conn| {
            if recorded_before(conn, kind, &id, &detail)? {
                return Ok(0);
            }
            let event = NewEvent {
                org_id: &org_id,
                client_id: Some(&client_id),
                kind,
                subject_id: &id,
                summary,
                detail: Some(detail.clone()),
            };
            stream::record(conn, &Actor::System, event, now)?;
            Ok(1)
        })?;
    }
    Ok(recorded)
}
