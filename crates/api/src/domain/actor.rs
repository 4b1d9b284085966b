//! Who did something: a client's contact (with the session and address used, for the audit
//! trail), a staff user, an API key, or Atrium itself.

use crate::auth::staff_user::ActorKind;
use crate::auth::{PortalUser, StaffUser};
use crate::db::contacts::ContactRow;
use crate::db::{staff, DbConn};
use crate::error::ApiResult;

#[derive(Debug, Clone)]
pub enum Actor {
    /// A client's contact; the session and address are those of the request (none while
    /// signing in, before the session exists).
    Contact {
        id: String,
        name: String,
        session_id: Option<String>,
        ip: Option<String>,
    },
    Staff {
        id: String,
    },
    ApiKey {
        id: String,
    },
    /// Atrium itself (workers, reminders).
    System,
}

impl Actor {
    /// The signed-in contact of a portal request from `ip`.
    pub fn contact(user: &PortalUser, ip: String) -> Self {
        Actor::Contact {
            id: user.contact.id.clone(),
            name: user.contact.name.clone(),
            session_id: Some(user.session_id.clone()),
            ip: Some(ip),
        }
    }

    /// A contact acting before a session exists (signing in, accepting an invitation).
    pub fn signing_in(contact: &ContactRow) -> Self {
        Actor::Contact {
            id: contact.id.clone(),
            name: contact.name.clone(),
            session_id: None,
            ip: None,
        }
    }

    /// `contact`, `staff`, `api_key` or `system`, as stored with events, comments and audit entries.
    pub fn kind(&self) -> &'static str {
        match self {
            Actor::Contact { .. } => "contact",
            Actor::Staff { .. } => "staff",
            Actor::ApiKey { .. } => "api_key",
            Actor::System => "system",
        }
    }

    pub fn id(&self) -> Option<&str> {
        match self {
            Actor::Contact { id, .. } | Actor::Staff { id } | Actor::ApiKey { id } => Some(id),
            Actor::System => None,
        }
    }

    /// The name shown for this actor: the contact's or staff user's name, "API key", "Atrium".
    pub fn name(&self, conn: &mut DbConn) -> ApiResult<String> {
        Ok(match self {
            Actor::Contact { name, .. } => name.clone(),
            Actor::Staff { id } => {
                staff::by_id(conn, id)?.map_or_else(|| "Staff".into(), |s| s.name)
            }
            Actor::ApiKey { .. } => "API key".into(),
            Actor::System => "Atrium".into(),
        })
    }

    /// The contact's session and address, recorded in the audit trail (none for staff).
    pub fn session_and_ip(&self) -> (Option<&str>, Option<&str>) {
        match self {
            Actor::Contact { session_id, ip, .. } => (session_id.as_deref(), ip.as_deref()),
            _ => (None, None),
        }
    }
}

impl From<&StaffUser> for Actor {
    fn from(user: &StaffUser) -> Self {
        match user.kind {
            ActorKind::Staff => Actor::Staff {
                id: user.id.clone(),
            },
            ActorKind::ApiKey => Actor::ApiKey {
                id: user.id.clone(),
            },
        }
    }
}
