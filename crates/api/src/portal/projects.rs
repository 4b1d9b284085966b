//! The client's projects: a keyset-paged list and one project with its milestones and (when the
//! agency shows it) its team. Only client statuses leave this module, never a stage.

use crate::auth::Portal;
use crate::cursor;
use crate::db::projects::{self, ProjectRow};
use crate::db::{milestones, team};
use crate::error::Reply;
use crate::web::paths::ProjectId;
use crate::web::tagged::Tagged;
use actix_web::get;
use actix_web::web;
use actix_web::web::Query;
use serde::Deserialize;
use shared_types::projects::{PortalProject, PortalProjectSummary, Progress};
use shared_types::Page;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(list_projects)
        .service(get_project)
        .service(list_team);
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Page size, 1 to 200 (default 50); anything else is refused (422).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
}

fn summary(row: &ProjectRow, progress: Progress) -> PortalProjectSummary {
    PortalProjectSummary {
        id: row.id.clone(),
        name: row.name.clone(),
        status: row.client_status(),
        start_date: row.start_date,
        due_date: row.due_date,
        progress,
    }
}

/// The client's live projects, most recently updated first.
#[utoipa::path(
    operation_id = "portal_list_projects",
    params(ListParams),
    responses(
        (status = 200, description = "A page of the client's projects, most recently updated first.", body = Page<PortalProjectSummary>),
        crate::openapi::ListErrors,
    )
)]
#[get("/projects")]
pub async fn list_projects(
    portal: Portal,
    Query(p): Query<ListParams>,
) -> Reply<Page<PortalProjectSummary>> {
    let page = portal
        .run(move |conn, user| {
            // Checked after authentication: a signed-out caller gets 401 whatever it asks.
            let limit = cursor::page_limit(p.limit, 50, 200)?;
            let client_id = user.client.id;
            let (rows, next) = projects::list_for_client(
                conn,
                &client_id,
                cursor::after_time(p.cursor.as_deref())?,
                limit,
            )?;
            let progress = projects::progress(conn, &client_id, &rows)?;
            let items = rows
                .iter()
                .map(|r| {
                    let pr = progress.get(&r.id).copied();
                    summary(r, pr.unwrap_or(Progress::compute(r.client_status(), 0, 0)))
                })
                .collect();
            Ok(Page {
                items,
                next_cursor: next,
            })
        })
        .await?;
    Ok(web::Json(page))
}

#[utoipa::path(
    operation_id = "portal_get_project",
    params(ProjectId),
    responses(
        (status = 200, description = "The project with its milestones, and its team when the agency shows it.", body = PortalProject),
    )
)]
#[get("/projects/{id}")]
pub async fn get_project(portal: Portal, ProjectId { id }: ProjectId) -> Reply<PortalProject> {
    let project = portal
        .run(move |conn, user| {
            let (client_id, org_id) = (user.client.id, user.client.org_id);
            let show_team = user.client.show_team_members;
            let row = projects::get_for_client(conn, &client_id, &id)?;
            let milestones = milestones::list_for_client(conn, &client_id, &row.id)?;
            let done = milestones
                .iter()
                .filter(|m| m.client_status().is_done())
                .count() as i64;
            let progress = Progress::compute(row.client_status(), done, milestones.len() as i64);
            let team = if show_team {
                Some(team::project_team(conn, &org_id, &client_id, &row.id)?)
            } else {
                None
            };
            let s = summary(&row, progress);
            Ok(PortalProject {
                id: s.id,
                name: s.name,
                status: s.status,
                start_date: s.start_date,
                due_date: s.due_date,
                progress: s.progress,
                description: row.description,
                milestones: milestones.iter().map(|m| m.to_portal()).collect(),
                team,
            })
        })
        .await?;
    Ok(web::Json(project))
}

/// The client's account managers: who to call. Always shown (the dashboard's contact card).
#[utoipa::path(
    operation_id = "portal_list_team",
    responses(
        (status = 200, description = "The client's account managers; empty when none is assigned.", body = Vec<shared_types::projects::TeamMember>),
    )
)]
#[get("/team")]
pub async fn list_team(portal: Portal) -> Reply<Vec<shared_types::projects::TeamMember>> {
    let members = portal
        .run(move |conn, user| {
            Ok(team::account_managers(
                conn,
                &user.client.org_id,
                &user.client.id,
            )?)
        })
        .await?;
    Ok(web::Json(members))
}
