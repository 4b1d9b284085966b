//! Pieces shared by Atrium's two SPAs: the JSON API client core with its typed error, and small
//! presentational components (form field, checkbox, error banner, toast, badge, spinner).
//!
//! Nothing here knows about pages or endpoints; each SPA's `api.rs` builds on [`http::Call`].

pub mod components;
pub mod error;
pub mod format;
pub mod frame;
pub mod http;
pub mod labels;
pub mod player;
pub mod sessions;
pub mod sign_in;
pub mod theme;

pub use error::ApiError;
pub use http::Call;
