//! Who is told about what: the one dispatcher from the event stream to people. For each event it
//! decides the recipients and writes their in-app notifications, with the email due by each
//! recipient's preference (sent later, batched, by `mail::notifications`); the live streams pick
//! the rows up from there.
//!
//! The rules:
//! - Contacts hear only about client-visible events of their own client (checked here once, for
//!   every kind), only while their access is active, and only about what their permissions let
//!   them act on (work to review needs `can_approve_work`).
//! - Staff hear about what clients do: the project's managers, else the client's account
//!   managers, else the organization's owners and admins.
//! - Nobody is told about what they did themselves.

use super::events::{EventRow, Subscriber};
use crate::db::approvals::{self, ApprovalRow};
use crate::db::notifications::{self, NewNotification, Recipient};
use crate::db::schema::{
    approval_comments, approval_versions, client_managers, client_users, milestones,
    project_managers, projects, staff_users,
};
use crate::db::{clients, contacts, DbConn};
use crate::error::ApiResult;
use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use shared_types::notifications::{EmailDelivery, NotificationCategory};
use shared_types::{ApprovalKind, EventKind, StaffRole, WorkStatus};

/// The dispatcher, with the timing of emails.
pub struct Notifier {
    /// Emails for one person within this window go out together.
    pub batch: TimeDelta,
    /// The hour (UTC) of the daily digest.
    pub digest_hour: u32,
}

/// The subscriber name (its cursor in `event_cursors`).
pub const NAME: &str = "notify";

/// One notification to write.
struct Told {
    recipient: Recipient,
    category: NotificationCategory,
    title: String,
    body: String,
    link: String,
}

impl Subscriber for Notifier {
    fn name(&self) -> &'static str {
        NAME
    }

    fn handle(&self, conn: &mut DbConn, event: &EventRow) -> ApiResult<()> {
        for told in recipients(conn, event)? {
            if let Recipient::Contact { client_id, .. } = &told.recipient {
                // The one place that keeps staff-only events from contacts, whatever the
                // rules above decided.
                if !event.client_visible || event.client_id.as_deref() != Some(client_id) {
                    continue;
                }
            }
            if Some(told.recipient.id()) == event.actor_id.as_deref() {
                continue;
            }
            let delivery = notifications::preference(conn, told.recipient.id(), told.category)?;
            let email_due_at = self.email_due(delivery, event.created_at);
            notifications::insert(
                conn,
                NewNotification {
                    org_id: &event.org_id,
                    recipient: &told.recipient,
                    event_seq: event.seq,
                    category: told.category,
                    title: told.title,
                    body: told.body,
                    link: told.link,
                    email_due_at,
                    now: event.created_at,
                },
            )?;
        }
        Ok(())
    }
}

impl Notifier {
    /// When the email for a notification made at `at` is due under `delivery`.
    pub fn email_due(&self, delivery: EmailDelivery, at: NaiveDateTime) -> Option<NaiveDateTime> {
        match delivery {
            EmailDelivery::Off => None,
            EmailDelivery::Instant => Some(at + self.batch),
            EmailDelivery::Daily => {
                let today = at
                    .date()
                    .and_hms_opt(self.digest_hour, 0, 0)
                    .expect("hour 0-23");
                Some(if today > at {
                    today
                } else {
                    today + TimeDelta::days(1)
                })
            }
        }
    }
}

/// How the email and the feed name an approval's kind ("A new video is ready…").
pub fn kind_noun(kind: ApprovalKind) -> &'static str {
    match kind {
        ApprovalKind::Image => "image",
        ApprovalKind::Video => "video",
        ApprovalKind::Audio => "audio recording",
        ApprovalKind::Document => "document",
        ApprovalKind::Copy => "piece of copy",
        ApprovalKind::Other => "deliverable",
    }
}

fn portal_approval(id: &str) -> String {
    format!("/portal/approvals/{id}")
}

fn staff_approval(id: &str) -> String {
    format!("/staff/approvals/{id}")
}

