//! Staff hear about changes to their own account that someone else made: a new role (their
//! sessions ended with it, so they sign in again to use it) and access given back. Deactivation
//! is no notification (the member can no longer sign in to read it): `domain::team::update`
//! emails them in the same transaction.

use super::{actor_name, Told};
use crate::db::notifications::Recipient;
use crate::db::DbConn;
use crate::domain::events::EventRow;
use crate::error::ApiResult;
use shared_types::notifications::NotificationCategory;
use shared_types::{EventKind, StaffRole};

pub(super) fn recipients(conn: &mut DbConn, event: &EventRow) -> ApiResult<Vec<Told>> {
    // Every other organization-level event tells nobody, and costs no query.
    if !matches!(
        event.kind,
        EventKind::StaffRoleChanged | EventKind::StaffReactivated
    ) {
        return Ok(Vec::new());
    }
    let who = actor_name(conn, event)?;
    let (title, body) = match event.kind {
        EventKind::StaffRoleChanged => {
            let Some(role) = event
                .detail
                .as_deref()
                .and_then(|r| r.parse::<StaffRole>().ok())
            else {
                return Ok(Vec::new());
            };
            let can = if role.is_admin() {
                "You can now manage the team, API keys and the organization's settings."
            } else {
                "You no longer manage the team, API keys or the organization's settings."
            };
            (
                format!("Your role is now {}", role.label()),
                format!("{who} changed it. {can} Sign in again to continue."),
            )
        }
        EventKind::StaffReactivated => (
            "Your staff account is active again".to_owned(),
            format!("{who} gave your access back. Sign in with your password."),
        ),
        _ => return Ok(Vec::new()),
    };
    Ok(vec![Told {
        recipient: Recipient::Staff {
            id: event.subject_id.clone(),
        },
        category: NotificationCategory::Account,
        title,
        body,
        link: "/staff/account".to_owned(),
    }])
}
