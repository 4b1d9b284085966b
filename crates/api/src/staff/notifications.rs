//! The staff member's notifications, email choices, live stream, and the overview page.

use crate::auth::{Staff, StaffUser};
use crate::cursor;
use crate::db::limit::LimitLiteralDsl;
use crate::db::schema::{approvals, clients, events};
use crate::domain::events::EventRow;
use crate::domain::inbox;
use crate::error::{ApiError, ApiResult, Reply};
use crate::live::{self, Audience};
use crate::portal::notifications::{paged, FeedParams};
use crate::web::extract::Json;
use crate::web::tagged::Tagged;
use actix_web::web::Query;
use actix_web::{get, patch, post};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::DateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use shared_types::dashboard::{StaffOverview, WaitingApproval};
use shared_types::notifications::{
    ActivityItem, MarkRead, NotificationCategory, NotificationPage, NotificationPreferences,
    UnreadCount,
};
use shared_types::{ApprovalStatus, EventKind, Page};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(get_overview)
        .service(list_notifications)
        .service(mark_notifications_read)
        .service(get_preferences)
        .service(update_preferences)
        .service(list_activity)
        .service(stream_ticket)
        .service(live_events);
}

/// Notifications are for people: an API key has none.
fn person(user: &StaffUser) -> ApiResult<&str> {
    user.staff_id().ok_or_else(|| {
        ApiError::Forbidden("Notifications belong to staff members, not API keys.".into())
    })
}

fn audience(user: &StaffUser) -> Audience {
    Audience::Staff {
        id: user.id.clone(),
        org_id: user.org_id.clone(),
    }
}

#[utoipa::path(
    operation_id = "staff_list_notifications",
    params(FeedParams),
    responses(
        (status = 200, description = "The staff member's notifications, newest first, and how many are unread.", body = NotificationPage),
        (status = 403, response = crate::openapi::Forbidden),
        crate::openapi::ListErrors,
    )
)]
#[get("/notifications")]
pub async fn list_notifications(
    staff: Staff,
    Query(p): Query<FeedParams>,
) -> Reply<NotificationPage> {
    let page = staff
        .run(move |conn, user| inbox::page(conn, person(&user)?, p.cursor(), p.limit()))
        .await?;
    Ok(web::Json(page))
}

