//! `PortalUser`: the signed-in contact, extracted from the session cookie on every request.
//!
//! The contact, their client and their permissions are read from the database each time, so a
//! revocation or a permission change takes effect on the very next request. That read is a
//! single query (contact + client + organization + which organization this portal is), on top
//! of the session store's own load of the session row.

use super::session_store::{KEY_CONTACT, KEY_SESSION_ID};
use crate::db::clients::ClientRow;
use crate::db::contacts::{self, ContactRow};
use crate::db::orgs::Org;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_session::SessionExt;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use shared_types::portal::Permissions;

pub struct PortalUser {
    pub contact: ContactRow,
    pub client: ClientRow,
    pub org: Org,
    pub session_id: String,
    pub permissions: Permissions,
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
}

/// The request's host, used to find the organization whose portal this is.
pub fn request_host(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(actix_web::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
}

impl FromRequest for PortalUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let session = req.get_session();
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let host = request_host(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no app state")))?;
            let read = |key| session.get::<String>(key).ok().flatten();
            let (Some(contact_id), Some(session_id)) = (read(KEY_CONTACT), read(KEY_SESSION_ID))
            else {
                return Err(ApiError::Unauthorized);
            };
            let default_org = state.config.default_org.clone();
            // One query: contact, client, organization and the portal's organization together.
            let found = state
                .db
                .run(move |conn| {
                    contacts::for_portal_request(
                        conn,
                        &contact_id,
                        host.as_deref(),
                        default_org.as_deref(),
                    )
                })
                .await?;
            let Some((contact, client, org)) = found else {
                return Err(ApiError::Unauthorized);
            };
            if !contacts::may_sign_in(&contact, &client) {
                return Err(ApiError::Unauthorized);
            }
            let permissions = contact.permissions(&client);
            Ok(PortalUser {
                contact,
                client,
                org,
                session_id,
                permissions,
            })
        })
    }
}
