//! Notification emails: each recipient's due notifications become one email (a single item, or a
//! batch), unless they were read in the app first. Contacts' emails carry a magic link that signs
//! them in and opens the item; every email carries an unsubscribe link per category that works
//! without signing in and is signed so it cannot be forged.

use super::templates::{notification_email, EmailItem, NotificationMail};
use crate::crypto::{sign, verify};
use crate::db::notifications::{self, NotificationRow};
use crate::db::{contacts, orgs, outbox, portal_auth, staff, write_tx, DbConn};
use crate::error::ApiResult;
use chrono::{NaiveDateTime, TimeDelta};
use shared_types::notifications::NotificationCategory;

/// What rendering needs from the server's configuration.
pub struct Context<'a> {
    pub public_url: &'a str,
    pub unsubscribe_key: &'a [u8],
    /// Pending rows due within this window of the first are sent with it.
    pub batch: TimeDelta,
}

/// The unsubscribe token for `recipient_id`'s emails of `category`.
pub fn unsubscribe_token(key: &[u8], recipient_id: &str, category: NotificationCategory) -> String {
    sign(key, &format!("{recipient_id}:{category}"))
}

/// The recipient and category an unsubscribe token was made for; `None` if forged or altered.
pub fn read_unsubscribe_token(key: &[u8], token: &str) -> Option<(String, NotificationCategory)> {
    let payload = verify(key, token)?;
    let (recipient, category) = payload.rsplit_once(':')?;
    Some((recipient.to_owned(), category.parse().ok()?))
}

/// Queues the emails that are due; returns how many emails were queued.
pub fn send_due(conn: &mut DbConn, ctx: &Context<'_>, now: NaiveDateTime) -> ApiResult<usize> {
    let mut queued = 0;
    for recipient in notifications::due_recipients(conn, now)? {
        queued += write_tx(conn, |conn| send_one(conn, ctx, &recipient, now))?;
    }
    Ok(queued)
}

fn send_one(
    conn: &mut DbConn,
    ctx: &Context<'_>,
    recipient_id: &str,
    now: NaiveDateTime,
) -> ApiResult<usize> {
    let rows = notifications::pending_for(conn, recipient_id, now + ctx.batch)?;
    let (read, unread): (Vec<NotificationRow>, Vec<NotificationRow>) =
        rows.into_iter().partition(|r| r.read_at.is_some());
    notifications::set_email_state(conn, &ids(&read), "skipped")?;
    let Some(first) = unread.first() else {
        return Ok(0);
    };
    let Some(to) = address(conn, first)? else {
        // No longer reachable (access revoked, staff deactivated): nothing goes out.
        notifications::set_email_state(conn, &ids(&unread), "skipped")?;
        return Ok(0);
    };
    let org = orgs::by_id(conn, &first.org_id)?;
    let is_contact = first.recipient_kind == "contact";
    // A contact's links go to their organization's own portal domain once it is verified.
    let origin = if is_contact {
        org.portal_origin(ctx.public_url)
    } else {
        ctx.public_url.trim_end_matches('/').to_owned()
    };
    let items: Vec<EmailItem> = unread
        .iter()
        .map(|r| EmailItem {
            title: r.title.clone(),
            body: r.body.clone(),
            link: format!("{origin}{}", r.link),
        })
        .collect();
    // One sign-in link: to the item itself, or to the notifications page for a batch.
    let destination = if unread.len() == 1 {
        first.link.clone()
    } else if is_contact {
        "/portal/notifications".to_owned()
    } else {
        "/staff/notifications".to_owned()
    };
    let button = if is_contact {
        let token = portal_auth::add_magic_link(conn, recipient_id, now)?;
        let mut link = format!("{origin}/portal/auth/magic#token={token}&next=");
        link.extend(url::form_urlencoded::byte_serialize(destination.as_bytes()));
        link
    } else {
        format!("{origin}{destination}")
    };
    let mut categories: Vec<NotificationCategory> = unread.iter().map(|r| r.category).collect();
    categories.sort_by_key(|c| c.as_str());
    categories.dedup();
    let unsubscribe: Vec<(String, String)> = categories
        .into_iter()
        .map(|c| {
            let token = unsubscribe_token(ctx.unsubscribe_key, recipient_id, c);
            (
                c.label().to_owned(),
                format!("{origin}/portal/unsubscribe#token={token}"),
            )
        })
        .collect();
    let settings = if is_contact {
        format!("{origin}/portal/settings?tab=notifications")
    } else {
        format!("{origin}/staff/notifications?tab=settings")
    };
    let email = notification_email(
        &org,
        NotificationMail {
            to: &to.0,
            name: &to.1,
            items: &items,
            button_link: &button,
            signs_in: is_contact,
            unsubscribe: &unsubscribe,
            settings_link: &settings,
            origin: &origin,
        },
    );
    outbox::enqueue(conn, email, now)?;
    notifications::set_email_state(conn, &ids(&unread), "sent")?;
    Ok(1)
}

fn ids(rows: &[NotificationRow]) -> Vec<String> {
    rows.iter().map(|r| r.id.clone()).collect()
}

/// The (address, name) to write to, if the recipient may still hear from us.
fn address(conn: &mut DbConn, row: &NotificationRow) -> ApiResult<Option<(String, String)>> {
    if row.recipient_kind == "contact" {
        Ok(contacts::with_client(conn, &row.recipient_id)?
            .filter(|(contact, client)| contacts::may_sign_in(contact, client))
            .map(|(contact, _)| (contact.email, contact.name)))
    } else {
        Ok(staff::by_id(conn, &row.recipient_id)?
            .filter(|s| s.active)
            .map(|s| (s.email, s.name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsubscribe_tokens_name_one_recipient_and_category_and_resist_forgery() {
        let key = [7u8; 32];
        let token = unsubscribe_token(&key, "c-1", NotificationCategory::Review);
        assert_eq!(
            read_unsubscribe_token(&key, &token),
            Some(("c-1".to_owned(), NotificationCategory::Review))
        );
        assert_eq!(read_unsubscribe_token(&[8u8; 32], &token), None);
        let other = unsubscribe_token(&key, "c-2", NotificationCategory::Review);
        let (_, tag) = token.split_once('.').unwrap();
        let (payload, _) = other.split_once('.').unwrap();
        assert_eq!(
            read_unsubscribe_token(&key, &format!("{payload}.{tag}")),
            None
        );
    }
}
