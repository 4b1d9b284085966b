//! The error every API call returns: the server's shared `ErrorBody`, or a transport failure.

use shared_types::{ErrorCode, ErrorDetail};
use std::fmt;

/// Why an API call failed, in a form pages can show and branch on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The server answered with a non-2xx status and (ideally) the shared error body.
    Server { status: u16, detail: ErrorDetail },
    /// No answer arrived: offline, DNS failure, aborted request.
    Network(String),
    /// An answer arrived but was not the shape we expected.
    Decode(String),
}

impl ApiError {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Server { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The stable machine code (`InvalidCredentials`, …), or a local one for transport errors.
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Server { detail, .. } => detail.code,
            ApiError::Network(_) => ErrorCode::NetworkError,
            ApiError::Decode(_) => ErrorCode::DecodeError,
        }
    }

    /// A sentence safe to show to the user.
    pub fn message(&self) -> String {
        match self {
            ApiError::Server { detail, .. } => detail.message.clone(),
            ApiError::Network(_) => {
                "We could not reach the server. Check your connection and try again.".to_owned()
            }
            ApiError::Decode(_) => {
                "The server sent an answer we could not read. Please try again.".to_owned()
            }
        }
    }

    /// The per-field validation message for the input named `name`, if any.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            ApiError::Server { detail, .. } => detail
                .fields
                .as_ref()
                .and_then(|fields| fields.get(name).cloned()),
            _ => None,
        }
    }

    /// True for 401: the session or access token is missing, expired or revoked.
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ApiError {}

/// A field error for `name` out of an optional API error (handy inside `move ||` closures).
pub fn field_error(error: Option<&ApiError>, name: &str) -> Option<String> {
    error.and_then(|e| e.field(name))
}
