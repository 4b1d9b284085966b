//! Atrium's wire types: every request and response body of the portal API (`/portal/api`) and the
//! staff API (`/api/v1`), the shared error body, enums, and input validation rules.
//!
//! No IO lives here: the crate compiles for the server and for `wasm32-unknown-unknown`, so both
//! SPAs and the server agree on one definition of each shape.

pub mod approvals;
pub mod branding;
#[macro_use]
pub mod enums;
pub mod dashboard;
pub mod error;
pub mod events;
pub mod invoices;
pub mod money;
pub mod notifications;
pub mod page;
pub mod portal;
pub mod projects;
pub mod requests;
pub mod staff;
pub mod team;
pub mod validate;

pub use enums::*;
pub use error::{ErrorBody, ErrorCode, ErrorDetail};
pub use events::EventKind;
pub use page::Page;

/// Every moment on the wire is a `DateTime<Utc>`: RFC 3339 with its offset
/// (`2026-11-30T02:22:42.753376Z`), as the OpenAPI document's `format: date-time` promises;
/// input with any offset is accepted and normalised to UTC.
pub type Timestamp = chrono::DateTime<chrono::Utc>;

/// For `PATCH` bodies: an absent field is `None`, an explicit `null` is `Some(None)`. A nullable
/// field reads `#[serde(default, deserialize_with = "nullable", skip_serializing_if = "absent")]`.
pub(crate) fn nullable<'de, D, T>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(de).map(Some)
}

/// A `PATCH` field that was not sent (`None`), which a body serialises without.
pub(crate) fn absent<T>(field: &Option<T>) -> bool {
    field.is_none()
}
