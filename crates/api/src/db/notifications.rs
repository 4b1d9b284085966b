//! Notifications and email preferences. Every read is scoped by the recipient's id (a contact's or
//! a staff user's); which events reach whom is decided in `domain::notify`, not here.

use super::schema::{notification_prefs, notifications};
use super::{new_id, DbConn};
use chrono::{DateTime, NaiveDateTime};
use diesel::prelude::*;
use shared_types::notifications::{EmailDelivery, Notification, NotificationCategory};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = notifications)]
pub struct NotificationRow {
    pub id: String,
    pub org_id: String,
    pub recipient_kind: String,
    pub recipient_id: String,
    pub client_id: Option<String>,
    pub event_seq: i64,
    pub category: NotificationCategory,
    pub title: String,
    pub body: String,
    pub link: String,
    pub read_at: Option<NaiveDateTime>,
    pub email_state: String,
    pub email_due_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl NotificationRow {
    pub fn to_wire(&self) -> Notification {
        Notification {
            id: self.id.clone(),
            category: self.category,
            title: self.title.clone(),
            body: self.body.clone(),
            link: self.link.clone(),
            read: self.read_at.is_some(),
            created_at: DateTime::from_naive_utc_and_offset(self.created_at, chrono::Utc),
        }
    }
}

/// Who a notification is for: a contact (of `client_id`) or a staff user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    Contact { id: String, client_id: String },
    Staff { id: String },
}

impl Recipient {
    pub fn id(&self) -> &str {
        match self {
            Recipient::Contact { id, .. } | Recipient::Staff { id } => id,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Recipient::Contact { .. } => "contact",
            Recipient::Staff { .. } => "staff",
        }
    }
}

pub struct NewNotification<'a> {
    pub org_id: &'a str,
    pub recipient: &'a Recipient,
    pub event_seq: i64,
    pub category: NotificationCategory,
    pub title: String,
    pub body: String,
    pub link: String,
    /// When the email is due (`None`: no email).
    pub email_due_at: Option<NaiveDateTime>,
    pub now: NaiveDateTime,
}

/// Inserts a notification, once per recipient and event (a replayed event adds nothing).
pub fn insert(conn: &mut DbConn, n: NewNotification<'_>) -> QueryResult<()> {
    let exists: bool = diesel::select(diesel::dsl::exists(
        notifications::table
            .filter(notifications::recipient_id.eq(n.recipient.id()))
            .filter(notifications::event_seq.eq(n.event_seq)),
    ))
    .get_result(conn)?;
    if exists {
        return Ok(());
    }
    let client_id = match n.recipient {
        Recipient::Contact { client_id, .. } => Some(client_id.as_str()),
        Recipient::Staff { .. } => None,
    };
    diesel::insert_into(notifications::table)
        .values((
            notifications::id.eq(new_id()),
            notifications::org_id.eq(n.org_id),
            notifications::recipient_kind.eq(n.recipient.kind()),
            notifications::recipient_id.eq(n.recipient.id()),
            notifications::client_id.eq(client_id),
            notifications::event_seq.eq(n.event_seq),
            notifications::category.eq(n.category),
            notifications::title.eq(n.title),
            notifications::body.eq(n.body),
            notifications::link.eq(n.link),
            notifications::email_state.eq(if n.email_due_at.is_some() {
                "pending"
            } else {
                "none"
            }),
            notifications::email_due_at.eq(n.email_due_at),
            notifications::created_at.eq(n.now),
        ))
        .execute(conn)?;
    Ok(())
}

/// A page of `recipient_id`'s notifications, newest first, after stream position `after`.
/// Returns one row more than `limit` when there is a next page.
pub fn page(
    conn: &mut DbConn,
    recipient_id: &str,
    after: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<NotificationRow>> {
    notifications::table
        .filter(notifications::recipient_id.eq(recipient_id))
        .filter(notifications::event_seq.lt(after.unwrap_or(i64::MAX)))
        .order(notifications::event_seq.desc())
        .limit(limit + 1)
        .select(NotificationRow::as_select())
        .load(conn)
}

/// How many of `recipient_id`'s notifications are unread.
pub fn unread(conn: &mut DbConn, recipient_id: &str) -> QueryResult<i64> {
    notifications::table
        .filter(notifications::recipient_id.eq(recipient_id))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)
}

