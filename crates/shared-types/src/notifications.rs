//! Notifications, email preferences, the activity feed and the live stream's messages: the same
//! shapes for contacts (`/portal/api`) and staff (`/api/v1`).

use crate::enums::UnknownVariant;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

text_enum! {
    /// What a notification is about, as people choose their emails: contacts hear about work to
    /// review, reminders, replies and progress; staff about what clients do.
    NotificationCategory {
        Review => "review",
        Reminders => "reminders",
        Replies => "replies",
        Progress => "progress",
        ClientActivity => "client_activity",
        Billing => "billing",
        Account => "account",
    }
}

impl NotificationCategory {
    /// The categories a contact can receive, in the order settings lists them.
    pub const FOR_CONTACTS: &'static [NotificationCategory] = &[
        NotificationCategory::Review,
        NotificationCategory::Reminders,
        NotificationCategory::Replies,
        NotificationCategory::Progress,
        NotificationCategory::Billing,
    ];
    /// The categories a staff member can receive.
    pub const FOR_STAFF: &'static [NotificationCategory] = &[
        NotificationCategory::ClientActivity,
        NotificationCategory::Billing,
        NotificationCategory::Account,
    ];

    /// How settings and the unsubscribe page name the category.
    pub fn label(self) -> &'static str {
        match self {
            NotificationCategory::Review => "New work to review",
            NotificationCategory::Reminders => "Review reminders (due soon, overdue)",
            NotificationCategory::Replies => "Replies to your comments and requests",
            NotificationCategory::Progress => "Project and episode progress",
            NotificationCategory::ClientActivity => "Client decisions, comments and requests",
            NotificationCategory::Billing => "Invoices and payments",
            NotificationCategory::Account => "Changes to your account (role, access)",
        }
    }
}

text_enum! {
    /// How a category reaches someone by email (in the app it always does): `instant` (as it
    /// happens, several within the batching window in one email), `daily` (one digest a day) or
    /// `off`.
    EmailDelivery {
        Instant => "instant",
        Daily => "daily",
        Off => "off",
    }
}

/// Something that needs (or may interest) the person it was made for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: String,
    pub category: NotificationCategory,
    /// One line, e.g. "A new video is ready for your review: Teaser cut".
    pub title: String,
    /// More detail (the requested change, the reply), or empty.
    pub body: String,
    /// The app page that shows the item (`/portal/approvals/…`, `/staff/approvals/…`).
    pub link: String,
    pub read: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A page of notifications, newest first, with how many are unread in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationPage {
    pub items: Vec<Notification>,
    pub next_cursor: Option<String>,
    pub unread: i64,
}

/// Marks notifications read: the ones named, or all of them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MarkRead {
    #[serde(default)]
    pub ids: Vec<String>,
    #[serde(default)]
    pub all: bool,
}

/// How many are still unread after marking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnreadCount {
    pub unread: i64,
}

/// One category's email choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CategoryPreference {
    pub category: NotificationCategory,
    pub email: EmailDelivery,
}

/// Every category this person can receive, with its email choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NotificationPreferences {
    pub categories: Vec<CategoryPreference>,
}

/// An unsubscribe link's token (from the email; no sign-in needed).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Unsubscribe {
    pub token: String,
}

/// What an unsubscribe did: this category's emails are now off for that address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unsubscribed {
    pub category: NotificationCategory,
    pub label: String,
    pub email: String,
}

/// One entry of an activity feed: what happened, by whom, when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityItem {
    /// The event's position in the stream; the live stream's event id.
    pub seq: i64,
    pub kind: crate::EventKind,
    pub summary: String,
    /// The page that shows the subject, when there is one.
    pub link: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A message of the live stream (`GET …/events`, Server-Sent Events): its SSE `event:` name is
/// `notification` or `activity`, its `id:` the stream position to resume from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LiveMessage {
    Notification {
        notification: Notification,
        unread: i64,
    },
    Activity {
        activity: ActivityItem,
    },
}
