//! Staff preview the portal as one contact sees it. A staff member asks for a link (recorded in
//! the organization's activity as `contact_previewed`); the link works once, within two minutes,
//! on the organization's portal, and opens a session marked as a preview: it lasts an hour,
//! is not one of the contact's devices, records nothing as the contact (an approval opened in
//! preview is not "seen"), and every write through it is refused (`auth::Portal::run`).

use crate::auth::portal_session;
use crate::auth::staff_user::StaffUser;
use crate::crypto::{random_token, sha256_hex};
use crate::db::clients::ClientRow;
use crate::db::contacts::{self, ContactRow};
use crate::db::previews::{self, PreviewRow};
use crate::db::{clients, new_id, orgs, DbConn};
use crate::domain::events::{self as stream, NewEvent};
use crate::domain::Actor;
use crate::error::{ApiError, ApiResult};
use chrono::{NaiveDateTime, TimeDelta};
use shared_types::staff::PreviewLink;
use shared_types::{ErrorCode, EventKind};

/// How long the link works.
const LINK_MINUTES: i64 = 2;

/// A preview link for `contact_id` of `client_id`.
pub fn start(
    conn: &mut DbConn,
    actor: &StaffUser,
    (client_id, contact_id): (&str, &str),
    public_origin: &str,
    now: NaiveDateTime,
) -> ApiResult<PreviewLink> {
    let client = clients::get(conn, &actor.org_id, client_id)?;
    let contact = contacts::get(conn, &actor.org_id, &client.id, contact_id)?;
    if !contacts::may_be_previewed(&contact, &client) {
        return Err(ApiError::conflict(
            ErrorCode::PortalClosed,
            "This contact can't use the portal (their access or the client's is off), so there is nothing to preview.",
        ));
    }
    let token = random_token();
    let row = PreviewRow {
        id: new_id(),
        org_id: actor.org_id.clone(),
        staff_user_id: actor.id.clone(),
        client_user_id: contact.id.clone(),
        token_hash: sha256_hex(&token),
        created_at: now,
        expires_at: now + TimeDelta::minutes(LINK_MINUTES),
        used_at: None,
    };
    previews::insert(conn, &row)?;
    let actor_row = crate::db::staff::in_org(conn, &actor.org_id, &actor.id)?;
    let event = NewEvent {
        org_id: &actor.org_id,
        client_id: Some(&client.id),
        kind: EventKind::ContactPreviewed,
        subject_id: &contact.id,
        summary: format!(
            "{} previewed the portal as {} (read-only)",
            actor_row.name, contact.name
        ),
        detail: None,
    };
    stream::record(conn, &Actor::from(actor), event, now)?;
    let org = orgs::by_id(conn, &actor.org_id)?;
    Ok(PreviewLink {
        url: format!(
            "{}/portal/preview#token={token}",
            org.portal_origin(public_origin)
        ),
        expires_at: row.expires_at.and_utc(),
        session_minutes: portal_session::PREVIEW_MINUTES,
    })
}

/// Uses a preview link: the preview and the contact it shows, if the link is good and the
/// contact may still be previewed.
pub fn redeem(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
) -> ApiResult<Option<(PreviewRow, ContactRow, ClientRow)>> {
    let Some(preview) = previews::redeem(conn, &sha256_hex(token), now)? else {
        return Ok(None);
    };
    let Some((contact, client)) = contacts::with_client(conn, &preview.client_user_id)? else {
        return Ok(None);
    };
    if !contacts::may_be_previewed(&contact, &client) {
        return Ok(None);
    }
    Ok(Some((preview, contact, client)))
}
