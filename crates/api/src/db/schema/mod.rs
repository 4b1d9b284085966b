//! The one diesel schema, in types both backends share (ids and enums as text, naive UTC
//! timestamps), one file per area (named `*_tables` so no module shadows a table). Kept by hand in
//! step with `migrations/{sqlite,postgres}`; `tests/api/schema.rs` checks that both backends'
//! migrations give the same tables and columns. How tables join is declared in `db/relations.rs`.

mod account_tables;
mod event_tables;
mod invoice_tables;
mod request_tables;
mod work_tables;

pub use account_tables::*;
pub use event_tables::*;
pub use invoice_tables::*;
pub use request_tables::*;
pub use work_tables::*;
