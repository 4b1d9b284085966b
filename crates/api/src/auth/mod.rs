//! Authentication of both sides. The portal uses cookie sessions stored in the database; staff and
//! integrations use short-lived JWTs. Neither credential is accepted on the other's API.

pub mod origin;
pub mod portal_session;
pub mod portal_user;
pub mod staff_user;
pub mod throttle;

pub use portal_user::{Permission, Portal, PortalUser};
pub use staff_user::{Staff, StaffUser};

use actix_web::HttpRequest;

/// The caller's IP: the socket peer, or the first `X-Forwarded-For` hop behind a trusted proxy.
pub fn client_ip(req: &HttpRequest, trust_proxy: bool) -> String {
    if trust_proxy {
        if let Some(forwarded) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            return forwarded.trim().to_owned();
        }
    }
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

pub fn user_agent(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|ua| ua.chars().take(300).collect())
}
