//! One async function per portal endpoint (`/portal/api/…`). The session travels as a
//! same-origin cookie; nothing is ever stored in the browser by this module.

use shared_types::portal::{
    Branding, InviteAccept, LoginRequest, MagicLinkRequest, Me, PasswordChange, SessionInfo,
    TokenRedeem,
};
use shared_types::staff::Revoked;
use web_ui::http::encode;
use web_ui::{ApiError, Call};

fn url(path: &str) -> String {
    format!("/portal/api{path}")
}

/// `GET /branding` (public): the organization's name, logo and accent colour.
pub async fn branding() -> Result<Branding, ApiError> {
    Call::get(url("/branding")).fetch().await
}

/// `POST /auth/login`: password sign-in; sets the session cookie.
pub async fn login(body: LoginRequest) -> Result<Me, ApiError> {
    Call::post(url("/auth/login")).json(&body).fetch().await
}

/// `POST /auth/magic-link`: always 202, whether or not the address exists.
pub async fn request_magic_link(body: MagicLinkRequest) -> Result<(), ApiError> {
    Call::post(url("/auth/magic-link"))
        .json(&body)
        .fetch_empty()
        .await
}

/// `POST /auth/magic-link/redeem`: trade the emailed token for a session.
pub async fn redeem_magic_link(body: TokenRedeem) -> Result<Me, ApiError> {
    Call::post(url("/auth/magic-link/redeem"))
        .json(&body)
        .fetch()
        .await
}

/// `POST /auth/invite/accept`: confirm name, optionally set a password, and sign in.
pub async fn accept_invite(body: InviteAccept) -> Result<Me, ApiError> {
    Call::post(url("/auth/invite/accept"))
        .json(&body)
        .fetch()
        .await
}

/// `POST /auth/logout`: ends this session server-side.
pub async fn logout() -> Result<(), ApiError> {
    Call::post(url("/auth/logout")).fetch_empty().await
}

/// `GET /me`: the signed-in contact, their client, permissions and branding. 401 when signed out.
pub async fn me() -> Result<Me, ApiError> {
    Call::get(url("/me")).fetch().await
}

/// `GET /sessions`: this contact's signed-in devices.
pub async fn sessions() -> Result<Vec<SessionInfo>, ApiError> {
    Call::get(url("/sessions")).fetch().await
}

/// `DELETE /sessions/{id}`: sign one other device out.
pub async fn end_session(id: String) -> Result<(), ApiError> {
    Call::delete(url(&format!("/sessions/{}", encode(&id))))
        .fetch_empty()
        .await
}

/// `DELETE /sessions`: sign out every device but this one.
pub async fn end_other_sessions() -> Result<Revoked, ApiError> {
    Call::delete(url("/sessions")).fetch().await
}

/// `POST /password`: set a first password or change the current one.
pub async fn change_password(body: PasswordChange) -> Result<(), ApiError> {
    Call::post(url("/password")).json(&body).fetch_empty().await
}
