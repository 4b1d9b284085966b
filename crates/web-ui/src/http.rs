//! A small request builder over `gloo-net` that speaks the Atrium API conventions:
//! JSON bodies with `Content-Type: application/json` on every non-GET (an empty `{}` when there is
//! nothing to send, so the server's CSRF/content-type check passes), same-origin credentials so
//! the portal's cookie travels, an optional `Bearer` token, and error bodies decoded into
//! [`ApiError`].

use crate::error::ApiError;
use gloo_net::http::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared_types::{ErrorBody, ErrorCode, ErrorDetail};
use web_sys::RequestCredentials;

/// One API request, built up and then sent with [`Call::fetch`] or [`Call::fetch_empty`].
/// `Clone` so a caller can retry it (the staff app does, after refreshing its token).
#[derive(Debug, Clone)]
pub struct Call {
    method: Method,
    url: String,
    body: Option<String>,
    bearer: Option<String>,
    headers: Vec<(String, String)>,
}

impl Call {
    fn new(method: Method, url: impl Into<String>) -> Self {
        Self {
            method,
            url: url.into(),
            body: None,
            bearer: None,
            headers: Vec::new(),
        }
    }

    pub fn get(url: impl Into<String>) -> Self {
        Self::new(Method::GET, url)
    }

    pub fn post(url: impl Into<String>) -> Self {
        Self::new(Method::POST, url)
    }

    pub fn patch(url: impl Into<String>) -> Self {
        Self::new(Method::PATCH, url)
    }

    pub fn put(url: impl Into<String>) -> Self {
        Self::new(Method::PUT, url)
    }

    pub fn delete(url: impl Into<String>) -> Self {
        Self::new(Method::DELETE, url)
    }

    /// Attach a JSON body. A body that cannot be serialised (it never happens with the shared
    /// types) is sent as `{}` and the server's validation answers.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.body = Some(serde_json::to_string(body).unwrap_or_else(|_| "{}".to_owned()));
        self
    }

    /// Send `Authorization: Bearer <token>` (nothing when `None`).
    pub fn bearer(mut self, token: Option<String>) -> Self {
        self.bearer = token;
        self
    }

    /// Send one more header (`Idempotency-Key`, say).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Send and decode a JSON answer.
    pub async fn fetch<T: DeserializeOwned>(self) -> Result<T, ApiError> {
        let response = self.send().await?;
        response
            .json::<T>()
            .await
            .map_err(|e| ApiError::Decode(e.to_string()))
    }

    /// Send and ignore the body of a successful answer (204, 202).
    pub async fn fetch_empty(self) -> Result<(), ApiError> {
        self.send().await.map(|_| ())
    }

    async fn send(self) -> Result<Response, ApiError> {
        let is_get = self.method == Method::GET;
        let mut builder = RequestBuilder::new(&self.url)
            .method(self.method)
            .credentials(RequestCredentials::SameOrigin)
            .header("Accept", "application/json");
        if let Some(token) = &self.bearer {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        let request = if is_get {
            builder.build()
        } else {
            builder
                .header("Content-Type", "application/json")
                .body(self.body.unwrap_or_else(|| "{}".to_owned()))
        }
        .map_err(|e| ApiError::Network(e.to_string()))?;

        let response = request
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        if response.ok() {
            Ok(response)
        } else {
            Err(error_from(response).await)
        }
    }
}

/// Turn a non-2xx answer into an [`ApiError`], keeping the server's code and message when the
/// body is the shared error shape (a proxy's HTML error page is not).
async fn error_from(response: Response) -> ApiError {
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    let detail = match serde_json::from_str::<ErrorBody>(&text) {
        Ok(body) => body.error,
        Err(_) => ErrorDetail {
            code: ErrorCode::Unknown,
            message: format!(
                "Something went wrong on the server (status {status}). Please try again."
            ),
            fields: None,
        },
    };
    ApiError::Server { status, detail }
}

/// Percent-encode one path segment or query value (everything but RFC 3986 unreserved bytes).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A fresh `Idempotency-Key`: made once per form, so a double click or a retried submission
/// creates one thing.
pub fn idempotency_key() -> String {
    let part = || (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    format!(
        "{:x}-{:08x}-{:08x}",
        js_sys::Date::now() as u64,
        part(),
        part()
    )
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn encodes_reserved_and_non_ascii() {
        assert_eq!(encode("a b&c/d"), "a%20b%26c%2Fd");
        assert_eq!(encode("é"), "%C3%A9");
        assert_eq!(encode("0190-ab_c.~"), "0190-ab_c.~");
    }
}
