//! A staff member's own account: profile (name, phone, title), password, other sessions; and
//! the two ways to set a password from an emailed link — accepting an invitation and resetting a
//! forgotten password. Asking for a reset answers the same whether or not the address has an
//! account, and is rate limited per address and per IP like sign-in.

use super::auth::{refresh_token_of, token_response};
use crate::auth::staff_user::issue_access_token;
use crate::auth::throttle::{Counted, Throttle};
use crate::auth::Staff;
use crate::crypto::{check_new_password, hash_password, verify_password};
use crate::db::staff_tokens::{self, Purpose};
use crate::db::{new_id, orgs, outbox, staff, write_tx};
use crate::domain::team;
use crate::error::{ApiError, ApiResult, Fields, Reply};
use crate::mail::templates;
use crate::state::AppState;
use crate::web::extract::Json;
use crate::web::tagged::Tagged;
use actix_web::{patch, post};
use actix_web::{web, HttpRequest, HttpResponse};
use shared_types::team::{
    PasswordChange, ProfileUpdate, ResetRequest, SessionsEnded, SetPassword, StaffAccount,
};
use shared_types::validate::{self, normalize_email};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(update_me)
        .service(change_password)
        .service(revoke_other_sessions)
        .service(accept_invitation)
        .service(request_reset)
        .service(confirm_reset);
}

const SCOPE_RESET: &str = "staff_reset";

#[utoipa::path(
    responses(
        (status = 200, description = "Your account with only the fields sent changed (`phone: null` removes it).", body = StaffAccount),
    )
)]
#[patch("/auth/me")]
pub async fn update_me(staff: Staff, Json(body): Json<ProfileUpdate>) -> Reply<StaffAccount> {
    let row = staff
        .write(move |conn, user| {
            let me = staff::in_org(conn, &user.org_id, &user.id)?;
            let name = body.name.map(|n| n.trim().to_owned()).unwrap_or(me.name);
            let title = body.title.map(|t| t.trim().to_owned()).unwrap_or(me.title);
            let phone = match body.phone {
                Some(p) => p.map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()),
                None => me.phone,
            };
            let mut fields = Fields::default();
            fields.check("name", validate::name(&name));
            if !title.is_empty() {
                fields.check("title", validate::title(&title));
            }
            if let Some(p) = &phone {
                fields.check(
                    "phone",
                    validate::title(p)
                        .map_err(|_| "Enter a phone number of at most 200 characters."),
                );
            }
            fields.finish()?;
            staff::set_profile(conn, &user.id, &name, phone.as_deref(), &title)?;
            Ok(staff::in_org(conn, &user.org_id, &user.id)?)
        })
        .await?;
    Ok(web::Json(team::account(row)))
}

