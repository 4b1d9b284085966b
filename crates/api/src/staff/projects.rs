//! Projects: list (by client, archived; keyset pages), create, read, update, archive. Managers are
//! set through `manager_ids`; a stage sets the client status from its mapping.

use super::stages::apply_stage;
use crate::auth::Staff;
use crate::cursor;
use crate::db::projects::{self, ListQuery, ProjectRow};
use crate::db::{approvals, clients, new_id, team};
use crate::domain::{self, Actor};
use crate::error::{ApiResult, Fields, OrField, Reply};
use crate::web::extract::Json;
use crate::web::paths::ProjectId;
use crate::web::tagged::Tagged;
use actix_web::web::Query;
use actix_web::{get, patch, post};
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use shared_types::projects::{self as rules, Project, ProjectCreate, ProjectUpdate};
use shared_types::{validate, EventKind, Page, WorkStatus};

use super::{log, record_status};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(list_projects)
        .service(create_project)
        .service(get_project)
        .service(update_project)
        .service(archive_project);
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only this client's projects.
    client_id: Option<String>,
    /// `true`: only archived projects; `false`: only live ones; absent: both.
    archived: Option<bool>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Page size, 1 to 200 (default 50); anything else is refused (422).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
}

/// The summary of a client status change: it names the client status, never a stage.
pub(crate) fn status_summary(what: String, status: WorkStatus) -> String {
    format!("{what} is now {}", status.label().to_lowercase())
}

fn checked_name(name: &str, fields: &mut Fields) -> String {
    let name = name.trim().to_owned();
    fields.check("name", validate::name(&name));
    name
}

#[utoipa::path(
    params(ListParams),
    responses(
        (status = 200, description = "A page of projects, most recently updated first.", body = Page<Project>),
        crate::openapi::ListErrors,
    )
)]
#[get("/projects")]
pub async fn list_projects(staff: Staff, Query(p): Query<ListParams>) -> Reply<Page<Project>> {
    let limit = cursor::page_limit(p.limit, 50, 200)?;
    let page = staff
        .run(move |conn, user| {
            let (rows, next) = projects::list(
                conn,
                ListQuery {
                    org_id: &user.org_id,
                    client_id: p.client_id.as_deref(),
                    archived: p.archived,
                    cursor: cursor::after_time(p.cursor.as_deref())?,
                    limit,
                },
            )?;
            Ok(Page {
                items: projects::to_wire(conn, &user.org_id, &rows)?,
                next_cursor: next,
            })
        })
        .await?;
    Ok(web::Json(page))
}

#[utoipa::path(
    responses(
        (status = 201, description = "The new project.", body = Project),
    )
)]
#[post("/projects")]
pub async fn create_project(
    staff: Staff,
    Json(body): Json<ProjectCreate>,
) -> ApiResult<HttpResponse> {
    let mut fields = Fields::default();
    let name = checked_name(&body.name, &mut fields);
    fields
        .check("description", rules::description(&body.description))
        .check(
            "due_date",
            rules::date_order(body.start_date, body.due_date),
        )
        .finish()?;
    let now = staff.now();
    let project = staff
        .write(move |conn, user| {
            let client = clients::get(conn, &user.org_id, &body.client_id)
                .or_field("client_id", "Choose one of your clients.")?;
            let (stage_id, status) = apply_stage(
                conn,
                &user.org_id,
                body.stage_id.map(Some),
                body.client_status,
                (None, WorkStatus::InProgress),
            )?;
            let managers = team::dedup(&body.manager_ids);
            super::check_staff(conn, &user.org_id, &managers, "manager_ids")?;
            let row = ProjectRow {
                id: new_id(),
                org_id: user.org_id.clone(),
                client_id: client.id,
                name,
                description: body.description,
                stage_id,
                client_status: status,
                start_date: body.start_date,
                due_date: body.due_date,
                archived_at: None,
                created_at: now,
                updated_at: now,
            };
            projects::insert(conn, &row)?;
            projects::set_managers(conn, &row.id, &managers)?;
            let summary = format!("Project {} started", row.name);
            log(conn, &user, &row, EventKind::ProjectCreated, summary, now)?;
            Ok(projects::one_to_wire(conn, &row)?)
        })
        .await?;
    Ok(HttpResponse::Created().json(project))
}

