//! One async function per staff endpoint (`/api/v1/…`).
//!
//! The access JWT lives only in this module's memory (never localStorage); the refresh token is
//! an HttpOnly cookie the browser sends to `/auth/refresh`. A call without a token first tries a
//! refresh (that is how a reload restores the session), and a 401 is retried once after a
//! refresh. Concurrent refreshes share one request: refresh tokens rotate, and presenting the
//! same one twice would look like token theft to the server.

mod approvals;
mod files;
mod invoices;
mod notifications;
mod projects;
mod requests;
mod settings;
mod team;

pub use approvals::*;
pub use files::*;
pub use invoices::*;
pub use notifications::*;
pub use projects::*;
pub use requests::*;
pub use settings::*;
pub use team::*;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use serde::de::DeserializeOwned;
use shared_types::portal::SessionInfo;
use shared_types::staff::{
    AccessToken, ApiKey, ApiKeyCreate, ApiKeyCreated, Client, ClientCreate, ClientUpdate, Contact,
    ContactCreate, ContactUpdate, InviteSent, LoginRequest, Revoked, StaffMe,
};
use shared_types::Page;
use std::cell::RefCell;
use web_ui::http::encode;
use web_ui::{ApiError, Call};

type RefreshFuture = Shared<LocalBoxFuture<'static, Result<(), ApiError>>>;

thread_local! {
    static TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static REFRESHING: RefCell<Option<RefreshFuture>> = const { RefCell::new(None) };
}

fn token() -> Option<String> {
    TOKEN.with(|t| t.borrow().clone())
}

pub(crate) fn set_token(value: Option<String>) {
    TOKEN.with(|t| *t.borrow_mut() = value);
}

fn url(path: &str) -> String {
    format!("/api/v1{path}")
}

/// `POST /auth/refresh`: trade the refresh cookie for a new access token. Callers that arrive
/// while a refresh is in flight wait for that one instead of starting their own.
pub async fn refresh() -> Result<(), ApiError> {
    let pending = REFRESHING.with(|r| r.borrow().clone());
    let future = match pending {
        Some(f) => f,
        None => {
            let f = async {
                let result = Call::post(url("/auth/refresh"))
                    .fetch::<AccessToken>()
                    .await;
                REFRESHING.with(|r| r.borrow_mut().take());
                match result {
                    Ok(t) => {
                        set_token(Some(t.access_token));
                        Ok(())
                    }
                    Err(e) => {
                        set_token(None);
                        Err(e)
                    }
                }
            }
            .boxed_local()
            .shared();
            REFRESHING.with(|r| *r.borrow_mut() = Some(f.clone()));
            f
        }
    };
    future.await
}

/// Send `call` with the access token, refreshing first when there is none and once more on 401.
async fn authed<T, F, Fut>(call: Call, send: F) -> Result<T, ApiError>
where
    F: Fn(Call) -> Fut,
    Fut: std::future::Future<Output = Result<T, ApiError>>,
{
    // No token yet (a reload): the refresh cookie is the only way in; without it, its 401 is
    // the answer and there is no point sending the call or refreshing again.
    let fresh = token().is_none();
    if fresh {
        refresh().await?;
    }
    match send(call.clone().bearer(token())).await {
        Err(e) if e.is_unauthorized() && !fresh => {
            refresh().await.map_err(|_| e)?;
            send(call.bearer(token())).await
        }
        other => other,
    }
}

async fn json<T: DeserializeOwned>(call: Call) -> Result<T, ApiError> {
    authed(call, |c| c.fetch::<T>()).await
}

async fn empty(call: Call) -> Result<(), ApiError> {
    authed(call, Call::fetch_empty).await
}

/// `POST /auth/login`: password sign-in; keeps the access token, the cookie holds the refresh.
pub async fn login(body: LoginRequest) -> Result<(), ApiError> {
    let t: AccessToken = Call::post(url("/auth/login")).json(&body).fetch().await?;
    set_token(Some(t.access_token));
    Ok(())
}

