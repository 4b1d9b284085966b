//! Approvals as the portal sees them: its list, detail and decision bodies, and the gallery. No
//! type here has a field that could carry an internal comment.

use super::{ApprovalVersion, Comment, FileMeta, Region};
use crate::enums::{ApprovalKind, ApprovalStatus, AuditAction, ResponseChoice};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalApprovalSummary {
    pub id: String,
    pub project_id: String,
    pub title: String,
    pub kind: ApprovalKind,
    pub status: ApprovalStatus,
    pub due_date: Option<NaiveDate>,
    pub current_version: i32,
    pub updated_at: DateTime<Utc>,
}

/// How many live approvals the client has in each status (the list's tabs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCounts {
    pub pending: i64,
    pub in_review: i64,
    pub approved: i64,
    pub changes_requested: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalApprovalList {
    pub items: Vec<PortalApprovalSummary>,
    pub counts: StatusCounts,
}

/// What a client sees of the audit trail: no addresses or session ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditSummary {
    pub action: AuditAction,
    pub actor_name: String,
    pub version: i32,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalApproval {
    #[serde(flatten)]
    pub summary: PortalApprovalSummary,
    pub description: String,
    pub versions: Vec<ApprovalVersion>,
    pub comments: Vec<Comment>,
    pub audit: Vec<AuditSummary>,
    pub can_respond: bool,
    pub can_comment: bool,
}

/// A decision on `version`, which must be the latest. Requesting changes needs a note.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RespondBody {
    pub version: i32,
    pub decision: ResponseChoice,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PortalCommentCreate {
    pub body: String,
    pub version: i32,
    pub timecode_ms: Option<i64>,
    pub region: Option<Region>,
    pub parent_id: Option<String>,
}

/// A contact's new text for their own comment.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PortalCommentEdit {
    pub body: String,
}

/// One picture or video in the portal's gallery: a file of one of the client's live approvals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GalleryItem {
    pub file: FileMeta,
    /// The newest live approval the file belongs to.
    pub approval_id: String,
    pub approval_title: String,
    pub project_id: String,
    pub created_at: DateTime<Utc>,
}
