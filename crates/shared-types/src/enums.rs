//! Enumerations stored as text in the database and sent as snake_case strings on the wire.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Declares a text enum with `as_str`, `Display` and `FromStr` that agree with its serde form.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        // Stored as its text; a stored text that names no variant is a read error, never a
        // silent fallback.
        #[cfg(feature = "diesel")]
        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let text =
                    <String as diesel::deserialize::FromSql<diesel::sql_types::Text, DB>>::from_sql(bytes)?;
                Ok(text.parse::<$name>()?)
            }
        }

        #[cfg(feature = "diesel")]
        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(self.as_str(), out)
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownVariant;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err(UnknownVariant(other.to_owned())),
                }
            }
        }
    };
}

/// A stored or submitted text that names no variant of the enum it should belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownVariant(pub String);

impl fmt::Display for UnknownVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown value `{}`", self.0)
    }
}

impl std::error::Error for UnknownVariant {}

text_enum! {
    /// A staff user's role inside their organization.
    StaffRole { Owner => "owner", Admin => "admin", Member => "member" }
}

impl StaffRole {
    /// Owners and admins manage API keys, staff and organization settings.
    pub fn is_admin(self) -> bool {
        matches!(self, StaffRole::Owner | StaffRole::Admin)
    }

    /// How the team page and notifications name the role.
    pub fn label(self) -> &'static str {
        match self {
            StaffRole::Owner => "Owner",
            StaffRole::Admin => "Admin",
            StaffRole::Member => "Member",
        }
    }
}

text_enum! {
    /// A portal contact's lifecycle.
    ContactStatus { Invited => "invited", Active => "active", Revoked => "revoked" }
}

text_enum! {
    /// A client company's lifecycle.
    ClientStatus { Active => "active", Archived => "archived" }
}

text_enum! {
    /// What a client sees of a project or milestone; each pipeline stage maps to one.
    WorkStatus {
        InProgress => "in_progress",
        ReadyForReview => "ready_for_review",
        Approved => "approved",
        Published => "published",
        OnHold => "on_hold",
        Completed => "completed",
    }
}

impl WorkStatus {
    /// A sentence-case label for summaries and badges.
    pub fn label(self) -> &'static str {
        match self {
            WorkStatus::InProgress => "In progress",
            WorkStatus::ReadyForReview => "Ready for review",
            WorkStatus::Approved => "Approved",
            WorkStatus::Published => "Published",
            WorkStatus::OnHold => "On hold",
            WorkStatus::Completed => "Completed",
        }
    }

    /// The client has seen this work through: it counts towards progress.
    pub fn is_done(self) -> bool {
        matches!(
            self,
            WorkStatus::Approved | WorkStatus::Published | WorkStatus::Completed
        )
    }
}

text_enum! {
    /// An internal task's state.
    TaskStatus { Todo => "todo", InProgress => "in_progress", Done => "done" }
}

text_enum! {
    /// Where an approval stands with the client.
    ApprovalStatus {
        Pending => "pending",
        InReview => "in_review",
        Approved => "approved",
        ChangesRequested => "changes_requested",
    }
}

text_enum! {
    /// What is being approved; decides whether comments carry a timecode or an image region.
    ApprovalKind {
        Image => "image",
        Video => "video",
        Audio => "audio",
        Document => "document",
        Copy => "copy",
        Other => "other",
    }
}

impl ApprovalKind {
    /// Audio and video comments may point at a moment.
    pub fn has_timeline(self) -> bool {
        matches!(self, ApprovalKind::Audio | ApprovalKind::Video)
    }
}

text_enum! {
    /// A client's decision recorded on one version.
    Decision { Approved => "approved", ChangesRequested => "changes_requested" }
}

text_enum! {
    /// What a contact answers on a version (`POST …/respond`).
    ResponseChoice { Approve => "approve", RequestChanges => "request_changes" }
}

impl ResponseChoice {
    pub fn decision(self) -> Decision {
        match self {
            ResponseChoice::Approve => Decision::Approved,
            ResponseChoice::RequestChanges => Decision::ChangesRequested,
        }
    }
}

text_enum! {
    /// The broad type of a stored file.
    FileKind {
        Image => "image",
        Video => "video",
        Audio => "audio",
        Document => "document",
        Other => "other",
    }
}

text_enum! {
    /// Where a file's media processing (dimensions, thumbnail, duration, waveform) stands.
    /// `pending`: queued or running; `ready`: done; `failed`: the file could not be read as
    /// media (it still downloads); `none`: nothing to do (documents, unsupported or oversized).
    MediaState {
        Pending => "pending",
        Ready => "ready",
        Failed => "failed",
        None => "none",
    }
}

// `text_enum!` cannot mark a `#[default]` variant, hence the hand-written impl.
#[allow(clippy::derivable_impls)]
impl Default for MediaState {
    /// What a body without the field (an older server) means: nothing known.
    fn default() -> Self {
        MediaState::None
    }
}

text_enum! {
    /// One kind of entry in an approval's audit trail.
    AuditAction {
        Submitted => "submitted",
        Viewed => "viewed",
        Approved => "approved",
        ChangesRequested => "changes_requested",
        Commented => "commented",
        Resubmitted => "resubmitted",
        StatusChanged => "status_changed",
        Archived => "archived",
        CommentEdited => "comment_edited",
        CommentDeleted => "comment_deleted",
    }
}
