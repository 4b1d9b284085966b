//! Client contacts (portal users): each belongs to one client of one organization.

use super::clients::ClientRow;

use super::schema::{client_users, clients};
use super::DbConn;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared_types::portal::Permissions;
use shared_types::staff::{Contact, PermissionOverrides};
use shared_types::ContactStatus;

#[derive(Debug, Clone, Queryable, Insertable, AsChangeset)]
#[diesel(table_name = client_users, treat_none_as_null = true)]
pub struct ContactRow {
    pub id: String,
    pub org_id: String,
    pub client_id: String,
    pub email: String,
    pub name: String,
    pub phone: Option<String>,
    pub status: ContactStatus,
    pub password_hash: Option<String>,
    pub can_view_invoices: Option<bool>,
    pub can_approve_work: Option<bool>,
    pub can_add_comments: Option<bool>,
    pub can_submit_requests: Option<bool>,
    pub invited_at: Option<NaiveDateTime>,
    pub last_sign_in_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl ContactRow {
    pub fn status(&self) -> ContactStatus {
        self.status
    }

    pub fn overrides(&self) -> PermissionOverrides {
        PermissionOverrides {
            can_view_invoices: self.can_view_invoices,
            can_approve_work: self.can_approve_work,
            can_add_comments: self.can_add_comments,
            can_submit_requests: self.can_submit_requests,
        }
    }

    pub fn set_overrides(&mut self, o: PermissionOverrides) {
        self.can_view_invoices = o.can_view_invoices;
        self.can_approve_work = o.can_approve_work;
        self.can_add_comments = o.can_add_comments;
        self.can_submit_requests = o.can_submit_requests;
    }

    pub fn permissions(&self, client: &ClientRow) -> Permissions {
        self.overrides().resolve(client.default_permissions())
    }

    pub fn to_wire(&self, client: &ClientRow) -> Contact {
        Contact {
            id: self.id.clone(),
            client_id: self.client_id.clone(),
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            status: self.status(),
            permission_overrides: self.overrides(),
            permissions: self.permissions(client),
            last_sign_in_at: self.last_sign_in_at.map(|t| t.and_utc()),
            invited_at: self.invited_at.map(|t| t.and_utc()),
            created_at: self.created_at.and_utc(),
        }
    }
}

org_rows!(client_users: ContactRow, without get);

/// A contact of `client_id` in `org_id`.
pub fn get(conn: &mut DbConn, org_id: &str, client_id: &str, id: &str) -> QueryResult<ContactRow> {
    client_users::table
        .filter(client_users::org_id.eq(org_id))
        .filter(client_users::client_id.eq(client_id))
        .filter(client_users::id.eq(id))
        .get_result(conn)
}

pub fn list(conn: &mut DbConn, org_id: &str, client_id: &str) -> QueryResult<Vec<ContactRow>> {
    client_users::table
        .filter(client_users::org_id.eq(org_id))
        .filter(client_users::client_id.eq(client_id))
        .order((client_users::name.asc(), client_users::id.asc()))
        .load(conn)
}

/// The contact with this (normalised) email in the organization, with its client.
pub fn by_email(
    conn: &mut DbConn,
    org_id: &str,
    email: &str,
) -> QueryResult<Option<(ContactRow, ClientRow)>> {
    client_users::table
        .inner_join(clients::table)
        .filter(client_users::org_id.eq(org_id))
        .filter(client_users::email.eq(email))
        .get_result(conn)
        .optional()
}

/// The contact and client behind a portal session, by contact id.
pub fn with_client(conn: &mut DbConn, id: &str) -> QueryResult<Option<(ContactRow, ClientRow)>> {
    client_users::table
        .inner_join(clients::table)
        .filter(client_users::id.eq(id))
        .get_result(conn)
        .optional()
}

/// Whether this contact may use the portal now: an active contact (invited contacts first accept
/// their invitation) of an active client whose portal access is on.
pub fn may_sign_in(contact: &ContactRow, client: &ClientRow) -> bool {
    contact.status() == ContactStatus::Active && client_portal_open(client)
}

/// Whether staff may preview the portal as this contact: as `may_sign_in`, or invited and not
/// yet joined (checking what they will see before the link goes out).
pub fn may_be_previewed(contact: &ContactRow, client: &ClientRow) -> bool {
    contact.status() != ContactStatus::Revoked && client_portal_open(client)
}

pub fn client_portal_open(client: &ClientRow) -> bool {
    client.portal_enabled && client.status() == shared_types::ClientStatus::Active
}

pub fn ids_of_client(conn: &mut DbConn, client_id: &str) -> QueryResult<Vec<String>> {
    client_users::table
        .filter(client_users::client_id.eq(client_id))
        .select(client_users::id)
        .load(conn)
}
