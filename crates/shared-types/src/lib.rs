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

/// Declares a `PATCH` body: only the fields sent change. Each field is an `Option`: absent is
/// `None` and the body serialises without it. A nullable field is an `Option<Option<T>>`: an
/// explicit `null` is `Some(None)` (clear it), and the OpenAPI schema shows it as a nullable `T`.
/// Unknown fields are refused. Extra attributes (a doc comment, another derive) pass through.
macro_rules! patch_body {
    ($(#[$meta:meta])* pub struct $name:ident { $($fields:tt)* }) => {
        $crate::patch_body!(@field [$(#[$meta])*] $name [] $($fields)*);
    };
    (@field [$($meta:tt)*] $name:ident [$($done:tt)*]) => {
        $($meta)*
        #[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(deny_unknown_fields)]
        pub struct $name { $($done)* }
    };
    (@field $meta:tt $name:ident [$($done:tt)*]
        $(#[$attr:meta])* pub $field:ident: Option<Option<$t:ty>>, $($rest:tt)*) => {
        $crate::patch_body!(@field $meta $name [$($done)*
            $(#[$attr])*
            #[serde(default, deserialize_with = "crate::nullable", skip_serializing_if = "Option::is_none")]
            #[cfg_attr(feature = "openapi", schema(value_type = Option<$t>))]
            pub $field: Option<Option<$t>>,
        ] $($rest)*);
    };
    (@field $meta:tt $name:ident [$($done:tt)*]
        $(#[$attr:meta])* pub $field:ident: Option<$t:ty>, $($rest:tt)*) => {
        $crate::patch_body!(@field $meta $name [$($done)*
            $(#[$attr])*
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub $field: Option<$t>,
        ] $($rest)*);
    };
}
pub(crate) use patch_body;

/// A nullable `PATCH` field (see `patch_body!`): absent is `None`, `null` is `Some(None)`.
pub(crate) fn nullable<'de, D, T>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(de).map(Some)
}
