//! The transactional email outbox: rows are written in the same transaction as the change they
//! announce and drained by `mail::worker`, so a mail server outage delays mail but never loses it.

use super::orgs::Org;
use super::schema::email_outbox;
use super::{new_id, DbConn};
use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable)]
#[diesel(table_name = email_outbox)]
pub struct OutboxRow {
    pub id: String,
    pub org_id: Option<String>,
    pub to_addr: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub from_name: Option<String>,
    pub reply_to: Option<String>,
}

/// A rendered email ready to queue.
pub struct Email {
    pub org_id: Option<String>,
    /// The sender's display name (the address is always `ATRIUM_MAIL_FROM`'s) and reply-to.
    pub from_name: Option<String>,
    pub reply_to: Option<String>,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Email {
    /// An email on behalf of `org`: its sender name and reply-to.
    pub fn from_org(org: &Org, to: String, subject: String, text: String, html: String) -> Self {
        Email {
            org_id: Some(org.id.clone()),
            from_name: Some(org.sender_name().to_owned()),
            reply_to: org.email_reply_to.clone(),
            to,
            subject,
            text,
            html,
        }
    }
}

pub fn enqueue(conn: &mut DbConn, email: Email, now: NaiveDateTime) -> QueryResult<()> {
    diesel::insert_into(email_outbox::table)
        .values((
            email_outbox::id.eq(new_id()),
            email_outbox::org_id.eq(email.org_id),
            email_outbox::to_addr.eq(email.to),
            email_outbox::from_name.eq(email.from_name),
            email_outbox::reply_to.eq(email.reply_to),
            email_outbox::subject.eq(email.subject),
            email_outbox::body_text.eq(email.text),
            email_outbox::body_html.eq(email.html),
            email_outbox::status.eq("pending"),
            email_outbox::attempts.eq(0),
            email_outbox::next_attempt_at.eq(now),
            email_outbox::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// How long a worker holds a claimed message before another worker may retry it.
const LEASE: TimeDelta = TimeDelta::minutes(5);

/// Claims up to `limit` due messages by pushing their next attempt past the lease; a message
/// claimed by another worker in between is skipped, so two workers never send the same row.
pub fn claim_due(conn: &mut DbConn, now: NaiveDateTime, limit: i64) -> QueryResult<Vec<OutboxRow>> {
    let due: Vec<OutboxRow> = email_outbox::table
        .filter(email_outbox::status.eq("pending"))
        .filter(email_outbox::next_attempt_at.le(now))
        .order(email_outbox::next_attempt_at.asc())
        .limit(limit)
        .load(conn)?;
    let mut claimed = Vec::with_capacity(due.len());
    for row in due {
        let n = diesel::update(
            email_outbox::table
                .find(&row.id)
                .filter(email_outbox::next_attempt_at.eq(row.next_attempt_at)),
        )
        .set(email_outbox::next_attempt_at.eq(now + LEASE))
        .execute(conn)?;
        if n == 1 {
            claimed.push(row);
        }
    }
    Ok(claimed)
}

pub fn mark_sent(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(email_outbox::table.find(id))
        .set((
            email_outbox::status.eq("sent"),
            email_outbox::sent_at.eq(now),
            email_outbox::attempts.eq(email_outbox::attempts + 1),
            email_outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Most attempts before a message is given up as `failed` (about a day with the default backoff).
pub const MAX_ATTEMPTS: i32 = 12;

pub fn mark_failed(
    conn: &mut DbConn,
    row: &OutboxRow,
    error: &str,
    retry_base: TimeDelta,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let attempts = row.attempts + 1;
    let status = if attempts >= MAX_ATTEMPTS {
        "failed"
    } else {
        "pending"
    };
    // Exponential backoff, capped at two hours.
    let delay =
        (retry_base * 2i32.pow((attempts - 1).clamp(0, 16) as u32)).min(TimeDelta::hours(2));
    diesel::update(email_outbox::table.find(&row.id))
        .set((
            email_outbox::status.eq(status),
            email_outbox::attempts.eq(attempts),
            email_outbox::next_attempt_at.eq(now + delay),
            email_outbox::last_error.eq(error.chars().take(500).collect::<String>()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn all(conn: &mut DbConn) -> QueryResult<Vec<OutboxRow>> {
    email_outbox::table
        .order(email_outbox::created_at.asc())
        .load(conn)
}
