//! The activity log: one row for everything that happens; `client_visible` rows feed the portal.

use super::schema::activity_events;
use super::{new_id, DbConn};
use crate::error::ApiResult;
use chrono::NaiveDateTime;
use diesel::prelude::*;

pub struct Event<'a> {
    pub org_id: &'a str,
    pub client_id: Option<&'a str>,
    /// `staff`, `contact`, `api_key` or `system`.
    pub actor_kind: &'a str,
    pub actor_id: Option<&'a str>,
    /// Past-tense verb: `signed_in`, `invited`, `revoked`…
    pub verb: &'a str,
    pub subject_kind: &'a str,
    pub subject_id: Option<&'a str>,
    pub summary: String,
    pub client_visible: bool,
}

pub fn record(conn: &mut DbConn, event: Event<'_>, now: NaiveDateTime) -> ApiResult<()> {
    diesel::insert_into(activity_events::table)
        .values((
            activity_events::id.eq(new_id()),
            activity_events::org_id.eq(event.org_id),
            activity_events::client_id.eq(event.client_id),
            activity_events::actor_kind.eq(event.actor_kind),
            activity_events::actor_id.eq(event.actor_id),
            activity_events::verb.eq(event.verb),
            activity_events::subject_kind.eq(event.subject_kind),
            activity_events::subject_id.eq(event.subject_id),
            activity_events::summary.eq(event.summary),
            activity_events::client_visible.eq(event.client_visible),
            activity_events::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}
