//! Requests, staff side, continued: the organization's response targets and routing, and
//! response-time metrics (median and p90, the clock paused while waiting on the client).

use crate::auth::Staff;
use crate::db::requests::{self, RequestRow};
use crate::db::{staff as staff_db, DbConn};
use crate::domain::requests as workflow;
use crate::error::{ApiError, ApiResult, Fields, Reply};
use crate::web::extract::Json;
use crate::web::tagged::Tagged;
use actix_web::web;
use actix_web::web::Query;
use actix_web::{get, put};
use chrono::{NaiveDate, TimeDelta};
use serde::Deserialize;
use shared_types::requests::{
    category_for, MetricGroup, RequestCategory, RequestMetrics, RequestPriority, RequestSettings,
};
use std::collections::BTreeMap;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(get_request_metrics)
        .service(get_request_settings)
        .service(put_request_settings);
}

fn settings(conn: &mut DbConn, org_id: &str) -> ApiResult<RequestSettings> {
    let targets = requests::targets(conn, org_id)?;
    let routes = requests::routes(conn, org_id)?
        .into_iter()
        .filter_map(|(t, c, assignee_id)| {
            Some(shared_types::requests::RequestRoute {
                request_type: t.parse().ok()?,
                category: c.parse().ok()?,
                assignee_id,
            })
        })
        .collect();
    Ok(RequestSettings { targets, routes })
}

#[utoipa::path(
    responses(
        (status = 200, description = "Response targets per priority and each routed category's default assignee.", body = RequestSettings),
    )
)]
#[get("/requests/settings")]
pub async fn get_request_settings(staff: Staff) -> Reply<RequestSettings> {
    let s = staff
        .run(move |conn, user| settings(conn, &user.org_id))
        .await?;
    Ok(web::Json(s))
}

#[utoipa::path(
    responses(
        (status = 200, description = "The targets (all four priorities) and routes, replaced. Owners and admins only.", body = RequestSettings),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[put("/requests/settings")]
pub async fn put_request_settings(
    staff: Staff,
    Json(body): Json<RequestSettings>,
) -> Reply<RequestSettings> {
    let staff = staff.require_admin()?;
    let s = staff
        .write(move |conn, user| {
            let mut fields = Fields::default();
            let mut priorities: Vec<RequestPriority> =
                body.targets.iter().map(|t| t.priority).collect();
            priorities.sort_by_key(|p| p.rank());
            priorities.dedup();
            if priorities.len() != body.targets.len()
                || priorities.len() != RequestPriority::ALL.len()
            {
                fields.check(
                    "targets",
                    Err("Give one target for each of the four priorities."),
                );
            }
            // At most 90 days.
            let bounded = |m: i32| (1..=90 * 24 * 60).contains(&m);
            if body
                .targets
                .iter()
                .any(|t| !bounded(t.first_response_minutes) || !bounded(t.resolution_minutes))
            {
                fields.check("targets", Err("Use from 1 minute to 90 days."));
            }
            if body
                .targets
                .iter()
                .any(|t| t.resolution_minutes < t.first_response_minutes)
            {
                fields.check(
                    "targets",
                    Err("Resolution can't be due before the first reply."),
                );
            }
            let mut routes = Vec::new();
            for r in &body.routes {
                if category_for(r.request_type, r.category).is_err() {
                    fields.check("routes", Err("A category doesn't belong to its type."));
                }
                let member = staff_db::by_id(conn, &r.assignee_id)?;
                if !member.is_some_and(|m| m.org_id == user.org_id && m.active) {
                    fields.check(
                        "routes",
                        Err("Route each category to someone on your team."),
                    );
                }
                routes.push((r.request_type, r.category, r.assignee_id.clone()));
            }
            fields.finish()?;
            requests::replace_targets(conn, &user.org_id, &body.targets)?;
            requests::replace_routes(conn, &user.org_id, &routes)?;
            settings(conn, &user.org_id)
        })
        .await?;
    Ok(web::Json(s))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MetricsParams {
    /// First day counted (default: 30 days before `to`).
    from: Option<NaiveDate>,
    /// Last day counted (default: today, UTC).
    to: Option<NaiveDate>,
}

fn group(key: String, label: String, rows: &[&RequestRow]) -> MetricGroup {
    let first: Vec<f64> = rows
        .iter()
        .filter_map(|r| workflow::first_response_minutes(r))
        .collect();
    let resolution: Vec<f64> = rows
        .iter()
        .filter_map(|r| workflow::resolution_minutes(r))
        .collect();
    let (responded, resolved) = (first.len() as i64, resolution.len() as i64);
    let (fm, fp) = workflow::median_p90(first);
    let (rm, rp) = workflow::median_p90(resolution);
    MetricGroup {
        key,
        label,
        requests: rows.len() as i64,
        responded,
        resolved,
        first_response_median_minutes: fm,
        first_response_p90_minutes: fp,
        resolution_median_minutes: rm,
        resolution_p90_minutes: rp,
    }
}

#[utoipa::path(
    params(MetricsParams),
    responses(
        (status = 200, description = "Median and 90th-percentile first-response and resolution times (minutes) of requests created in the range, overall, per category and per assignee; time waiting on the client does not count.", body = RequestMetrics),
        (status = 422, response = crate::openapi::ValidationFailed),
    )
)]
#[get("/requests/metrics")]
pub async fn get_request_metrics(
    staff: Staff,
    Query(p): Query<MetricsParams>,
) -> Reply<RequestMetrics> {
    let today = staff.now().date();
    let to = p.to.unwrap_or(today);
    let from = p.from.unwrap_or(to - TimeDelta::days(30));
    if from > to {
        return Err(ApiError::field(
            "from",
            "Choose a start on or before the end.",
        ));
    }
    if (to - from).num_days() > 366 {
        return Err(ApiError::field("from", "Choose a range of at most a year."));
    }
    let metrics = staff
        .run(move |conn, user| {
            let start = from.and_hms_opt(0, 0, 0).expect("midnight");
            let end = (to + TimeDelta::days(1))
                .and_hms_opt(0, 0, 0)
                .expect("midnight");
            let rows = requests::created_between(conn, &user.org_id, start, end)?;
            let all: Vec<&RequestRow> = rows.iter().map(|(r, _)| r).collect();
            let mut by_category: BTreeMap<String, Vec<&RequestRow>> = BTreeMap::new();
            let mut by_assignee: BTreeMap<(String, String), Vec<&RequestRow>> = BTreeMap::new();
            for (row, name) in &rows {
                by_category
                    .entry(row.category.as_str().to_owned())
                    .or_default()
                    .push(row);
                let key = match (&row.assignee_id, name) {
                    (Some(id), Some(name)) => (id.clone(), name.clone()),
                    _ => ("unassigned".to_owned(), "Unassigned".to_owned()),
                };
                by_assignee.entry(key).or_default().push(row);
            }
            Ok(RequestMetrics {
                from,
                to,
                overall: group("all".into(), "All requests".into(), &all),
                by_category: by_category
                    .into_iter()
                    .map(|(key, rows)| {
                        let label = key
                            .parse::<RequestCategory>()
                            .map_or_else(|_| key.clone(), |c| c.label().to_owned());
                        group(key, label, &rows)
                    })
                    .collect(),
                by_assignee: by_assignee
                    .into_iter()
                    .map(|((id, name), rows)| group(id, name, &rows))
                    .collect(),
            })
        })
        .await?;
    Ok(web::Json(metrics))
}
