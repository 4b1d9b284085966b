//! Pieces shared by Atrium's two SPAs: the JSON API client core with its typed error, the layout
//! shell (signed-in frame, navigation, account menu, signed-out frame), the sign-in form, the
//! action + effect pattern, loading and paging, tables, forms, labels and small presentational
//! components (form field, checkbox, error banner, toast, badge, spinner).
//!
//! Nothing here knows about pages or endpoints; each SPA's `api.rs` builds on [`http::Call`].

pub mod action;
pub mod clipboard;
pub mod components;
pub mod confirm;
pub mod error;
pub mod form;
pub mod format;
pub mod frame;
pub mod http;
pub mod labels;
pub mod link_token;
pub mod live;
pub mod load;
pub mod nav;
pub mod notifications;
pub mod paged;
pub mod player;
pub mod router;
pub mod sessions;
pub mod shell;
pub mod sign_in;
pub mod table;
pub mod theme;
pub mod title;
pub mod upload;
pub mod widgets;

pub use error::ApiError;
pub use http::Call;