/// Marks the named notifications (or all) of `recipient_id` read; others' ids change nothing.
pub fn mark_read(
    conn: &mut DbConn,
    recipient_id: &str,
    ids: &[String],
    all: bool,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let mine = notifications::table
        .filter(notifications::recipient_id.eq(recipient_id))
        .filter(notifications::read_at.is_null());
    if all {
        diesel::update(mine)
            .set(notifications::read_at.eq(now))
            .execute(conn)
    } else if ids.is_empty() {
        Ok(0)
    } else {
        diesel::update(mine.filter(notifications::id.eq_any(ids)))
            .set(notifications::read_at.eq(now))
            .execute(conn)
    }
}

/// `recipient_id`'s notifications made from events in `(after, upto]`, oldest first (the live
/// stream's catch-up).
pub fn between(
    conn: &mut DbConn,
    recipient_id: &str,
    after: i64,
    upto: i64,
) -> QueryResult<Vec<NotificationRow>> {
    notifications::table
        .filter(notifications::recipient_id.eq(recipient_id))
        .filter(notifications::event_seq.gt(after))
        .filter(notifications::event_seq.le(upto))
        .order(notifications::event_seq.asc())
        .select(NotificationRow::as_select())
        .load(conn)
}

/// Recipients with at least one email due by `now`.
pub fn due_recipients(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<Vec<String>> {
    notifications::table
        .filter(notifications::email_state.eq("pending"))
        .filter(notifications::email_due_at.le(now))
        .select(notifications::recipient_id)
        .distinct()
        .limit(100)
        .load(conn)
}

/// `recipient_id`'s pending emails due by `until`, oldest first: what one email carries.
pub fn pending_for(
    conn: &mut DbConn,
    recipient_id: &str,
    until: NaiveDateTime,
) -> QueryResult<Vec<NotificationRow>> {
    notifications::table
        .filter(notifications::recipient_id.eq(recipient_id))
        .filter(notifications::email_state.eq("pending"))
        .filter(notifications::email_due_at.le(until))
        .order(notifications::event_seq.asc())
        .select(NotificationRow::as_select())
        .load(conn)
}

/// Sets the email state of the given notifications (`sent` or `skipped`).
pub fn set_email_state(conn: &mut DbConn, ids: &[String], state: &str) -> QueryResult<()> {
    if !ids.is_empty() {
        diesel::update(notifications::table.filter(notifications::id.eq_any(ids)))
            .set((
                notifications::email_state.eq(state),
                notifications::email_due_at.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// `recipient_id`'s email choice for `category` (`instant` unless they chose otherwise).
pub fn preference(
    conn: &mut DbConn,
    recipient_id: &str,
    category: NotificationCategory,
) -> QueryResult<EmailDelivery> {
    let stored: Option<EmailDelivery> = notification_prefs::table
        .find((recipient_id, category.as_str()))
        .select(notification_prefs::email)
        .get_result(conn)
        .optional()?;
    Ok(stored.unwrap_or(EmailDelivery::Instant))
}

/// Every stored choice of `recipient_id`.
pub fn preferences(
    conn: &mut DbConn,
    recipient_id: &str,
) -> QueryResult<Vec<(NotificationCategory, EmailDelivery)>> {
    notification_prefs::table
        .filter(notification_prefs::recipient_id.eq(recipient_id))
        .select((notification_prefs::category, notification_prefs::email))
        .load(conn)
}

/// Stores `recipient_id`'s choice for `category`.
pub fn set_preference(
    conn: &mut DbConn,
    recipient_id: &str,
    category: NotificationCategory,
    email: EmailDelivery,
) -> QueryResult<()> {
    let updated = diesel::update(notification_prefs::table.find((recipient_id, category.as_str())))
        .set(notification_prefs::email.eq(email))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(notification_prefs::table)
            .values((
                notification_prefs::recipient_id.eq(recipient_id),
                notification_prefs::category.eq(category),
                notification_prefs::email.eq(email),
            ))
            .execute(conn)?;
    }
    Ok(())
}
