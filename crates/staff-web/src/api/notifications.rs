//! The staff member's notifications, email choices, overview and live stream.

use super::{json, url};
use shared_types::dashboard::StaffOverview;
use shared_types::notifications::{
    MarkRead, NotificationPage, NotificationPreferences, UnreadCount,
};
use web_ui::live::resume_at;
use web_ui::{ApiError, Call};

/// `GET /notifications`: the newest notifications and the unread count.
pub async fn notifications() -> Result<NotificationPage, ApiError> {
    json(Call::get(url("/notifications"))).await
}

/// `POST /notifications/read`: mark some (or all) read.
pub async fn mark_read(body: MarkRead) -> Result<UnreadCount, ApiError> {
    json(Call::post(url("/notifications/read")).json(&body)).await
}

/// `GET /notifications/preferences`
pub async fn notification_preferences() -> Result<NotificationPreferences, ApiError> {
    json(Call::get(url("/notifications/preferences"))).await
}

/// `PATCH /notifications/preferences`: change the categories sent.
pub async fn update_notification_preferences(
    body: NotificationPreferences,
) -> Result<NotificationPreferences, ApiError> {
    json(Call::patch(url("/notifications/preferences")).json(&body)).await
}

/// `GET /overview`: the home page.
pub async fn overview() -> Result<StaffOverview, ApiError> {
    json(Call::get(url("/overview"))).await
}

#[derive(serde::Deserialize)]
struct StreamTicket {
    ticket: String,
}

/// The live stream's address: `GET /events` with a fresh ticket (`POST /events/ticket`; an
/// `EventSource` cannot send the bearer token), resuming after `last` when given. `None` when
/// no ticket is to be had (signed out).
pub async fn stream_url(last: Option<String>) -> Option<String> {
    let t: StreamTicket = json(Call::post(url("/events/ticket"))).await.ok()?;
    let base = url(&format!(
        "/events?ticket={}",
        web_ui::http::encode(&t.ticket)
    ));
    Some(resume_at(&base, last.as_deref()))
}