fn recipients(conn: &mut DbConn, event: &EventRow) -> ApiResult<Vec<Told>> {
    use EventKind::*;
    let Some(client_id) = event.client_id.as_deref() else {
        return Ok(Vec::new());
    };
    Ok(match event.kind {
        ApprovalSubmitted | ApprovalResubmitted | ApprovalDueSoon | ApprovalOverdue => {
            let Some(approval) = live_approval(conn, event)? else {
                return Ok(Vec::new());
            };
            let (category, title) = match event.kind {
                ApprovalSubmitted => (
                    NotificationCategory::Review,
                    format!(
                        "A new {} is ready for your review: {}",
                        kind_noun(approval.kind),
                        approval.title
                    ),
                ),
                ApprovalResubmitted => (
                    NotificationCategory::Review,
                    format!(
                        "A new version (v{}) of {} is ready for your review",
                        approval.current_version, approval.title
                    ),
                ),
                ApprovalDueSoon => (
                    NotificationCategory::Reminders,
                    format!(
                        "Reminder: {} is due for your review on {}",
                        approval.title,
                        event.detail.as_deref().unwrap_or("its due date")
                    ),
                ),
                _ => (
                    NotificationCategory::Reminders,
                    format!(
                        "Overdue: {} was due for your review on {}",
                        approval.title,
                        event.detail.as_deref().unwrap_or("its due date")
                    ),
                ),
            };
            let link = portal_approval(&approval.id);
            active_contacts(conn, &event.org_id, client_id, |p| p.can_approve_work)?
                .into_iter()
                .map(|recipient| Told {
                    recipient,
                    category,
                    title: title.clone(),
                    body: String::new(),
                    link: link.clone(),
                })
                .collect()
        }
        ApprovalApproved | ApprovalChangesRequested => {
            let Some(approval) = live_approval(conn, event)? else {
                return Ok(Vec::new());
            };
            let who = actor_name(conn, event)?;
            let note = latest_decision_note(conn, &approval.id)?;
            let title = if event.kind == ApprovalApproved {
                format!("{who} approved {}", approval.title)
            } else if note.is_empty() {
                format!("{who} requested changes to {}", approval.title)
            } else {
                format!("{who} requested changes to {}: {note}", approval.title)
            };
            managers(conn, &event.org_id, client_id, Some(&approval.project_id))?
                .into_iter()
                .map(|recipient| Told {
                    recipient,
                    category: NotificationCategory::ClientActivity,
                    title: title.clone(),
                    body: note.clone(),
                    link: staff_approval(&approval.id),
                })
                .collect()
        }
        ApprovalCommented => comment_recipients(conn, event, client_id)?,
        ProjectStatusChanged | MilestoneStatusChanged => {
            let Some(status) = event
                .detail
                .as_deref()
                .and_then(|s| s.parse::<WorkStatus>().ok())
            else {
                return Ok(Vec::new());
            };
            let Some((what, link)) = status_subject(conn, event)? else {
                return Ok(Vec::new());
            };
            let title = if status == WorkStatus::Published {
                format!("{what} is now live")
            } else {
                format!("{what} has moved to {}", status.label())
            };
            active_contacts(conn, &event.org_id, client_id, |_| true)?
                .into_iter()
                .map(|recipient| Told {
                    recipient,
                    category: NotificationCategory::Progress,
                    title: title.clone(),
                    body: String::new(),
                    link: link.clone(),
                })
                .collect()
        }
        _ => Vec::new(),
    })
}

