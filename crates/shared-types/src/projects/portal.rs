//! The portal's view of projects: no stage ever appears here, only client-facing statuses.

use crate::enums::WorkStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How far along a project is, counted in milestones the client has seen through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Progress {
    pub milestones_done: i64,
    pub milestones_total: i64,
    /// 0–100, rounded down.
    pub percent: i64,
}

impl Progress {
    /// Done milestones are approved, published or completed. A project without milestones is
    /// 100% once it is itself approved, published or completed, else 0%.
    pub fn compute(project_status: WorkStatus, done: i64, total: i64) -> Progress {
        let percent = if total > 0 {
            (done.clamp(0, total) * 100) / total
        } else if project_status.is_done() {
            100
        } else {
            0
        };
        Progress {
            milestones_done: done,
            milestones_total: total,
            percent,
        }
    }
}

/// A project in the portal's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalProjectSummary {
    pub id: String,
    pub name: String,
    pub status: WorkStatus,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub progress: Progress,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalMilestone {
    pub id: String,
    pub title: String,
    pub description: String,
    pub status: WorkStatus,
    pub deadline: Option<NaiveDate>,
}

/// Someone at the agency a client can reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMember {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    /// `Account manager`, `Project manager` or `Team`.
    pub role_label: String,
}

/// One project in the portal: milestones in order, and the team when the agency shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalProject {
    pub id: String,
    pub name: String,
    pub status: WorkStatus,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub progress: Progress,
    pub description: String,
    pub milestones: Vec<PortalMilestone>,
    /// Project managers, then the people assigned to its tasks; `null` when the agency does not
    /// show its team to this client.
    pub team: Option<Vec<TeamMember>>,
}
