//! Portal sessions: rows keyed by the SHA-256 of the cookie's session key (DESIGN.md §4).

use super::schema::portal_sessions;
use super::DbConn;
use crate::error::ApiResult;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = portal_sessions)]
pub struct SessionRow {
    pub id: String,
    pub key_hash: String,
    pub client_user_id: String,
    pub state: String,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

impl SessionRow {
    pub fn to_wire(&self, current_id: Option<&str>) -> shared_types::portal::SessionInfo {
        shared_types::portal::SessionInfo {
            id: self.id.clone(),
            created_at: self.created_at,
            last_seen_at: self.last_seen_at,
            expires_at: self.expires_at,
            user_agent: self.user_agent.clone(),
            ip: self.ip.clone(),
            current: current_id == Some(self.id.as_str()),
        }
    }
}

pub fn insert(conn: &mut DbConn, row: &SessionRow) -> ApiResult<()> {
    diesel::insert_into(portal_sessions::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn by_key_hash(conn: &mut DbConn, key_hash: &str) -> ApiResult<Option<SessionRow>> {
    Ok(portal_sessions::table
        .filter(portal_sessions::key_hash.eq(key_hash))
        .first(conn)
        .optional()?)
}

/// Replaces the state of an existing session; returns false when the row is gone (revoked).
pub fn update_state(
    conn: &mut DbConn,
    key_hash: &str,
    state: &str,
    now: NaiveDateTime,
) -> ApiResult<bool> {
    let n = diesel::update(portal_sessions::table.filter(portal_sessions::key_hash.eq(key_hash)))
        .set((
            portal_sessions::state.eq(state),
            portal_sessions::last_seen_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn touch(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> ApiResult<()> {
    diesel::update(portal_sessions::table.find(id))
        .set(portal_sessions::last_seen_at.eq(now))
        .execute(conn)?;
    Ok(())
}

pub fn delete_by_key_hash(conn: &mut DbConn, key_hash: &str) -> ApiResult<()> {
    diesel::delete(portal_sessions::table.filter(portal_sessions::key_hash.eq(key_hash)))
        .execute(conn)?;
    Ok(())
}

/// Live sessions of a contact, most recently used first.
pub fn list_for_contact(
    conn: &mut DbConn,
    client_user_id: &str,
    idle_cutoff: NaiveDateTime,
    now: NaiveDateTime,
) -> ApiResult<Vec<SessionRow>> {
    Ok(portal_sessions::table
        .filter(portal_sessions::client_user_id.eq(client_user_id))
        .filter(portal_sessions::last_seen_at.gt(idle_cutoff))
        .filter(portal_sessions::expires_at.gt(now))
        .order(portal_sessions::last_seen_at.desc())
        .load(conn)?)
}

/// Ends one session of a contact; returns false when it is not theirs or already gone.
pub fn delete_one(conn: &mut DbConn, client_user_id: &str, id: &str) -> ApiResult<bool> {
    let n = diesel::delete(
        portal_sessions::table
            .filter(portal_sessions::client_user_id.eq(client_user_id))
            .filter(portal_sessions::id.eq(id)),
    )
    .execute(conn)?;
    Ok(n == 1)
}

/// Ends every session of the contacts, except `keep` (the caller's own), returning how many.
pub fn delete_for_contacts(
    conn: &mut DbConn,
    client_user_ids: &[String],
    keep: Option<&str>,
) -> ApiResult<i64> {
    let n = diesel::delete(
        portal_sessions::table
            .filter(portal_sessions::client_user_id.eq_any(client_user_ids))
            .filter(portal_sessions::id.ne(keep.unwrap_or(""))),
    )
    .execute(conn)?;
    Ok(n as i64)
}

/// Housekeeping: drops sessions past either expiry.
pub fn purge_expired(
    conn: &mut DbConn,
    idle_cutoff: NaiveDateTime,
    now: NaiveDateTime,
) -> ApiResult<usize> {
    Ok(diesel::delete(
        portal_sessions::table.filter(
            portal_sessions::last_seen_at
                .le(idle_cutoff)
                .or(portal_sessions::expires_at.le(now)),
        ),
    )
    .execute(conn)?)
}
