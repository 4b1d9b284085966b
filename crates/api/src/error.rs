//! `ApiError`: the one error type of both APIs, rendered as the shared `ErrorBody` (DESIGN.md §7).
//! Causes of 5xx errors are logged with the request id and never sent to the client.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use shared_types::{ErrorBody, ErrorCode};
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{message}")]
    BadRequest { code: ErrorCode, message: String },
    #[error("not signed in")]
    Unauthorized,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("{0}")]
    Forbidden(String),
    #[error("not found")]
    NotFound,
    /// No route has this path (404 `not_found`, with a message that says so).
    #[error("no such route")]
    NoSuchRoute,
    /// The path exists with other methods (405, `Allow` lists them).
    #[error("method not allowed")]
    MethodNotAllowed { allow: String },
    #[error("{message}")]
    Conflict { code: ErrorCode, message: String },
    /// A conflict that names the fields involved (e.g. `stale_version` with the latest version).
    #[error("{message}")]
    ConflictFields {
        code: ErrorCode,
        message: String,
        fields: BTreeMap<String, String>,
    },
    #[error("payload too large")]
    PayloadTooLarge,
    /// The upload would take the organization's stored bytes over its quota (413).
    #[error("storage quota exceeded")]
    QuotaExceeded { quota_bytes: i64, used_bytes: i64 },
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("validation failed")]
    Validation(BTreeMap<String, String>),
    #[error("rate limited")]
    RateLimited { retry_after_secs: i64 },
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// The database server closed the connection (a restart, a failover): 503, and `Db::run`
    /// replaces the connection.
    #[error("database connection lost: {0}")]
    ConnectionLost(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type ApiResult<T> = Result<T, ApiError>;

/// What a handler that answers with a JSON body returns.
pub type Reply<T> = ApiResult<actix_web::web::Json<T>>;

impl ApiError {
    pub fn bad_request(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError::BadRequest {
            code,
            message: message.into(),
        }
    }

    pub fn conflict(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError::Conflict {
            code,
            message: message.into(),
        }
    }

    /// A single-field validation error.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        ApiError::Validation(BTreeMap::from([(field.to_owned(), message.into())]))
    }

    fn code(&self) -> ErrorCode {
        match self {
            ApiError::BadRequest { code, .. }
            | ApiError::Conflict { code, .. }
            | ApiError::ConflictFields { code, .. } => *code,
            ApiError::Unauthorized => ErrorCode::Unauthorized,
            ApiError::InvalidCredentials => ErrorCode::InvalidCredentials,
            ApiError::Forbidden(_) => ErrorCode::Forbidden,
            ApiError::NotFound | ApiError::NoSuchRoute => ErrorCode::NotFound,
            ApiError::MethodNotAllowed { .. } => ErrorCode::MethodNotAllowed,
            ApiError::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            ApiError::QuotaExceeded { .. } => ErrorCode::QuotaExceeded,
            ApiError::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            ApiError::Validation(_) => ErrorCode::ValidationFailed,
            ApiError::RateLimited { .. } => ErrorCode::RateLimited,
            ApiError::Unavailable(_) | ApiError::ConnectionLost(_) => ErrorCode::ServiceUnavailable,
            ApiError::Internal(_) => ErrorCode::InternalError,
        }
    }

    fn message(&self) -> String {
        match self {
            ApiError::BadRequest { message, .. }
            | ApiError::Conflict { message, .. }
            | ApiError::ConflictFields { message, .. } => message.clone(),
            ApiError::Unauthorized => "Sign in to continue.".into(),
            ApiError::InvalidCredentials => "That email and password don't match.".into(),
            ApiError::Forbidden(message) => message.clone(),
            ApiError::NotFound => "We couldn't find that.".into(),
            ApiError::NoSuchRoute => {
                "There is no such address in this API; /api/docs lists them.".into()
            }
            ApiError::MethodNotAllowed { allow } => {
                format!("This address does not accept that method; it accepts {allow}.")
            }
            ApiError::PayloadTooLarge => "That request is too large.".into(),
            ApiError::QuotaExceeded {
                quota_bytes,
                used_bytes,
            } => format!(
                "This file would take your organization over its storage quota of {}; {} is free.",
                human_bytes(*quota_bytes),
                human_bytes((quota_bytes - used_bytes).max(0)),
            ),
            ApiError::UnsupportedMediaType => "Send the body as application/json.".into(),
            ApiError::Validation(_) => "Some fields need attention.".into(),
            ApiError::RateLimited { retry_after_secs } => format!(
                "Too many attempts. Try again in {} minute(s).",
                (retry_after_secs + 59) / 60
            ),
            ApiError::Unavailable(_) | ApiError::ConnectionLost(_) => {
                "The service is temporarily unavailable. Try again shortly.".into()
            }
            ApiError::Internal(_) => "Something went wrong on our side.".into(),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized | ApiError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound | ApiError::NoSuchRoute => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict { .. } | ApiError::ConflictFields { .. } => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge | ApiError::QuotaExceeded { .. } => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) | ApiError::ConnectionLost(_) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => tracing::error!(error = ?cause, "internal error"),
            ApiError::Unavailable(cause) | ApiError::ConnectionLost(cause) => {
                tracing::warn!(%cause, "dependency unavailable")
            }
            _ => {}
        }
        let mut body = ErrorBody::new(self.code(), self.message());
        if let ApiError::Validation(fields) | ApiError::ConflictFields { fields, .. } = self {
            body.error.fields = Some(fields.clone());
        }
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((header::CACHE_CONTROL, "no-store"));
        if let ApiError::MethodNotAllowed { allow } = self {
            res.insert_header((header::ALLOW, allow.as_str()));
        }
        if let ApiError::RateLimited { retry_after_secs } = self {
            res.insert_header((header::RETRY_AFTER, retry_after_secs.max(&1).to_string()));
        }
        res.json(body)
    }
}

