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
    pub code: ErrorCode,
    /// A human sentence safe to show to the user.
    pub message: String,
    /// Per-field messages for validation errors, keyed by the input field name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<BTreeMap<String, String>>,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            error: ErrorDetail {
                code,
                message: message.into(),
                fields: None,
            },
        }
    }
}

/// Every machine code an error body carries: what the server sends and what the SPAs branch on.
/// Codes are stable API: add new ones, never rename. An unknown code (from a newer server) reads
/// as `Unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the body is not JSON of the expected shape.
    InvalidBody,
    /// 400: a query parameter is malformed.
    InvalidQuery,
    /// 400: a page cursor that this API did not issue.
    InvalidCursor,
    /// 400: a multipart upload that could not be read.
    InvalidMultipart,
    /// 400: a sign-in or invitation link that is unknown, expired or used.
    InvalidToken,
    /// 400: a command-line argument (provisioning) is not acceptable.
    InvalidArgument,
    /// 401: no valid session or token.
    Unauthorized,
    /// 401: the email and password don't match.
    InvalidCredentials,
    /// 403: signed in, but not allowed.
    Forbidden,
    /// 404.
    NotFound,
    /// 405: the path exists, but not with this method; see `Allow`.
    MethodNotAllowed,
    /// 409: a unique value is already taken.
    Duplicate,
    /// 409: a decision was sent for a version that is no longer the latest.
    StaleVersion,
    /// 409: this version has already been decided.
    AlreadyDecided,
    /// 409: no version has been decided yet (no certificate).
    NotDecided,
    /// 409: a comment with replies can be edited, not deleted.
    HasReplies,
    /// 409: the client's portal access is off.
    PortalClosed,
    /// 409: the request is closed (open a new one).
    RequestClosed,
    /// 409: the invoice's state does not allow this (a sent invoice is not edited; a void or
    /// draft invoice takes no payment).
    InvoiceLocked,
    /// 409: a team change that would leave the organization without an active owner.
    LastOwner,
    /// 409: the member already joined (or is deactivated), so there is no invitation to send.
    AlreadyJoined,
    /// 409: Atrium could not reach itself through the custom portal domain (the message says why).
    DomainNotVerified,
    /// 413.
    PayloadTooLarge,
    /// 413: the organization's storage quota would be exceeded.
    QuotaExceeded,
    /// 415.
    UnsupportedMediaType,
    /// 422: see `fields`.
    ValidationFailed,
    /// 429: see `Retry-After`.
    RateLimited,
    /// 503: a dependency (the database) is unavailable.
    ServiceUnavailable,
    /// 500.
    InternalError,
    /// Client side only, never sent: the server could not be reached.
    NetworkError,
    /// Client side only, never sent: the answer could not be read.
    DecodeError,
    /// A code this build does not know.
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// The wire form, e.g. `invalid_credentials`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidBody => "invalid_body",
            ErrorCode::InvalidQuery => "invalid_query",
            ErrorCode::InvalidCursor => "invalid_cursor",
            ErrorCode::InvalidMultipart => "invalid_multipart",
            ErrorCode::InvalidToken => "invalid_token",
            ErrorCode::InvalidArgument => "invalid_argument",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::InvalidCredentials => "invalid_credentials",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Duplicate => "duplicate",
            ErrorCode::StaleVersion => "stale_version",
            ErrorCode::AlreadyDecided => "already_decided",
            ErrorCode::NotDecided => "not_decided",
            ErrorCode::HasReplies => "has_replies",
            ErrorCode::PortalClosed => "portal_closed",
            ErrorCode::RequestClosed => "request_closed",
            ErrorCode::InvoiceLocked => "invoice_locked",
            ErrorCode::LastOwner => "last_owner",
            ErrorCode::AlreadyJoined => "already_joined",
            ErrorCode::DomainNotVerified => "domain_not_verified",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::QuotaExceeded => "quota_exceeded",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::ServiceUnavailable => "service_unavailable",
            ErrorCode::InternalError => "internal_error",
            ErrorCode::NetworkError => "network_error",
            ErrorCode::DecodeError => "decode_error",
            ErrorCode::Unknown => "unknown",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialize_as_their_wire_names_and_unknown_codes_still_read() {
        for code in [
            ErrorCode::InvalidToken,
            ErrorCode::StaleVersion,
            ErrorCode::QuotaExceeded,
        ] {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        }
        let body: ErrorBody =
            serde_json::from_str(r#"{"error":{"code":"from_the_future","message":"m"}}"#).unwrap();
        assert_eq!(body.error.code, ErrorCode::Unknown);
    }
}
