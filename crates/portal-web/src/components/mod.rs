//! Portal-specific building blocks shared by several pages.

pub mod layout;
pub mod magic_link_form;
pub mod password_form;
pub mod public_shell;
pub mod review;
pub mod security;
pub mod status;
