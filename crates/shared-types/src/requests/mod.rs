//! Job requests and support tickets: their kinds, categories, priorities and statuses, the
//! portal's and the staff's views of them, response targets and metrics.
//!
//! Internal notes exist only in the staff types (`TimelineEntry::internal`, `StaffReply`): no
//! portal type has a field that could carry one.

use crate::approvals::FileMeta;
use crate::enums::UnknownVariant;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

mod staff;
pub use staff::*;

/// Longest request description or message, in characters.
pub const MESSAGE_MAX: usize = 10_000;
/// Most files on one request or message.
pub const FILES_MAX: usize = 10;

text_enum! {
    /// New work, or help with something that exists.
    RequestType { Job => "job", Support => "support" }
}

impl RequestType {
    pub fn label(self) -> &'static str {
        match self {
            RequestType::Job => "Job request",
            RequestType::Support => "Support ticket",
        }
    }

    /// The categories a request of this type may have, in the order forms list them.
    pub fn categories(self) -> &'static [RequestCategory] {
        use RequestCategory::*;
        match self {
            RequestType::Job => &[Design, Development, Content, Strategy, Revision, Other],
            RequestType::Support => &[Billing, Access, Bug, Feedback, Other],
        }
    }
}

text_enum! {
    /// What a request is about; which ones a type allows is `RequestType::categories`.
    RequestCategory {
        Design => "design",
        Development => "development",
        Content => "content",
        Strategy => "strategy",
        Revision => "revision",
        Billing => "billing",
        Access => "access",
        Bug => "bug",
        Feedback => "feedback",
        Other => "other",
    }
}

impl RequestCategory {
    pub fn label(self) -> &'static str {
        use RequestCategory::*;
        match self {
            Design => "Design",
            Development => "Development",
            Content => "Content",
            Strategy => "Strategy",
            Revision => "Revision",
            Billing => "Billing",
            Access => "Access",
            Bug => "Bug",
            Feedback => "Feedback",
            Other => "Other",
        }
    }
}

text_enum! {
    RequestPriority { Low => "low", Normal => "normal", High => "high", Urgent => "urgent" }
}

impl RequestPriority {
    pub fn label(self) -> &'static str {
        match self {
            RequestPriority::Low => "Low",
            RequestPriority::Normal => "Normal",
            RequestPriority::High => "High",
            RequestPriority::Urgent => "Urgent",
        }
    }

    /// Sort rank, most urgent first.
    pub fn rank(self) -> i32 {
        match self {
            RequestPriority::Urgent => 0,
            RequestPriority::High => 1,
            RequestPriority::Normal => 2,
            RequestPriority::Low => 3,
        }
    }

    /// The built-in response targets (first response, resolution), in minutes, for an
    /// organization that has not set its own.
    pub fn default_targets(self) -> (i32, i32) {
        match self {
            RequestPriority::Urgent => (2 * 60, 24 * 60),
            RequestPriority::High => (8 * 60, 3 * 24 * 60),
            RequestPriority::Normal => (24 * 60, 5 * 24 * 60),
            RequestPriority::Low => (3 * 24 * 60, 10 * 24 * 60),
        }
    }
}

text_enum! {
    RequestStatus {
        Open => "open",
        InProgress => "in_progress",
        WaitingOnClient => "waiting_on_client",
        Resolved => "resolved",
        Closed => "closed",
    }
}

impl RequestStatus {
    pub fn label(self) -> &'static str {
        match self {
            RequestStatus::Open => "Open",
            RequestStatus::InProgress => "In progress",
            RequestStatus::WaitingOnClient => "Waiting on you",
            RequestStatus::Resolved => "Resolved",
            RequestStatus::Closed => "Closed",
        }
    }

    /// How staff read the status ("Waiting on client" rather than "Waiting on you").
    pub fn staff_label(self) -> &'static str {
        match self {
            RequestStatus::WaitingOnClient => "Waiting on client",
            other => other.label(),
        }
    }

    /// Still needs the agency or the client: not resolved or closed.
    pub fn is_active(self) -> bool {
        !matches!(self, RequestStatus::Resolved | RequestStatus::Closed)
    }
}

/// The category must be one the type allows.
pub fn category_for(kind: RequestType, category: RequestCategory) -> Result<(), &'static str> {
    if kind.categories().contains(&category) {
        Ok(())
    } else {
        match kind {
            RequestType::Job => Err("Choose a category for a job request."),
            RequestType::Support => Err("Choose a category for a support ticket."),
        }
    }
}

/// A description or message: 1 to 10,000 characters after trimming.
pub fn message_body(body: &str, empty: &'static str) -> Result<(), &'static str> {
    let body = body.trim();
    if body.is_empty() {
        Err(empty)
    } else if body.chars().count() > MESSAGE_MAX {
        Err("Use at most 10,000 characters.")
    } else {
        Ok(())
    }
}

/// When the agency aims to answer and to resolve, by the organization's targets. `None` once
/// done (answered, resolved).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResponseDue {
    /// The first reply is due by then (no staff reply yet).
    pub reply_by: Option<DateTime<Utc>>,
    /// Resolution is due by then (time spent waiting on the client moves it later).
    pub resolve_by: Option<DateTime<Utc>>,
}

// ---- portal ----

/// One request in the client's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalRequestSummary {
    pub id: String,
    pub request_type: RequestType,
    pub category: RequestCategory,
    pub title: String,
    pub priority: RequestPriority,
    pub status: RequestStatus,
    /// Messages in the thread (the agency's and the client's).
    pub message_count: i32,
    /// The last message or change the client can see.
    pub last_activity_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    /// Who at the client it is from.
    pub from: Option<String>,
    pub due: ResponseDue,
}

/// A project a request is linked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectRef {
    pub id: String,
    pub name: String,
}

/// One message of the public thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestMessage {
    pub id: String,
    pub author_name: String,
    /// Written by the agency (else by someone at the client).
    pub from_agency: bool,
    pub body: String,
    pub attachments: Vec<FileMeta>,
    pub created_at: DateTime<Utc>,
}

/// `GET /portal/api/requests/{id}`: the request and its public thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalRequest {
    #[serde(flatten)]
    pub summary: PortalRequestSummary,
    pub description: String,
    pub project: Option<ProjectRef>,
    pub attachments: Vec<FileMeta>,
    /// Oldest first.
    pub messages: Vec<RequestMessage>,
}

/// `POST /portal/api/requests`. Status, assignee and internal flags are the agency's: a body
/// that names them is refused (400).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RequestCreate {
    pub request_type: RequestType,
    pub category: RequestCategory,
    pub title: String,
    pub description: String,
    /// Default `normal`.
    pub priority: Option<RequestPriority>,
    /// One of the client's own projects.
    pub project_id: Option<String>,
    /// Files uploaded with `POST /portal/api/files` (at most 10).
    #[serde(default)]
    pub file_ids: Vec<String>,
}

/// `POST …/requests/{id}/messages` from a contact.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RequestReply {
    pub body: String,
    #[serde(default)]
    pub file_ids: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_type_allows_its_own_categories() {
        assert_eq!(
            category_for(RequestType::Job, RequestCategory::Design),
            Ok(())
        );
        assert!(category_for(RequestType::Job, RequestCategory::Billing).is_err());
        assert!(category_for(RequestType::Support, RequestCategory::Design).is_err());
        assert_eq!(
            category_for(RequestType::Support, RequestCategory::Other),
            Ok(())
        );
    }
}
