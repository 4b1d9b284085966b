//! A person's notifications and email choices, the same for a contact and a staff user (the
//! handlers of both APIs call these with the signed-in person's id).

use crate::cursor;
use crate::db::notifications;
use crate::db::{write_tx, DbConn};
use crate::error::{ApiError, ApiResult};
use chrono::NaiveDateTime;
use shared_types::notifications::{
    CategoryPreference, MarkRead, NotificationCategory, NotificationPage, NotificationPreferences,
    UnreadCount,
};

/// A page of `recipient_id`'s notifications, newest first, with the unread count.
pub fn page(
    conn: &mut DbConn,
    recipient_id: &str,
    cursor_param: Option<&str>,
    limit: Option<i64>,
) -> ApiResult<NotificationPage> {
    let limit = cursor::page_limit(limit, 20, 100)?;
    let after = cursor::after_seq(cursor_param)?;
    let mut rows = notifications::page(conn, recipient_id, after, limit)?;
    let next_cursor = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| cursor::encode_seq(r.event_seq))
    } else {
        None
    };
    Ok(NotificationPage {
        items: rows.iter().map(|r| r.to_wire()).collect(),
        next_cursor,
        unread: notifications::unread(conn, recipient_id)?,
    })
}

/// Marks some (or all) of `recipient_id`'s notifications read; others' ids are ignored.
pub fn mark_read(
    conn: &mut DbConn,
    recipient_id: &str,
    body: &MarkRead,
    now: NaiveDateTime,
) -> ApiResult<UnreadCount> {
    if !body.all && body.ids.is_empty() {
        return Err(ApiError::field(
            "ids",
            "Name the notifications to mark read, or send \"all\": true.",
        ));
    }
    if body.ids.len() > 500 {
        return Err(ApiError::field("ids", "Mark at most 500 at a time."));
    }
    notifications::mark_read(conn, recipient_id, &body.ids, body.all, now)?;
    Ok(UnreadCount {
        unread: notifications::unread(conn, recipient_id)?,
    })
}

/// Every category in `offered` with `recipient_id`'s email choice for it.
pub fn preferences(
    conn: &mut DbConn,
    recipient_id: &str,
    offered: &[NotificationCategory],
) -> ApiResult<NotificationPreferences> {
    let stored = notifications::preferences(conn, recipient_id)?;
    Ok(NotificationPreferences {
        categories: offered
            .iter()
            .map(|category| CategoryPreference {
                category: *category,
                email: stored.iter().find(|(c, _)| c == category).map_or(
                    shared_types::notifications::EmailDelivery::Instant,
                    |(_, e)| *e,
                ),
            })
            .collect(),
    })
}

/// Changes the categories named in `body` (the others keep their choice); a category this person
/// cannot receive is a 422.
pub fn update_preferences(
    conn: &mut DbConn,
    recipient_id: &str,
    offered: &[NotificationCategory],
    body: &NotificationPreferences,
) -> ApiResult<NotificationPreferences> {
    if let Some(bad) = body
        .categories
        .iter()
        .find(|c| !offered.contains(&c.category))
    {
        return Err(ApiError::field(
            "categories",
            format!("“{}” is not a category you receive.", bad.category),
        ));
    }
    write_tx(conn, |conn| {
        for choice in &body.categories {
            notifications::set_preference(conn, recipient_id, choice.category, choice.email)?;
        }
        Ok(())
    })?;
    preferences(conn, recipient_id, offered)
}