/// A comment by a contact tells the managers; a staff reply to a contact's comment tells that
/// contact. Internal comments never come here (their event kind is staff-only).
fn comment_recipients(
    conn: &mut DbConn,
    event: &EventRow,
    client_id: &str,
) -> ApiResult<Vec<Told>> {
    let Some(approval) = live_approval(conn, event)? else {
        return Ok(Vec::new());
    };
    let Some(comment_id) = event.detail.as_deref() else {
        return Ok(Vec::new());
    };
    let comment: Option<(String, String, Option<String>, bool)> = approval_comments::table
        .filter(approval_comments::client_id.eq(client_id))
        .filter(approval_comments::id.eq(comment_id))
        .filter(approval_comments::deleted_at.is_null())
        .select((
            approval_comments::author_kind,
            approval_comments::body,
            approval_comments::parent_id,
            approval_comments::internal,
        ))
        .get_result(conn)
        .optional()?;
    let Some((author_kind, body, parent_id, internal)) = comment else {
        return Ok(Vec::new());
    };
    if internal {
        return Ok(Vec::new());
    }
    if author_kind == "contact" {
        let who = actor_name(conn, event)?;
        let title = format!("{who} commented on {}", approval.title);
        return Ok(
            managers(conn, &event.org_id, client_id, Some(&approval.project_id))?
                .into_iter()
                .map(|recipient| Told {
                    recipient,
                    category: NotificationCategory::ClientActivity,
                    title: title.clone(),
                    body: body.clone(),
                    link: staff_approval(&approval.id),
                })
                .collect(),
        );
    }
    // A staff reply: the contact who wrote the comment replied to hears about it.
    let Some(parent_id) = parent_id else {
        return Ok(Vec::new());
    };
    let parent: Option<(String, String, bool)> = approval_comments::table
        .filter(approval_comments::client_id.eq(client_id))
        .filter(approval_comments::id.eq(&parent_id))
        .select((
            approval_comments::author_kind,
            approval_comments::author_id,
            approval_comments::internal,
        ))
        .get_result(conn)
        .optional()?;
    let Some(("contact", author_id, false)) = parent.as_ref().map(|(k, a, i)| (k.as_str(), a, *i))
    else {
        return Ok(Vec::new());
    };
    let agency = crate::db::orgs::by_id(conn, &event.org_id)?.display_name;
    let title = format!("{agency} replied to your comment on {}", approval.title);
    Ok(active_contacts(conn, &event.org_id, client_id, |_| true)?
        .into_iter()
        .filter(|r| r.id() == author_id.as_str())
        .map(|recipient| Told {
            recipient,
            category: NotificationCategory::Replies,
            title: title.clone(),
            body: body.clone(),
            link: portal_approval(&approval.id),
        })
        .collect())
}

/// The approval an event is about, unless it (or its project) is archived: archived work is out
/// of the portal, so nobody is sent to it.
fn live_approval(conn: &mut DbConn, event: &EventRow) -> ApiResult<Option<ApprovalRow>> {
    let Some(row) = approvals::get(conn, &event.org_id, &event.subject_id).optional()? else {
        return Ok(None);
    };
    let project_live: bool = diesel::select(diesel::dsl::exists(
        projects::table
            .filter(projects::id.eq(&row.project_id))
            .filter(projects::archived_at.is_null()),
    ))
    .get_result(conn)?;
    Ok((row.archived_at.is_none() && project_live).then_some(row))
}

/// How a status change names its subject, and the portal page that shows it.
fn status_subject(conn: &mut DbConn, event: &EventRow) -> ApiResult<Option<(String, String)>> {
    if event.kind == EventKind::ProjectStatusChanged {
        let row: Option<(String, Option<NaiveDateTime>)> = projects::table
            .filter(projects::org_id.eq(&event.org_id))
            .filter(projects::id.eq(&event.subject_id))
            .select((projects::name, projects::archived_at))
            .get_result(conn)
            .optional()?;
        return Ok(row
            .filter(|(_, archived)| archived.is_none())
            .map(|(name, _)| {
                (
                    format!("Your project {name}"),
                    format!("/portal/projects/{}", event.subject_id),
                )
            }));
    }
    let row: Option<(String, String, String, Option<NaiveDateTime>)> = milestones::table
        .inner_join(projects::table)
        .filter(milestones::org_id.eq(&event.org_id))
        .filter(milestones::id.eq(&event.subject_id))
        .select((
            milestones::title,
            projects::id,
            projects::name,
            projects::archived_at,
        ))
        .get_result(conn)
        .optional()?;
    Ok(row
        .filter(|(.., archived)| archived.is_none())
        .map(|(title, project_id, project, _)| {
            (
                format!("{title} ({project})"),
                format!("/portal/projects/{project_id}"),
            )
        }))
}

