//! One module per page (or per family of simple pages).

pub mod approvals;
pub mod dashboard;
pub mod gallery;
pub mod invite;
pub mod login;
pub mod magic;
pub mod not_found;
pub mod projects;
pub mod sections;
pub mod settings;
