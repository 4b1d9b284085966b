//! The portal's request context: `Portal` reads the session cookie without touching the database;
//! `Portal::run` then authenticates the session and runs the handler's reads and writes on one
//! pooled connection in one trip to the blocking pool.
//!
//! The contact, their client and their permissions are read afresh on every request (one query
//! with the session row), so a revocation or a permission change takes effect on the very next
//! request.

use crate::auth::client_ip;
use crate::crypto::sha256_hex;
use crate::db::clients::ClientRow;
use crate::db::contacts::{self, ContactRow};
use crate::db::orgs::Org;
use crate::db::sessions::{self, PortalLookup};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use chrono::TimeDelta;
use shared_types::portal::Permissions;
use std::future::{ready, Ready};

/// The signed-in contact, as `Portal::run` hands it to a handler.
pub struct PortalUser {
    pub contact: ContactRow,
    pub client: ClientRow,
    pub org: Org,
    pub session_id: String,
    pub permissions: Permissions,
    /// Set while a staff member previews the portal as this contact: nothing may be written.
    pub preview_id: Option<String>,
}

#[derive(Debug, Clone, Copy)]
pub enum Permission {
    ViewInvoices,
    ApproveWork,
    AddComments,
    SubmitRequests,
}

impl PortalUser {
    /// 403 unless the contact holds `permission` right now.
    pub fn require(&self, permission: Permission) -> ApiResult<()> {
        let p = &self.permissions;
        let (granted, what) = match permission {
            Permission::ViewInvoices => (p.can_view_invoices, "view invoices"),
            Permission::ApproveWork => (p.can_approve_work, "approve work"),
            Permission::AddComments => (p.can_add_comments, "add comments"),
            Permission::SubmitRequests => (p.can_submit_requests, "submit requests"),
        };
        if granted {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "Your portal access doesn't include permission to {what}. Ask your account manager."
            )))
        }
    }

    pub fn client_id(&self) -> &str {
        &self.client.id
    }

    /// (may decide on approvals, may comment): what the approval page offers this contact.
    pub fn perms(&self) -> (bool, bool) {
        (
            self.permissions.can_approve_work,
            self.permissions.can_add_comments,
        )
    }
}

/// The request's host, used to find the organization whose portal this is.
pub fn request_host(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(actix_web::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
}

/// A portal API request: the session cookie's key hash, the portal's host and the caller's IP.
/// Extracting it costs no database work: without a session cookie it is 401 at once (before the
/// body is looked at); `run` does the authentication (again on each call of a clone: a live
/// stream re-authenticates before each batch). `Option<Portal>` takes a request with or without
/// a session.
#[derive(Clone)]
pub struct Portal {
    state: web::Data<AppState>,
    key_hash: String,
    host: Option<String>,
    /// The caller's IP, for audit entries.
    pub ip: String,
    /// Whether the request changes something (any method but GET, HEAD and OPTIONS): refused in
    /// a staff preview.
    writes: bool,
}

impl FromRequest for Portal {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
            return ready(Err(ApiError::Internal(anyhow::anyhow!("no app state"))));
        };
        let Some(key) = super::portal_session::key_from(req, &state.config) else {
            return ready(Err(ApiError::Unauthorized));
        };
        let key_hash = sha256_hex(&key);
        let ip = client_ip(req, state.config.trust_proxy);
        let writes = !matches!(
            *req.method(),
            actix_web::http::Method::GET
                | actix_web::http::Method::HEAD
                | actix_web::http::Method::OPTIONS
        );
        ready(Ok(Portal {
            writes,
            key_hash,
            host: request_host(req),
            ip,
            state,
        }))
    }
}

impl Portal {
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The shared state itself, for work that outlives the request (a live stream).
    pub fn shared_state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    /// Authenticates the session and runs `f` with the signed-in contact, on one pooled connection
    /// in one blocking hop. 401 when there is no live session for this portal.
    pub async fn run<T, F>(self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConn, PortalUser) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let Portal {
            state,
            key_hash,
            host,
            writes,
            ..
        } = self;
        let now = state.now();
        let config = state.config.clone();
        state
            .db
            .run(move |conn| {
                let lookup = PortalLookup {
                    host: host.as_deref(),
                    default_slug: config.default_org.as_deref(),
                    now,
                    idle: TimeDelta::days(config.session_idle_days),
                };
                let found = sessions::authenticate(conn, &key_hash, lookup)?;
                let Some(found) = found.filter(|f| {
                    if f.session.preview_id.is_some() {
                        contacts::may_be_previewed(&f.contact, &f.client)
                    } else {
                        contacts::may_sign_in(&f.contact, &f.client)
                    }
                }) else {
                    return Err(ApiError::Unauthorized);
                };
                if writes && found.session.preview_id.is_some() {
                    return Err(ApiError::Forbidden(format!(
                        "This is a preview of {}'s portal: nothing can be changed from it.",
                        found.contact.name
                    )));
                }
                let permissions = found.contact.permissions(&found.client);
                let user = PortalUser {
                    preview_id: found.session.preview_id,
                    contact: found.contact,
                    client: found.client,
                    org: found.org,
                    session_id: found.session.id,
                    permissions,
                };
                f(conn, user)
            })
            .await
    }

    /// Ends this request's session (the row is deleted; one hop).
    pub async fn sign_out(self) -> ApiResult<()> {
        let key_hash = self.key_hash;
        self.state
            .db
            .run(move |conn| Ok(sessions::delete_by_key_hash(conn, &key_hash)?))
            .await
    }

    /// Just the signed-in contact (one hop), for handlers whose work is not database work.
    pub async fn user(self) -> ApiResult<PortalUser> {
        self.run(|_, user| Ok(user)).await
    }
}
