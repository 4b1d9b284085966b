//! Keyset pagination envelope shared by every list endpoint.

use serde::{Deserialize, Serialize};

/// A page of a list. `next_cursor` is opaque; pass it back as `?cursor=` to get the next page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}
