//! Typed handles for the two kinds of caller: a signed-in portal contact (`PortalContact`, a
//! browser with the session cookie and our Origin) next to `Staff` (a bearer token). Both send
//! raw requests (`get`, `post`…) for tests about statuses, and `*_as::<T>` for tests that want the
//! decoded body of a success, failing with the server's answer otherwise.

use super::{Staff, TestApp};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Decodes the body as `T` after checking the status is `expected` and the body against the
/// OpenAPI document (`contract::check`); otherwise fails the test with what the server sent.
pub async fn expect<T: DeserializeOwned>(method: &str, res: reqwest::Response, expected: u16) -> T {
    let status = res.status().as_u16();
    let url = res.url().path().to_owned();
    let text = res.text().await.expect("body");
    assert_eq!(status, expected, "{url}: {text}");
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{url}: {e}: {text}"));
    super::contract::check(method, &url, status, &json);
    serde_json::from_value(json).unwrap_or_else(|e| panic!("{url}: {e}: {text}"))
}

/// A contact signed in to the portal.
pub struct PortalContact {
    app_base: String,
    pub http: reqwest::Client,
}

impl TestApp {
    /// Signs `email` in with the test password.
    pub async fn portal_contact(&self, email: &str) -> PortalContact {
        PortalContact {
            app_base: self.url(""),
            http: self.sign_in(email).await,
        }
    }
}

impl PortalContact {
    fn url(&self, path: &str) -> String {
        format!("{}{}", self.app_base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).send().await.expect("request")
    }

    pub async fn post(&self, path: &str, body: Value) -> reqwest::Response {
        let req = self.http.post(self.url(path)).json(&body);
        req.send().await.expect("request")
    }

    /// `GET path`, which must answer 200 with a `T`.
    pub async fn get_as<T: DeserializeOwned>(&self, path: &str) -> T {
        expect("GET", self.get(path).await, 200).await
    }

    /// `POST path`, which must answer `status` with a `T`.
    pub async fn post_as<T: DeserializeOwned>(&self, path: &str, body: Value, status: u16) -> T {
        expect("POST", self.post(path, body).await, status).await
    }

    /// `PATCH path`, which must answer 200 with a `T`.
    pub async fn patch_as<T: DeserializeOwned>(&self, path: &str, body: Value) -> T {
        let req = self.http.patch(self.url(path)).json(&body);
        expect("PATCH", req.send().await.expect("request"), 200).await
    }
}

impl Staff {
    /// `GET path`, which must answer 200 with a `T`.
    pub async fn get_as<T: DeserializeOwned>(&self, path: &str) -> T {
        expect("GET", self.get(path).await, 200).await
    }

    /// `POST path`, which must answer `status` with a `T`.
    pub async fn post_as<T: DeserializeOwned>(&self, path: &str, body: Value, status: u16) -> T {
        expect("POST", self.post(path, body).await, status).await
    }

    /// `PATCH path`, which must answer 200 with a `T`.
    pub async fn patch_as<T: DeserializeOwned>(&self, path: &str, body: Value) -> T {
        expect("PATCH", self.patch(path, body).await, 200).await
    }
}
