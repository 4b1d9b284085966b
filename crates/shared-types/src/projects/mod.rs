//! Projects, milestones, tasks and pipeline stages: the staff view (`/api/v1`, with internal
//! stages) and the portal view (`/portal/api`), which only ever carries the client-facing status.

use crate::enums::{TaskStatus, WorkStatus};
use crate::patch_body;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Longest description accepted for a project or milestone.
pub const DESCRIPTION_MAX: usize = 10_000;

/// A project or milestone description: optional, bounded.
pub fn description(text: &str) -> Result<(), &'static str> {
    if text.chars().count() > DESCRIPTION_MAX {
        Err("Use at most 10,000 characters.")
    } else {
        Ok(())
    }
}

/// A due date (or deadline) may not fall before the start date.
pub fn date_order(start: Option<NaiveDate>, due: Option<NaiveDate>) -> Result<(), &'static str> {
    match (start, due) {
        (Some(start), Some(due)) if due < start => Err("The due date can't be before the start."),
        _ => Ok(()),
    }
}

mod portal;
pub use portal::*;

// ---- staff: pipeline stages ----

/// One of the organization's own pipeline stages. Clients never see it, only its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stage {
    pub id: String,
    pub name: String,
    /// What a client sees while work is in this stage.
    pub client_status: WorkStatus,
    pub position: i32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StageCreate {
    pub name: String,
    pub client_status: WorkStatus,
    /// Defaults to after the last stage.
    pub position: Option<i32>,
}

patch_body! {
    pub struct StageUpdate {
        pub name: Option<String>,
        /// Changes the mapping for work that later enters this stage; existing work keeps its status.
        pub client_status: Option<WorkStatus>,
        pub position: Option<i32>,
    }
}

// ---- staff: projects ----

/// A project as staff see it, with its internal stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Project {
    pub id: String,
    pub client_id: String,
    pub client_name: String,
    pub name: String,
    pub description: String,
    pub stage_id: Option<String>,
    pub stage_name: Option<String>,
    pub client_status: WorkStatus,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub manager_ids: Vec<String>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new project. A `stage_id` sets `client_status` from the stage's mapping unless
/// `client_status` is given too; with neither, the project is `in_progress`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProjectCreate {
    pub client_id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub stage_id: Option<String>,
    pub client_status: Option<WorkStatus>,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    /// Staff of the organization who manage the project.
    #[serde(default)]
    pub manager_ids: Vec<String>,
}

patch_body! {
    /// Changes the fields present; `null` clears a nullable field. Setting `stage_id` sets
    /// `client_status` from the stage's mapping; an explicit `client_status` in the same body wins.
    pub struct ProjectUpdate {
        pub name: Option<String>,
        pub description: Option<String>,
        pub stage_id: Option<Option<String>>,
        pub client_status: Option<WorkStatus>,
        pub start_date: Option<Option<NaiveDate>>,
        pub due_date: Option<Option<NaiveDate>>,
        /// Replaces the whole set of managers.
        pub manager_ids: Option<Vec<String>>,
        /// `false` restores an archived project.
        pub archived: Option<bool>,
    }
}

// ---- staff: milestones ----

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Milestone {
    pub id: String,
    pub project_id: String,
    pub title: String,
    pub description: String,
    pub stage_id: Option<String>,
    pub stage_name: Option<String>,
    pub client_status: WorkStatus,
    pub deadline: Option<NaiveDate>,
    pub position: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new milestone; stage and status follow the same rule as a project's.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MilestoneCreate {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub stage_id: Option<String>,
    pub client_status: Option<WorkStatus>,
    pub deadline: Option<NaiveDate>,
    /// Defaults to after the last milestone.
    pub position: Option<i32>,
}

patch_body! {
    pub struct MilestoneUpdate {
        pub title: Option<String>,
        pub description: Option<String>,
        pub stage_id: Option<Option<String>>,
        pub client_status: Option<WorkStatus>,
        pub deadline: Option<Option<NaiveDate>>,
        pub position: Option<i32>,
    }
}

