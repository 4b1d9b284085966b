//! Extractor configuration: malformed JSON, a wrong content type, oversize bodies and bad query
//! strings all answer with the shared error body.

use crate::error::ApiError;
use actix_web::error::{JsonPayloadError, QueryPayloadError};
use actix_web::web;
use shared_types::ErrorCode;

/// Largest JSON body accepted by the APIs.
pub const JSON_LIMIT: usize = 64 * 1024;

pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(JSON_LIMIT)
        .error_handler(|err, _req| {
            let api = match &err {
                JsonPayloadError::ContentType => ApiError::UnsupportedMediaType,
                JsonPayloadError::Overflow { .. }
                | JsonPayloadError::OverflowKnownLength { .. } => ApiError::PayloadTooLarge,
                JsonPayloadError::Deserialize(e) => ApiError::bad_request(
                    ErrorCode::InvalidBody,
                    format!("The request body is not valid: {e}"),
                ),
                _ => ApiError::bad_request(
                    ErrorCode::InvalidBody,
                    "The request body could not be read.",
                ),
            };
            api.into()
        })
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, _req| {
        let message = match &err {
            QueryPayloadError::Deserialize(e) => format!("The query string is not valid: {e}"),
            _ => "The query string is not valid.".to_owned(),
        };
        ApiError::bad_request(ErrorCode::InvalidQuery, message).into()
    })
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_err, _req| ApiError::NotFound.into())
}
