//! Who hears about requests. Internal notes never come here: their event kind is staff-only and
//! names no text, and this reads only the public thread.
//!
//! - A new request: its assignee and the client's account managers (else owners and admins);
//!   one staff opened on a client's behalf also tells the contact it is for.
//! - A message from the client: the assignee, else the account managers (else admins). A public
//!   staff reply: the contact the request is from, with a link straight to it.
//! - A status change by staff: that contact; a contact closing or reopening: the staff as above.

use super::{active_contacts, managers, Told};
use crate::db::notifications::Recipient;
use crate::db::requests::{self, RequestRow};
use crate::db::schema::request_messages;
use crate::db::{orgs, DbConn};
use crate::domain::events::EventRow;
use crate::error::ApiResult;
use diesel::prelude::*;
use shared_types::notifications::NotificationCategory;
use shared_types::requests::RequestStatus;
use shared_types::EventKind;

fn portal_request(id: &str) -> String {
    format!("/portal/requests/{id}")
}

fn staff_request(id: &str) -> String {
    format!("/staff/requests/{id}")
}

/// The first 300 characters of `text`, for an email or notification body.
fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(300).collect();
    if text.chars().count() > 300 {
        out.push('…');
    }
    out
}

/// The staff who look after the request: its assignee (if active) and, when `also_managers` or
/// nobody is assigned, the client's account managers (else owners and admins).
fn staff_for(
    conn: &mut DbConn,
    row: &RequestRow,
    also_managers: bool,
) -> ApiResult<Vec<Recipient>> {
    let mut out: Vec<Recipient> = Vec::new();
    if let Some(id) = &row.assignee_id {
        if crate::db::staff::by_id(conn, id)?.is_some_and(|s| s.active) {
            out.push(Recipient::Staff { id: id.clone() });
        }
    }
    if also_managers || out.is_empty() {
        for r in managers(conn, &row.org_id, &row.client_id, None)? {
            if !out.iter().any(|o| o.id() == r.id()) {
                out.push(r);
            }
        }
    }
    Ok(out)
}

/// The contact the request is from, while they may use the portal and submit requests.
fn requester(conn: &mut DbConn, row: &RequestRow, client_id: &str) -> ApiResult<Vec<Recipient>> {
    let Some(contact_id) = &row.contact_id else {
        return Ok(Vec::new());
    };
    Ok(
        active_contacts(conn, &row.org_id, client_id, |p| p.can_submit_requests)?
            .into_iter()
            .filter(|r| r.id() == contact_id)
            .collect(),
    )
}

fn tell(
    to: Vec<Recipient>,
    category: NotificationCategory,
    title: &str,
    body: &str,
    link: &str,
) -> Vec<Told> {
    to.into_iter()
        .map(|recipient| Told {
            recipient,
            category,
            title: title.to_owned(),
            body: body.to_owned(),
            link: link.to_owned(),
        })
        .collect()
}

pub(super) fn recipients(
    conn: &mut DbConn,
    event: &EventRow,
    client_id: &str,
) -> ApiResult<Vec<Told>> {
    let Some(row) = requests::get(conn, &event.org_id, &event.subject_id).optional()? else {
        return Ok(Vec::new());
    };
    let by_contact = event.actor_kind == "contact";
    Ok(match event.kind {
        EventKind::RequestOpened => {
            let mut told = tell(
                staff_for(conn, &row, true)?,
                NotificationCategory::ClientActivity,
                &event.summary,
                &excerpt(&row.description),
                &staff_request(&row.id),
            );
            if !by_contact {
                let agency = orgs::by_id(conn, &event.org_id)?.display_name;
                told.extend(tell(
                    requester(conn, &row, client_id)?,
                    NotificationCategory::Replies,
                    &format!("{agency} opened a request for you: {}", row.title),
                    &excerpt(&row.description),
                    &portal_request(&row.id),
                ));
            }
            told
        }
        EventKind::RequestMessagePosted => {
            let Some(message_id) = event.detail.as_deref() else {
                return Ok(Vec::new());
            };
            let body: Option<String> = request_messages::table
                .filter(request_messages::request_id.eq(&row.id))
                .filter(request_messages::id.eq(message_id))
                .select(request_messages::body)
                .get_result(conn)
                .optional()?;
            let Some(body) = body else {
                return Ok(Vec::new());
            };
            if by_contact {
                tell(
                    staff_for(conn, &row, false)?,
                    NotificationCategory::ClientActivity,
                    &event.summary,
                    &excerpt(&body),
                    &staff_request(&row.id),
                )
            } else {
                let agency = orgs::by_id(conn, &event.org_id)?.display_name;
                tell(
                    requester(conn, &row, client_id)?,
                    NotificationCategory::Replies,
                    &format!("{agency} replied to your request: {}", row.title),
                    &excerpt(&body),
                    &portal_request(&row.id),
                )
            }
        }
        EventKind::RequestStatusChanged => {
            let Some(status) = event
                .detail
                .as_deref()
                .and_then(|s| s.parse::<RequestStatus>().ok())
            else {
                return Ok(Vec::new());
            };
            if by_contact {
                tell(
                    staff_for(conn, &row, false)?,
                    NotificationCategory::ClientActivity,
                    &event.summary,
                    "",
                    &staff_request(&row.id),
                )
            } else {
                tell(
                    requester(conn, &row, client_id)?,
                    NotificationCategory::Progress,
                    &format!(
                        "Your request {} is now {}",
                        row.title,
                        status.label().to_lowercase()
                    ),
                    "",
                    &portal_request(&row.id),
                )
            }
        }
        _ => Vec::new(),
    })
}
