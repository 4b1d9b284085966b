//! Client companies of an organization. Every function takes the caller's `org_id`: a client of
//! another organization is indistinguishable from one that does not exist.

use super::schema::{client_users, clients};
use super::DbConn;
use crate::cursor;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared_types::portal::Permissions;
use shared_types::staff::Client;
use shared_types::ClientStatus;
use std::collections::HashMap;

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

#[derive(Debug, Clone, Queryable, Insertable, AsChangeset)]
#[diesel(table_name = clients)]
pub struct ClientRow {
    pub id: String,
    pub org_id: String,
    pub name: String,
    pub status: ClientStatus,
    pub portal_enabled: bool,
    pub can_view_invoices: bool,
    pub can_approve_work: bool,
    pub can_add_comments: bool,
    pub can_submit_requests: bool,
    pub show_team_members: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl ClientRow {
    pub fn default_permissions(&self) -> Permissions {
        Permissions {
            can_view_invoices: self.can_view_invoices,
            can_approve_work: self.can_approve_work,
            can_add_comments: self.can_add_comments,
            can_submit_requests: self.can_submit_requests,
        }
    }

    pub fn set_default_permissions(&mut self, p: Permissions) {
        self.can_view_invoices = p.can_view_invoices;
        self.can_approve_work = p.can_approve_work;
        self.can_add_comments = p.can_add_comments;
        self.can_submit_requests = p.can_submit_requests;
    }

    pub fn status(&self) -> ClientStatus {
        self.status
    }

    pub fn to_wire(&self, contact_count: i64) -> Client {
        Client {
            id: self.id.clone(),
            name: self.name.clone(),
            status: self.status(),
            portal_enabled: self.portal_enabled,
            default_permissions: self.default_permissions(),
            show_team_members: self.show_team_members,
            contact_count,
            created_at: self.created_at.and_utc(),
        }
    }
}

org_rows!(clients: ClientRow);

pub fn contact_counts(
    conn: &mut DbConn,
    client_ids: &[String],
) -> QueryResult<HashMap<String, i64>> {
    let rows: Vec<(String, i64)> = client_users::table
        .filter(client_users::client_id.eq_any(client_ids))
        .group_by(client_users::client_id)
        .select((client_users::client_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

pub struct ListQuery<'a> {
    pub org_id: &'a str,
    pub search: Option<&'a str>,
    pub status: Option<ClientStatus>,
    /// The position after which the page starts (decoded by `cursor::after_name`).
    pub cursor: Option<(String, String)>,
    pub limit: i64,
}

/// One page of clients ordered by name then id, and the cursor of the next page.
pub fn list(conn: &mut DbConn, q: ListQuery<'_>) -> QueryResult<(Vec<ClientRow>, Option<String>)> {
    let mut query = clients::table
        .filter(clients::org_id.eq(q.org_id))
        .into_boxed();
    if let Some(status) = q.status {
        query = query.filter(clients::status.eq(status));
    }
    if let Some(search) = q.search.map(str::trim).filter(|s| !s.is_empty()) {
        let escaped = search
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        query = query.filter(
            lower(clients::name)
                .like(format!("%{escaped}%"))
                .escape('\\'),
        );
    }
    if let Some((name, id)) = q.cursor {
        query = query.filter(
            clients::name
                .gt(name.clone())
                .or(clients::name.eq(name).and(clients::id.gt(id))),
        );
    }
    let mut rows: Vec<ClientRow> = query
        .order((clients::name.asc(), clients::id.asc()))
        .limit(q.limit + 1)
        .load(conn)?;
    let next = if rows.len() as i64 > q.limit {
        rows.truncate(q.limit as usize);
        rows.last().map(|r| cursor::encode(&r.name, &r.id))
    } else {
        None
    };
    Ok((rows, next))
}
