//! Single-use sign-in tokens of the portal: magic links (15 minutes) and invitations (7 days).
//! Only SHA-256 fingerprints are stored; redemption is one conditional UPDATE, so of any number
//! of concurrent redemptions exactly one wins.

use super::schema::{invitations, magic_links};
use super::{new_id, DbConn};
use crate::crypto::{random_token, sha256_hex};
use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

pub const MAGIC_LINK_TTL: TimeDelta = TimeDelta::minutes(15);
pub const INVITATION_TTL: TimeDelta = TimeDelta::days(7);

/// Creates a magic link for the contact, invalidating any older unused one. Returns the token.
pub fn create_magic_link(
    conn: &mut DbConn,
    client_user_id: &str,
    now: NaiveDateTime,
) -> QueryResult<String> {
    diesel::delete(
        magic_links::table
            .filter(magic_links::client_user_id.eq(client_user_id))
            .filter(magic_links::used_at.is_null()),
    )
    .execute(conn)?;
    add_magic_link(conn, client_user_id, now)
}

/// Creates one more magic link for the contact, leaving their other links alone (a notification
/// email's link must not cancel the one a sign-in request just sent). Returns the token.
pub fn add_magic_link(
    conn: &mut DbConn,
    client_user_id: &str,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let token = random_token();
    diesel::insert_into(magic_links::table)
        .values((
            magic_links::id.eq(new_id()),
            magic_links::client_user_id.eq(client_user_id),
            magic_links::token_hash.eq(sha256_hex(&token)),
            magic_links::created_at.eq(now),
            magic_links::expires_at.eq(now + MAGIC_LINK_TTL),
        ))
        .execute(conn)?;
    Ok(token)
}

/// Burns a live magic link and returns its contact id; `None` if unknown, used or expired.
pub fn redeem_magic_link(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<String>> {
    diesel::update(
        magic_links::table
            .filter(magic_links::token_hash.eq(sha256_hex(token)))
            .filter(magic_links::used_at.is_null())
            .filter(magic_links::expires_at.gt(now)),
    )
    .set(magic_links::used_at.eq(now))
    .returning(magic_links::client_user_id)
    .get_result(conn)
    .optional()
}

/// Creates an invitation, invalidating older pending ones. Returns the token and its expiry.
pub fn create_invitation(
    conn: &mut DbConn,
    client_user_id: &str,
    created_by: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<(String, NaiveDateTime)> {
    diesel::delete(
        invitations::table
            .filter(invitations::client_user_id.eq(client_user_id))
            .filter(invitations::accepted_at.is_null()),
    )
    .execute(conn)?;
    let token = random_token();
    let expires_at = now + INVITATION_TTL;
    diesel::insert_into(invitations::table)
        .values((
            invitations::id.eq(new_id()),
            invitations::client_user_id.eq(client_user_id),
            invitations::token_hash.eq(sha256_hex(&token)),
            invitations::created_by.eq(created_by),
            invitations::created_at.eq(now),
            invitations::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok((token, expires_at))
}

/// The contact a live invitation is for, without using it up.
pub fn invited_contact(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<String>> {
    invitations::table
        .filter(invitations::token_hash.eq(sha256_hex(token)))
        .filter(invitations::accepted_at.is_null())
        .filter(invitations::expires_at.gt(now))
        .select(invitations::client_user_id)
        .get_result(conn)
        .optional()
}

/// Burns a live invitation and returns its contact id.
pub fn accept_invitation(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<String>> {
    diesel::update(
        invitations::table
            .filter(invitations::token_hash.eq(sha256_hex(token)))
            .filter(invitations::accepted_at.is_null())
            .filter(invitations::expires_at.gt(now)),
    )
    .set(invitations::accepted_at.eq(now))
    .returning(invitations::client_user_id)
    .get_result(conn)
    .optional()
}

/// Revoking a contact also voids its outstanding links and invitations.
pub fn void_for_contacts(conn: &mut DbConn, client_user_ids: &[String]) -> QueryResult<()> {
    diesel::delete(
        magic_links::table
            .filter(magic_links::client_user_id.eq_any(client_user_ids))
            .filter(magic_links::used_at.is_null()),
    )
    .execute(conn)?;
    diesel::delete(
        invitations::table
            .filter(invitations::client_user_id.eq_any(client_user_ids))
            .filter(invitations::accepted_at.is_null()),
    )
    .execute(conn)?;
    Ok(())
}
