//! Email: branded templates rendered into the outbox, and the worker that delivers them.

pub mod notifications;
pub mod templates;
pub mod transport;
pub mod worker;

pub use templates::{invitation_email, magic_link_email};