#[utoipa::path(
    responses(
        (status = 204, description = "Changed. Your other sessions are signed out; this one stays."),
    )
)]
#[post("/auth/password")]
pub async fn change_password(
    staff: Staff,
    req: HttpRequest,
    Json(body): Json<PasswordChange>,
) -> ApiResult<HttpResponse> {
    let state = staff.shared_state();
    let now = state.now();
    let keep = refresh_token_of(&req, &state);
    let me = staff
        .run(move |conn, user| Ok(staff::in_org(conn, &user.org_id, &user.id)?))
        .await?;
    let (current, hash) = (body.current_password, me.password_hash.clone());
    let (email, name) = (me.email.clone(), me.name.clone());
    let new = body.new_password;
    let new_hash = web::block(move || -> ApiResult<String> {
        if !verify_password(&current, Some(&hash)) {
            return Err(ApiError::field(
                "current_password",
                "That is not your current password.",
            ));
        }
        check_new_password(&new, &[&email, &name])
            .map_err(|m| ApiError::field("new_password", m))?;
        Ok(hash_password(&new)?)
    })
    .await??;
    state
        .db
        .write(move |conn| {
            staff::set_password_hash(conn, &me.id, &new_hash)?;
            let family = match keep {
                Some(t) => staff::family_of(conn, &t)?,
                None => None,
            };
            staff::revoke_sessions(conn, &me.id, family.as_deref(), now)?;
            staff_tokens::cancel_all(conn, &me.id)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(
    responses(
        (status = 200, description = "Every other session of yours is signed out (their refresh tokens stop working); this one stays.", body = SessionsEnded),
    )
)]
#[post("/auth/sessions/revoke-others")]
pub async fn revoke_other_sessions(staff: Staff, req: HttpRequest) -> Reply<SessionsEnded> {
    let state = staff.shared_state();
    let keep = refresh_token_of(&req, &state);
    let now = state.now();
    let ended = staff
        .write(move |conn, user| {
            let family = match keep {
                Some(t) => staff::family_of(conn, &t)?,
                None => None,
            };
            Ok(staff::revoke_sessions(
                conn,
                &user.id,
                family.as_deref(),
                now,
            )?)
        })
        .await?;
    Ok(web::Json(SessionsEnded { ended }))
}

/// Sets the password a `purpose` link allows and signs the member in.
async fn set_password(
    state: web::Data<AppState>,
    body: SetPassword,
    purpose: Purpose,
) -> ApiResult<HttpResponse> {
    let SetPassword { token, password } = body;
    let checked = password.clone();
    let hash = web::block(move || -> ApiResult<String> {
        check_new_password(&checked, &[]).map_err(|m| ApiError::field("password", m))?;
        Ok(hash_password(&checked)?)
    })
    .await??;
    let now = state.now();
    let (member, refresh) = state
        .db
        .write(move |conn| {
            let member = team::set_password_with_token(conn, &token, purpose, &hash, now)?;
            staff::touch_login(conn, &member.id, now)?;
            let refresh = staff::issue_refresh(conn, &member.id, &new_id(), now)?;
            Ok((member, refresh))
        })
        .await?;
    let access = issue_access_token(
        &state.keys.staff_jwt,
        &state.config.public_origin,
        &member.id,
        &member.org_id,
        member.role(),
        "staff",
    )?;
    Ok(token_response(&state, access, Some(refresh)))
}

#[utoipa::path(
    security(()),
    responses(
        (status = 200, description = "Joined: the password is set and you are signed in (the refresh cookie is set).", body = shared_types::staff::AccessToken),
        (status = 422, response = crate::openapi::ValidationFailed),
    )
)]
#[post("/auth/invitation")]
pub async fn accept_invitation(
    state: web::Data<AppState>,
    Json(body): Json<SetPassword>,
) -> ApiResult<HttpResponse> {
    set_password(state, body, Purpose::Invite).await
}

#[utoipa::path(
    security(()),
    responses(
        (status = 200, description = "The new password is set, every other session is signed out, and you are signed in.", body = shared_types::staff::AccessToken),
        (status = 422, response = crate::openapi::ValidationFailed),
    )
)]
#[post("/auth/password-reset/confirm")]
pub async fn confirm_reset(
    state: web::Data<AppState>,
    Json(body): Json<SetPassword>,
) -> ApiResult<HttpResponse> {
    set_password(state, body, Purpose::Reset).await
}

/// Always 202, whether or not the address has an account (no enumeration).
#[utoipa::path(
    security(()),
    responses(
        (status = 202, description = "Accepted. A link (1 hour, once) is emailed if the address belongs to an active member who has joined; the answer is the same either way.", body = crate::openapi::EmptyObject),
        (status = 422, response = crate::openapi::ValidationFailed),
        (status = 429, response = crate::openapi::RateLimited),
    )
)]
#[post("/auth/password-reset")]
pub async fn request_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    Json(body): Json<ResetRequest>,
) -> ApiResult<HttpResponse> {
    let email = normalize_email(&body.email);
    let mut fields = Fields::default();
    fields.check("email", validate::email(&email)).finish()?;
    let throttle = Throttle::by_account(&state.config, &req, SCOPE_RESET, &email, Counted::Links);
    let origin = state.config.public_origin.clone();
    let now = state.now();
    let queued = state
        .db
        .run(move |conn| {
            write_tx(conn, |conn| {
                throttle.check(conn, now)?;
                throttle.record(conn, now)?;
                let Some(member) = staff::by_email(conn, &email)?
                    .filter(|m| m.active && !m.password_hash.is_empty())
                else {
                    return Ok(false);
                };
                let org = orgs::by_id(conn, &member.org_id)?;
                let token = staff_tokens::create(conn, &member.id, Purpose::Reset, now)?;
                outbox::enqueue(
                    conn,
                    templates::staff_reset_email(&org, &member, &origin, &token),
                    now,
                )?;
                Ok(true)
            })
        })
        .await?;
    if queued {
        state.mail_wake.notify_one();
    }
    Ok(HttpResponse::Accepted().json(serde_json::json!({})))
}
