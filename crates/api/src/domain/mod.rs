//! What Atrium does, apart from how it is asked over HTTP: who acts (`Actor`), the one event
//! stream everything that happens is recorded in (`events`), and the approval workflow
//! (`approvals`). Handlers authenticate, parse and call in here; the rules live here.

pub mod actor;
pub mod approvals;
pub mod branding;
pub mod events;
pub mod inbox;
pub mod invoice_documents;
pub mod invoices;
pub mod notify;
pub mod preview;
pub mod requests;
pub mod team;

pub use actor::Actor;
