//! The contact's notifications, email choices, activity feed and live stream; and unsubscribing
//! from an email's link without signing in.

use crate::auth::Portal;
use crate::cursor;
use crate::db::notifications as store;
use crate::domain::inbox;
use crate::error::{ApiError, ApiResult, Reply};
use crate::live::{self, Audience};
use crate::mail::notifications::read_unsubscribe_token;
use crate::state::AppState;
use crate::web::extract::Json;
use crate::web::tagged::Tagged;
use actix_web::web::Query;
use actix_web::{get, patch, post};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shared_types::notifications::{
    ActivityItem, EmailDelivery, MarkRead, NotificationCategory, NotificationPage,
    NotificationPreferences, UnreadCount, Unsubscribe, Unsubscribed,
};
use shared_types::{ErrorCode, Page};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(list_notifications)
        .service(mark_notifications_read)
        .service(get_preferences)
        .service(update_preferences)
        .service(unsubscribe)
        .service(list_activity)
        .service(live_events);
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FeedParams {
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Page size, 1 to 100 (default 20); anything else is refused (422).
    #[param(minimum = 1, maximum = 100)]
    limit: Option<i64>,
}

impl FeedParams {
    pub fn cursor(&self) -> Option<&str> {
        self.cursor.as_deref()
    }

    pub fn limit(&self) -> Option<i64> {
        self.limit
    }
}

#[utoipa::path(
    params(FeedParams),
    responses(
        (status = 200, description = "The contact's notifications, newest first, and how many are unread.", body = NotificationPage),
        crate::openapi::ListErrors,
    )
)]
#[get("/notifications")]
pub async fn list_notifications(
    portal: Portal,
    Query(p): Query<FeedParams>,
) -> Reply<NotificationPage> {
    let page = portal
        .run(move |conn, user| inbox::page(conn, &user.contact.id, p.cursor.as_deref(), p.limit))
        .await?;
    Ok(web::Json(page))
}

#[utoipa::path(
    responses(
        (status = 200, description = "Marked; how many are still unread. Ids that are not the contact's change nothing.", body = UnreadCount),
    )
)]
#[post("/notifications/read")]
pub async fn mark_notifications_read(
    portal: Portal,
    Json(body): Json<MarkRead>,
) -> Reply<UnreadCount> {
    let now = portal.state().now();
    let unread = portal
        .run(move |conn, user| inbox::mark_read(conn, &user.contact.id, &body, now))
        .await?;
    Ok(web::Json(unread))
}

#[utoipa::path(
    responses(
        (status = 200, description = "Each category the contact can receive, with their email choice (`instant` unless changed).", body = NotificationPreferences),
    )
)]
#[get("/notifications/preferences")]
pub async fn get_preferences(portal: Portal) -> Reply<NotificationPreferences> {
    let prefs = portal
        .run(|conn, user| {
            inbox::preferences(conn, &user.contact.id, NotificationCategory::FOR_CONTACTS)
        })
        .await?;
    Ok(web::Json(prefs))
}

#[utoipa::path(
    responses(
        (status = 200, description = "Changed the categories sent; the others keep their choice. In-app notifications always arrive.", body = NotificationPreferences),
    )
)]
#[patch("/notifications/preferences")]
pub async fn update_preferences(
    portal: Portal,
    Json(body): Json<NotificationPreferences>,
) -> Reply<NotificationPreferences> {
    let prefs = portal
        .run(move |conn, user| {
            inbox::update_preferences(
                conn,
                &user.contact.id,
                NotificationCategory::FOR_CONTACTS,
                &body,
            )
        })
        .await?;
    Ok(web::Json(prefs))
}