/// The note of the approval's most recent decision (empty when none was written).
fn latest_decision_note(conn: &mut DbConn, approval_id: &str) -> ApiResult<String> {
    let note: Option<Option<String>> = approval_versions::table
        .filter(approval_versions::approval_id.eq(approval_id))
        .filter(approval_versions::decided_at.is_not_null())
        .order(approval_versions::decided_at.desc())
        .select(approval_versions::decision_note)
        .first(conn)
        .optional()?;
    Ok(note.flatten().unwrap_or_default())
}

/// The name of the contact who acted (events by contacts carry the contact's id).
fn actor_name(conn: &mut DbConn, event: &EventRow) -> ApiResult<String> {
    let Some(id) = event.actor_id.as_deref() else {
        return Ok("Someone".into());
    };
    let name: Option<String> = match event.actor_kind.as_str() {
        "contact" => client_users::table
            .find(id)
            .select(client_users::name)
            .get_result(conn)
            .optional()?,
        "staff" => staff_users::table
            .find(id)
            .select(staff_users::name)
            .get_result(conn)
            .optional()?,
        _ => None,
    };
    Ok(name.unwrap_or_else(|| "Someone".into()))
}

/// The client's contacts who can use the portal now and pass `allowed`.
fn active_contacts(
    conn: &mut DbConn,
    org_id: &str,
    client_id: &str,
    allowed: fn(&shared_types::portal::Permissions) -> bool,
) -> ApiResult<Vec<Recipient>> {
    let client = clients::get(conn, org_id, client_id)?;
    Ok(contacts::list(conn, org_id, client_id)?
        .into_iter()
        .filter(|c| contacts::may_sign_in(c, &client) && allowed(&c.permissions(&client)))
        .map(|c| Recipient::Contact {
            id: c.id,
            client_id: client_id.to_owned(),
        })
        .collect())
}

/// The staff who look after this client's work: the project's managers, else the client's
/// account managers, else the organization's owners and admins. Active staff only.
pub fn managers(
    conn: &mut DbConn,
    org_id: &str,
    client_id: &str,
    project_id: Option<&str>,
) -> ApiResult<Vec<Recipient>> {
    let active = staff_users::table
        .filter(staff_users::org_id.eq(org_id))
        .filter(staff_users::active.eq(true));
    let mut ids: Vec<String> = match project_id {
        Some(project_id) => active
            .inner_join(project_managers::table)
            .filter(project_managers::project_id.eq(project_id))
            .select(staff_users::id)
            .order(staff_users::id.asc())
            .load(conn)?,
        None => Vec::new(),
    };
    if ids.is_empty() {
        ids = active
            .inner_join(client_managers::table)
            .filter(client_managers::client_id.eq(client_id))
            .select(staff_users::id)
            .order(staff_users::id.asc())
            .load(conn)?;
    }
    if ids.is_empty() {
        ids = active
            .filter(
                staff_users::role.eq_any([StaffRole::Owner.as_str(), StaffRole::Admin.as_str()]),
            )
            .select(staff_users::id)
            .order(staff_users::id.asc())
            .load(conn)?;
    }
    Ok(ids.into_iter().map(|id| Recipient::Staff { id }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn emails_are_due_after_the_batch_window_or_at_the_next_digest_hour() {
        let n = Notifier {
            batch: TimeDelta::minutes(5),
            digest_hour: 8,
        };
        assert_eq!(
            n.email_due(EmailDelivery::Instant, at(9, 0)),
            Some(at(9, 5))
        );
        assert_eq!(n.email_due(EmailDelivery::Off, at(9, 0)), None);
        assert_eq!(n.email_due(EmailDelivery::Daily, at(7, 59)), Some(at(8, 0)));
        assert_eq!(
            n.email_due(EmailDelivery::Daily, at(8, 0)),
            Some(at(8, 0) + TimeDelta::days(1))
        );
    }
}
