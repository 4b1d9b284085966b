//! Projects and their managers. Staff functions take the caller's `org_id`, portal functions the
//! session's `client_id`: another tenant's project is indistinguishable from a missing one.

use super::limit::LimitLiteralDsl;
use super::schema::{clients, milestones, project_managers, projects};
use super::{stages, DbConn};
use crate::cursor;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared_types::projects::{Progress, Project};
use shared_types::WorkStatus;
use std::collections::HashMap;

#[derive(Debug, Clone, Queryable, Insertable, AsChangeset)]
#[diesel(table_name = projects, treat_none_as_null = true)]
pub struct ProjectRow {
    pub id: String,
    pub org_id: String,
    pub client_id: String,
    pub name: String,
    pub description: String,
    pub stage_id: Option<String>,
    pub client_status: WorkStatus,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub archived_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl ProjectRow {
    pub fn client_status(&self) -> WorkStatus {
        self.client_status
    }
}

org_rows!(projects: ProjectRow);

/// Marks the project as changed (a milestone or task of it changed), so lists sort it first.
pub fn touch(conn: &mut DbConn, org_id: &str, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        projects::table
            .filter(projects::org_id.eq(org_id))
            .filter(projects::id.eq(id)),
    )
    .set(projects::updated_at.eq(now))
    .execute(conn)?;
    Ok(())
}

