//! Staff-specific building blocks used by the pages.

pub mod client_billing;
pub mod client_settings;
pub mod comments;
pub mod contact_form;
pub mod contact_row;
pub mod contacts;
pub mod fields;
pub mod layout;
pub mod lookups;
pub mod media;
pub mod milestones;
pub mod permissions;
pub mod project_form;
pub mod project_settings;
pub mod request_form;
pub mod status;
pub mod tasks;
pub mod uploader;
pub mod versions;
