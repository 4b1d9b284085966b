//! The organization's API keys: created by a member, exchanged for access tokens, revoked one by
//! one or all of a member's at once.

use crate::crypto::{random_token, sha256_hex};
use crate::db::schema::api_keys;
use crate::db::{new_id, DbConn};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared_types::StaffRole;

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = api_keys)]
pub struct ApiKeyRow {
    pub id: String,
    pub org_id: String,
    pub name: String,
    pub role: StaffRole,
    pub prefix: String,
    pub secret_hash: String,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

impl ApiKeyRow {
    pub fn to_wire(&self) -> shared_types::staff::ApiKey {
        shared_types::staff::ApiKey {
            id: self.id.clone(),
            name: self.name.clone(),
            role: self.role,
            prefix: self.prefix.clone(),
            created_at: self.created_at.and_utc(),
            last_used_at: self.last_used_at.map(|t| t.and_utc()),
            revoked_at: self.revoked_at.map(|t| t.and_utc()),
        }
    }
}

/// Creates a key and returns the row with the secret, which is stored only as its hash.
pub fn create_api_key(
    conn: &mut DbConn,
    org_id: &str,
    name: &str,
    role: StaffRole,
    created_by: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<(ApiKeyRow, String)> {
    let secret = format!("atr_{}", random_token());
    let row = ApiKeyRow {
        id: new_id(),
        org_id: org_id.to_owned(),
        name: name.to_owned(),
        role,
        prefix: secret.chars().take(10).collect(),
        secret_hash: sha256_hex(&secret),
        created_by: created_by.map(str::to_owned),
        created_at: now,
        last_used_at: None,
        revoked_at: None,
    };
    diesel::insert_into(api_keys::table)
        .values(&row)
        .execute(conn)?;
    Ok((row, secret))
}

pub fn list_api_keys(conn: &mut DbConn, org_id: &str) -> QueryResult<Vec<ApiKeyRow>> {
    api_keys::table
        .filter(api_keys::org_id.eq(org_id))
        .order((api_keys::created_at.desc(), api_keys::id.desc()))
        .load(conn)
}

pub fn api_key_by_id(conn: &mut DbConn, id: &str) -> QueryResult<Option<ApiKeyRow>> {
    api_keys::table.find(id).get_result(conn).optional()
}

/// Revokes a key of `org_id`; another organization's key is "not found".
pub fn revoke_api_key(
    conn: &mut DbConn,
    org_id: &str,
    id: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let n = diesel::update(
        api_keys::table
            .filter(api_keys::org_id.eq(org_id))
            .filter(api_keys::id.eq(id)),
    )
    .set(api_keys::revoked_at.eq(now))
    .execute(conn)?;
    if n == 0 {
        return Err(diesel::result::Error::NotFound);
    }
    Ok(())
}

/// The live key whose secret this is, marking it used.
pub fn use_api_key(
    conn: &mut DbConn,
    secret: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<ApiKeyRow>> {
    let row: Option<ApiKeyRow> = api_keys::table
        .filter(api_keys::secret_hash.eq(sha256_hex(secret)))
        .filter(api_keys::revoked_at.is_null())
        .get_result(conn)
        .optional()?;
    if let Some(row) = &row {
        diesel::update(api_keys::table.find(&row.id))
            .set(api_keys::last_used_at.eq(now))
            .execute(conn)?;
    }
    Ok(row)
}

/// Revokes the API keys a member created. Returns how many.
pub fn revoke_keys_of(
    conn: &mut DbConn,
    staff_user_id: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        api_keys::table
            .filter(api_keys::created_by.eq(staff_user_id))
            .filter(api_keys::revoked_at.is_null()),
    )
    .set(api_keys::revoked_at.eq(now))
    .execute(conn)
}
