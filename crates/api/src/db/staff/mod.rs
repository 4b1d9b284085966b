//! Staff users and their rotating refresh tokens; the organization's API keys are in `api_keys`.

use super::schema::{staff_refresh_tokens, staff_users};
use super::{new_id, DbConn};
use crate::crypto::{random_token, sha256_hex};
use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use shared_types::StaffRole;

mod api_keys;
pub use api_keys::*;

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = staff_users)]
pub struct StaffRow {
    pub id: String,
    pub org_id: String,
    pub email: String,
    pub name: String,
    pub role: StaffRole,
    pub password_hash: String,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub last_login_at: Option<NaiveDateTime>,
    /// Shown to clients in the team widget.
    pub phone: Option<String>,
    /// Job title ("Account manager"), shown beside the name.
    pub title: String,
}

impl StaffRow {
    pub fn role(&self) -> StaffRole {
        self.role
    }
}

pub fn insert(conn: &mut DbConn, row: &StaffRow) -> QueryResult<()> {
    diesel::insert_into(staff_users::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<StaffRow>> {
    staff_users::table
        .filter(staff_users::email.eq(email))
        .get_result(conn)
        .optional()
}

pub fn by_id(conn: &mut DbConn, id: &str) -> QueryResult<Option<StaffRow>> {
    staff_users::table.find(id).get_result(conn).optional()
}

/// The organization's active staff, by name.
pub fn list_active(conn: &mut DbConn, org_id: &str) -> QueryResult<Vec<StaffRow>> {
    staff_users::table
        .filter(staff_users::org_id.eq(org_id))
        .filter(staff_users::active.eq(true))
        .order((staff_users::name.asc(), staff_users::id.asc()))
        .load(conn)
}

pub fn touch_login(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(staff_users::table.find(id))
        .set(staff_users::last_login_at.eq(now))
        .execute(conn)?;
    Ok(())
}

pub fn set_phone(conn: &mut DbConn, id: &str, phone: Option<&str>) -> QueryResult<()> {
    diesel::update(staff_users::table.find(id))
        .set(staff_users::phone.eq(phone))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Queryable)]
#[diesel(table_name = staff_refresh_tokens)]
struct RefreshRow {
    id: String,
    staff_user_id: String,
    family_id: String,
    #[allow(dead_code)]
    token_hash: String,
    #[allow(dead_code)]
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
    used_at: Option<NaiveDateTime>,
    revoked_at: Option<NaiveDateTime>,
}

/// Refresh tokens live 30 days.
pub const REFRESH_TTL_DAYS: i64 = 30;

/// Issues a refresh token in `family` (a new family at sign-in) and returns the token itself.
pub fn issue_refresh(
    conn: &mut DbConn,
    staff_user_id: &str,
    family_id: &str,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let token = random_token();
    diesel::insert_into(staff_refresh_tokens::table)
        .values((
            staff_refresh_tokens::id.eq(new_id()),
            staff_refresh_tokens::staff_user_id.eq(staff_user_id),
            staff_refresh_tokens::family_id.eq(family_id),
            staff_refresh_tokens::token_hash.eq(sha256_hex(&token)),
            staff_refresh_tokens::created_at.eq(now),
            staff_refresh_tokens::expires_at.eq(now + TimeDelta::days(REFRESH_TTL_DAYS)),
        ))
        .execute(conn)?;
    Ok(token)
}

/// Exchanges a refresh token for a new one in the same family. A token that was already used is
/// a replay — someone holds a stolen copy — so the whole family is revoked. `None` means refused;
/// it is not an error, so the revocation commits. Run inside a write transaction.
pub fn rotate_refresh(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<(StaffRow, String)>> {
    let row: Option<RefreshRow> = staff_refresh_tokens::table
        .filter(staff_refresh_tokens::token_hash.eq(sha256_hex(token)))
        .get_result(conn)
        .optional()?;
    let Some(RefreshRow {
        id,
        staff_user_id: staff_id,
        family_id: family,
        expires_at,
        used_at,
        revoked_at,
        ..
    }) = row
    else {
        return Ok(None);
    };
    if used_at.is_some() {
        tracing::warn!(family = %family, "refresh token replayed: revoking its family");
        revoke_family(conn, &family, now)?;
        return Ok(None);
    }
    if revoked_at.is_some() || expires_at <= now {
        return Ok(None);
    }
    let claimed = diesel::update(
        staff_refresh_tokens::table
            .find(&id)
            .filter(staff_refresh_tokens::used_at.is_null()),
    )
    .set(staff_refresh_tokens::used_at.eq(now))
    .execute(conn)?;
    if claimed != 1 {
        revoke_family(conn, &family, now)?;
        return Ok(None);
    }
    let staff = match by_id(conn, &staff_id)? {
        Some(s) if s.active => s,
        _ => return Ok(None),
    };
    let next = issue_refresh(conn, &staff_id, &family, now)?;
    Ok(Some((staff, next)))
}

pub fn revoke_family(conn: &mut DbConn, family_id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        staff_refresh_tokens::table
            .filter(staff_refresh_tokens::family_id.eq(family_id))
            .filter(staff_refresh_tokens::revoked_at.is_null()),
    )
    .set(staff_refresh_tokens::revoked_at.eq(now))
    .execute(conn)?;
    Ok(())
}

/// Logout: revokes the family of the presented token, whatever its state.
pub fn revoke_by_token(conn: &mut DbConn, token: &str, now: NaiveDateTime) -> QueryResult<()> {
    let family: Option<String> = staff_refresh_tokens::table
        .filter(staff_refresh_tokens::token_hash.eq(sha256_hex(token)))
        .select(staff_refresh_tokens::family_id)
        .get_result(conn)
        .optional()?;
    if let Some(family) = family {
        revoke_family(conn, &family, now)?;
    }
    Ok(())
}

/// Every member of the organization (active, invited and deactivated), by name.
pub fn list_all(conn: &mut DbConn, org_id: &str) -> QueryResult<Vec<StaffRow>> {
    staff_users::table
        .filter(staff_users::org_id.eq(org_id))
        .order((staff_users::name.asc(), staff_users::id.asc()))
        .load(conn)
}

/// One member of `org_id`.
pub fn in_org(conn: &mut DbConn, org_id: &str, id: &str) -> QueryResult<StaffRow> {
    staff_users::table
        .filter(staff_users::org_id.eq(org_id))
        .filter(staff_users::id.eq(id))
        .get_result(conn)
}

/// Active owners of the organization (one must always remain).
pub fn active_owners(conn: &mut DbConn, org_id: &str) -> QueryResult<i64> {
    staff_users::table
        .filter(staff_users::org_id.eq(org_id))
        .filter(staff_users::active.eq(true))
        .filter(staff_users::role.eq(StaffRole::Owner.as_str()))
        .count()
        .get_result(conn)
}

pub fn set_role(conn: &mut DbConn, id: &str, role: StaffRole) -> QueryResult<()> {
    diesel::update(staff_users::table.find(id))
        .set(staff_users::role.eq(role.as_str()))
        .execute(conn)?;
    Ok(())
}

pub fn set_active(conn: &mut DbConn, id: &str, active: bool) -> QueryResult<()> {
    diesel::update(staff_users::table.find(id))
        .set(staff_users::active.eq(active))
        .execute(conn)?;
    Ok(())
}

pub fn set_profile(
    conn: &mut DbConn,
    id: &str,
    name: &str,
    phone: Option<&str>,
    title: &str,
) -> QueryResult<()> {
    diesel::update(staff_users::table.find(id))
        .set((
            staff_users::name.eq(name),
            staff_users::phone.eq(phone),
            staff_users::title.eq(title),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_password_hash(conn: &mut DbConn, id: &str, hash: &str) -> QueryResult<()> {
    diesel::update(staff_users::table.find(id))
        .set(staff_users::password_hash.eq(hash))
        .execute(conn)?;
    Ok(())
}

/// Revokes every live refresh token of a member, except those of `keep_family` (the session
/// asking). Returns how many families ended.
pub fn revoke_sessions(
    conn: &mut DbConn,
    staff_user_id: &str,
    keep_family: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let live = staff_refresh_tokens::table
        .filter(staff_refresh_tokens::staff_user_id.eq(staff_user_id))
        .filter(staff_refresh_tokens::revoked_at.is_null())
        .filter(staff_refresh_tokens::family_id.ne(keep_family.unwrap_or("")));
    let families: Vec<String> = live
        .select(staff_refresh_tokens::family_id)
        .distinct()
        .load(conn)?;
    diesel::update(live)
        .set(staff_refresh_tokens::revoked_at.eq(now))
        .execute(conn)?;
    Ok(families.len())
}

/// The family of a refresh token (to keep the caller's own session).
pub fn family_of(conn: &mut DbConn, token: &str) -> QueryResult<Option<String>> {
    staff_refresh_tokens::table
        .filter(staff_refresh_tokens::token_hash.eq(sha256_hex(token)))
        .select(staff_refresh_tokens::family_id)
        .get_result(conn)
        .optional()
}
