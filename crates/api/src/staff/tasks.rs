//! Internal tasks of a project: list, create, update, delete. Assignees are staff of the same
//! organization; a task may belong to one of the project's milestones.

use super::paths::TaskPath;
use super::{log, MILESTONE};
use crate::auth::Staff;
use crate::db::tasks::{self, TaskRow};
use crate::db::{milestones, new_id, projects, DbConn};
use crate::error::{ApiResult, Fields, OrField, Reply};
use crate::web::extract::Json;
use crate::web::paths::ProjectId;
use crate::web::tagged::Tagged;
use actix_web::{delete, get, patch, post};
use actix_web::{web, HttpResponse};
use shared_types::projects::{Task, TaskCreate, TaskUpdate};
use shared_types::{validate, EventKind, TaskStatus};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(list_tasks)
        .service(create_task)
        .service(update_task)
        .service(delete_task);
}

/// 422 unless the milestone and assignee named in a body belong to this project and org.
fn check_refs(
    conn: &mut DbConn,
    org_id: &str,
    project_id: &str,
    milestone_id: Option<&str>,
    assignee_id: Option<&str>,
) -> ApiResult<()> {
    if let Some(m) = milestone_id {
        milestones::get(conn, org_id, project_id, m).or_field("milestone_id", MILESTONE)?;
    }
    if let Some(a) = assignee_id {
        super::check_staff(conn, org_id, &[a.to_owned()], "assignee_id")?;
    }
    Ok(())
}

#[utoipa::path(
    params(ProjectId),
    responses(
        (status = 200, description = "The project's tasks, oldest first.", body = Vec<Task>),
    )
)]
#[get("/projects/{id}/tasks")]
pub async fn list_tasks(staff: Staff, ProjectId { id: project_id }: ProjectId) -> Reply<Vec<Task>> {
    let rows = staff
        .run(move |conn, user| {
            let project = projects::get(conn, &user.org_id, &project_id)?;
            Ok(tasks::list(conn, &user.org_id, &project.id)?)
        })
        .await?;
    Ok(web::Json(rows.iter().map(TaskRow::to_wire).collect()))
}

#[utoipa::path(
    params(ProjectId),
    responses(
        (status = 201, description = "The new task.", body = Task),
    )
)]
#[post("/projects/{id}/tasks")]
pub async fn create_task(
    staff: Staff,
    ProjectId { id: project_id }: ProjectId,
    Json(body): Json<TaskCreate>,
) -> ApiResult<HttpResponse> {
    let title = body.title.trim().to_owned();
    Fields::default()
        .check("title", validate::title(&title))
        .finish()?;
    let now = staff.now();
    let task = staff
        .write(move |conn, user| {
            let project = projects::get(conn, &user.org_id, &project_id)?;
            check_refs(
                conn,
                &user.org_id,
                &project.id,
                body.milestone_id.as_deref(),
                body.assignee_id.as_deref(),
            )?;
            let row = TaskRow {
                id: new_id(),
                org_id: user.org_id.clone(),
                client_id: project.client_id.clone(),
                project_id: project.id.clone(),
                milestone_id: body.milestone_id,
                title,
                assignee_id: body.assignee_id,
                status: body.status.unwrap_or(TaskStatus::Todo),
                due_date: body.due_date,
                created_at: now,
                updated_at: now,
            };
            tasks::insert(conn, &row)?;
            projects::touch(conn, &user.org_id, &project.id, now)?;
            let summary = format!("Task {} added to {}", row.title, project.name);
            log(conn, &user, &row, EventKind::TaskCreated, summary, now)?;
            Ok(row.to_wire())
        })
        .await?;
    Ok(HttpResponse::Created().json(task))
}

#[utoipa::path(
    params(TaskPath),
    responses(
        (status = 200, description = "The updated task.", body = Task),
    )
)]
#[patch("/projects/{id}/tasks/{task}")]
pub async fn update_task(
    staff: Staff,
    TaskPath {
        project_id,
        task_id: id,
    }: TaskPath,
    Json(body): Json<TaskUpdate>,
) -> Reply<Task> {
    let title = body.title.map(|t| t.trim().to_owned());
    if let Some(title) = &title {
        Fields::default()
            .check("title", validate::title(title))
            .finish()?;
    }
    let now = staff.now();
    let task = staff
        .write(move |conn, user| {
            let project = projects::get(conn, &user.org_id, &project_id)?;
            let mut row = tasks::get(conn, &user.org_id, &project.id, &id)?;
            check_refs(
                conn,
                &user.org_id,
                &project.id,
                body.milestone_id.as_ref().and_then(|m| m.as_deref()),
                body.assignee_id.as_ref().and_then(|a| a.as_deref()),
            )?;
            row.title = title.unwrap_or(row.title);
            row.milestone_id = body.milestone_id.unwrap_or(row.milestone_id);
            row.assignee_id = body.assignee_id.unwrap_or(row.assignee_id);
            if let Some(status) = body.status {
                row.status = status;
            }
            row.due_date = body.due_date.unwrap_or(row.due_date);
            row.updated_at = now;
            tasks::save(conn, &row)?;
            projects::touch(conn, &user.org_id, &project.id, now)?;
            let summary = format!("Task {} updated", row.title);
            log(conn, &user, &row, EventKind::TaskUpdated, summary, now)?;
            Ok(row.to_wire())
        })
        .await?;
    Ok(web::Json(task))
}

#[utoipa::path(
    params(TaskPath),
    responses(
        (status = 204, description = "The task is deleted."),
    )
)]
#[delete("/projects/{id}/tasks/{task}")]
pub async fn delete_task(
    staff: Staff,
    TaskPath {
        project_id,
        task_id: id,
    }: TaskPath,
) -> ApiResult<HttpResponse> {
    let now = staff.now();
    staff
        .write(move |conn, user| {
            let project = projects::get(conn, &user.org_id, &project_id)?;
            let row = tasks::get(conn, &user.org_id, &project.id, &id)?;
            tasks::delete(conn, &row)?;
            projects::touch(conn, &user.org_id, &project.id, now)?;
            let summary = format!("Task {} deleted", row.title);
            log(conn, &user, &row, EventKind::TaskDeleted, summary, now)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
