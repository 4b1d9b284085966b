//! Staff sign-in: access JWTs plus a rotating refresh token in an HttpOnly cookie; API keys are
//! exchanged for the same kind of JWT so the API has one auth path.

use crate::auth::origin::check_same_origin;
use crate::auth::staff_user::{issue_access_token, ActorKind, ACCESS_TTL_SECS};
use crate::auth::throttle::{Counted, Throttle};
use crate::auth::Staff;
use crate::crypto::verify_password;
use crate::db::{new_id, orgs, staff};
use crate::error::{ApiError, ApiResult, Reply};
use crate::state::AppState;
use crate::web::extract::Json;
use crate::web::tagged::Tagged;
use actix_web::cookie::{time::Duration, Cookie, SameSite};
use actix_web::{get, post};
use actix_web::{web, HttpRequest, HttpResponse};
use shared_types::staff::{AccessToken, LoginRequest, OrgSummary, StaffMe, TokenExchange};
use shared_types::validate::normalize_email;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(login)
        .service(refresh)
        .service(logout)
        .service(me)
        .service(exchange_api_key);
}

const SCOPE: &str = "staff_login";

fn refresh_cookie(state: &AppState, value: String, max_age: Duration) -> Cookie<'static> {
    Cookie::build(state.config.staff_refresh_cookie_name(), value)
        .path("/")
        .http_only(true)
        .secure(state.config.cookie_secure)
        .same_site(SameSite::Strict)
        .max_age(max_age)
        .finish()
}

pub(crate) fn token_response(
    state: &AppState,
    access: String,
    refresh_token: Option<String>,
) -> HttpResponse {
    let mut res = HttpResponse::Ok();
    if let Some(token) = refresh_token {
        res.cookie(refresh_cookie(
            state,
            token,
            Duration::days(staff::REFRESH_TTL_DAYS),
        ));
    }
    res.json(AccessToken {
        access_token: access,
        token_type: "Bearer".into(),
        expires_in: ACCESS_TTL_SECS,
    })
}

#[utoipa::path(
    security(()),
    operation_id = "staff_login",
    responses(
        (status = 200, description = "Signed in; the refresh-token cookie is set.", body = AccessToken, headers(("Set-Cookie" = String, description = "The rotated refresh-token cookie."))),
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
    let throttle = Throttle::by_account(&state.config, &req, SCOPE, &email, Counted::Failures);
    let now = state.now();
    let limits = throttle.clone();
    let found = state
        .db
        .run(move |conn| {
            limits.check(conn, now)?;
            Ok(staff::by_email(conn, &email)?)
        })
        .await?;
    let hash = found.as_ref().map(|s| s.password_hash.clone());
    let password = body.password;
    let ok = web::block(move || verify_password(&password, hash.as_deref())).await?;
    let Some(user) = found.filter(|s| ok && s.active) else {
        state
            .db
            .run(move |conn| Ok(throttle.record(conn, now)?))
            .await?;
        return Err(ApiError::InvalidCredentials);
    };
    let access = issue_access_token(
        &state.keys.staff_jwt,
        &state.config.public_origin,
        &user.id,
        &user.org_id,
        user.role(),
        "staff",
    )?;
    let refresh_token = state
        .db
        .write(move |conn| {
            throttle.forgive_account(conn)?;
            staff::touch_login(conn, &user.id, now)?;
            Ok(staff::issue_refresh(conn, &user.id, &new_id(), now)?)
        })
        .await?;
    Ok(token_response(&state, access, Some(refresh_token)))
}

pub(crate) fn refresh_token_of(req: &HttpRequest, state: &AppState) -> Option<String> {
    req.cookie(state.config.staff_refresh_cookie_name())
        .map(|c| c.value().to_owned())
}

