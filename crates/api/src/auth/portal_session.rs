//! Portal session cookies. The cookie carries only a random key (256 bits); the session row in
//! `portal_sessions` is found by the key's SHA-256, so a database leak yields no usable cookie.
//! Sign-in creates the row (in the sign-in's own transaction) and sets the cookie; sign-out
//! deletes the row and clears the cookie. Expiry is the row's: idle (sliding) and absolute.

use crate::config::Config;
use crate::crypto::{random_token, sha256_hex};
use crate::db::sessions::{self, SessionRow};
use crate::db::DbConn;
use crate::error::ApiResult;
use actix_web::cookie::{time::Duration, Cookie, SameSite};
use actix_web::HttpRequest;
use chrono::{NaiveDateTime, TimeDelta};

/// Who is signing in, from where.
pub struct NewSession<'a> {
    pub contact_id: &'a str,
    pub ip: &'a str,
    pub user_agent: Option<&'a str>,
}

/// A new session's cookie key; the row is written on `conn` (inside the caller's transaction).
pub fn create(
    conn: &mut DbConn,
    config: &Config,
    new: NewSession<'_>,
    now: NaiveDateTime,
) -> ApiResult<String> {
    let key = random_token();
    let row = SessionRow {
        id: crate::db::new_id(),
        key_hash: sha256_hex(&key),
        client_user_id: new.contact_id.to_owned(),
        state: "{}".to_owned(),
        user_agent: new.user_agent.map(str::to_owned),
        ip: Some(new.ip.to_owned()),
        created_at: now,
        last_seen_at: now,
        expires_at: now + TimeDelta::days(config.session_absolute_days),
        preview_id: None,
    };
    sessions::insert(conn, &row)?;
    Ok(key)
}

/// How long a staff preview session lasts.
pub const PREVIEW_MINUTES: i64 = 60;

/// A read-only preview session for staff (see `domain::preview`); returns the cookie key.
pub fn create_preview(
    conn: &mut DbConn,
    contact_id: &str,
    preview_id: &str,
    ip: &str,
    user_agent: Option<&str>,
    now: NaiveDateTime,
) -> ApiResult<String> {
    let key = random_token();
    let row = SessionRow {
        id: crate::db::new_id(),
        key_hash: sha256_hex(&key),
        client_user_id: contact_id.to_owned(),
        state: "{}".to_owned(),
        user_agent: user_agent.map(str::to_owned),
        ip: Some(ip.to_owned()),
        created_at: now,
        last_seen_at: now,
        expires_at: now + TimeDelta::minutes(PREVIEW_MINUTES),
        preview_id: Some(preview_id.to_owned()),
    };
    sessions::insert(conn, &row)?;
    Ok(key)
}

/// A preview's cookie: like a session's, but gone with the browser and after the preview's hour.
pub fn preview_cookie(config: &Config, key: String) -> Cookie<'static> {
    let mut c = cookie(config, key);
    c.set_max_age(Duration::minutes(PREVIEW_MINUTES));
    c
}

/// The session cookie for `key`: HttpOnly, SameSite=Lax, Path=/, `__Host-` and Secure on https.
pub fn cookie(config: &Config, key: String) -> Cookie<'static> {
    Cookie::build(config.portal_cookie_name(), key)
        .secure(config.cookie_secure)
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(Duration::days(config.session_absolute_days))
        .finish()
}

/// A cookie that removes the session cookie from the browser.
pub fn removal(config: &Config) -> Cookie<'static> {
    let mut c = cookie(config, String::new());
    c.make_removal();
    c
}

/// The session key the request's cookie carries, if any.
pub fn key_from(req: &HttpRequest, config: &Config) -> Option<String> {
    req.cookie(config.portal_cookie_name())
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}
