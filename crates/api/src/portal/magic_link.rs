//! Sign-in by emailed link: the request (always 202, no enumeration) and the redemption.

use crate::auth::portal_user::request_host;
use crate::auth::throttle::{Counted, Throttle};
use crate::db::contacts;
use crate::db::{orgs, outbox, portal_auth, write_tx};
use crate::error::{ApiResult, Fields};
use crate::mail::magic_link_email;
use crate::state::AppState;
use crate::web::extract::Json;
use crate::web::tagged::Tagged;
use actix_web::post;
use actix_web::{web, HttpRequest, HttpResponse};
use shared_types::portal::{MagicLinkRequest, Me, TokenRedeem};
use shared_types::validate::{self, normalize_email};

use super::account::me_of;

use super::auth::{invalid_token, record_sign_in, signed_in, start_session, Origin};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(request_magic_link).service(redeem_magic_link);
}

const SCOPE_MAGIC: &str = "portal_magic";

/// Always 202, whether or not the address has an account (no enumeration).
#[utoipa::path(
    security(()),
    responses(
        (status = 202, description = "Accepted. A link is emailed if the address has an account; the answer is the same either way.", body = crate::openapi::EmptyObject),
        (status = 422, response = crate::openapi::ValidationFailed),
        (status = 429, response = crate::openapi::RateLimited),
    )
)]
#[post("/auth/magic-link")]
pub async fn request_magic_link(
    state: web::Data<AppState>,
    req: HttpRequest,
    Json(body): Json<MagicLinkRequest>,
) -> ApiResult<HttpResponse> {
    let email = normalize_email(&body.email);
    let next = body.next.clone();
    let mut fields = Fields::default();
    fields.check("email", validate::email(&email)).finish()?;
    let throttle = Throttle::by_account(&state.config, &req, SCOPE_MAGIC, &email, Counted::Links);
    let host = request_host(&req);
    let default_org = state.config.default_org.clone();
    let origin = state.config.public_origin.clone();
    let now = state.now();
    let queued = state
        .db
        .run(move |conn| {
            write_tx(conn, |conn| {
                throttle.check(conn, now)?;
                throttle.record(conn, now)?;
                let Some(org) = orgs::for_portal(conn, host.as_deref(), default_org.as_deref())?
                else {
                    return Ok(false);
                };
                let Some((contact, client)) = contacts::by_email(conn, &org.id, &email)? else {
                    return Ok(false);
                };
                if !contacts::may_sign_in(&contact, &client) {
                    return Ok(false);
                }
                let token = portal_auth::create_magic_link(conn, &contact.id, now)?;
                let next = next
                    .as_deref()
                    .and_then(|n| validate::return_path(n, "/portal"));
                let mail =
                    magic_link_email(&org, &contact.email, &contact.name, &origin, &token, next);
                outbox::enqueue(conn, mail, now)?;
                Ok(true)
            })
        })
        .await?;
    if queued {
        state.mail_wake.notify_one();
    }
    Ok(HttpResponse::Accepted().json(serde_json::json!({})))
}

#[utoipa::path(
    security(()),
    responses(
        (status = 200, description = "Signed in; a new session cookie is set.", body = Me, headers(("Set-Cookie" = String, description = "The new portal session cookie."))),
    )
)]
#[post("/auth/magic-link/redeem")]
pub async fn redeem_magic_link(
    state: web::Data<AppState>,
    req: HttpRequest,
    Json(body): Json<TokenRedeem>,
) -> ApiResult<HttpResponse> {
    let token = body.token;
    let now = state.now();
    let origin = Origin::of(&req, &state);
    let st = state.clone();
    let result = state
        .db
        .run(move |conn| {
            write_tx(conn, |conn| {
                let Some(contact_id) = portal_auth::redeem_magic_link(conn, &token, now)? else {
                    return Ok(None);
                };
                let Some((mut contact, client)) = contacts::with_client(conn, &contact_id)? else {
                    return Ok(None);
                };
                if !contacts::may_sign_in(&contact, &client) {
                    return Ok(None);
                }
                record_sign_in(conn, &mut contact, "magic link", now)?;
                let key = start_session(conn, &st, &origin, &contact, now)?;
                let org = orgs::by_id(conn, &contact.org_id)?;
                Ok(Some((key, me_of(&contact, &client, &org))))
            })
        })
        .await?;
    let (key, me) = result.ok_or_else(invalid_token)?;
    Ok(signed_in(&state, key, me))
}
