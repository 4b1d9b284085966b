//! Staff previews of the portal as a contact: a single-use link that opens a read-only session.

use super::schema::{portal_previews, staff_users};
use super::DbConn;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = portal_previews)]
pub struct PreviewRow {
    pub id: String,
    pub org_id: String,
    pub staff_user_id: String,
    pub client_user_id: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConn, row: &PreviewRow) -> QueryResult<()> {
    diesel::insert_into(portal_previews::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Uses the preview link whose token hashes to `token_hash`, once, within its expiry.
pub fn redeem(
    conn: &mut DbConn,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<PreviewRow>> {
    diesel::update(
        portal_previews::table
            .filter(portal_previews::token_hash.eq(token_hash))
            .filter(portal_previews::used_at.is_null())
            .filter(portal_previews::expires_at.gt(now)),
    )
    .set(portal_previews::used_at.eq(now))
    .get_result(conn)
    .optional()
}

/// The name of the staff member behind a preview, and when the preview was opened.
pub fn opened_by(
    conn: &mut DbConn,
    preview_id: &str,
) -> QueryResult<Option<(String, Option<NaiveDateTime>)>> {
    portal_previews::table
        .inner_join(staff_users::table.on(staff_users::id.eq(portal_previews::staff_user_id)))
        .filter(portal_previews::id.eq(preview_id))
        .select((staff_users::name, portal_previews::used_at))
        .get_result(conn)
        .optional()
}
