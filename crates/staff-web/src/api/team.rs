//! The team (owners and admins), one's own account, and setting a password from an emailed link.

use super::{empty, json, set_token, url};
use shared_types::staff::AccessToken;
use shared_types::team::{
    PasswordChange, ProfileUpdate, ResetRequest, SessionsEnded, SetPassword, StaffAccount,
    StaffAccountUpdate, StaffInvite,
};
use web_ui::http::encode;
use web_ui::{ApiError, Call};

pub async fn list_team() -> Result<Vec<StaffAccount>, ApiError> {
    json(Call::get(url("/team"))).await
}

pub async fn invite_member(body: StaffInvite) -> Result<StaffAccount, ApiError> {
    json(Call::post(url("/team")).json(&body)).await
}

pub async fn update_member(id: String, body: StaffAccountUpdate) -> Result<StaffAccount, ApiError> {
    json(Call::patch(url(&format!("/team/{}", encode(&id)))).json(&body)).await
}

pub async fn resend_invitation(id: String) -> Result<(), ApiError> {
    let _: serde_json::Value = json(Call::post(url(&format!(
        "/team/{}/invitation",
        encode(&id)
    ))))
    .await?;
    Ok(())
}

pub async fn update_me(body: ProfileUpdate) -> Result<StaffAccount, ApiError> {
    json(Call::patch(url("/auth/me")).json(&body)).await
}

pub async fn change_password(body: PasswordChange) -> Result<(), ApiError> {
    empty(Call::post(url("/auth/password")).json(&body)).await
}

pub async fn revoke_other_sessions() -> Result<SessionsEnded, ApiError> {
    json(Call::post(url("/auth/sessions/revoke-others"))).await
}

/// `POST /auth/invitation` or `/auth/password-reset/confirm`: sets the password and signs in.
pub async fn set_password(reset: bool, body: SetPassword) -> Result<(), ApiError> {
    let path = if reset {
        "/auth/password-reset/confirm"
    } else {
        "/auth/invitation"
    };
    let t: AccessToken = Call::post(url(path)).json(&body).fetch().await?;
    set_token(Some(t.access_token));
    Ok(())
}

/// `POST /auth/password-reset`: always accepted (the answer never says whether the address has
/// an account).
pub async fn request_reset(email: String) -> Result<(), ApiError> {
    let _: serde_json::Value = Call::post(url("/auth/password-reset"))
        .json(&ResetRequest { email })
        .fetch()
        .await?;
    Ok(())
}
