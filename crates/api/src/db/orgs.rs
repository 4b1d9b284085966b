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
    /// Storage keys of the logo and favicon (PNGs Atrium drew; see `domain::branding`).
    pub logo_key: Option<String>,
    pub favicon_key: Option<String>,
    pub portal_title: String,
    pub email_from_name: String,
    pub email_reply_to: Option<String>,
    pub portal_domain_verified_at: Option<NaiveDateTime>,
}

/// A branding image of an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asset {
    Logo,
    Favicon,
}

impl Asset {
    pub fn name(self) -> &'static str {
        match self {
            Asset::Logo => "logo",
            Asset::Favicon => "favicon",
        }
    }
}

impl Org {
    pub fn asset_key(&self, asset: Asset) -> Option<&str> {
        match asset {
            Asset::Logo => self.logo_key.as_deref(),
            Asset::Favicon => self.favicon_key.as_deref(),
        }
    }

    /// Where the portal serves a stored branding image: a path (relative to any of the
    /// organization's hosts) that changes with each upload, so it may be cached for good.
    pub fn asset_path(&self, asset: Asset) -> Option<String> {
        let key = self.asset_key(asset)?;
        let file = key.rsplit('/').next().unwrap_or(key);
        Some(format!("/portal/api/branding/{}/{file}", self.id))
    }

    pub fn branding(&self) -> Branding {
        Branding {
            display_name: self.display_name.clone(),
            logo_url: self
                .asset_path(Asset::Logo)
                .or_else(|| self.logo_url.clone()),
            accent_color: self.accent_color.clone(),
            portal_title: if self.portal_title.is_empty() {
                self.display_name.clone()
            } else {
                self.portal_title.clone()
            },
            favicon_url: self.asset_path(Asset::Favicon),
        }
    }

    /// The origin of this organization's portal, for links that leave Atrium (emails): its own
    /// domain once verified (same scheme and port as the instance), else the instance's.
    pub fn portal_origin(&self, public_origin: &str) -> String {
        let public_origin = public_origin.trim_end_matches('/');
        match (&self.portal_domain, self.portal_domain_verified_at) {
            (Some(domain), Some(_)) => origin_on(public_origin, domain),
            _ => public_origin.to_owned(),
        }
    }

    /// The name emails come from.
    pub fn sender_name(&self) -> &str {
        if self.email_from_name.is_empty() {
            &self.display_name
        } else {
            &self.email_from_name
        }
    }
}

/// `public_origin` with its host replaced by `host` (scheme and port kept).
pub fn origin_on(public_origin: &str, host: &str) -> String {
    let (scheme, rest) = public_origin
        .split_once("://")
        .unwrap_or(("https", public_origin));
    let port = rest
        .rsplit_once(':')
        .filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit()) && !rest.ends_with(']'))
        .map(|(_, p)| format!(":{p}"))
        .unwrap_or_default();
    format!("{scheme}://{host}{port}")
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

pub fn by_portal_domain(conn: &mut DbConn, domain: &str) -> QueryResult<Option<Org>> {
    organizations::table
        .filter(organizations::portal_domain.eq(domain))
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
