//! Who hears about the client's work: deliverables sent for review, decisions, comments and
//! replies, reminders, and project or milestone status.

use super::{active_contacts, actor_name, managers, Told};
use crate::db::approvals::{self, ApprovalRow};
use crate::db::schema::{approval_comments, approval_versions, milestones, projects};
use crate::db::DbConn;
use crate::domain::events::EventRow;
use crate::error::ApiResult;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared_types::notifications::NotificationCategory;
use shared_types::{ApprovalKind, EventKind, WorkStatus};

/// How the email and the feed name an approval's kind ("A new video is ready…").
fn kind_noun(kind: ApprovalKind) -> &'static str {
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

/// Who hears about an event of the client's work.
pub(super) fn recipients(
    conn: &mut DbConn,
    event: &EventRow,
    client_id: &str,
) -> ApiResult<Vec<Told>> {
    use EventKind::*;
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
