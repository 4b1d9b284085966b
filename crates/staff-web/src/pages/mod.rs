//! One module per page. Pages never import from each other: what several use lives in
//! `components`, and their addresses in `links`.

pub mod account;
pub mod api_keys;
pub mod approval_audit;
pub mod approval_detail;
pub mod approval_new;
pub mod approvals;
pub mod client_detail;
pub mod clients;
pub mod invoice_detail;
pub mod invoices;
pub mod login;
pub mod notifications;
pub mod overview;
pub mod project_detail;
pub mod projects;
pub mod request_detail;
pub mod request_metrics;
pub mod requests;
pub mod set_password;
pub mod settings;
pub mod stages;
pub mod team;
