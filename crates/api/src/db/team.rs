//! Who works with a client: account managers of a client, managers and assignees of a project,
//! and the check that ids named in a request are live staff of the caller's organization.

use super::schema::{client_managers, project_managers, staff_users};
use super::{tasks, DbConn};
use diesel::prelude::*;
use shared_types::projects::TeamMember;
use std::collections::HashSet;

pub const ACCOUNT_MANAGER: &str = "Account manager";
pub const PROJECT_MANAGER: &str = "Project manager";
pub const TEAM: &str = "Team";

/// `ids` without repeats, in first-seen order.
pub fn dedup(ids: &[String]) -> Vec<String> {
    let mut seen = HashSet::new();
    ids.iter()
        .filter(|id| seen.insert(id.as_str()))
        .cloned()
        .collect()
}

/// Whether every id is an active staff user of `org_id`.
pub fn all_active_staff(conn: &mut DbConn, org_id: &str, ids: &[String]) -> QueryResult<bool> {
    let ids = dedup(ids);
    if ids.is_empty() {
        return Ok(true);
    }
    let found: i64 = staff_users::table
        .filter(staff_users::org_id.eq(org_id))
        .filter(staff_users::active.eq(true))
        .filter(staff_users::id.eq_any(&ids))
        .count()
        .get_result(conn)?;
    Ok(found == ids.len() as i64)
}

pub fn client_manager_ids(conn: &mut DbConn, client_id: &str) -> QueryResult<Vec<String>> {
    client_managers::table
        .filter(client_managers::client_id.eq(client_id))
        .select(client_managers::staff_user_id)
        .order(client_managers::staff_user_id.asc())
        .load(conn)
}

/// Replaces the client's account managers (ids already checked).
pub fn set_client_managers(
    conn: &mut DbConn,
    client_id: &str,
    staff_ids: &[String],
) -> QueryResult<()> {
    diesel::delete(client_managers::table.filter(client_managers::client_id.eq(client_id)))
        .execute(conn)?;
    for staff_id in staff_ids {
        diesel::insert_into(client_managers::table)
            .values((
                client_managers::client_id.eq(client_id),
                client_managers::staff_user_id.eq(staff_id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

type Contact = (String, String, Option<String>);

fn member((name, email, phone): Contact, role: &str) -> TeamMember {
    TeamMember {
        name,
        email,
        phone,
        role_label: role.to_owned(),
    }
}

/// The client's active account managers, by name.
pub fn account_managers(
    conn: &mut DbConn,
    org_id: &str,
    client_id: &str,
) -> QueryResult<Vec<TeamMember>> {
    let rows: Vec<Contact> = client_managers::table
        .inner_join(staff_users::table)
        .filter(client_managers::client_id.eq(client_id))
        .filter(staff_users::org_id.eq(org_id))
        .filter(staff_users::active.eq(true))
        .order((staff_users::name.asc(), staff_users::id.asc()))
        .select((staff_users::name, staff_users::email, staff_users::phone))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|c| member(c, ACCOUNT_MANAGER))
        .collect())
}

/// A project's team for the portal: its managers, then the other people assigned to its tasks.
/// Each person appears once, under their most senior role.
pub fn project_team(
    conn: &mut DbConn,
    org_id: &str,
    client_id: &str,
    project_id: &str,
) -> QueryResult<Vec<TeamMember>> {
    let managers: Vec<(String, Contact)> = project_managers::table
        .inner_join(staff_users::table)
        .filter(project_managers::project_id.eq(project_id))
        .filter(staff_users::org_id.eq(org_id))
        .filter(staff_users::active.eq(true))
        .order((staff_users::name.asc(), staff_users::id.asc()))
        .select((
            staff_users::id,
            (staff_users::name, staff_users::email, staff_users::phone),
        ))
        .load(conn)?;
    let manager_ids: HashSet<String> = managers.iter().map(|(id, _)| id.clone()).collect();
    let others: Vec<String> = tasks::assignee_ids(conn, client_id, project_id)?
        .into_iter()
        .filter(|id| !manager_ids.contains(id))
        .collect();
    let assignees: Vec<Contact> = if others.is_empty() {
        Vec::new()
    } else {
        staff_users::table
            .filter(staff_users::org_id.eq(org_id))
            .filter(staff_users::active.eq(true))
            .filter(staff_users::id.eq_any(&others))
            .order((staff_users::name.asc(), staff_users::id.asc()))
            .select((staff_users::name, staff_users::email, staff_users::phone))
            .load(conn)?
    };
    Ok(managers
        .into_iter()
        .map(|(_, c)| member(c, PROJECT_MANAGER))
        .chain(assignees.into_iter().map(|c| member(c, TEAM)))
        .collect())
}
