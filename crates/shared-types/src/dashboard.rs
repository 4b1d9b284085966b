//! The portal's home page in one response, and the staff overview.

use crate::approvals::PortalApprovalSummary;
use crate::notifications::{ActivityItem, Notification};
use crate::projects::{PortalProjectSummary, TeamMember};
use serde::{Deserialize, Serialize};

/// The numbers at the top of the client's home page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DashboardCounters {
    /// Live projects not yet completed.
    pub active_projects: i64,
    /// Approvals waiting for the client's decision (pending or in review).
    pub awaiting_review: i64,
    /// Approvals the client approved since the first of this month (UTC).
    pub approved_this_month: i64,
    /// The client's requests not yet resolved or closed (only for a contact who may see
    /// requests).
    pub open_requests: Option<i64>,
    /// Sent invoices with a balance left (only for a contact who may see invoices).
    pub outstanding_invoices: Option<i64>,
}

/// An active project with the next date it is working towards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DashboardProject {
    pub project: PortalProjectSummary,
    /// The earliest of the project's due date and its open milestones' deadlines, today or later.
    pub next_deadline: Option<chrono::NaiveDate>,
}

/// `GET /portal/api/dashboard`: everything the client's home page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalDashboard {
    pub counters: DashboardCounters,
    /// Approvals waiting for the client, oldest first (at most 5).
    pub awaiting: Vec<PortalApprovalSummary>,
    /// Whether this contact may decide on them (else the list is for following along).
    pub can_approve: bool,
    /// Active projects, most recently updated first (at most 5).
    pub projects: Vec<DashboardProject>,
    /// The newest notifications (at most 5) and how many are unread in all.
    pub notifications: Vec<Notification>,
    pub unread_notifications: i64,
    /// The newest activity the client may see (at most 8).
    pub activity: Vec<ActivityItem>,
    /// The client's account managers, when the agency shows its team (`None` when it does not).
    pub team: Option<Vec<TeamMember>>,
}

/// An approval waiting on a client, for the staff overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitingApproval {
    pub id: String,
    pub title: String,
    pub client_id: String,
    pub client_name: String,
    pub status: crate::ApprovalStatus,
    pub due_date: Option<chrono::NaiveDate>,
    pub overdue: bool,
    /// When the current version was sent for review.
    pub waiting_since: chrono::DateTime<chrono::Utc>,
}

/// `GET /api/v1/overview`: the staff home page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffOverview {
    /// Approvals waiting on clients, oldest first (at most 20).
    pub waiting: Vec<WaitingApproval>,
    /// Recent client decisions and comments (at most 10).
    pub client_activity: Vec<ActivityItem>,
    /// Recent activity across clients (at most 15).
    pub activity: Vec<ActivityItem>,
    pub unread_notifications: i64,
}
