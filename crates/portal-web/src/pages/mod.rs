//! One module per page (or per family of simple pages). Pages never import from each other:
//! what several use lives in `components`, and their addresses in `links`.

pub mod approvals;
pub mod dashboard;
pub mod gallery;
pub mod invite;
pub mod invoices;
pub mod login;
pub mod magic;
pub mod notifications;
pub mod preview;
pub mod projects;
pub mod requests;
pub mod settings;