/// Turns off one category's emails for the person an email's unsubscribe link was made for (a
/// contact or a staff user). The token is signed: it cannot be made for anyone else.
#[utoipa::path(
    security(()),
    responses(
        (status = 200, description = "That category's emails are off for that address.", body = Unsubscribed),
        (status = 422, response = crate::openapi::ValidationFailed),
    )
)]
#[post("/notifications/unsubscribe")]
pub async fn unsubscribe(
    state: web::Data<AppState>,
    Json(body): Json<Unsubscribe>,
) -> Reply<Unsubscribed> {
    let invalid = || {
        ApiError::bad_request(
            ErrorCode::InvalidToken,
            "This unsubscribe link is not valid. Change your emails in your settings instead.",
        )
    };
    let (recipient_id, category) =
        read_unsubscribe_token(&state.keys.unsubscribe, &body.token).ok_or_else(invalid)?;
    let email = state
        .db
        .run(move |conn| {
            let email = crate::db::contacts::with_client(conn, &recipient_id)?
                .map(|(c, _)| c.email)
                .or(crate::db::staff::by_id(conn, &recipient_id)?.map(|s| s.email));
            let Some(email) = email else {
                return Ok(None);
            };
            store::set_preference(conn, &recipient_id, category, EmailDelivery::Off)?;
            Ok(Some(email))
        })
        .await?
        .ok_or_else(invalid)?;
    Ok(web::Json(Unsubscribed {
        category,
        label: category.label().to_owned(),
        email,
    }))
}

#[utoipa::path(
    params(FeedParams),
    responses(
        (status = 200, description = "What happened in the client's projects and approvals that the client may see, newest first.", body = Page<ActivityItem>),
        crate::openapi::ListErrors,
    )
)]
#[get("/activity")]
pub async fn list_activity(
    portal: Portal,
    Query(p): Query<FeedParams>,
) -> Reply<Page<ActivityItem>> {
    let page = portal
        .run(move |conn, user| {
            let limit = cursor::page_limit(p.limit, 20, 100)?;
            let before = cursor::after_seq(p.cursor.as_deref())?;
            let audience = contact_audience(&user);
            let mut items = live::activity_page(conn, &audience, before, limit)?;
            Ok(paged(&mut items, limit))
        })
        .await?;
    Ok(web::Json(page))
}

/// Cuts the extra row `activity_page` read into a next-page cursor.
pub(crate) fn paged(items: &mut Vec<ActivityItem>, limit: i64) -> Page<ActivityItem> {
    let next_cursor = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items.last().map(|a| cursor::encode_seq(a.seq))
    } else {
        None
    };
    Page {
        items: std::mem::take(items),
        next_cursor,
    }
}

fn contact_audience(user: &crate::auth::PortalUser) -> Audience {
    Audience::Contact {
        id: user.contact.id.clone(),
        client_id: user.client.id.clone(),
        org_id: user.org.id.clone(),
        sees_requests: user.permissions.can_submit_requests,
        sees_invoices: user.permissions.can_view_invoices,
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StreamParams {
    /// Where to resume (the last message id received), for an app that reopens the stream
    /// itself; a browser's own reconnection sends the `Last-Event-ID` header instead.
    last_event_id: Option<i64>,
}

/// A Server-Sent Events stream of the contact's new notifications (`event: notification`) and
/// the client's activity (`event: activity`), each `data` a `LiveMessage`. Reconnecting with
/// `Last-Event-ID` resumes after that message, losing and repeating nothing.
#[utoipa::path(
    params(StreamParams),
    responses(
        (status = 200, description = "`text/event-stream`; a comment line every 20 s while idle.", content_type = "text/event-stream", body = String),
        (status = 429, response = crate::openapi::RateLimited),
        (status = 503, response = crate::openapi::Unavailable),
    )
)]
#[get("/events")]
pub async fn live_events(
    portal: Portal,
    req: HttpRequest,
    web::Query(params): web::Query<StreamParams>,
) -> ApiResult<HttpResponse> {
    let resume = live::last_event_id(&req, params.last_event_id);
    let state = portal.shared_state();
    let wake = state.live.subscribe();
    let (audience, session_id, start) = portal
        .clone()
        .run(move |conn, user| {
            let start = match resume {
                Some(id) => id,
                None => live::current_position(conn)?,
            };
            Ok((contact_audience(&user), user.session_id.clone(), start))
        })
        .await?;
    let admission = state.live.admit(format!("session:{session_id}"))?;
    let org_id = audience.org_id().to_owned();
    // Each catch-up re-reads the contact (and so their permissions) on its own connection.
    let fetch = move |after: i64| {
        let portal = portal.clone();
        async move {
            portal
                .run(move |conn, user| live::catch_up(conn, &contact_audience(&user), after))
                .await
        }
    };
    Ok(live::respond(
        admission,
        wake,
        org_id,
        start,
        resume.is_some(),
        fetch,
    ))
}
