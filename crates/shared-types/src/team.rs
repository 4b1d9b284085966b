//! The staff team (`/api/v1/team`, owners and admins) and a staff member's own account
//! (`/api/v1/auth/...`): invitations, roles, deactivation, profile, password and sessions.

use crate::enums::{StaffRole, UnknownVariant};
use crate::patch_body;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

text_enum! {
    /// Where a member stands: invited (no password yet), active, or deactivated (can't sign in;
    /// their past actions stay theirs).
    MemberStatus { Invited => "invited", Active => "active", Deactivated => "deactivated" }
}

/// One member of the team, as owners and admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffAccount {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: StaffRole,
    pub title: String,
    pub phone: Option<String>,
    pub status: MemberStatus,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
}

/// `POST /api/v1/team`: invite someone by email; the link lets them set a password.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffInvite {
    pub email: String,
    pub name: String,
    /// `member` or `admin`; only an owner may invite an owner.
    pub role: StaffRole,
    #[serde(default)]
    pub title: String,
}

patch_body! {
    /// `PATCH /api/v1/team/{id}`: only the fields sent change.
    pub struct StaffAccountUpdate {
        pub role: Option<StaffRole>,
        /// `false` deactivates: their sessions, refresh tokens and the API keys they created stop
        /// working at once. `true` reactivates.
        pub active: Option<bool>,
    }
}

patch_body! {
    /// `PATCH /api/v1/auth/me`: one's own name, phone and title; only the fields sent change.
    pub struct ProfileUpdate {
        pub name: Option<String>,
        /// `null` removes it.
        pub phone: Option<Option<String>>,
        pub title: Option<String>,
    }
}

/// `POST /api/v1/auth/password`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// `POST /api/v1/auth/invitation` and `POST /api/v1/auth/password-reset/confirm`: a token from
/// an email and the new password.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetPassword {
    pub token: String,
    pub password: String,
}

/// `POST /api/v1/auth/password-reset`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    pub email: String,
}

/// `POST /api/v1/auth/sessions/revoke-others`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionsEnded {
    /// How many other sessions were signed out.
    pub ended: usize,
}
