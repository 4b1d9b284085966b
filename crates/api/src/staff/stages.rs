//! The organization's pipeline stages: list (any staff), create, update, delete (owners and
//! admins). A stage maps to the client status that work in it shows to clients.

use super::log;
use crate::auth::Staff;
use crate::db::stages::{self, StageRow};
use crate::db::{new_id, DbConn};
use crate::error::{ApiResult, Fields, OrField, Reply};
use crate::web::extract::Json;
use crate::web::paths::StageId;
use crate::web::tagged::Tagged;

const STAGE: &str = "Choose one of your organization's stages.";
use actix_web::{delete, get, patch, post};
use actix_web::{web, HttpResponse};
use shared_types::projects::{Stage, StageCreate, StageUpdate};
use shared_types::EventKind;
use shared_types::{validate, WorkStatus};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(list_stages)
        .service(create_stage)
        .service(update_stage)
        .service(delete_stage);
}

/// The stage and client status of a project or milestone after a request that may set a stage
/// (`Some(None)` clears it) and/or a status. A new stage brings its mapped status; an explicit
/// status wins; clearing the stage keeps the status.
pub(crate) fn apply_stage(
    conn: &mut DbConn,
    org_id: &str,
    stage: Option<Option<String>>,
    explicit: Option<WorkStatus>,
    current: (Option<String>, WorkStatus),
) -> ApiResult<(Option<String>, WorkStatus)> {
    let (mut stage_id, mut status) = current;
    match stage {
        Some(Some(id)) => {
            let row = stages::get(conn, org_id, &id).or_field("stage_id", STAGE)?;
            if stage_id.as_deref() != Some(row.id.as_str()) {
                status = row.client_status();
            }
            stage_id = Some(row.id);
        }
        Some(None) => stage_id = None,
        None => {}
    }
    Ok((stage_id, explicit.unwrap_or(status)))
}

#[utoipa::path(
    responses(
        (status = 200, description = "The organization's stages in pipeline order.", body = Vec<Stage>),
    )
)]
#[get("/stages")]
pub async fn list_stages(staff: Staff) -> Reply<Vec<Stage>> {
    let rows = staff
        .run(move |conn, user| Ok(stages::list(conn, &user.org_id)?))
        .await?;
    Ok(web::Json(rows.iter().map(StageRow::to_wire).collect()))
}

#[utoipa::path(
    responses(
        (status = 201, description = "The new stage.", body = Stage),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[post("/stages")]
pub async fn create_stage(staff: Staff, Json(body): Json<StageCreate>) -> ApiResult<HttpResponse> {
    let staff = staff.require_admin()?;
    let name = body.name.trim().to_owned();
    Fields::default()
        .check("name", validate::name(&name))
        .finish()?;
    let now = staff.now();
    let stage = staff
        .write(move |conn, user| {
            let position = match body.position {
                Some(p) => p,
                None => stages::next_position(conn, &user.org_id)?,
            };
            let row = StageRow {
                id: new_id(),
                org_id: user.org_id.clone(),
                name,
                client_status: body.client_status,
                position,
                created_at: now,
            };
            stages::insert(conn, &row)?;
            log(
                conn,
                &user,
                &row,
                EventKind::StageCreated,
                format!("Stage {} created", row.name),
                now,
            )?;
            Ok(row.to_wire())
        })
        .await?;
    Ok(HttpResponse::Created().json(stage))
}

#[utoipa::path(
    params(StageId),
    responses(
        (status = 200, description = "The updated stage.", body = Stage),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[patch("/stages/{id}")]
pub async fn update_stage(
    staff: Staff,
    StageId { id }: StageId,
    Json(body): Json<StageUpdate>,
) -> Reply<Stage> {
    let staff = staff.require_admin()?;
    let name = body.name.map(|n| n.trim().to_owned());
    if let Some(name) = &name {
        Fields::default()
            .check("name", validate::name(name))
            .finish()?;
    }
    let now = staff.now();
    let stage = staff
        .write(move |conn, user| {
            let mut row = stages::get(conn, &user.org_id, &id)?;
            if let Some(name) = name {
                row.name = name;
            }
            if let Some(status) = body.client_status {
                row.client_status = status;
            }
            if let Some(position) = body.position {
                row.position = position;
            }
            stages::save(conn, &row)?;
            log(
                conn,
                &user,
                &row,
                EventKind::StageUpdated,
                format!("Stage {} updated", row.name),
                now,
            )?;
            Ok(row.to_wire())
        })
        .await?;
    Ok(web::Json(stage))
}

/// Deletes a stage; projects and milestones in it keep their client status.
#[utoipa::path(
    params(StageId),
    responses(
        (status = 204, description = "The stage is deleted."),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[delete("/stages/{id}")]
pub async fn delete_stage(staff: Staff, StageId { id }: StageId) -> ApiResult<HttpResponse> {
    let staff = staff.require_admin()?;
    let now = staff.now();
    staff
        .write(move |conn, user| {
            let row = stages::get(conn, &user.org_id, &id)?;
            stages::delete(conn, &user.org_id, &row.id)?;
            log(
                conn,
                &user,
                &row,
                EventKind::StageDeleted,
                format!("Stage {} deleted", row.name),
                now,
            )
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
