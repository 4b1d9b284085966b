//! Bodies of the staff and integration API (`/api/v1`), authenticated by a Bearer JWT.

use crate::enums::{ClientStatus, ContactStatus, StaffRole};
use crate::patch_body;
use crate::portal::Permissions;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = StaffLoginRequest))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

/// An access JWT. The refresh token travels only in an HttpOnly cookie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessToken {
    pub access_token: String,
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
}

/// `POST /api/v1/auth/token`: exchange an API key for an access JWT.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TokenExchange {
    pub api_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgSummary {
    pub id: String,
    pub name: String,
    pub slug: String,
}

/// `GET /api/v1/auth/me`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMe {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: StaffRole,
    pub org: OrgSummary,
    /// `staff` for a person, `api_key` for an integration.
    pub actor: String,
    #[serde(default)]
    pub title: String,
    pub phone: Option<String>,
}

/// A staff member of the caller's organization (`GET /api/v1/staff`): who can manage a project
/// or be assigned a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMember {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: StaffRole,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApiKeyCreate {
    pub name: String,
    /// `admin` or `member`; an API key is never an owner.
    pub role: StaffRole,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiKey {
    pub id: String,
    pub name: String,
    pub role: StaffRole,
    /// The first characters of the secret, to tell keys apart.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Returned once, at creation: the secret is never shown again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiKeyCreated {
    pub key: ApiKey,
    pub secret: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClientCreate {
    pub name: String,
    #[serde(default)]
    pub default_permissions: Permissions,
    #[serde(default)]
    pub show_team_members: bool,
}

patch_body! {
    pub struct ClientUpdate {
        pub name: Option<String>,
        pub default_permissions: Option<Permissions>,
        pub show_team_members: Option<bool>,
        /// Turning this off revokes every contact's sessions at once.
        pub portal_enabled: Option<bool>,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Client {
    pub id: String,
    pub name: String,
    pub status: ClientStatus,
    pub portal_enabled: bool,
    pub default_permissions: Permissions,
    pub show_team_members: bool,
    pub contact_count: i64,
    pub created_at: DateTime<Utc>,
}

/// Per-contact overrides of the client's default permissions; `None` follows the client.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PermissionOverrides {
    pub can_view_invoices: Option<bool>,
    pub can_approve_work: Option<bool>,
    pub can_add_comments: Option<bool>,
    pub can_submit_requests: Option<bool>,
}

impl PermissionOverrides {
    /// The permissions in force: each override, or the client's default where there is none.
    pub fn resolve(&self, defaults: Permissions) -> Permissions {
        Permissions {
            can_view_invoices: self.can_view_invoices.unwrap_or(defaults.can_view_invoices),
            can_approve_work: self.can_approve_work.unwrap_or(defaults.can_approve_work),
            can_add_comments: self.can_add_comments.unwrap_or(defaults.can_add_comments),
            can_submit_requests: self
                .can_submit_requests
                .unwrap_or(defaults.can_submit_requests),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactCreate {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    #[serde(default)]
    pub permissions: PermissionOverrides,
    /// Send the invitation email straight away.
    #[serde(default)]
    pub invite: bool,
}

patch_body! {
    /// Absent fields are left alone. `permissions` replaces all four overrides at once.
    pub struct ContactUpdate {
        pub name: Option<String>,
        pub email: Option<String>,
        /// `""` clears the phone number.
        pub phone: Option<String>,
        pub permissions: Option<PermissionOverrides>,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    pub id: String,
    pub client_id: String,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub status: ContactStatus,
    pub permission_overrides: PermissionOverrides,
    pub permissions: Permissions,
    pub last_sign_in_at: Option<DateTime<Utc>>,
    pub invited_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// `POST …/contacts/{id}/invite`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteSent {
    pub expires_at: DateTime<Utc>,
}

/// `POST …/contacts/{id}/preview`: open `url` in a new tab to see the portal as the contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreviewLink {
    pub url: String,
    /// The link works once, until then.
    pub expires_at: DateTime<Utc>,
    /// How long the preview lasts once opened.
    pub session_minutes: i64,
}

/// How many sessions a revocation ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Revoked {
    pub sessions_ended: i64,
}
