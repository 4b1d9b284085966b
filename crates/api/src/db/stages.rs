//! An organization's pipeline stages. Every function takes the caller's `org_id`.

use super::schema::{milestones, pipeline_stages, projects};
use super::DbConn;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared_types::projects::Stage;
use shared_types::WorkStatus;
use std::collections::HashMap;

#[derive(Debug, Clone, Queryable, Insertable, AsChangeset)]
#[diesel(table_name = pipeline_stages)]
pub struct StageRow {
    pub id: String,
    pub org_id: String,
    pub name: String,
    pub client_status: WorkStatus,
    pub position: i32,
    pub created_at: NaiveDateTime,
}

impl StageRow {
    pub fn client_status(&self) -> WorkStatus {
        self.client_status
    }

    pub fn to_wire(&self) -> Stage {
        Stage {
            id: self.id.clone(),
            name: self.name.clone(),
            client_status: self.client_status(),
            position: self.position,
            created_at: self.created_at.and_utc(),
        }
    }
}

pub fn list(conn: &mut DbConn, org_id: &str) -> QueryResult<Vec<StageRow>> {
    pipeline_stages::table
        .filter(pipeline_stages::org_id.eq(org_id))
        .order((pipeline_stages::position.asc(), pipeline_stages::id.asc()))
        .load(conn)
}

org_rows!(pipeline_stages: StageRow);

/// The position after the organization's last stage.
pub fn next_position(conn: &mut DbConn, org_id: &str) -> QueryResult<i32> {
    let max: Option<i32> = pipeline_stages::table
        .filter(pipeline_stages::org_id.eq(org_id))
        .select(diesel::dsl::max(pipeline_stages::position))
        .get_result(conn)?;
    Ok(max.map_or(0, |m| m.saturating_add(1)))
}

/// Deletes a stage. Projects and milestones in it lose their stage but keep their client
/// status; this is done explicitly rather than trusting `ON DELETE SET NULL` alone.
pub fn delete(conn: &mut DbConn, org_id: &str, id: &str) -> QueryResult<()> {
    diesel::update(
        projects::table
            .filter(projects::org_id.eq(org_id))
            .filter(projects::stage_id.eq(id)),
    )
    .set(projects::stage_id.eq(None::<String>))
    .execute(conn)?;
    diesel::update(
        milestones::table
            .filter(milestones::org_id.eq(org_id))
            .filter(milestones::stage_id.eq(id)),
    )
    .set(milestones::stage_id.eq(None::<String>))
    .execute(conn)?;
    let n = diesel::delete(
        pipeline_stages::table
            .filter(pipeline_stages::org_id.eq(org_id))
            .filter(pipeline_stages::id.eq(id)),
    )
    .execute(conn)?;
    if n == 0 {
        return Err(diesel::result::Error::NotFound);
    }
    Ok(())
}

/// Names of the given stages of `org_id`, by id (for the staff views).
pub fn names(
    conn: &mut DbConn,
    org_id: &str,
    ids: &[String],
) -> QueryResult<HashMap<String, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, String)> = pipeline_stages::table
        .filter(pipeline_stages::org_id.eq(org_id))
        .filter(pipeline_stages::id.eq_any(ids))
        .select((pipeline_stages::id, pipeline_stages::name))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}
