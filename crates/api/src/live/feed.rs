//! The activity feed's reads: which events an audience may see (a contact: their client's visible
//! events, gated by their permissions; staff: their organization's), as pages or as a stream's
//! next batch, and how one reads as an activity item.

use super::Audience;
use crate::db::schema::{approvals, events, projects};
use crate::db::DbConn;
use crate::domain::events::EventRow;
use crate::error::ApiResult;
use chrono::DateTime;
use diesel::prelude::*;
use shared_types::notifications::ActivityItem;
use shared_types::EventKind;

/// Events in `(after, upto]` that `audience` may see, oldest first.
pub(super) fn activity_between(
    conn: &mut DbConn,
    audience: &Audience,
    after: i64,
    upto: i64,
) -> ApiResult<Vec<EventRow>> {
    let range = events::seq.gt(after).and(events::seq.le(upto));
    Ok(match audience {
        Audience::Contact {
            client_id,
            sees_requests,
            sees_invoices,
            ..
        } => contact_visible(client_id)
            .filter(requests_gate(*sees_requests))
            .filter(invoices_gate(*sees_invoices))
            .filter(range)
            .order(events::seq.asc())
            .select(EventRow::as_select())
            .load(conn)?,
        Audience::Staff { org_id, .. } => events::table
            .filter(events::org_id.eq(org_id))
            .filter(range)
            .order(events::seq.asc())
            .select(EventRow::as_select())
            .load(conn)?,
    })
}

/// A page of the activity `audience` may see, newest first, before position `before` (a seq).
/// Returns one row more than `limit` when there is a next page.
pub fn activity_page(
    conn: &mut DbConn,
    audience: &Audience,
    before: Option<i64>,
    limit: i64,
) -> ApiResult<Vec<ActivityItem>> {
    let before = before.unwrap_or(i64::MAX);
    let rows: Vec<EventRow> = match audience {
        Audience::Contact {
            client_id,
            sees_requests,
            sees_invoices,
            ..
        } => contact_visible(client_id)
            .filter(requests_gate(*sees_requests))
            .filter(invoices_gate(*sees_invoices))
            .filter(events::seq.lt(before))
            .order(events::seq.desc())
            .limit(limit + 1)
            .select(EventRow::as_select())
            .load(conn)?,
        Audience::Staff { org_id, .. } => events::table
            .filter(events::org_id.eq(org_id))
            .filter(events::seq.lt(before))
            .order(events::seq.desc())
            .limit(limit + 1)
            .select(EventRow::as_select())
            .load(conn)?,
    };
    Ok(rows.iter().map(|r| activity_item(r, audience)).collect())
}

/// The events a client's contacts may see: client-visible kinds of that client, leaving out what
/// archived work (an archived approval, or anything of an archived project) is about.
#[diesel::dsl::auto_type(no_type_alias)]
fn contact_visible<'a>(client_id: &'a str) -> _ {
    let archived_approval = diesel::dsl::exists(
        approvals::table
            .filter(approvals::id.eq(events::subject_id))
            .filter(
                approvals::archived_at.is_not_null().or(diesel::dsl::exists(
                    projects::table
                        .filter(projects::id.eq(approvals::project_id))
                        .filter(projects::archived_at.is_not_null()),
                )),
            ),
    );
    let archived_project = diesel::dsl::exists(
        projects::table
            .filter(projects::id.eq(events::subject_id))
            .filter(projects::archived_at.is_not_null()),
    );
    events::table
        .filter(events::client_id.eq(client_id))
        .filter(events::client_visible.eq(true))
        .filter(diesel::dsl::not(archived_approval))
        .filter(diesel::dsl::not(archived_project))
}

/// Request events only for a contact who may see requests. The rows `contact_visible` gives
/// are all client-visible, so comparing that flag with `sees_requests` passes every row when the
/// contact may and none of the request rows when not, with one statement either way.
#[diesel::dsl::auto_type(no_type_alias)]
fn requests_gate(sees_requests: bool) -> _ {
    let pattern: &'static str = "request%";
    events::kind
        .not_like(pattern)
        .or(events::client_visible.eq(sees_requests))
}

/// Invoice events only for a contact who may see invoices (as `requests_gate`).
#[diesel::dsl::auto_type(no_type_alias)]
fn invoices_gate(sees_invoices: bool) -> _ {
    let pattern: &'static str = "invoice%";
    events::kind
        .not_like(pattern)
        .or(events::client_visible.eq(sees_invoices))
}

/// How an event reads in `audience`'s feed, with the page that shows its subject.
pub fn activity_item(row: &EventRow, audience: &Audience) -> ActivityItem {
    let app = match audience {
        Audience::Contact { .. } => "portal",
        Audience::Staff { .. } => "staff",
    };
    let link = match row.kind.subject_kind() {
        "approval" => Some(format!("/{app}/approvals/{}", row.subject_id)),
        "project" => Some(format!("/{app}/projects/{}", row.subject_id)),
        "request" => Some(format!("/{app}/requests/{}", row.subject_id)),
        "invoice" => Some(format!("/{app}/invoices/{}", row.subject_id)),
        "client" if app == "staff" => Some(format!("/staff/clients/{}", row.subject_id)),
        _ => None,
    };
    let link = match row.kind {
        EventKind::ApprovalArchived | EventKind::ProjectArchived => None,
        _ => link,
    };
    ActivityItem {
        seq: row.seq,
        kind: row.kind,
        summary: row.summary.clone(),
        link,
        created_at: DateTime::from_naive_utc_and_offset(row.created_at, chrono::Utc),
    }
}
