//! Milestones of a project. Staff functions take `org_id` and the project id from the path, so a
//! milestone is only found through its own project of the caller's organization.

use super::schema::milestones;
use super::{stages, DbConn};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared_types::projects::{Milestone, PortalMilestone};
use shared_types::WorkStatus;

#[derive(Debug, Clone, Queryable, Insertable, AsChangeset)]
#[diesel(table_name = milestones, treat_none_as_null = true)]
pub struct MilestoneRow {
    pub id: String,
    pub org_id: String,
    pub client_id: String,
    pub project_id: String,
    pub title: String,
    pub description: String,
    pub stage_id: Option<String>,
    pub client_status: WorkStatus,
    pub deadline: Option<NaiveDate>,
    pub position: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl MilestoneRow {
    pub fn client_status(&self) -> WorkStatus {
        self.client_status
    }

    pub fn to_portal(&self) -> PortalMilestone {
        PortalMilestone {
            id: self.id.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            status: self.client_status(),
            deadline: self.deadline,
        }
    }
}

/// The staff view of `rows` (all of `org_id`), with stage names.
pub fn to_wire(
    conn: &mut DbConn,
    org_id: &str,
    rows: &[MilestoneRow],
) -> QueryResult<Vec<Milestone>> {
    let stage_ids: Vec<String> = rows.iter().filter_map(|r| r.stage_id.clone()).collect();
    let names = stages::names(conn, org_id, &stage_ids)?;
    Ok(rows
        .iter()
        .map(|r| Milestone {
            id: r.id.clone(),
            project_id: r.project_id.clone(),
            title: r.title.clone(),
            description: r.description.clone(),
            stage_id: r.stage_id.clone(),
            stage_name: r.stage_id.as_ref().and_then(|s| names.get(s).cloned()),
            client_status: r.client_status(),
            deadline: r.deadline,
            position: r.position,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        })
        .collect())
}

pub fn one_to_wire(conn: &mut DbConn, row: &MilestoneRow) -> QueryResult<Milestone> {
    to_wire(conn, &row.org_id, std::slice::from_ref(row))?
        .pop()
        .ok_or(diesel::result::Error::NotFound)
}

pub fn list(conn: &mut DbConn, org_id: &str, project_id: &str) -> QueryResult<Vec<MilestoneRow>> {
    milestones::table
        .filter(milestones::org_id.eq(org_id))
        .filter(milestones::project_id.eq(project_id))
        .order((milestones::position.asc(), milestones::id.asc()))
        .load(conn)
}

/// A project's milestones for the portal, through the client-leading index.
pub fn list_for_client(
    conn: &mut DbConn,
    client_id: &str,
    project_id: &str,
) -> QueryResult<Vec<MilestoneRow>> {
    milestones::table
        .filter(milestones::client_id.eq(client_id))
        .filter(milestones::project_id.eq(project_id))
        .order((milestones::position.asc(), milestones::id.asc()))
        .load(conn)
}

pub fn get(
    conn: &mut DbConn,
    org_id: &str,
    project_id: &str,
    id: &str,
) -> QueryResult<MilestoneRow> {
    milestones::table
        .filter(milestones::org_id.eq(org_id))
        .filter(milestones::project_id.eq(project_id))
        .filter(milestones::id.eq(id))
        .get_result(conn)
}

pub fn next_position(conn: &mut DbConn, org_id: &str, project_id: &str) -> QueryResult<i32> {
    let max: Option<i32> = milestones::table
        .filter(milestones::org_id.eq(org_id))
        .filter(milestones::project_id.eq(project_id))
        .select(diesel::dsl::max(milestones::position))
        .get_result(conn)?;
    Ok(max.map_or(0, |m| m.saturating_add(1)))
}

org_rows!(milestones: MilestoneRow, without get);

/// Deletes the milestone; its tasks stay in the project without a milestone.
pub fn delete(conn: &mut DbConn, row: &MilestoneRow) -> QueryResult<()> {
    super::tasks::detach_milestone(conn, &row.org_id, &row.id)?;
    diesel::delete(
        milestones::table
            .filter(milestones::org_id.eq(&row.org_id))
            .filter(milestones::id.eq(&row.id)),
    )
    .execute(conn)?;
    Ok(())
}