/// Whether `err` is a unique-constraint violation (a name or email already taken).
pub fn is_duplicate(err: &DieselError) -> bool {
    matches!(
        err,
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)
    )
}

impl From<DieselError> for ApiError {
    fn from(err: DieselError) -> Self {
        match err {
            DieselError::NotFound => ApiError::NotFound,
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                ApiError::conflict(ErrorCode::Duplicate, "That already exists.")
            }
            DieselError::DatabaseError(
                kind @ (DatabaseErrorKind::ClosedConnection
                | DatabaseErrorKind::UnableToSendCommand),
                info,
            ) => ApiError::ConnectionLost(format!(
                "database connection lost ({kind:?}): {}",
                info.message()
            )),
            other => ApiError::Internal(other.into()),
        }
    }
}

impl From<diesel::r2d2::PoolError> for ApiError {
    fn from(err: diesel::r2d2::PoolError) -> Self {
        ApiError::Unavailable(format!("database pool: {err}"))
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        ApiError::Internal(anyhow::anyhow!("blocking pool: {err}"))
    }
}

/// `1536` → `1.5 KiB`: sizes in messages people read.
fn human_bytes(n: i64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// Collects per-field validation messages and turns them into one 422.
#[derive(Default)]
pub struct Fields(BTreeMap<String, String>);

impl Fields {
    pub fn check(&mut self, field: &str, result: Result<(), &str>) -> &mut Self {
        if let Err(message) = result {
            self.0
                .entry(field.to_owned())
                .or_insert_with(|| message.to_owned());
        }
        self
    }

    pub fn finish(&mut self) -> ApiResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(std::mem::take(&mut self.0)))
        }
    }
}

/// Turns "no such row" into a 422 on the request-body field that named it (a milestone, stage or
/// project chosen in a form); other database errors pass through.
pub trait OrField<T> {
    fn or_field(self, field: &str, message: &str) -> ApiResult<T>;
}

impl<T> OrField<T> for diesel::QueryResult<T> {
    fn or_field(self, field: &str, message: &str) -> ApiResult<T> {
        match self {
            Err(diesel::result::Error::NotFound) => Err(ApiError::field(field, message)),
            other => Ok(other?),
        }
    }
}

/// 429 while a rate limit is reached (`retry_after` from `db::rate_limit::retry_after`).
pub fn unless_limited(retry_after: Option<i64>) -> ApiResult<()> {
    match retry_after {
        Some(retry_after_secs) => Err(ApiError::RateLimited { retry_after_secs }),
        None => Ok(()),
    }
}
