//! Portal sessions: rows keyed by the SHA-256 of the cookie's session key (DESIGN.md §4).

use super::clients::ClientRow;
use super::contacts::ContactRow;
use super::orgs::{portal_host, Org};
use super::schema::{client_users, clients, organizations, portal_sessions};
use super::DbConn;
use chrono::{NaiveDateTime, TimeDelta};
use diesel::dsl::{exists, not};
use diesel::prelude::*;

/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY: TimeDelta = TimeDelta::minutes(1);

/// What a portal request is made by: the live session, its contact, their client and organization.
pub struct Authenticated {
    pub session: SessionRow,
    pub contact: ContactRow,
    pub client: ClientRow,
    pub org: Org,
}

/// Which portal a request is for (`Host`) and how long sessions live.
pub struct PortalLookup<'a> {
    pub host: Option<&'a str>,
    pub default_slug: Option<&'a str>,
    pub now: NaiveDateTime,
    pub idle: TimeDelta,
}

/// The session whose key hashes to `key_hash`, with its contact, client and organization, in one
/// query — provided the session is within both expiries and the request's host is the portal of
/// the contact's organization. An expired session is deleted; a live one has `last_seen_at`
/// refreshed at most once a minute. `None` means "not signed in".
///
/// The portal's organization is the one whose `portal_domain` is the request's host, else the
/// configured default, else the oldest organization (as `orgs::for_portal`). It is decided with
/// `EXISTS` subqueries rather than `LIMIT 1` subselects: SQLite re-prepares a statement whose bound
/// `LIMIT` the planner read, so a `LIMIT ?` on this path would be parsed again on every request.
pub fn authenticate(
    conn: &mut DbConn,
    key_hash: &str,
    q: PortalLookup<'_>,
) -> QueryResult<Option<Authenticated>> {
    let others = diesel::alias!(organizations as portal_orgs);
    let domain = q.host.map(portal_host);
    let domain_taken = exists(
        others.filter(
            others
                .field(organizations::portal_domain)
                .eq(domain.clone().unwrap_or_default()),
        ),
    );
    let slug = q.default_slug.unwrap_or_default().to_owned();
    let slug_taken = exists(others.filter(others.field(organizations::slug).eq(slug.clone())));
    let is_oldest = not(exists(
        others.filter(
            others
                .field(organizations::created_at)
                .lt(organizations::created_at)
                .or(others
                    .field(organizations::created_at)
                    .eq(organizations::created_at)
                    .and(others.field(organizations::id).lt(organizations::id))),
        ),
    ));
    type Found = (SessionRow, ContactRow, ClientRow, Org, bool, bool, bool);
    let found: Option<Found> = portal_sessions::table
        .inner_join(client_users::table.inner_join(clients::table.inner_join(organizations::table)))
        .filter(portal_sessions::key_hash.eq(key_hash))
        .select((
            portal_sessions::all_columns,
            client_users::all_columns,
            clients::all_columns,
            organizations::all_columns,
            domain_taken,
            slug_taken,
            is_oldest,
        ))
        .get_result(conn)
        .optional()?;
    let Some((session, contact, client, org, domain_taken, slug_taken, is_oldest)) = found else {
        return Ok(None);
    };
    if session.expires_at <= q.now || session.last_seen_at + q.idle <= q.now {
        delete_by_key_hash(conn, key_hash)?;
        return Ok(None);
    }
    let is_portal_org = if domain.is_some() && domain_taken {
        org.portal_domain == domain
    } else if q.default_slug.is_some() && slug_taken {
        org.slug == slug
    } else {
        is_oldest
    };
    if !is_portal_org || org.id != contact.org_id || client.id != contact.client_id {
        return Ok(None);
    }
    if q.now - session.last_seen_at >= TOUCH_EVERY {
        touch(conn, &session.id, q.now)?;
    }
    Ok(Some(Authenticated {
        session,
        contact,
        client,
        org,
    }))
}

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
    /// Set on a staff member's read-only preview as this contact (`db::previews`).
    pub preview_id: Option<String>,
}

impl SessionRow {
    pub fn to_wire(&self, current_id: Option<&str>) -> shared_types::portal::SessionInfo {
        shared_types::portal::SessionInfo {
            id: self.id.clone(),
            created_at: self.created_at.and_utc(),
            last_seen_at: self.last_seen_at.and_utc(),
            expires_at: self.expires_at.and_utc(),
            user_agent: self.user_agent.clone(),
            ip: self.ip.clone(),
            current: current_id == Some(self.id.as_str()),
        }
    }
}

pub fn insert(conn: &mut DbConn, row: &SessionRow) -> QueryResult<()> {
    diesel::insert_into(portal_sessions::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn touch(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(portal_sessions::table.find(id))
        .set(portal_sessions::last_seen_at.eq(now))
        .execute(conn)?;
    Ok(())
}

pub fn delete_by_key_hash(conn: &mut DbConn, key_hash: &str) -> QueryResult<()> {
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
) -> QueryResult<Vec<SessionRow>> {
    portal_sessions::table
        .filter(portal_sessions::client_user_id.eq(client_user_id))
        // A staff member's preview is not one of the contact's devices.
        .filter(portal_sessions::preview_id.is_null())
        .filter(portal_sessions::last_seen_at.gt(idle_cutoff))
        .filter(portal_sessions::expires_at.gt(now))
        .order(portal_sessions::last_seen_at.desc())
        .load(conn)
}

/// Ends one session of a contact; returns false when it is not theirs or already gone.
pub fn delete_one(conn: &mut DbConn, client_user_id: &str, id: &str) -> QueryResult<bool> {
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
) -> QueryResult<i64> {
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
) -> QueryResult<usize> {
    diesel::delete(
        portal_sessions::table.filter(
            portal_sessions::last_seen_at
                .le(idle_cutoff)
                .or(portal_sessions::expires_at.le(now)),
        ),
    )
    .execute(conn)
}
