//! Single-use tokens that let a staff member set a password: an invitation (7 days) or a reset
//! (1 hour). Only SHA-256 fingerprints are stored; redeeming is one conditional UPDATE, so of
//! any number of concurrent redemptions exactly one wins.

use super::schema::staff_tokens;
use super::{new_id, DbConn};
use crate::crypto::{random_token, sha256_hex};
use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Invite,
    Reset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Invite => "invite",
            Purpose::Reset => "reset",
        }
    }

    pub fn ttl(self) -> TimeDelta {
        match self {
            Purpose::Invite => TimeDelta::days(7),
            Purpose::Reset => TimeDelta::hours(1),
        }
    }
}

/// A new token for `staff_user_id`, cancelling their older unused ones of the same purpose.
pub fn create(
    conn: &mut DbConn,
    staff_user_id: &str,
    purpose: Purpose,
    now: NaiveDateTime,
) -> QueryResult<String> {
    diesel::delete(
        staff_tokens::table
            .filter(staff_tokens::staff_user_id.eq(staff_user_id))
            .filter(staff_tokens::purpose.eq(purpose.as_str()))
            .filter(staff_tokens::used_at.is_null()),
    )
    .execute(conn)?;
    let token = random_token();
    diesel::insert_into(staff_tokens::table)
        .values((
            staff_tokens::id.eq(new_id()),
            staff_tokens::staff_user_id.eq(staff_user_id),
            staff_tokens::purpose.eq(purpose.as_str()),
            staff_tokens::token_hash.eq(sha256_hex(&token)),
            staff_tokens::created_at.eq(now),
            staff_tokens::expires_at.eq(now + purpose.ttl()),
        ))
        .execute(conn)?;
    Ok(token)
}

/// Burns a live token of `purpose` and returns whose it was; `None` if unknown, used, expired or
/// of another purpose.
pub fn redeem(
    conn: &mut DbConn,
    token: &str,
    purpose: Purpose,
    now: NaiveDateTime,
) -> QueryResult<Option<String>> {
    let hash = sha256_hex(token);
    let claimed = diesel::update(
        staff_tokens::table
            .filter(staff_tokens::token_hash.eq(&hash))
            .filter(staff_tokens::purpose.eq(purpose.as_str()))
            .filter(staff_tokens::used_at.is_null())
            .filter(staff_tokens::expires_at.gt(now)),
    )
    .set(staff_tokens::used_at.eq(now))
    .execute(conn)?;
    if claimed != 1 {
        return Ok(None);
    }
    staff_tokens::table
        .filter(staff_tokens::token_hash.eq(&hash))
        .select(staff_tokens::staff_user_id)
        .get_result(conn)
        .optional()
}

/// Cancels every unused token of a member (deactivated, or their password just changed).
pub fn cancel_all(conn: &mut DbConn, staff_user_id: &str) -> QueryResult<()> {
    diesel::delete(
        staff_tokens::table
            .filter(staff_tokens::staff_user_id.eq(staff_user_id))
            .filter(staff_tokens::used_at.is_null()),
    )
    .execute(conn)?;
    Ok(())
}
