//! A contact's portal access: (re-)invitation, revocation, and their signed-in sessions.

use super::contacts::invite;
use super::log;
use super::paths::{ContactPath, SessionPath};
use crate::auth::Staff;
use crate::db::contacts;
use crate::db::{clients, portal_auth, sessions};
use crate::domain::preview;
use crate::error::{ApiError, ApiResult, Reply};
use crate::state::AppState;
use crate::web::tagged::Tagged;
use actix_web::{delete, get, post};
use actix_web::{web, HttpResponse};
use chrono::TimeDelta;
use shared_types::portal::SessionInfo;
use shared_types::staff::{InviteSent, PreviewLink, Revoked};
use shared_types::ContactStatus;
use shared_types::ErrorCode;
use shared_types::EventKind;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(invite_contact)
        .service(revoke_contact)
        .service(list_contact_sessions)
        .service(end_contact_sessions)
        .service(end_contact_session)
        .service(preview_as_contact);
}

#[utoipa::path(
    params(ContactPath),
    responses(
        (status = 200, description = "An invitation email is queued; earlier links stop working.", body = InviteSent),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[post("/clients/{id}/contacts/{contact}/invite")]
pub async fn invite_contact(
    state: web::Data<AppState>,
    staff: Staff,
    ContactPath {
        client_id,
        contact_id,
    }: ContactPath,
) -> Reply<InviteSent> {
    let now = staff.now();
    let origin = state.config.public_origin.clone();
    let expires_at = staff
        .write(move |conn, user| {
            let client = clients::get(conn, &user.org_id, &client_id)?;
            if !contacts::client_portal_open(&client) {
                return Err(ApiError::conflict(
                    ErrorCode::PortalClosed,
                    "Turn this client's portal access on before inviting contacts.",
                ));
            }
            let mut row = contacts::get(conn, &user.org_id, &client.id, &contact_id)?;
            invite(conn, &user, &client, &mut row, &origin, now)
        })
        .await?;
    state.mail_wake.notify_one();
    Ok(web::Json(InviteSent {
        expires_at: expires_at.and_utc(),
    }))
}

/// Revokes one contact: status `revoked`, every session ended, pending links voided.
#[utoipa::path(
    params(ContactPath),
    responses(
        (status = 200, description = "The contact is revoked; how many sessions ended.", body = Revoked),
    )
)]
#[post("/clients/{id}/contacts/{contact}/revoke")]
pub async fn revoke_contact(staff: Staff, path: ContactPath) -> Reply<Revoked> {
    let now = staff.now();
    let sessions_ended = staff
        .write(move |conn, user| {
            let mut row = path.contact(conn, &user.org_id)?;
            row.status = ContactStatus::Revoked;
            row.updated_at = now;
            contacts::save(conn, &row)?;
            let ids = [row.id.clone()];
            portal_auth::void_for_contacts(conn, &ids)?;
            let n = sessions::delete_for_contacts(conn, &ids, None)?;
            log(
                conn,
                &user,
                &row,
                EventKind::ContactRevoked,
                format!("Portal access of {} revoked", row.name),
                now,
            )?;
            Ok(n)
        })
        .await?;
    Ok(web::Json(Revoked { sessions_ended }))
}

#[utoipa::path(
    params(ContactPath),
    responses(
        (status = 200, description = "The contact's signed-in devices.", body = Vec<SessionInfo>),
    )
)]
#[get("/clients/{id}/contacts/{contact}/sessions")]
pub async fn list_contact_sessions(
    state: web::Data<AppState>,
    staff: Staff,
    path: ContactPath,
) -> Reply<Vec<SessionInfo>> {
    let now = staff.now();
    let idle_cutoff = now - TimeDelta::days(state.config.session_idle_days);
    let rows = staff
        .run(move |conn, user| {
            let row = path.contact(conn, &user.org_id)?;
            Ok(sessions::list_for_contact(conn, &row.id, idle_cutoff, now)?)
        })
        .await?;
    Ok(web::Json(rows.iter().map(|r| r.to_wire(None)).collect()))
}

#[utoipa::path(
    params(ContactPath),
    responses(
        (status = 200, description = "Every device of the contact signed out.", body = Revoked),
    )
)]
#[delete("/clients/{id}/contacts/{contact}/sessions")]
pub async fn end_contact_sessions(staff: Staff, path: ContactPath) -> Reply<Revoked> {
    let sessions_ended = staff
        .run(move |conn, user| {
            let row = path.contact(conn, &user.org_id)?;
            Ok(sessions::delete_for_contacts(conn, &[row.id], None)?)
        })
        .await?;
    Ok(web::Json(Revoked { sessions_ended }))
}

#[utoipa::path(
    params(SessionPath),
    responses(
        (status = 204, description = "That device is signed out."),
    )
)]
#[delete("/clients/{id}/contacts/{contact}/sessions/{session}")]
pub async fn end_contact_session(
    staff: Staff,
    SessionPath {
        client_id,
        contact_id,
        session_id,
    }: SessionPath,
) -> ApiResult<HttpResponse> {
    let ended = staff
        .run(move |conn, user| {
            let row = contacts::get(conn, &user.org_id, &client_id, &contact_id)?;
            Ok(sessions::delete_one(conn, &row.id, &session_id)?)
        })
        .await?;
    if ended {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(ApiError::NotFound)
    }
}

#[utoipa::path(
    params(ContactPath),
    responses(
        (status = 200, description = "A single-use link (two minutes) that opens the portal as this contact sees it, read-only, for an hour: every write is refused, nothing is recorded as the contact, and the preview is in the organization's activity. Works for invited contacts who have not joined yet.", body = PreviewLink),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[post("/clients/{id}/contacts/{contact}/preview")]
pub async fn preview_as_contact(
    staff: Staff,
    ContactPath {
        client_id,
        contact_id,
    }: ContactPath,
) -> Reply<PreviewLink> {
    let now = staff.now();
    let origin = staff.state().config.public_origin.clone();
    let link = staff
        .write(move |conn, user| {
            preview::start(conn, &user, (&client_id, &contact_id), &origin, now)
        })
        .await?;
    Ok(web::Json(link))
}
