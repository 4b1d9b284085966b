//! The one error body every endpoint returns (DESIGN.md §7).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `{"error": {"code": "...", "message": "...", "fields": {...}}}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Stable, snake_case machine code (`invalid_credentials`, `validation_failed`, …).
    pub code: String,
    /// A human sentence safe to show to the user.
    pub message: String,
    /// Per-field messages for validation errors, keyed by the input field name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<BTreeMap<String, String>>,
}

impl ErrorBody {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            error: ErrorDetail {
                code: code.into(),
                message: message.into(),
                fields: None,
            },
        }
    }
}
