//! Requests as staff see them: the inbox, the timeline with internal notes, triage and replies,
//! response targets, routing and metrics.

use super::{
    ProjectRef, RequestCategory, RequestPriority, RequestStatus, RequestType, ResponseDue,
};
use crate::approvals::FileMeta;
use crate::patch_body;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A staff member a request can be assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffRef {
    pub id: String,
    pub name: String,
}

/// One request in the staff inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffRequestSummary {
    pub id: String,
    pub client_id: String,
    pub client_name: String,
    /// The contact it is from.
    pub contact_name: Option<String>,
    pub request_type: RequestType,
    pub category: RequestCategory,
    pub title: String,
    pub priority: RequestPriority,
    pub status: RequestStatus,
    pub assignee: Option<StaffRef>,
    pub project: Option<ProjectRef>,
    /// Public messages (internal notes are counted separately on the request).
    pub message_count: i32,
    pub last_activity_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub due: ResponseDue,
    /// A due time above has passed.
    pub breached: bool,
}

/// `GET /api/v1/requests`: a page of the inbox and how many active requests nobody owns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffRequestList {
    pub items: Vec<StaffRequestSummary>,
    pub next_cursor: Option<String>,
    /// Active (not resolved or closed) requests without an assignee, whatever the filters.
    pub unassigned: i64,
}

/// One entry of the staff thread: a public message or an internal note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    pub id: String,
    /// A staff-only note, never shown to the client.
    pub internal: bool,
    pub author_name: String,
    pub from_agency: bool,
    pub body: String,
    pub attachments: Vec<FileMeta>,
    pub created_at: DateTime<Utc>,
}

/// The contact a request is from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactRef {
    pub id: String,
    pub name: String,
    pub email: String,
}

/// `GET /api/v1/requests/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffRequest {
    #[serde(flatten)]
    pub summary: StaffRequestSummary,
    pub description: String,
    pub contact: Option<ContactRef>,
    pub attachments: Vec<FileMeta>,
    /// Messages and internal notes, oldest first.
    pub timeline: Vec<TimelineEntry>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// `POST /api/v1/requests`: a request made by staff on a client's behalf.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffRequestCreate {
    pub client_id: String,
    /// The contact it is for (one of the client's).
    pub contact_id: Option<String>,
    pub request_type: RequestType,
    pub category: RequestCategory,
    pub title: String,
    pub description: String,
    pub priority: Option<RequestPriority>,
    /// Default: the category's default assignee, if the organization set one.
    pub assignee_id: Option<String>,
    pub project_id: Option<String>,
    #[serde(default)]
    pub file_ids: Vec<String>,
}

patch_body! {
    /// `PATCH /api/v1/requests/{id}`: only the fields sent change; `null` clears the assignee or
    /// the project.
    pub struct RequestUpdate {
        pub status: Option<RequestStatus>,
        pub priority: Option<RequestPriority>,
        pub assignee_id: Option<Option<String>>,
        pub project_id: Option<Option<String>>,
    }
}

/// `POST /api/v1/requests/{id}/messages`: a public reply, or an internal note.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffReply {
    pub body: String,
    /// `true`: a staff-only note (no attachments, never shown to the client).
    #[serde(default)]
    pub internal: bool,
    #[serde(default)]
    pub file_ids: Vec<String>,
}

/// Response targets for one priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResponseTarget {
    pub priority: RequestPriority,
    pub first_response_minutes: i32,
    pub resolution_minutes: i32,
}

/// A category's default assignee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RequestRoute {
    pub request_type: RequestType,
    pub category: RequestCategory,
    pub assignee_id: String,
}

/// `GET|PUT /api/v1/requests/settings`: targets per priority (all four) and routing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RequestSettings {
    pub targets: Vec<ResponseTarget>,
    pub routes: Vec<RequestRoute>,
}

/// Response and resolution times of one group (minutes; the clock stops while a request waits
/// on the client).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MetricGroup {
    /// The category, or the assignee's id (`unassigned` for none); `all` for the total.
    pub key: String,
    pub label: String,
    /// Requests created in the range.
    pub requests: i64,
    pub responded: i64,
    pub resolved: i64,
    pub first_response_median_minutes: Option<f64>,
    pub first_response_p90_minutes: Option<f64>,
    pub resolution_median_minutes: Option<f64>,
    pub resolution_p90_minutes: Option<f64>,
}

/// `GET /api/v1/requests/metrics?from=&to=`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestMetrics {
    /// First day counted.
    pub from: NaiveDate,
    /// Last day counted.
    pub to: NaiveDate,
    pub overall: MetricGroup,
    pub by_category: Vec<MetricGroup>,
    pub by_assignee: Vec<MetricGroup>,
}
