//! The staff member's notifications and email choices.

use super::{json, url};
use shared_types::notifications::{
    MarkRead, NotificationPage, NotificationPreferences, UnreadCount,
};
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
