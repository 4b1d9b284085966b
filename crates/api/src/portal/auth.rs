//! Portal sign-in with a password, and sign-out; the session helpers the other sign-ins share
//! (magic links in `magic_link.rs`, invitations in `invite.rs`).

use crate::auth::portal_session::{self, NewSession};
use crate::auth::portal_user::request_host;
use crate::auth::throttle::{Counted, Throttle};
use crate::auth::{client_ip, user_agent, Portal};
use crate::crypto::verify_password;
use crate::db::contacts::{self, ContactRow};
use crate::db::{orgs, previews, write_tx, DbConn};
use crate::domain::events::{self, NewEvent};
use crate::domain::preview;
use crate::domain::Actor;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::web::extract::Json;
use crate::web::tagged::Tagged;
use actix_web::post;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{NaiveDateTime, TimeDelta};
use shared_types::portal::{LoginRequest, Me, PreviewInfo, TokenRedeem};
use shared_types::validate::normalize_email;
use shared_types::{ErrorCode, EventKind};

use super::account::me_of;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(login).service(logout).service(open_preview);
}

const SCOPE_LOGIN: &str = "portal_login";

/// Where a sign-in comes from: recorded on the new session row.
pub(super) struct Origin {
    ip: String,
    user_agent: Option<String>,
}

impl Origin {
    pub(super) fn of(req: &HttpRequest, state: &AppState) -> Self {
        Origin {
            ip: client_ip(req, state.config.trust_proxy),
            user_agent: user_agent(req),
        }
    }
}

/// Starts a fresh session for `contact` (a new random key, so no fixation), on `conn` inside the
/// sign-in's transaction; returns the cookie key.
pub(super) fn start_session(
    conn: &mut DbConn,
    state: &AppState,
    origin: &Origin,
    contact: &ContactRow,
    now: NaiveDateTime,
) -> ApiResult<String> {
    portal_session::create(
        conn,
        &state.config,
        NewSession {
            contact_id: &contact.id,
            ip: &origin.ip,
            user_agent: origin.user_agent.as_deref(),
        },
        now,
    )
}

/// The sign-in's answer: who is signed in, and the new session's cookie.
pub(super) fn signed_in(state: &AppState, key: String, me: Me) -> HttpResponse {
    HttpResponse::Ok()
        .cookie(portal_session::cookie(&state.config, key))
        .json(me)
}

/// Records a sign-in on the contact and in the activity log.
pub(super) fn record_sign_in(
    conn: &mut DbConn,
    contact: &mut ContactRow,
    how: &str,
    now: NaiveDateTime,
) -> ApiResult<()> {
    contact.last_sign_in_at = Some(now);
    contact.updated_at = now;
    contacts::save(conn, contact)?;
    let event = NewEvent {
        org_id: &contact.org_id,
        client_id: Some(&contact.client_id),
        kind: EventKind::ContactSignedIn,
        subject_id: &contact.id,
        summary: format!("{} signed in ({how})", contact.name),
        detail: None,
    };
    events::record(conn, &Actor::signing_in(contact), event, now).map(drop)
}

#[utoipa::path(
    security(()),
    operation_id = "portal_login",
    responses(
        (status = 200, description = "Signed in; a new session cookie is set.", body = Me, headers(("Set-Cookie" = String, description = "The new portal session cookie."))),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 429, response = crate::openapi::RateLimited),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    Json(body): Json<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let email = normalize_email(&body.email);
    let throttle =
        Throttle::by_account(&state.config, &req, SCOPE_LOGIN, &email, Counted::Failures);
    let host = request_host(&req);
    let default_org = state.config.default_org.clone();
    let now = state.now();

    let limits = throttle.clone();
    let found = state
        .db
        .run(move |conn| {
            limits.check(conn, now)?;
            let Some(org) = orgs::for_portal(conn, host.as_deref(), default_org.as_deref())? else {
                return Ok(None);
            };
            Ok(contacts::by_email(conn, &org.id, &email)?)
        })
        .await?;

    // Always one full argon2 verification, so an unknown address answers in the same time.
    let hash = found.as_ref().and_then(|(c, _)| c.password_hash.clone());
    let password = body.password;
    let password_ok = web::block(move || verify_password(&password, hash.as_deref())).await?;
    let allowed = found
        .as_ref()
        .is_some_and(|(c, cl)| contacts::may_sign_in(c, cl));

    let now = state.now();
    let Some((mut contact, client)) = found.filter(|_| password_ok && allowed) else {
        state
            .db
            .run(move |conn| Ok(throttle.record(conn, now)?))
            .await?;
        return Err(ApiError::InvalidCredentials);
    };
    let origin = Origin::of(&req, &state);
    let st = state.clone();
    let (key, me) = state
        .db
        .run(move |conn| {
            write_tx(conn, |conn| {
                throttle.forgive_account(conn)?;
                record_sign_in(conn, &mut contact, "password", now)?;
                let key = start_session(conn, &st, &origin, &contact, now)?;
                let org = orgs::by_id(conn, &contact.org_id)?;
                Ok((key, me_of(&contact, &client, &org)))
            })
        })
        .await?;
    Ok(signed_in(&state, key, me))
}

/// Ends this session server-side (the row is deleted, the cookie cleared).
#[utoipa::path(
    operation_id = "portal_logout",
    security((), ("portal_session" = [])),
    responses(
        (status = 204, description = "Signed out; the session is deleted and the cookie cleared."),
    )
)]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, portal: Option<Portal>) -> ApiResult<HttpResponse> {
    if let Some(portal) = portal {
        portal.sign_out().await?;
    }
    Ok(HttpResponse::NoContent()
        .cookie(portal_session::removal(&state.config))
        .finish())
}

/// 400 `invalid_token`: a sign-in link that is unknown, expired or used.
pub(super) fn invalid_token() -> ApiError {
    ApiError::bad_request(
        ErrorCode::InvalidToken,
        "This link has expired or was already used. Request a new one.",
    )
}

#[utoipa::path(
    security(()),
    operation_id = "portal_open_preview",
    responses(
        (status = 200, description = "A staff preview link was used: a read-only session as the contact is set (an hour, gone with the browser). `preview` in the answer names who is previewing.", body = Me, headers(("Set-Cookie" = String, description = "The preview session cookie."))),
    )
)]
#[post("/auth/preview")]
pub async fn open_preview(
    state: web::Data<AppState>,
    req: HttpRequest,
    Json(body): Json<TokenRedeem>,
) -> ApiResult<HttpResponse> {
    let token = body.token;
    let now = state.now();
    let origin = Origin::of(&req, &state);
    let result = state
        .db
        .run(move |conn| {
            write_tx(conn, |conn| {
                let Some((preview, contact, client)) = preview::redeem(conn, &token, now)? else {
                    return Ok(None);
                };
                let key = portal_session::create_preview(
                    conn,
                    &contact.id,
                    &preview.id,
                    &origin.ip,
                    origin.user_agent.as_deref(),
                    now,
                )?;
                let org = orgs::by_id(conn, &contact.org_id)?;
                let mut me = me_of(&contact, &client, &org);
                me.preview =
                    previews::opened_by(conn, &preview.id)?.map(|(staff_name, _)| PreviewInfo {
                        staff_name,
                        expires_at: (now + TimeDelta::minutes(portal_session::PREVIEW_MINUTES))
                            .and_utc(),
                    });
                Ok(Some((key, me)))
            })
        })
        .await?;
    let (key, me) = result.ok_or_else(invalid_token)?;
    Ok(HttpResponse::Ok()
        .cookie(portal_session::preview_cookie(&state.config, key))
        .json(me))
}