/// Replaces the project's managers (ids already checked to be staff of its organization).
pub fn set_managers(conn: &mut DbConn, project_id: &str, staff_ids: &[String]) -> QueryResult<()> {
    diesel::delete(project_managers::table.filter(project_managers::project_id.eq(project_id)))
        .execute(conn)?;
    for staff_id in staff_ids {
        diesel::insert_into(project_managers::table)
            .values((
                project_managers::project_id.eq(project_id),
                project_managers::staff_user_id.eq(staff_id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Manager ids of each project, sorted.
pub fn managers_of(
    conn: &mut DbConn,
    project_ids: &[String],
) -> QueryResult<HashMap<String, Vec<String>>> {
    let rows: Vec<(String, String)> = project_managers::table
        .filter(project_managers::project_id.eq_any(project_ids))
        .order((
            project_managers::project_id.asc(),
            project_managers::staff_user_id.asc(),
        ))
        .load(conn)?;
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (project, staff) in rows {
        out.entry(project).or_default().push(staff);
    }
    Ok(out)
}

/// The staff view of `rows` (all of `org_id`), with client and stage names and managers.
pub fn to_wire(conn: &mut DbConn, org_id: &str, rows: &[ProjectRow]) -> QueryResult<Vec<Project>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let client_ids: Vec<String> = rows.iter().map(|r| r.client_id.clone()).collect();
    let stage_ids: Vec<String> = rows.iter().filter_map(|r| r.stage_id.clone()).collect();
    let client_names: HashMap<String, String> = clients::table
        .filter(clients::org_id.eq(org_id))
        .filter(clients::id.eq_any(&client_ids))
        .select((clients::id, clients::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let stage_names = stages::names(conn, org_id, &stage_ids)?;
    let mut managers = managers_of(conn, &ids)?;
    Ok(rows
        .iter()
        .map(|r| Project {
            id: r.id.clone(),
            client_id: r.client_id.clone(),
            client_name: client_names.get(&r.client_id).cloned().unwrap_or_default(),
            name: r.name.clone(),
            description: r.description.clone(),
            stage_id: r.stage_id.clone(),
            stage_name: r
                .stage_id
                .as_ref()
                .and_then(|s| stage_names.get(s).cloned()),
            client_status: r.client_status(),
            start_date: r.start_date,
            due_date: r.due_date,
            manager_ids: managers.remove(&r.id).unwrap_or_default(),
            archived: r.archived_at.is_some(),
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        })
        .collect())
}

pub fn one_to_wire(conn: &mut DbConn, row: &ProjectRow) -> QueryResult<Project> {
    to_wire(conn, &row.org_id, std::slice::from_ref(row))?
        .pop()
        .ok_or(diesel::result::Error::NotFound)
}

pub struct ListQuery<'a> {
    pub org_id: &'a str,
    pub client_id: Option<&'a str>,
    pub archived: Option<bool>,
    /// The position after which the page starts (decoded by `cursor::after_time`).
    pub cursor: Option<(chrono::NaiveDateTime, String)>,
    pub limit: i64,
}

/// One page of the organization's projects, most recently updated first.
pub fn list(conn: &mut DbConn, q: ListQuery<'_>) -> QueryResult<(Vec<ProjectRow>, Option<String>)> {
    let mut query = projects::table
        .filter(projects::org_id.eq(q.org_id))
        .into_boxed();
    if let Some(client_id) = q.client_id {
        query = query.filter(projects::client_id.eq(client_id));
    }
    match q.archived {
        Some(true) => query = query.filter(projects::archived_at.is_not_null()),
        Some(false) => query = query.filter(projects::archived_at.is_null()),
        None => {}
    }
    if let Some((at, id)) = q.cursor {
        query = query.filter(
            projects::updated_at
                .lt(at)
                .or(projects::updated_at.eq(at).and(projects::id.lt(id))),
        );
    }
    let rows = query
        .order((projects::updated_at.desc(), projects::id.desc()))
        .limit(q.limit + 1)
        .load(conn)?;
    Ok(paged(rows, q.limit))
}

/// One page of a client's live (non-archived) projects, most recently updated first.
pub fn list_for_client(
    conn: &mut DbConn,
    client_id: &str,
    cursor: Option<(chrono::NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<(Vec<ProjectRow>, Option<String>)> {
    let mut query = projects::table
        .filter(projects::client_id.eq(client_id))
        .filter(projects::archived_at.is_null())
        .into_boxed();
    if let Some((at, id)) = cursor {
        query = query.filter(
            projects::updated_at
                .lt(at)
                .or(projects::updated_at.eq(at).and(projects::id.lt(id))),
        );
    }
    let rows = query
        .order((projects::updated_at.desc(), projects::id.desc()))
        .limit_literal(limit + 1)
        .load(conn)?;
    Ok(paged(rows, limit))
}

/// A live project of `client_id`.
pub fn get_for_client(conn: &mut DbConn, client_id: &str, id: &str) -> QueryResult<ProjectRow> {
    projects::table
        .filter(projects::client_id.eq(client_id))
        .filter(projects::id.eq(id))
        .filter(projects::archived_at.is_null())
        .get_result(conn)
}

/// Progress of each of `projects` (all of `client_id`), from its milestones' client statuses.
pub fn progress(
    conn: &mut DbConn,
    client_id: &str,
    projects: &[ProjectRow],
) -> QueryResult<HashMap<String, Progress>> {
    // The page's projects are those updated within [oldest, newest] of the page: filtering by that
    // window (not by an `IN` list of ids, whose SQL changes with the page's length) keeps the
    // statement cached; a project of the window that is not on the page is simply not looked up.
    let (Some(oldest), Some(newest)) = (
        projects.iter().map(|p| p.updated_at).min(),
        projects.iter().map(|p| p.updated_at).max(),
    ) else {
        return Ok(HashMap::new());
    };
    let rows: Vec<(String, WorkStatus, i64)> = milestones::table
        .inner_join(projects::table)
        .filter(milestones::client_id.eq(client_id))
        .filter(projects::client_id.eq(client_id))
        .filter(projects::updated_at.ge(oldest))
        .filter(projects::updated_at.le(newest))
        .group_by((milestones::project_id, milestones::client_status))
        .select((
            milestones::project_id,
            milestones::client_status,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    let mut counts: HashMap<String, (i64, i64)> = HashMap::new();
    for (project, status, n) in rows {
        let entry = counts.entry(project).or_default();
        if status.is_done() {
            entry.0 += n;
        }
        entry.1 += n;
    }
    Ok(projects
        .iter()
        .map(|p| {
            let (done, total) = counts.get(&p.id).copied().unwrap_or_default();
            (
                p.id.clone(),
                Progress::compute(p.client_status(), done, total),
            )
        })
        .collect())
}

fn paged(mut rows: Vec<ProjectRow>, limit: i64) -> (Vec<ProjectRow>, Option<String>) {
    if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        let next = rows
            .last()
            .map(|r| cursor::encode_time(r.updated_at, &r.id));
        (rows, next)
    } else {
        (rows, None)
    }
}
