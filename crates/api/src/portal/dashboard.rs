//! `GET /portal/api/dashboard`: the client's home page in one request (one trip to the pool).

use crate::auth::Portal;
use crate::db::projects;
use crate::db::schema::{approvals, milestones};
use crate::db::{approvals as approval_rows, team};
use crate::domain::inbox;
use crate::error::{ApiResult, Reply};
use crate::live::{self, Audience};
use crate::web::tagged::Tagged;
use actix_web::{get, web};
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use shared_types::dashboard::{DashboardCounters, DashboardProject, PortalDashboard};
use shared_types::projects::{PortalProjectSummary, Progress};
use shared_types::{ApprovalStatus, WorkStatus};
use std::collections::HashMap;

/// How many rows each list of the dashboard holds.
const ROWS: usize = 5;

#[utoipa::path(
    responses(
        (status = 200, description = "Counters, approvals waiting for the client, active projects with their next deadline, recent notifications and activity, and the team when the agency shows it.", body = PortalDashboard),
    )
)]
#[get("/dashboard")]
pub async fn get_dashboard(portal: Portal) -> Reply<PortalDashboard> {
    let now = portal.state().now();
    let dashboard = portal
        .run(move |conn, user| {
            let client_id = user.client.id.clone();
            let today = now.date();
            let month_start = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
                .expect("first of the month")
                .and_hms_opt(0, 0, 0)
                .expect("midnight");

            let mut waiting: Vec<_> = approval_rows::list_for_client(conn, &client_id, None)?
                .into_iter()
                .filter(|a| {
                    matches!(
                        a.status(),
                        ApprovalStatus::Pending | ApprovalStatus::InReview
                    )
                })
                .collect();
            let awaiting_review = waiting.len() as i64;
            waiting.sort_by_key(|a| (a.updated_at, a.id.clone()));
            let approved_this_month: i64 = approvals::table
                .filter(approvals::client_id.eq(&client_id))
                .filter(approvals::archived_at.is_null())
                .filter(approvals::status.eq(ApprovalStatus::Approved))
                .filter(approvals::decided_at.ge(month_start))
                .count()
                .get_result(conn)?;

            let (rows, _) = projects::list_for_client(conn, &client_id, None, 200)?;
            let active: Vec<_> = rows
                .into_iter()
                .filter(|p| p.client_status() != WorkStatus::Completed)
                .collect();
            let progress = projects::progress(conn, &client_id, &active)?;
            let deadlines = next_deadlines(conn, &client_id, today)?;
            let project_rows = active
                .iter()
                .take(ROWS)
                .map(|p| {
                    let milestone = deadlines.get(&p.id).copied();
                    let own = p.due_date.filter(|d| *d >= today);
                    DashboardProject {
                        project: PortalProjectSummary {
                            id: p.id.clone(),
                            name: p.name.clone(),
                            status: p.client_status(),
                            start_date: p.start_date,
                            due_date: p.due_date,
                            progress: progress.get(&p.id).copied().unwrap_or(Progress::compute(
                                p.client_status(),
                                0,
                                0,
                            )),
                        },
                        next_deadline: [own, milestone].into_iter().flatten().min(),
                    }
                })
                .collect();

            let open_requests = if user.permissions.can_submit_requests {
                Some(crate::db::requests::active_count(conn, &client_id)?)
            } else {
                None
            };
            let outstanding_invoices = if user.permissions.can_view_invoices {
                Some(crate::db::invoices::outstanding_count(conn, &client_id)?)
            } else {
                None
            };
            let notes = inbox::page(conn, &user.contact.id, None, Some(ROWS as i64))?;
            let audience = Audience::Contact {
                id: user.contact.id.clone(),
                client_id: client_id.clone(),
                org_id: user.org.id.clone(),
                sees_requests: user.permissions.can_submit_requests,
                sees_invoices: user.permissions.can_view_invoices,
            };
            let mut activity = live::activity_page(conn, &audience, None, 8)?;
            activity.truncate(8);
            let team = if user.client.show_team_members {
                Some(team::account_managers(conn, &user.org.id, &client_id)?)
            } else {
                None
            };
            Ok(PortalDashboard {
                counters: DashboardCounters {
                    active_projects: active.len() as i64,
                    awaiting_review,
                    approved_this_month,
                    open_requests,
                    outstanding_invoices,
                },
                awaiting: waiting
                    .iter()
                    .take(ROWS)
                    .map(|a| a.to_portal_summary())
                    .collect(),
                can_approve: user.permissions.can_approve_work,
                projects: project_rows,
                notifications: notes.items,
                unread_notifications: notes.unread,
                activity,
                team,
            })
        })
        .await?;
    Ok(web::Json(dashboard))
}

/// The earliest deadline, today or later, of each project's milestones the client has not seen
/// through yet.
fn next_deadlines(
    conn: &mut DbConn,
    client_id: &str,
    today: NaiveDate,
) -> ApiResult<HashMap<String, NaiveDate>> {
    let done: Vec<&str> = WorkStatus::ALL
        .iter()
        .filter(|s| s.is_done())
        .map(|s| s.as_str())
        .collect();
    let rows: Vec<(String, Option<NaiveDate>)> = milestones::table
        .filter(milestones::client_id.eq(client_id))
        .filter(milestones::deadline.ge(today))
        .filter(milestones::client_status.ne_all(done))
        .select((milestones::project_id, milestones::deadline))
        .load(conn)?;
    let mut next: HashMap<String, NaiveDate> = HashMap::new();
    for (project, deadline) in rows {
        let Some(deadline) = deadline else { continue };
        next.entry(project)
            .and_modify(|d| *d = (*d).min(deadline))
            .or_insert(deadline);
    }
    Ok(next)
}

use crate::db::DbConn;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(get_dashboard);
}
