//! One module per page.

pub mod api_keys;
pub mod approval_audit;
pub mod approval_detail;
pub mod approval_new;
pub mod approvals;
pub mod client_detail;
pub mod clients;
pub mod login;
pub mod not_found;
pub mod project_detail;
pub mod projects;
pub mod stages;
