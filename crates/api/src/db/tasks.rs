//! Internal tasks of a project. Clients never see a task, only (optionally) who works on them.

use super::schema::tasks;
use super::DbConn;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared_types::projects::Task;
use shared_types::TaskStatus;

#[derive(Debug, Clone, Queryable, Insertable, AsChangeset)]
#[diesel(table_name = tasks, treat_none_as_null = true)]
pub struct TaskRow {
    pub id: String,
    pub org_id: String,
    pub client_id: String,
    pub project_id: String,
    pub milestone_id: Option<String>,
    pub title: String,
    pub assignee_id: Option<String>,
    pub status: TaskStatus,
    pub due_date: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl TaskRow {
    pub fn to_wire(&self) -> Task {
        Task {
            id: self.id.clone(),
            project_id: self.project_id.clone(),
            milestone_id: self.milestone_id.clone(),
            title: self.title.clone(),
            assignee_id: self.assignee_id.clone(),
            status: self.status,
            due_date: self.due_date,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        }
    }
}

pub fn list(conn: &mut DbConn, org_id: &str, project_id: &str) -> QueryResult<Vec<TaskRow>> {
    tasks::table
        .filter(tasks::org_id.eq(org_id))
        .filter(tasks::project_id.eq(project_id))
        .order((tasks::created_at.asc(), tasks::id.asc()))
        .load(conn)
}

pub fn get(conn: &mut DbConn, org_id: &str, project_id: &str, id: &str) -> QueryResult<TaskRow> {
    tasks::table
        .filter(tasks::org_id.eq(org_id))
        .filter(tasks::project_id.eq(project_id))
        .filter(tasks::id.eq(id))
        .get_result(conn)
}

org_rows!(tasks: TaskRow, without get);

pub fn delete(conn: &mut DbConn, row: &TaskRow) -> QueryResult<()> {
    diesel::delete(
        tasks::table
            .filter(tasks::org_id.eq(&row.org_id))
            .filter(tasks::id.eq(&row.id)),
    )
    .execute(conn)?;
    Ok(())
}

/// Tasks of a deleted milestone stay in the project.
pub fn detach_milestone(conn: &mut DbConn, org_id: &str, milestone_id: &str) -> QueryResult<()> {
    diesel::update(
        tasks::table
            .filter(tasks::org_id.eq(org_id))
            .filter(tasks::milestone_id.eq(milestone_id)),
    )
    .set(tasks::milestone_id.eq(None::<String>))
    .execute(conn)?;
    Ok(())
}

/// Distinct assignees of a client's project (portal team), via the client-leading index.
pub fn assignee_ids(
    conn: &mut DbConn,
    client_id: &str,
    project_id: &str,
) -> QueryResult<Vec<String>> {
    tasks::table
        .filter(tasks::client_id.eq(client_id))
        .filter(tasks::project_id.eq(project_id))
        .filter(tasks::assignee_id.is_not_null())
        .select(tasks::assignee_id.assume_not_null())
        .distinct()
        .load(conn)
}