/// `POST /auth/logout`: ends the refresh token; the in-memory access token is dropped whatever
/// the answer.
pub async fn logout() -> Result<(), ApiError> {
    let result = Call::post(url("/auth/logout"))
        .bearer(token())
        .fetch_empty()
        .await;
    set_token(None);
    result
}

pub async fn me() -> Result<StaffMe, ApiError> {
    json(Call::get(url("/auth/me"))).await
}

/// `GET /clients?q=&cursor=&limit=`
pub async fn list_clients(q: String, cursor: Option<String>) -> Result<Page<Client>, ApiError> {
    let mut path = format!("/clients?limit=25&q={}", encode(q.trim()));
    if let Some(c) = cursor {
        path.push_str(&format!("&cursor={}", encode(&c)));
    }
    json(Call::get(url(&path))).await
}

pub async fn create_client(body: ClientCreate) -> Result<Client, ApiError> {
    json(Call::post(url("/clients")).json(&body)).await
}

pub async fn get_client(id: String) -> Result<Client, ApiError> {
    json(Call::get(url(&format!("/clients/{}", encode(&id))))).await
}

pub async fn update_client(id: String, body: ClientUpdate) -> Result<Client, ApiError> {
    json(Call::patch(url(&format!("/clients/{}", encode(&id)))).json(&body)).await
}

pub async fn archive_client(id: String) -> Result<Client, ApiError> {
    json(Call::post(url(&format!(
        "/clients/{}/archive",
        encode(&id)
    ))))
    .await
}

/// Ends every contact's sessions and turns the client's portal off.
pub async fn revoke_client_access(id: String) -> Result<Revoked, ApiError> {
    json(Call::post(url(&format!(
        "/clients/{}/revoke-access",
        encode(&id)
    ))))
    .await
}

fn contacts_url(client: &str) -> String {
    url(&format!("/clients/{}/contacts", encode(client)))
}

fn contact_url(client: &str, contact: &str, rest: &str) -> String {
    format!("{}/{}{rest}", contacts_url(client), encode(contact))
}

pub async fn list_contacts(client: String) -> Result<Vec<Contact>, ApiError> {
    json(Call::get(contacts_url(&client))).await
}

pub async fn create_contact(client: String, body: ContactCreate) -> Result<Contact, ApiError> {
    json(Call::post(contacts_url(&client)).json(&body)).await
}

pub async fn update_contact(
    client: String,
    contact: String,
    body: ContactUpdate,
) -> Result<Contact, ApiError> {
    json(Call::patch(contact_url(&client, &contact, "")).json(&body)).await
}

/// Sends (or re-sends) the invitation email.
pub async fn invite_contact(client: String, contact: String) -> Result<InviteSent, ApiError> {
    json(Call::post(contact_url(&client, &contact, "/invite"))).await
}

pub async fn revoke_contact(client: String, contact: String) -> Result<Revoked, ApiError> {
    json(Call::post(contact_url(&client, &contact, "/revoke"))).await
}

pub async fn contact_sessions(
    client: String,
    contact: String,
) -> Result<Vec<SessionInfo>, ApiError> {
    json(Call::get(contact_url(&client, &contact, "/sessions"))).await
}

pub async fn end_contact_sessions(client: String, contact: String) -> Result<Revoked, ApiError> {
    json(Call::delete(contact_url(&client, &contact, "/sessions"))).await
}

pub async fn end_contact_session(
    client: String,
    contact: String,
    session: String,
) -> Result<(), ApiError> {
    empty(Call::delete(contact_url(
        &client,
        &contact,
        &format!("/sessions/{}", encode(&session)),
    )))
    .await
}

pub async fn list_api_keys() -> Result<Vec<ApiKey>, ApiError> {
    json(Call::get(url("/api-keys"))).await
}

pub async fn create_api_key(body: ApiKeyCreate) -> Result<ApiKeyCreated, ApiError> {
    json(Call::post(url("/api-keys")).json(&body)).await
}

pub async fn revoke_api_key(id: String) -> Result<(), ApiError> {
    empty(Call::delete(url(&format!("/api-keys/{}", encode(&id))))).await
}
