//! The demo agency's requests: a support ticket Blue Peak raised two days ago, answered, with an
//! internal note and now waiting on the client, and a fresh job request nobody has picked up.

use crate::db::DbConn;
use crate::domain::requests::{self, Draft};
use crate::domain::Actor;
use crate::error::ApiResult;
use chrono::{NaiveDateTime, TimeDelta};
use shared_types::requests::{RequestCategory, RequestPriority, RequestStatus, RequestType};

/// `ana`: (contact id, name) of Blue Peak's contact; `maya` and `leo`: staff ids.
pub fn seed(
    conn: &mut DbConn,
    org_id: &str,
    client_id: &str,
    ana: (&str, &str),
    maya: &str,
    leo: &str,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let contact = Actor::Contact {
        id: ana.0.to_owned(),
        name: ana.1.to_owned(),
        session_id: None,
        ip: None,
    };
    let opened_at = now - TimeDelta::days(2);
    let draft = Draft {
        kind: RequestType::Support,
        category: RequestCategory::Access,
        title: "Give Sam access to invoices".to_owned(),
        description: "Sam Reyes joined our finance team and needs to see invoices in the portal."
            .to_owned(),
        priority: Some(RequestPriority::Normal),
        project_id: None,
        file_ids: Vec::new(),
        contact_id: Some(ana.0.to_owned()),
        assignee_id: Some(leo.to_owned()),
    };
    let mut ticket =
        match requests::open(conn, &contact, org_id, client_id, draft, None, opened_at)? {
            requests::Opened::New(row) | requests::Opened::Replayed(row) => row,
        };
    let leo = Actor::Staff { id: leo.to_owned() };
    let answered = opened_at + TimeDelta::hours(3);
    requests::post_message(
        conn,
        &leo,
        &mut ticket,
        "Happy to. Should Sam also be able to approve work, or only see invoices?",
        &[],
        answered,
    )?;
    requests::add_note(
        conn,
        &Actor::Staff {
            id: maya.to_owned(),
        },
        &ticket,
        "Sam is their finance lead: invoices only, no approvals.",
        &[],
        answered + TimeDelta::minutes(5),
    )?;
    requests::change_status(
        conn,
        &leo,
        &mut ticket,
        RequestStatus::WaitingOnClient,
        answered + TimeDelta::minutes(6),
    )?;
    let job = Draft {
        kind: RequestType::Job,
        category: RequestCategory::Design,
        title: "Summer menu boards".to_owned(),
        description: "Three menu boards for the summer drinks, same style as the spring poster."
            .to_owned(),
        priority: Some(RequestPriority::High),
        project_id: None,
        file_ids: Vec::new(),
        contact_id: Some(ana.0.to_owned()),
        assignee_id: None,
    };
    requests::open(
        conn,
        &contact,
        org_id,
        client_id,
        job,
        None,
        now - TimeDelta::hours(3),
    )?;
    Ok(())
}