/// Rotates the refresh cookie and returns a new access token. Replaying a rotated refresh token
/// revokes its whole family.
#[utoipa::path(
    security(("staff_refresh" = [])),
    responses(
        (status = 200, description = "A new access token; the refresh cookie is rotated.", body = AccessToken, headers(("Set-Cookie" = String, description = "The rotated refresh-token cookie."))),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(state: web::Data<AppState>, req: HttpRequest) -> ApiResult<HttpResponse> {
    check_same_origin(&req, &state.config.public_origin)?;
    let token = refresh_token_of(&req, &state).ok_or(ApiError::Unauthorized)?;
    let now = state.now();
    let (user, next) = state
        .db
        .write(move |conn| Ok(staff::rotate_refresh(conn, &token, now)?))
        .await?
        .ok_or(ApiError::Unauthorized)?;
    let access = issue_access_token(
        &state.keys.staff_jwt,
        &state.config.public_origin,
        &user.id,
        &user.org_id,
        user.role(),
        "staff",
    )?;
    Ok(token_response(&state, access, Some(next)))
}

#[utoipa::path(
    operation_id = "staff_logout",
    security((), ("staff_refresh" = [])),
    responses(
        (status = 204, description = "Signed out; the refresh token is revoked and its cookie cleared."),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, req: HttpRequest) -> ApiResult<HttpResponse> {
    check_same_origin(&req, &state.config.public_origin)?;
    if let Some(token) = refresh_token_of(&req, &state) {
        let now = state.now();
        state
            .db
            .run(move |conn| Ok(staff::revoke_by_token(conn, &token, now)?))
            .await?;
    }
    Ok(HttpResponse::NoContent()
        .cookie(refresh_cookie(&state, String::new(), Duration::ZERO))
        .finish())
}

#[utoipa::path(
    responses(
        (status = 200, description = "The caller (a staff user or an API key) and their organization.", body = StaffMe),
    )
)]
#[get("/auth/me")]
pub async fn me(staff: Staff) -> Reply<StaffMe> {
    let (user, (name, email, title, phone), org) = staff
        .run(move |conn, user| {
            let org = orgs::by_id(conn, &user.org_id)?;
            let person = match user.kind {
                ActorKind::Staff => {
                    let s = staff::by_id(conn, &user.id)?.ok_or(ApiError::Unauthorized)?;
                    (s.name, s.email, s.title, s.phone)
                }
                ActorKind::ApiKey => {
                    let k = staff::api_key_by_id(conn, &user.id)?.ok_or(ApiError::Unauthorized)?;
                    (k.name, String::new(), String::new(), None)
                }
            };
            Ok((user, person, org))
        })
        .await?;
    Ok(web::Json(StaffMe {
        id: user.id,
        name,
        email,
        role: user.role,
        org: OrgSummary {
            id: org.id,
            name: org.name,
            slug: org.slug,
        },
        actor: user.kind.as_str().to_owned(),
        title,
        phone,
    }))
}

#[utoipa::path(
    security(()),
    responses(
        (status = 200, description = "An access JWT for the API key (no refresh token).", body = AccessToken),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 429, response = crate::openapi::RateLimited),
    )
)]
#[post("/auth/token")]
pub async fn exchange_api_key(
    state: web::Data<AppState>,
    req: HttpRequest,
    Json(body): Json<TokenExchange>,
) -> ApiResult<HttpResponse> {
    let secret = body.api_key;
    let throttle = Throttle::by_ip(&state.config, &req, "api_key");
    let now = state.now();
    let key = state
        .db
        .run(move |conn| {
            throttle.check(conn, now)?;
            let key = staff::use_api_key(conn, &secret, now)?;
            if key.is_none() {
                throttle.record(conn, now)?;
            }
            Ok(key)
        })
        .await?
        .ok_or(ApiError::InvalidCredentials)?;
    let access = issue_access_token(
        &state.keys.staff_jwt,
        &state.config.public_origin,
        &key.id,
        &key.org_id,
        key.role,
        "api_key",
    )?;
    Ok(token_response(&state, access, None))
}
