//! Milestones of a project: list, create, update, delete. Each has its own stage and client
//! status; a status change is shown to the client, a stage never is.

use super::paths::MilestonePath;
use super::projects::status_summary;
use super::stages::apply_stage;
use super::{log, record_status};
use crate::auth::Staff;
use crate::db::milestones::{self, MilestoneRow};
use crate::db::{new_id, projects};
use crate::error::{ApiResult, Fields, Reply};
use crate::web::extract::Json;
use crate::web::paths::ProjectId;
use crate::web::tagged::Tagged;
use actix_web::{delete, get, patch, post};
use actix_web::{web, HttpResponse};
use shared_types::projects::{self as rules, Milestone, MilestoneCreate, MilestoneUpdate};
use shared_types::{validate, EventKind, WorkStatus};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(list_milestones)
        .service(create_milestone)
        .service(update_milestone)
        .service(delete_milestone);
}

#[utoipa::path(
    params(ProjectId),
    responses(
        (status = 200, description = "The project's milestones in order.", body = Vec<Milestone>),
    )
)]
#[get("/projects/{id}/milestones")]
pub async fn list_milestones(
    staff: Staff,
    ProjectId { id: project_id }: ProjectId,
) -> Reply<Vec<Milestone>> {
    let list = staff
        .run(move |conn, user| {
            let project = projects::get(conn, &user.org_id, &project_id)?;
            let rows = milestones::list(conn, &user.org_id, &project.id)?;
            Ok(milestones::to_wire(conn, &user.org_id, &rows)?)
        })
        .await?;
    Ok(web::Json(list))
}

#[utoipa::path(
    params(ProjectId),
    responses(
        (status = 201, description = "The new milestone.", body = Milestone),
    )
)]
#[post("/projects/{id}/milestones")]
pub async fn create_milestone(
    staff: Staff,
    ProjectId { id: project_id }: ProjectId,
    Json(body): Json<MilestoneCreate>,
) -> ApiResult<HttpResponse> {
    let title = body.title.trim().to_owned();
    Fields::default()
        .check("title", validate::title(&title))
        .check("description", rules::description(&body.description))
        .finish()?;
    let now = staff.now();
    let milestone = staff
        .write(move |conn, user| {
            let project = projects::get(conn, &user.org_id, &project_id)?;
            let (stage_id, status) = apply_stage(
                conn,
                &user.org_id,
                body.stage_id.map(Some),
                body.client_status,
                (None, WorkStatus::InProgress),
            )?;
            let position = match body.position {
                Some(p) => p,
                None => milestones::next_position(conn, &user.org_id, &project.id)?,
            };
            let row = MilestoneRow {
                id: new_id(),
                org_id: user.org_id.clone(),
                client_id: project.client_id.clone(),
                project_id: project.id.clone(),
                title,
                description: body.description,
                stage_id,
                client_status: status,
                deadline: body.deadline,
                position,
                created_at: now,
                updated_at: now,
            };
            milestones::insert(conn, &row)?;
            projects::touch(conn, &user.org_id, &project.id, now)?;
            let summary = format!("Milestone {} added to {}", row.title, project.name);
            log(conn, &user, &row, EventKind::MilestoneCreated, summary, now)?;
            Ok(milestones::one_to_wire(conn, &row)?)
        })
        .await?;
    Ok(HttpResponse::Created().json(milestone))
}

#[utoipa::path(
    params(MilestonePath),
    responses(
        (status = 200, description = "The updated milestone.", body = Milestone),
    )
)]
#[patch("/projects/{id}/milestones/{milestone}")]
pub async fn update_milestone(
    staff: Staff,
    MilestonePath {
        project_id,
        milestone_id: id,
    }: MilestonePath,
    Json(body): Json<MilestoneUpdate>,
) -> Reply<Milestone> {
    let title = body.title.map(|t| t.trim().to_owned());
    let mut fields = Fields::default();
    if let Some(title) = &title {
        fields.check("title", validate::title(title));
    }
    if let Some(description) = &body.description {
        fields.check("description", rules::description(description));
    }
    fields.finish()?;
    let now = staff.now();
    let milestone = staff
        .write(move |conn, user| {
            let project = projects::get(conn, &user.org_id, &project_id)?;
            let mut row = milestones::get(conn, &user.org_id, &project.id, &id)?;
            let before = (row.stage_id.clone(), row.client_status());
            let (stage_id, status) = apply_stage(
                conn,
                &user.org_id,
                body.stage_id,
                body.client_status,
                before.clone(),
            )?;
            row.title = title.unwrap_or(row.title);
            row.description = body.description.unwrap_or(row.description);
            row.deadline = body.deadline.unwrap_or(row.deadline);
            row.position = body.position.unwrap_or(row.position);
            row.stage_id = stage_id;
            row.client_status = status;
            row.updated_at = now;
            milestones::save(conn, &row)?;
            projects::touch(conn, &user.org_id, &project.id, now)?;
            if status != before.1 {
                let what = format!("Milestone {} of {}", row.title, project.name);
                let summary = status_summary(what, status);
                let kind = EventKind::MilestoneStatusChanged;
                record_status(conn, &user, &row, kind, summary, status, now)?;
            }
            let summary = format!("Milestone {} updated", row.title);
            log(conn, &user, &row, EventKind::MilestoneUpdated, summary, now)?;
            Ok(milestones::one_to_wire(conn, &row)?)
        })
        .await?;
    Ok(web::Json(milestone))
}

/// Deletes a milestone; its tasks stay in the project.
#[utoipa::path(
    params(MilestonePath),
    responses(
        (status = 204, description = "The milestone is deleted."),
    )
)]
#[delete("/projects/{id}/milestones/{milestone}")]
pub async fn delete_milestone(
    staff: Staff,
    MilestonePath {
        project_id,
        milestone_id: id,
    }: MilestonePath,
) -> ApiResult<HttpResponse> {
    let now = staff.now();
    staff
        .write(move |conn, user| {
            let project = projects::get(conn, &user.org_id, &project_id)?;
            let row = milestones::get(conn, &user.org_id, &project.id, &id)?;
            milestones::delete(conn, &row)?;
            projects::touch(conn, &user.org_id, &project.id, now)?;
            let summary = format!("Milestone {} deleted", row.title);
            log(conn, &user, &row, EventKind::MilestoneDeleted, summary, now)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