// ---- staff: tasks ----

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Task {
    pub id: String,
    pub project_id: String,
    pub milestone_id: Option<String>,
    pub title: String,
    pub assignee_id: Option<String>,
    pub status: TaskStatus,
    pub due_date: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TaskCreate {
    pub title: String,
    /// A milestone of the same project.
    pub milestone_id: Option<String>,
    /// Staff of the organization.
    pub assignee_id: Option<String>,
    /// Defaults to `todo`.
    pub status: Option<TaskStatus>,
    pub due_date: Option<NaiveDate>,
}

patch_body! {
    pub struct TaskUpdate {
        pub title: Option<String>,
        pub milestone_id: Option<Option<String>>,
        pub assignee_id: Option<Option<String>>,
        pub status: Option<TaskStatus>,
        pub due_date: Option<Option<NaiveDate>>,
    }
}

/// A client's account managers (`GET`/`PUT /api/v1/clients/{id}/managers`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClientManagers {
    pub staff_ids: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_counts_done_milestones_and_falls_back_on_the_project_status() {
        assert_eq!(Progress::compute(WorkStatus::InProgress, 1, 3).percent, 33);
        assert_eq!(Progress::compute(WorkStatus::InProgress, 3, 3).percent, 100);
        assert_eq!(Progress::compute(WorkStatus::InProgress, 0, 0).percent, 0);
        assert_eq!(Progress::compute(WorkStatus::Published, 0, 0).percent, 100);
        assert_eq!(Progress::compute(WorkStatus::OnHold, 0, 0).percent, 0);
    }

    #[test]
    fn patch_bodies_tell_null_from_absent() {
        let u: ProjectUpdate = serde_json::from_str(r#"{"stage_id": null}"#).unwrap();
        assert_eq!(u.stage_id, Some(None));
        assert_eq!(u.due_date, None);
        let u: ProjectUpdate = serde_json::from_str(r#"{"due_date": "2026-12-01"}"#).unwrap();
        assert_eq!(u.due_date, Some(NaiveDate::from_ymd_opt(2026, 12, 1)));
    }

    #[test]
    fn dates_in_order() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 1, day);
        assert!(date_order(d(1), d(2)).is_ok());
        assert!(date_order(d(2), d(1)).is_err());
        assert!(date_order(None, d(1)).is_ok());
    }
}

#[cfg(test)]
mod patch_tests {
    use super::*;

    /// A PATCH body sends only what the user changed: absent means "keep", `null` means "clear".
    /// (The staff app's "Move up" once sent `"stage_id": null, "deadline": null` with the new
    /// position and so cleared both.)
    #[test]
    fn update_bodies_leave_out_what_is_not_changed_and_send_null_to_clear() {
        let move_only = MilestoneUpdate {
            position: Some(2),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&move_only).unwrap(),
            serde_json::json!({ "position": 2 })
        );
        let clear_deadline = MilestoneUpdate {
            deadline: Some(None),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&clear_deadline).unwrap(),
            serde_json::json!({ "deadline": null })
        );
        let back: MilestoneUpdate = serde_json::from_value(serde_json::json!({})).unwrap();
        assert!(back.stage_id.is_none() && back.deadline.is_none());
        assert_eq!(
            serde_json::to_value(ProjectUpdate::default()).unwrap(),
            serde_json::json!({})
        );
        assert_eq!(
            serde_json::to_value(TaskUpdate::default()).unwrap(),
            serde_json::json!({})
        );
        assert_eq!(
            serde_json::to_value(StageUpdate::default()).unwrap(),
            serde_json::json!({})
        );
        assert_eq!(
            serde_json::to_value(crate::approvals::ApprovalUpdate::default()).unwrap(),
            serde_json::json!({})
        );
        assert_eq!(
            serde_json::to_value(crate::staff::ClientUpdate::default()).unwrap(),
            serde_json::json!({})
        );
        assert_eq!(
            serde_json::to_value(crate::staff::ContactUpdate::default()).unwrap(),
            serde_json::json!({})
        );
    }
}
