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

/// Makes each listed path-parameter type (`web::paths`, `staff::paths`) an extractor of its own,
/// so that a handler takes it apart in its signature: `ApprovalId { id }: ApprovalId`. The values
/// are read and percent-decoded as `web::Path` reads them; a value that does not fit is a 404
/// (`path_config`).
macro_rules! from_path {
    ($($name:ty),* $(,)?) => {$(
        impl actix_web::FromRequest for $name {
            type Error = actix_web::Error;
            type Future = futures_util::future::Map<
                <actix_web::web::Path<Self> as actix_web::FromRequest>::Future,
                fn(Result<actix_web::web::Path<Self>, Self::Error>) -> Result<Self, Self::Error>,
            >;

            fn from_request(
                req: &actix_web::HttpRequest,
                payload: &mut actix_web::dev::Payload,
            ) -> Self::Future {
                use futures_util::FutureExt;
                <actix_web::web::Path<Self> as actix_web::FromRequest>::from_request(req, payload)
                    .map(|path| path.map(actix_web::web::Path::into_inner))
            }
        }
    )*};
}
pub(crate) use from_path;

/// A JSON request body that must be an object. (`web::Json` alone would also fill a struct from
/// an array, positionally: `["x"]` would rename a stage.) Size, content type and malformed JSON
/// are refused as `web::Json` does, by `json_config`. Named `Json` like actix's, so that
/// `#[utoipa::path]` documents the request body from the handler's signature.
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: serde::de::DeserializeOwned + 'static> actix_web::FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = futures_util::future::LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(
        req: &actix_web::HttpRequest,
        payload: &mut actix_web::dev::Payload,
    ) -> Self::Future {
        let json =
            <web::Json<serde_json::Value> as actix_web::FromRequest>::from_request(req, payload);
        Box::pin(async move {
            let value = json.await?.into_inner();
            if !value.is_object() {
                return Err(ApiError::bad_request(
                    ErrorCode::InvalidBody,
                    "The request body must be a JSON object.",
                )
                .into());
            }
            T::deserialize(value).map(Json).map_err(|e| {
                ApiError::bad_request(
                    ErrorCode::InvalidBody,
                    format!("The request body is not valid: {e}"),
                )
                .into()
            })
        })
    }
}
