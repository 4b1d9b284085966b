//! Accepting an invitation: the contact sets their name (and optionally a password) and is signed in.

use crate::crypto::{check_new_password, hash_password};
use crate::db::contacts;
use crate::db::{orgs, portal_auth, write_tx};
use crate::domain::events::{self, NewEvent};
use crate::domain::Actor;
use crate::error::{ApiResult, Fields, Reply};
use crate::state::AppState;
use crate::web::extract::Json;
use crate::web::tagged::Tagged;
use actix_web::post;
use actix_web::{web, HttpRequest, HttpResponse};
use shared_types::portal::{InviteAccept, InvitePreview, Me, TokenRedeem};
use shared_types::validate;
use shared_types::{ContactStatus, EventKind};

use super::account::me_of;

use super::auth::{invalid_token, record_sign_in, signed_in, start_session, Origin};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(accept_invite).service(preview_invite);
}

#[utoipa::path(
    security(()),
    responses(
        (status = 200, description = "Invitation accepted and signed in; a new session cookie is set.", body = Me, headers(("Set-Cookie" = String, description = "The new portal session cookie."))),
        (status = 422, response = crate::openapi::ValidationFailed),
    )
)]
#[post("/auth/invite/accept")]
pub async fn accept_invite(
    state: web::Data<AppState>,
    req: HttpRequest,
    Json(body): Json<InviteAccept>,
) -> ApiResult<HttpResponse> {
    let name = body.name.trim().to_owned();
    let mut fields = Fields::default();
    fields.check("name", validate::name(&name));
    let password = body.password.filter(|p| !p.is_empty());
    if let Some(p) = &password {
        fields.check("password", check_new_password(p, &[&name]));
    }
    fields.finish()?;
    let hash = match password {
        Some(p) => Some(web::block(move || hash_password(&p)).await??),
        None => None,
    };
    let now = state.now();
    let token = body.token;
    let origin = Origin::of(&req, &state);
    let st = state.clone();
    let result = state
        .db
        .run(move |conn| {
            write_tx(conn, |conn| {
                let Some(contact_id) = portal_auth::accept_invitation(conn, &token, now)? else {
                    return Ok(None);
                };
                let Some((mut contact, client)) = contacts::with_client(conn, &contact_id)? else {
                    return Ok(None);
                };
                if contact.status() == ContactStatus::Revoked
                    || !contacts::client_portal_open(&client)
                {
                    return Ok(None);
                }
                contact.name = name;
                contact.status = ContactStatus::Active;
                if hash.is_some() {
                    contact.password_hash = hash;
                }
                record_sign_in(conn, &mut contact, "invitation", now)?;
                let joined = NewEvent {
                    org_id: &contact.org_id,
                    client_id: Some(&contact.client_id),
                    kind: EventKind::ContactJoined,
                    subject_id: &contact.id,
                    summary: format!("{} joined the portal", contact.name),
                    detail: None,
                };
                events::record(conn, &Actor::signing_in(&contact), joined, now)?;
                let key = start_session(conn, &st, &origin, &contact, now)?;
                let org = orgs::by_id(conn, &contact.org_id)?;
                Ok(Some((key, me_of(&contact, &client, &org))))
            })
        })
        .await?;
    let (key, me) = result.ok_or_else(invalid_token)?;
    Ok(signed_in(&state, key, me))
}

#[utoipa::path(
    security(()),
    responses(
        (status = 200, description = "Who the invitation is for: the name staff entered, the address being accepted and the agency. The invitation stays unused.", body = InvitePreview),
        (status = 422, response = crate::openapi::ValidationFailed),
    )
)]
#[post("/auth/invite/preview")]
pub async fn preview_invite(
    state: web::Data<AppState>,
    Json(body): Json<TokenRedeem>,
) -> Reply<InvitePreview> {
    let token = body.token;
    let now = state.now();
    let preview = state
        .db
        .run(move |conn| {
            let Some(contact_id) = portal_auth::invited_contact(conn, &token, now)? else {
                return Ok(None);
            };
            let Some((contact, client)) = contacts::with_client(conn, &contact_id)? else {
                return Ok(None);
            };
            // The same rule as accepting: a revoked contact or a closed portal has no invitation.
            if contact.status() == ContactStatus::Revoked || !contacts::client_portal_open(&client)
            {
                return Ok(None);
            }
            let org = orgs::by_id(conn, &contact.org_id)?;
            Ok(Some(InvitePreview {
                name: contact.name,
                email: contact.email,
                organization: org.display_name,
            }))
        })
        .await?;
    Ok(web::Json(preview.ok_or_else(invalid_token)?))
}
