//! Bodies of the portal API (`/portal/api`), used by client contacts through a cookie session.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The organization's look, public so the sign-in page is themed before sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Branding {
    pub display_name: String,
    pub logo_url: Option<String>,
    /// `#rrggbb`, readable on white and under white text.
    pub accent_color: String,
    /// The browser tab title (the display name unless the agency chose one).
    pub portal_title: String,
    pub favicon_url: Option<String>,
}

/// What a contact may see and do. Read from the database on every request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Permissions {
    pub can_view_invoices: bool,
    pub can_approve_work: bool,
    pub can_add_comments: bool,
    pub can_submit_requests: bool,
}

impl Default for Permissions {
    fn default() -> Self {
        Self {
            can_view_invoices: true,
            can_approve_work: true,
            can_add_comments: true,
            can_submit_requests: true,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = PortalLoginRequest))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MagicLinkRequest {
    pub email: String,
    /// The portal page the link should open after signing in (a path under `/portal/`; anything
    /// else is ignored and the link opens the home page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TokenRedeem {
    pub token: String,
}

/// Who an invitation is for, shown on the Accept Invitation page before it is used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitePreview {
    /// The name staff entered; the contact may change it when accepting.
    pub name: String,
    /// The address the invitation was sent to (the contact's sign-in email).
    pub email: String,
    /// The agency whose portal this is.
    pub organization: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InviteAccept {
    pub token: String,
    pub name: String,
    pub password: Option<String>,
}

/// Set a first password (`current_password` absent) or change one (`current_password` required).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: Option<String>,
    pub new_password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactSelf {
    pub id: String,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub has_password: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientSummary {
    pub id: String,
    pub name: String,
}

/// `GET /portal/api/me`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub contact: ContactSelf,
    pub client: ClientSummary,
    pub permissions: Permissions,
    pub branding: Branding,
    /// Present when a staff member is previewing the portal as this contact: read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview: Option<PreviewInfo>,
}

/// A staff member's read-only look at the portal as one contact sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreviewInfo {
    /// Who is previewing.
    pub staff_name: String,
    pub expires_at: DateTime<Utc>,
}

/// One signed-in device of a contact (portal `GET /sessions`, staff contact sessions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    /// True for the session making the request.
    pub current: bool,
}
