//! Approvals: a deliverable's versions (files + notes), the comment thread, the client's decision
//! and the audit trail. Staff bodies carry internal comments; portal bodies never do.

use crate::enums::{ApprovalKind, ApprovalStatus, AuditAction, Decision, FileKind, MediaState};
use crate::patch_body;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

mod portal;
pub use portal::*;

/// Longest comment body, in characters.
pub const COMMENT_MAX: usize = 5_000;
/// Longest version notes or decision note, in characters.
pub const NOTES_MAX: usize = 10_000;

/// A comment body: 1 to 5,000 characters after trimming.
pub fn comment_body(body: &str) -> Result<(), &'static str> {
    let body = body.trim();
    if body.is_empty() {
        Err("Write a comment.")
    } else if body.chars().count() > COMMENT_MAX {
        Err("Use at most 5,000 characters.")
    } else {
        Ok(())
    }
}

/// Version notes or a decision note: bounded.
pub fn notes(text: &str) -> Result<(), &'static str> {
    if text.chars().count() > NOTES_MAX {
        Err("Use at most 10,000 characters.")
    } else {
        Ok(())
    }
}

/// A rectangle on an image, each value relative to the image (0..1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Region {
    /// Inside the image: every value in 0..1 and the rectangle does not overflow.
    pub fn check(&self) -> Result<(), &'static str> {
        let unit = |v: f64| (0.0..=1.0).contains(&v);
        let ok = [self.x, self.y, self.w, self.h].into_iter().all(unit)
            && self.x + self.w <= 1.0
            && self.y + self.h <= 1.0;
        if ok {
            Ok(())
        } else {
            Err("Mark a region inside the image.")
        }
    }
}

/// A file's metadata as both APIs show it (never its storage key).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FileMeta {
    pub id: String,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub kind: FileKind,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub duration_ms: Option<i64>,
    /// Peak levels for the audio player (about 200 values in 0..1, each the loudest sample of
    /// its stretch of the recording), when computed.
    pub waveform: Option<Vec<f32>>,
    /// Whether the dimensions, thumbnail, duration and waveform are computed yet.
    #[serde(default)]
    pub media_state: MediaState,
    /// A thumbnail (JPEG, at most 480×480) is served at `…/files/{id}/thumbnail`: images, and
    /// video posters where one could be made.
    #[serde(default)]
    pub has_thumbnail: bool,
}

/// One submitted version and, once decided, the client's decision on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApprovalVersion {
    pub number: i32,
    pub notes: String,
    pub files: Vec<FileMeta>,
    pub created_at: DateTime<Utc>,
    pub decision: Option<Decision>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
}

/// A comment on an approval. `internal` comments exist only in staff responses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comment {
    pub id: String,
    pub version: i32,
    /// `staff` or `contact`.
    pub author_kind: String,
    pub author_name: String,
    pub body: String,
    pub timecode_ms: Option<i64>,
    pub region: Option<Region>,
    pub parent_id: Option<String>,
    pub internal: bool,
    pub created_at: DateTime<Utc>,
    /// When its author last changed the text; `null` if never.
    pub edited_at: Option<DateTime<Utc>>,
    /// Portal only: the signed-in contact wrote it and may still edit or delete it (its version
    /// is undecided). Always `false` in the staff API.
    #[serde(default)]
    pub editable: bool,
}

// ---- staff ----

/// A row of the staff list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApprovalSummary {
    pub id: String,
    pub client_id: String,
    pub project_id: String,
    pub milestone_id: Option<String>,
    pub title: String,
    pub kind: ApprovalKind,
    pub status: ApprovalStatus,
    pub due_date: Option<NaiveDate>,
    pub current_version: i32,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// The staff view of an approval: every version with its files, every comment (internal too).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Approval {
    #[serde(flatten)]
    pub summary: ApprovalSummary,
    pub description: String,
    pub created_by: String,
    pub versions: Vec<ApprovalVersion>,
    pub comments: Vec<Comment>,
}

/// A version to submit: notes and files (ids of files of the project's client), in order.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VersionCreate {
    #[serde(default)]
    pub notes: String,
    pub file_ids: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApprovalCreate {
    pub project_id: String,
    pub milestone_id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub kind: ApprovalKind,
    pub due_date: Option<NaiveDate>,
    /// Version 1.
    pub version: VersionCreate,
}

patch_body! {
    /// Changes the fields present; `"due_date": null` clears the due date.
    pub struct ApprovalUpdate {
        pub title: Option<String>,
        pub description: Option<String>,
        pub due_date: Option<Option<NaiveDate>>,
        pub kind: Option<ApprovalKind>,
    }
}

/// A staff comment; `internal` ones are never shown to the client.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffCommentCreate {
    pub body: String,
    pub version: i32,
    #[serde(default)]
    pub internal: bool,
    pub timecode_ms: Option<i64>,
    pub region: Option<Region>,
    pub parent_id: Option<String>,
}

/// One audit entry, in full (staff only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub seq: i32,
    pub action: AuditAction,
    pub actor_kind: String,
    pub actor_id: String,
    pub actor_name: String,
    pub version: i32,
    pub file_hashes: Vec<String>,
    pub session_id: Option<String>,
    pub ip: Option<String>,
    /// What the entry records beyond its action (`comment <id>` for a comment).
    pub detail: String,
    pub created_at: DateTime<Utc>,
    pub prev_hash: String,
    pub hash: String,
    /// For a `commented` entry, the comment's text as it is now (read alongside the trail; not
    /// part of the hashed entry). `null` for other entries.
    pub comment: Option<String>,
}

/// The audit trail with the result of recomputing its hash chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditLog {
    pub entries: Vec<AuditEntry>,
    pub verified: bool,
    /// The first entry whose stored hash does not match its content and predecessor.
    pub broken_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificateFile {
    pub filename: String,
    pub size_bytes: i64,
    pub sha256: String,
}

/// Proof of a decision: what was decided, on which files, by whom, when and from where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Certificate {
    pub approval_id: String,
    /// The organization's display name.
    pub agency_name: String,
    pub title: String,
    pub client_name: String,
    pub project_name: String,
    pub version: i32,
    pub files: Vec<CertificateFile>,
    pub decision: Decision,
    pub decision_note: Option<String>,
    pub decided_by_name: String,
    pub decided_by_email: String,
    pub decided_at: DateTime<Utc>,
    pub ip: Option<String>,
    pub session_id: Option<String>,
    /// Hash of the newest audit entry, which commits to the whole trail.
    pub audit_head_hash: String,
    pub audit_verified: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_must_lie_inside_the_image() {
        let r = |x, y, w, h| Region { x, y, w, h }.check();
        assert!(r(0.0, 0.0, 1.0, 1.0).is_ok());
        assert!(r(0.5, 0.5, 0.6, 0.1).is_err());
        assert!(r(-0.1, 0.0, 0.1, 0.1).is_err());
        assert!(r(0.0, 0.2, 0.1, 0.9).is_err());
    }

    #[test]
    fn comment_bodies_are_bounded() {
        assert!(comment_body(" ").is_err());
        assert!(comment_body(&"x".repeat(COMMENT_MAX)).is_ok());
        assert!(comment_body(&"x".repeat(COMMENT_MAX + 1)).is_err());
    }
}