#[utoipa::path(
    params(ProjectId),
    responses(
        (status = 200, description = "The project.", body = Project),
    )
)]
#[get("/projects/{id}")]
pub async fn get_project(staff: Staff, ProjectId { id }: ProjectId) -> Reply<Project> {
    let project = staff
        .run(move |conn, user| {
            let row = projects::get(conn, &user.org_id, &id)?;
            Ok(projects::one_to_wire(conn, &row)?)
        })
        .await?;
    Ok(web::Json(project))
}

#[utoipa::path(
    params(ProjectId),
    responses(
        (status = 200, description = "The updated project.", body = Project),
    )
)]
#[patch("/projects/{id}")]
pub async fn update_project(
    staff: Staff,
    ProjectId { id }: ProjectId,
    Json(body): Json<ProjectUpdate>,
) -> Reply<Project> {
    let mut fields = Fields::default();
    let name = body.name.as_deref().map(|n| checked_name(n, &mut fields));
    if let Some(description) = &body.description {
        fields.check("description", rules::description(description));
    }
    fields.finish()?;
    let now = staff.now();
    let project = staff
        .write(move |conn, user| {
            let mut row = projects::get(conn, &user.org_id, &id)?;
            let before = (row.stage_id.clone(), row.client_status());
            let (stage_id, status) = apply_stage(
                conn,
                &user.org_id,
                body.stage_id,
                body.client_status,
                before.clone(),
            )?;
            row.name = name.unwrap_or(row.name);
            row.description = body.description.unwrap_or(row.description);
            row.start_date = body.start_date.unwrap_or(row.start_date);
            row.due_date = body.due_date.unwrap_or(row.due_date);
            Fields::default()
                .check("due_date", rules::date_order(row.start_date, row.due_date))
                .finish()?;
            if let Some(ids) = &body.manager_ids {
                let managers = team::dedup(ids);
                super::check_staff(conn, &user.org_id, &managers, "manager_ids")?;
                projects::set_managers(conn, &row.id, &managers)?;
            }
            match body.archived {
                Some(true) if row.archived_at.is_none() => row.archived_at = Some(now),
                Some(false) => row.archived_at = None,
                _ => {}
            }
            row.stage_id = stage_id;
            row.client_status = status;
            row.updated_at = now;
            projects::save(conn, &row)?;
            if status != before.1 {
                let what = format!("Project {}", row.name);
                let summary = status_summary(what, status);
                let kind = EventKind::ProjectStatusChanged;
                record_status(conn, &user, &row, kind, summary, status, now)?;
            }
            let summary = format!("Project {} updated", row.name);
            log(conn, &user, &row, EventKind::ProjectUpdated, summary, now)?;
            Ok(projects::one_to_wire(conn, &row)?)
        })
        .await?;
    Ok(web::Json(project))
}

/// Archives the project: it leaves the portal with its approvals (archived too); staff still see
/// both with `archived=true`.
#[utoipa::path(
    params(ProjectId),
    responses(
        (status = 200, description = "The archived project; its approvals are archived with it and leave the portal.", body = Project),
    )
)]
#[post("/projects/{id}/archive")]
pub async fn archive_project(staff: Staff, ProjectId { id }: ProjectId) -> Reply<Project> {
    let now = staff.now();
    let project = staff
        .write(move |conn, user| {
            let mut row = projects::get(conn, &user.org_id, &id)?;
            if row.archived_at.is_none() {
                row.archived_at = Some(now);
                row.updated_at = now;
                projects::save(conn, &row)?;
                let summary = format!("Project {} archived", row.name);
                log(conn, &user, &row, EventKind::ProjectArchived, summary, now)?;
                // Its approvals leave the portal with it (and with them their files, the
                // gallery's pictures and the counts); each is archived with its audit entry.
                let actor = Actor::from(&user);
                for mut approval in approvals::live_of_project(conn, &user.org_id, &row.id)? {
                    domain::approvals::archive(conn, &actor, &mut approval, now)?;
                }
            }
            Ok(projects::one_to_wire(conn, &row)?)
        })
        .await?;
    Ok(web::Json(project))
}
