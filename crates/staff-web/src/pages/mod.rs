//! One module per page.

pub mod api_keys;
pub mod client_detail;
pub mod clients;
pub mod login;
pub mod not_found;
