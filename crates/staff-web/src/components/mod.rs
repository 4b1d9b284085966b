//! Staff-specific building blocks used by the pages.

pub mod client_settings;
pub mod contact_form;
pub mod contact_row;
pub mod contacts;
pub mod layout;
pub mod permissions;