#[utoipa::path(
    operation_id = "staff_mark_notifications_read",
    responses(
        (status = 200, description = "Marked; how many are still unread.", body = UnreadCount),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[post("/notifications/read")]
pub async fn mark_notifications_read(
    staff: Staff,
    Json(body): Json<MarkRead>,
) -> Reply<UnreadCount> {
    let now = staff.now();
    let unread = staff
        .run(move |conn, user| inbox::mark_read(conn, person(&user)?, &body, now))
        .await?;
    Ok(web::Json(unread))
}

#[utoipa::path(
    operation_id = "staff_get_notification_preferences",
    responses(
        (status = 200, description = "Each category staff receive, with this person's email choice.", body = NotificationPreferences),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[get("/notifications/preferences")]
pub async fn get_preferences(staff: Staff) -> Reply<NotificationPreferences> {
    let prefs = staff
        .run(|conn, user| inbox::preferences(conn, person(&user)?, NotificationCategory::FOR_STAFF))
        .await?;
    Ok(web::Json(prefs))
}

#[utoipa::path(
    operation_id = "staff_update_notification_preferences",
    responses(
        (status = 200, description = "Changed the categories sent; the others keep their choice.", body = NotificationPreferences),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[patch("/notifications/preferences")]
pub async fn update_preferences(
    staff: Staff,
    Json(body): Json<NotificationPreferences>,
) -> Reply<NotificationPreferences> {
    let prefs = staff
        .run(move |conn, user| {
            inbox::update_preferences(conn, person(&user)?, NotificationCategory::FOR_STAFF, &body)
        })
        .await?;
    Ok(web::Json(prefs))
}

#[utoipa::path(
    operation_id = "staff_list_activity",
    params(FeedParams),
    responses(
        (status = 200, description = "Everything that happened in the organization, newest first.", body = Page<ActivityItem>),
        crate::openapi::ListErrors,
    )
)]
#[get("/activity")]
pub async fn list_activity(staff: Staff, Query(p): Query<FeedParams>) -> Reply<Page<ActivityItem>> {
    let page = staff
        .run(move |conn, user| {
            let limit = cursor::page_limit(p.limit(), 20, 100)?;
            let before = cursor::after_seq(p.cursor())?;
            let mut items = live::activity_page(conn, &audience(&user), before, limit)?;
            Ok(paged(&mut items, limit))
        })
        .await?;
    Ok(web::Json(page))
}

/// A one-minute ticket that opens the live stream (`GET /api/v1/events?ticket=`).
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StreamTicket {
    pub ticket: String,
}

#[utoipa::path(
    responses(
        (status = 200, description = "A ticket that opens the live stream within a minute (a browser's `EventSource` cannot send the bearer token).", body = StreamTicket),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[post("/events/ticket")]
pub async fn stream_ticket(staff: Staff) -> Reply<StreamTicket> {
    let key = staff.state().keys.live_ticket;
    let user = staff.user().await?;
    let id = person(&user)?;
    let exp = chrono::Utc::now().timestamp() + 60;
    Ok(web::Json(StreamTicket {
        ticket: crate::crypto::sign(&key, &format!("{id}:{}:{exp}", user.org_id)),
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StaffStreamParams {
    /// From `POST /api/v1/events/ticket` (without one: 401).
    ticket: Option<String>,
    /// Where to resume, for an app that reopens the stream itself.
    last_event_id: Option<i64>,
}

/// A Server-Sent Events stream of the staff member's new notifications and the organization's
/// activity, as for contacts (`GET /portal/api/events`).
#[utoipa::path(
    security(("stream_ticket" = [])),
    operation_id = "staff_live_events",
    params(StaffStreamParams),
    responses(
        (status = 200, description = "`text/event-stream`; a comment line every 20 s while idle.", content_type = "text/event-stream", body = String),
        (status = 429, response = crate::openapi::RateLimited),
        (status = 503, response = crate::openapi::Unavailable),
    )
)]
#[get("/events")]
pub async fn live_events(
    state: web::Data<crate::state::AppState>,
    req: HttpRequest,
    web::Query(params): web::Query<StaffStreamParams>,
) -> ApiResult<HttpResponse> {
    let ticket = params.ticket.as_deref().ok_or(ApiError::Unauthorized)?;
    let staff = Staff::from_stream_ticket(state.clone(), ticket)?;
    let resume = live::last_event_id(&req, params.last_event_id);
    let wake = state.live.subscribe();
    let (audience, start) = staff
        .clone()
        .run(move |conn, user| {
            let start = match resume {
                Some(id) => id,
                None => live::current_position(conn)?,
            };
            Ok((audience(&user), start))
        })
        .await?;
    let Audience::Staff { id, org_id } = &audience else {
        return Err(ApiError::Unauthorized);
    };
    let admission = state.live.admit(format!("staff:{id}"))?;
    let org_id = org_id.clone();
    let fetch = move |after: i64| {
        let staff = staff.clone();
        let audience = audience.clone();
        async move {
            staff
                .run(move |conn, _| live::catch_up(conn, &audience, after))
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

/// (approval id, title, client id, client name, status, due date, waiting since)
type WaitingRow = (
    String,
    String,
    String,
    String,
    ApprovalStatus,
    Option<chrono::NaiveDate>,
    chrono::NaiveDateTime,
);

#[utoipa::path(
    responses(
        (status = 200, description = "Approvals waiting on clients (oldest first, overdue marked), recent client decisions and comments, recent activity, unread notifications.", body = StaffOverview),
    )
)]
#[get("/overview")]
pub async fn get_overview(staff: Staff) -> Reply<StaffOverview> {
    let today = staff.now().date();
    let overview = staff
        .run(move |conn, user| {
            let waiting: Vec<WaitingRow> = approvals::table
                .inner_join(clients::table.on(clients::id.eq(approvals::client_id)))
                .filter(approvals::org_id.eq(&user.org_id))
                .filter(approvals::archived_at.is_null())
                .filter(
                    approvals::status.eq_any([ApprovalStatus::Pending, ApprovalStatus::InReview]),
                )
                .order((approvals::updated_at.asc(), approvals::id.asc()))
                .select((
                    approvals::id,
                    approvals::title,
                    clients::id,
                    clients::name,
                    approvals::status,
                    approvals::due_date,
                    approvals::updated_at,
                ))
                .limit_literal(20)
                .load(conn)?;
            let client_kinds = [
                EventKind::ApprovalApproved,
                EventKind::ApprovalChangesRequested,
                EventKind::ApprovalCommented,
            ];
            let decisions: Vec<EventRow> = events::table
                .filter(events::org_id.eq(&user.org_id))
                .filter(events::actor_kind.eq("contact"))
                .filter(events::kind.eq_any(client_kinds))
                .order(events::seq.desc())
                .select(EventRow::as_select())
                .limit_literal(10)
                .load(conn)?;
            let audience = audience(&user);
            let mut activity = live::activity_page(conn, &audience, None, 15)?;
            activity.truncate(15);
            let unread = match user.staff_id() {
                Some(id) => crate::db::notifications::unread(conn, id)?,
                None => 0,
            };
            Ok(StaffOverview {
                waiting: waiting
                    .into_iter()
                    .map(
                        |(id, title, client_id, client_name, status, due_date, since)| {
                            WaitingApproval {
                                id,
                                title,
                                client_id,
                                client_name,
                                status,
                                due_date,
                                overdue: due_date.is_some_and(|d| d < today),
                                waiting_since: DateTime::from_naive_utc_and_offset(
                                    since,
                                    chrono::Utc,
                                ),
                            }
                        },
                    )
                    .collect(),
                client_activity: decisions
                    .iter()
                    .map(|e| live::activity_item(e, &audience))
                    .collect(),
                activity,
                unread_notifications: unread,
            })
        })
        .await?;
    Ok(web::Json(overview))
}
