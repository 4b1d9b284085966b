//! Who is told about what: the one dispatcher from the event stream to people. For each event it
//! decides the recipients and writes their in-app notifications, with the email due by each
//! recipient's preference (sent later, batched, by `mail::notifications`); the live streams pick
//! the rows up from there.
//!
//! The rules:
//! - Contacts hear only about client-visible events of their own client (checked here once, for
//!   every kind), only while their access is active, and only about what their permissions let
//!   them act on (work to review needs `can_approve_work`, requests `can_submit_requests`).
//! - Staff hear about what clients do: the project's managers, else the client's account
//!   managers, else the organization's owners and admins; a request's assignee hears about it.
//! - Staff hear about changes someone else made to their own account (a new role, access back).
//! - Nobody is told about what they did themselves.

mod invoices;
mod requests;
mod team;
mod work;

use super::events::{EventRow, Subscriber};
use crate::db::notifications::{self, NewNotification, Recipient};
use crate::db::schema::{client_managers, client_users, project_managers, staff_users};
use crate::db::{clients, contacts, DbConn};
use crate::error::ApiResult;
use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use shared_types::notifications::{EmailDelivery, NotificationCategory};
use shared_types::StaffRole;

/// The dispatcher, with the timing of emails.
pub struct Notifier {
    /// Emails for one person within this window go out together.
    pub batch: TimeDelta,
    /// The hour (UTC) of the daily digest.
    pub digest_hour: u32,
}

/// The subscriber name (its cursor in `event_cursors`).
pub const NAME: &str = "notify";

/// One notification to write.
struct Told {
    recipient: Recipient,
    category: NotificationCategory,
    title: String,
    body: String,
    link: String,
}

/// Who hears about `event`, by what it is about.
fn recipients(conn: &mut DbConn, event: &EventRow) -> ApiResult<Vec<Told>> {
    let Some(client_id) = event.client_id.as_deref() else {
        return team::recipients(conn, event);
    };
    match event.kind.subject_kind() {
        "request" => requests::recipients(conn, event, client_id),
        "invoice" => invoices::recipients(conn, event, client_id),
        _ => work::recipients(conn, event, client_id),
    }
}

impl Subscriber for Notifier {
    fn name(&self) -> &'static str {
        NAME
    }

    fn handle(&self, conn: &mut DbConn, event: &EventRow) -> ApiResult<()> {
        for told in recipients(conn, event)? {
            if let Recipient::Contact { client_id, .. } = &told.recipient {
                // The one place that keeps staff-only events from contacts, whatever the
                // rules above decided.
                if !event.client_visible || event.client_id.as_deref() != Some(client_id) {
                    continue;
                }
            }
            if Some(told.recipient.id()) == event.actor_id.as_deref() {
                continue;
            }
            let delivery = notifications::preference(conn, told.recipient.id(), told.category)?;
            let email_due_at = self.email_due(delivery, event.created_at);
            notifications::insert(
                conn,
                NewNotification {
                    org_id: &event.org_id,
                    recipient: &told.recipient,
                    event_seq: event.seq,
                    category: told.category,
                    title: told.title,
                    body: told.body,
                    link: told.link,
                    email_due_at,
                    now: event.created_at,
                },
            )?;
        }
        Ok(())
    }
}

impl Notifier {
    /// When the email for a notification made at `at` is due under `delivery`.
    pub fn email_due(&self, delivery: EmailDelivery, at: NaiveDateTime) -> Option<NaiveDateTime> {
        match delivery {
            EmailDelivery::Off => None,
            EmailDelivery::Instant => Some(at + self.batch),
            EmailDelivery::Daily => {
                let today = at
                    .date()
                    .and_hms_opt(self.digest_hour, 0, 0)
                    .expect("hour 0-23");
                Some(if today > at {
                    today
                } else {
                    today + TimeDelta::days(1)
                })
            }
        }
    }
}

/// The name of the contact who acted (events by contacts carry the contact's id).
fn actor_name(conn: &mut DbConn, event: &EventRow) -> ApiResult<String> {
    let Some(id) = event.actor_id.as_deref() else {
        return Ok("Someone".into());
    };
    let name: Option<String> = match event.actor_kind.as_str() {
        "contact" => client_users::table
            .find(id)
            .select(client_users::name)
            .get_result(conn)
            .optional()?,
        "staff" => staff_users::table
            .find(id)
            .select(staff_users::name)
            .get_result(conn)
            .optional()?,
        _ => None,
    };
    Ok(name.unwrap_or_else(|| "Someone".into()))
}

/// The client's contacts who can use the portal now and pass `allowed`.
fn active_contacts(
    conn: &mut DbConn,
    org_id: &str,
    client_id: &str,
    allowed: fn(&shared_types::portal::Permissions) -> bool,
) -> ApiResult<Vec<Recipient>> {
    let client = clients::get(conn, org_id, client_id)?;
    Ok(contacts::list(conn, org_id, client_id)?
        .into_iter()
        .filter(|c| contacts::may_sign_in(c, &client) && allowed(&c.permissions(&client)))
        .map(|c| Recipient::Contact {
            id: c.id,
            client_id: client_id.to_owned(),
        })
        .collect())
}

/// The staff who look after this client's work: the project's managers, else the client's
/// account managers, else the organization's owners and admins. Active staff only.
pub fn managers(
    conn: &mut DbConn,
    org_id: &str,
    client_id: &str,
    project_id: Option<&str>,
) -> ApiResult<Vec<Recipient>> {
    let active = staff_users::table
        .filter(staff_users::org_id.eq(org_id))
        .filter(staff_users::active.eq(true));
    let mut ids: Vec<String> = match project_id {
        Some(project_id) => active
            .inner_join(project_managers::table)
            .filter(project_managers::project_id.eq(project_id))
            .select(staff_users::id)
            .order(staff_users::id.asc())
            .load(conn)?,
        None => Vec::new(),
    };
    if ids.is_empty() {
        ids = active
            .inner_join(client_managers::table)
            .filter(client_managers::client_id.eq(client_id))
            .select(staff_users::id)
            .order(staff_users::id.asc())
            .load(conn)?;
    }
    if ids.is_empty() {
        ids = active
            .filter(
                staff_users::role.eq_any([StaffRole::Owner.as_str(), StaffRole::Admin.as_str()]),
            )
            .select(staff_users::id)
            .order(staff_users::id.asc())
            .load(conn)?;
    }
    Ok(ids.into_iter().map(|id| Recipient::Staff { id }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn emails_are_due_after_the_batch_window_or_at_the_next_digest_hour() {
        let n = Notifier {
            batch: TimeDelta::minutes(5),
            digest_hour: 8,
        };
        assert_eq!(
            n.email_due(EmailDelivery::Instant, at(9, 0)),
            Some(at(9, 5))
        );
        assert_eq!(n.email_due(EmailDelivery::Off, at(9, 0)), None);
        assert_eq!(n.email_due(EmailDelivery::Daily, at(7, 59)), Some(at(8, 0)));
        assert_eq!(
            n.email_due(EmailDelivery::Daily, at(8, 0)),
            Some(at(8, 0) + TimeDelta::days(1))
        );
    }
}
