//! Organizations (tenants) and their branding.

use super::schema::organizations;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared_types::portal::Branding;

use super::DbConn;

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = organizations)]
pub struct Org {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub display_name: String,
    pub logo_url: Option<String>,
    pub accent_color: String,
    pub portal_domain: Option<String>,
    pub created_at: NaiveDateTime,
    /// Bytes of stored files allowed; `None` uses `ATRIUM_STORAGE_QUOTA_BYTES`.
    pub storage_quota_bytes: Option<i64>,
}

impl Org {
    pub fn branding(&self) -> Branding {
        Branding {
            display_name: self.display_name.clone(),
            logo_url: self.logo_url.clone(),
            accent_color: self.accent_color.clone(),
        }
    }
}

pub fn insert(conn: &mut DbConn, org: &Org) -> QueryResult<()> {
    diesel::insert_into(organizations::table)
        .values(org)
        .execute(conn)?;
    Ok(())
}

pub fn by_id(conn: &mut DbConn, id: &str) -> QueryResult<Org> {
    organizations::table.find(id).get_result(conn)
}

pub fn by_slug(conn: &mut DbConn, slug: &str) -> QueryResult<Option<Org>> {
    organizations::table
        .filter(organizations::slug.eq(slug))
        .get_result(conn)
        .optional()
}

pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    organizations::table.count().get_result(conn)
}

/// A request's `Host` as stored in `portal_domain`: lower case, without the port.
pub fn portal_host(host: &str) -> String {
    host.split(':').next().unwrap_or(host).to_ascii_lowercase()
}

/// The organization a portal request belongs to: the one whose `portal_domain` is the request's
/// host, else the configured default, else the oldest organization.
pub fn for_portal(
    conn: &mut DbConn,
    host: Option<&str>,
    default_slug: Option<&str>,
) -> QueryResult<Option<Org>> {
    if let Some(host) = host {
        let host = portal_host(host);
        let by_domain = organizations::table
            .filter(organizations::portal_domain.eq(host))
            .get_result(conn)
            .optional()?;
        if by_domain.is_some() {
            return Ok(by_domain);
        }
    }
    if let Some(slug) = default_slug {
        if let Some(org) = by_slug(conn, slug)? {
            return Ok(Some(org));
        }
    }
    organizations::table
        .order((organizations::created_at.asc(), organizations::id.asc()))
        .first(conn)
        .optional()
}
