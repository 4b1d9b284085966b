//! The demo agency's pipeline, projects, milestones, tasks and account managers.

use crate::db::clients::ClientRow;
use crate::db::milestones::{self, MilestoneRow};
use crate::db::projects::{self, ProjectRow};
use crate::db::stages::{self, StageRow};
use crate::db::tasks::{self, TaskRow};
use crate::db::{new_id, team, DbConn};
use crate::error::ApiResult;
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use shared_types::{TaskStatus, WorkStatus};

/// The demo pipeline: (name, what clients see).
const STAGES: &[(&str, WorkStatus)] = &[
    ("Brief", WorkStatus::InProgress),
    ("Internal review", WorkStatus::InProgress),
    ("Client review", WorkStatus::ReadyForReview),
    ("Signed off", WorkStatus::Approved),
    ("Live", WorkStatus::Published),
];

/// A demo project: name, description, stage index, milestones (title, stage index), tasks
/// (title, assignee index into the staff list, status).
struct Plan {
    name: &'static str,
    description: &'static str,
    stage: usize,
    milestones: &'static [(&'static str, usize)],
    tasks: &'static [(&'static str, usize, TaskStatus)],
}

const BLUE_PEAK: &[Plan] = &[
    Plan {
        name: "Spring menu launch",
        description: "Photography, menu boards and social posts for the spring menu.",
        stage: 2,
        milestones: &[
            ("Brand photography", 3),
            ("Menu boards", 2),
            ("Social teasers", 0),
        ],
        tasks: &[
            ("Retouch hero shots", 1, TaskStatus::Done),
            ("Lay out menu boards", 0, TaskStatus::InProgress),
            ("Write teaser captions", 1, TaskStatus::Todo),
        ],
    },
    Plan {
        name: "Website refresh",
        description: "A faster site with online ordering.",
        stage: 1,
        milestones: &[("Sitemap", 3), ("Design", 1), ("Build", 0)],
        tasks: &[
            ("Audit current pages", 0, TaskStatus::Done),
            ("Homepage mock-up", 1, TaskStatus::InProgress),
        ],
    },
];

const HARBOR: &[Plan] = &[
    Plan {
        name: "Season 3",
        description: "Eight episodes, recorded on location.",
        stage: 2,
        milestones: &[("Episode 1", 4), ("Episode 2", 2), ("Episode 3", 0)],
        tasks: &[
            ("Edit episode 2", 1, TaskStatus::InProgress),
            ("Book guests for episode 3", 0, TaskStatus::Todo),
        ],
    },
    Plan {
        name: "Season trailer",
        description: "A 60-second trailer for podcast apps and social.",
        stage: 3,
        milestones: &[],
        tasks: &[("Export platform cuts", 1, TaskStatus::Done)],
    },
];

fn day(now: NaiveDateTime, offset: i64) -> NaiveDate {
    now.date() + TimeDelta::days(offset)
}

/// Seeds the pipeline and both clients' projects; `staff` are the organization's staff ids
/// (owner first), `clients` the Blue Peak and Harbor Lights rows.
pub(super) fn seed(
    conn: &mut DbConn,
    org_id: &str,
    staff: &[String],
    clients: [&ClientRow; 2],
    now: NaiveDateTime,
) -> ApiResult<()> {
    if staff.is_empty() {
        return Ok(());
    }
    let mut stage_rows = Vec::new();
    for (position, (name, status)) in STAGES.iter().enumerate() {
        let row = StageRow {
            id: new_id(),
            org_id: org_id.to_owned(),
            name: (*name).to_owned(),
            client_status: *status,
            position: i32::try_from(position).unwrap_or(i32::MAX),
            created_at: now,
        };
        stages::insert(conn, &row)?;
        stage_rows.push(row);
    }
    for (i, (client, plans)) in clients.into_iter().zip([BLUE_PEAK, HARBOR]).enumerate() {
        let manager = &staff[i % staff.len()];
        team::set_client_managers(conn, &client.id, std::slice::from_ref(manager))?;
        for (p, plan) in plans.iter().enumerate() {
            let stage = &stage_rows[plan.stage];
            // Older projects first, so the list's "most recently updated" order is stable.
            let at = now - TimeDelta::minutes(10 * (2 - p as i64));
            let project = ProjectRow {
                id: new_id(),
                org_id: org_id.to_owned(),
                client_id: client.id.clone(),
                name: plan.name.to_owned(),
                description: plan.description.to_owned(),
                stage_id: Some(stage.id.clone()),
                client_status: stage.client_status,
                start_date: Some(day(now, -30)),
                due_date: Some(day(now, 45 + 15 * p as i64)),
                archived_at: None,
                created_at: at,
                updated_at: at,
            };
            projects::insert(conn, &project)?;
            projects::set_managers(conn, &project.id, std::slice::from_ref(manager))?;
            for (m, (title, stage_index)) in plan.milestones.iter().enumerate() {
                let stage = &stage_rows[*stage_index];
                milestones::insert(
                    conn,
                    &MilestoneRow {
                        id: new_id(),
                        org_id: org_id.to_owned(),
                        client_id: client.id.clone(),
                        project_id: project.id.clone(),
                        title: (*title).to_owned(),
                        description: String::new(),
                        stage_id: Some(stage.id.clone()),
                        client_status: stage.client_status,
                        deadline: Some(day(now, 14 * m as i64 - 7)),
                        position: i32::try_from(m).unwrap_or(i32::MAX),
                        created_at: at,
                        updated_at: at,
                    },
                )?;
            }
            for (title, assignee, status) in plan.tasks {
                tasks::insert(
                    conn,
                    &TaskRow {
                        id: new_id(),
                        org_id: org_id.to_owned(),
                        client_id: client.id.clone(),
                        project_id: project.id.clone(),
                        milestone_id: None,
                        title: (*title).to_owned(),
                        assignee_id: Some(staff[assignee % staff.len()].clone()),
                        status: *status,
                        due_date: Some(day(now, 7)),
                        created_at: at,
                        updated_at: at,
                    },
                )?;
            }
        }
    }
    Ok(())
}
