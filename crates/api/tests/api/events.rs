//! The event stream: what the approval workflow and staff actions record (kinds, order, who may
//! see them), and the dispatcher that subscribers will read it through (order, exactly once,
//! retried after a failure).

use crate::common;

use atrium::db::DbConn;
use atrium::domain::events::{self, EventRow, Subscriber};
use atrium::error::{ApiError, ApiResult};
use diesel::prelude::*;
use serde_json::json;
use shared_types::approvals::{Approval, Comment, PortalApproval};
use shared_types::projects::Project;
use shared_types::{ApprovalKind, ApprovalStatus, EventKind, FileKind};
use std::sync::Mutex;

fn stream(app: &common::TestApp) -> Vec<EventRow> {
    use atrium::db::schema::events;
    app.conn(|c| {
        events::table
            .order(events::seq.asc())
            .select(EventRow::as_select())
            .load(c)
    })
    .expect("events")
}

#[actix_web::test]
async fn the_approval_workflow_records_each_step_once_in_order_and_internal_notes_stay_with_staff()
{
    let app = common::TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let project = app.project(&owner, &client, "Spring").await;
    app.contact(&owner, &client, "ana@bp.example").await;
    let ana = app.portal_contact("ana@bp.example").await;
    let file = app.file(&client.id, "cut.mp3", FileKind::Audio);
    let before = stream(&app).last().map_or(0, |e| e.seq);

    let approval = app
        .approval(
            &owner,
            &project,
            "Radio spot",
            ApprovalKind::Audio,
            &[&file],
        )
        .await;
    let id = &approval.summary.id;
    let page: PortalApproval = ana.get_as(&format!("/portal/api/approvals/{id}")).await;
    assert_eq!(page.summary.status, ApprovalStatus::InReview);
    let comment = json!({"body": "Louder at the end", "version": 1, "timecode_ms": 1000});
    let _: Comment = ana
        .post_as(
            &format!("/portal/api/approvals/{id}/comments"),
            comment,
            201,
        )
        .await;
    let note = json!({"body": "SENTINEL internal", "version": 1, "internal": true});
    let _: Comment = owner
        .post_as(&format!("/api/v1/approvals/{id}/comments"), note, 201)
        .await;
    let decision = json!({"version": 1, "decision": "request_changes", "note": "Louder"});
    let _: PortalApproval = ana
        .post_as(
            &format!("/portal/api/approvals/{id}/respond"),
            decision,
            200,
        )
        .await;
    let version = json!({"notes": "louder", "file_ids": [file]});
    let _: Approval = owner
        .post_as(&format!("/api/v1/approvals/{id}/versions"), version, 201)
        .await;
    // Archiving twice records one event: the second changes nothing.
    for _ in 0..2 {
        let _: Approval = owner
            .post_as(&format!("/api/v1/approvals/{id}/archive"), json!({}), 200)
            .await;
    }

    let new: Vec<EventRow> = stream(&app)
        .into_iter()
        .filter(|e| e.seq > before)
        .collect();
    let kinds: Vec<EventKind> = new.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            EventKind::ApprovalSubmitted,
            EventKind::ApprovalCommented,
            EventKind::ApprovalNotedInternally,
            EventKind::ApprovalChangesRequested,
            EventKind::ApprovalResubmitted,
            EventKind::ApprovalArchived,
        ]
    );
    // One gapless sequence, all about this approval of this client.
    for (i, e) in new.iter().enumerate() {
        assert_eq!(e.seq, before + 1 + i as i64);
        assert_eq!(e.subject_id, *id);
        assert_eq!(e.client_id.as_deref(), Some(client.id.as_str()));
        assert_eq!(e.org_id, owner.org_id);
        assert_eq!(e.client_visible, e.kind.client_visible());
    }
    let actors: Vec<&str> = new.iter().map(|e| e.actor_kind.as_str()).collect();
    assert_eq!(
        actors,
        ["staff", "contact", "staff", "contact", "staff", "staff"]
    );
    let internal = &new[2];
    assert!(!internal.client_visible);
    // Nothing a client may see mentions the internal note.
    for e in stream(&app).iter().filter(|e| e.client_visible) {
        assert!(!e.summary.contains("SENTINEL"), "{}", e.summary);
    }
    assert_eq!(
        new[3].summary,
        "Contact Person requested changes to Radio spot (version 1)"
    );
}

/// Remembers what it was handed; fails (once) on the event with `fail_on`.
struct Recorder {
    seen: Mutex<Vec<i64>>,
    fail_on: Mutex<Option<i64>>,
}

impl Subscriber for Recorder {
    fn name(&self) -> &'static str {
        "test-recorder"
    }
    fn handle(&self, _conn: &mut DbConn, event: &EventRow) -> ApiResult<()> {
        let mut fail = self.fail_on.lock().unwrap();
        if *fail == Some(event.seq) {
            *fail = None;
            return Err(ApiError::Internal(anyhow::anyhow!("subscriber failed")));
        }
        self.seen.lock().unwrap().push(event.seq);
        Ok(())
    }
}

#[actix_web::test]
async fn a_subscriber_gets_every_event_once_in_order_and_a_failed_batch_comes_again() {
    let app = common::TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let project = app.project(&owner, &client, "Spring").await;
    let path = format!("/api/v1/projects/{}", project.id);
    for n in 0..4 {
        let renamed: Project = owner
            .patch_as(&path, json!({"name": format!("Spring {n}")}))
            .await;
        assert_eq!(renamed.name, format!("Spring {n}"));
    }
    let read: Project = owner.get_as(&path).await;
    assert_eq!(read.name, "Spring 3");
    let all: Vec<i64> = stream(&app).iter().map(|e| e.seq).collect();
    assert!(all.len() >= 6, "{all:?}");

    let recorder = Recorder {
        seen: Mutex::new(Vec::new()),
        fail_on: Mutex::new(Some(all[3])),
    };
    // Batches of 2: the second batch fails on its second event, so neither of its events counts
    // and the cursor stays after the first batch.
    let handled = app.conn(|c| events::dispatch(c, &recorder, 2)).unwrap();
    assert_eq!(handled, 2);
    assert!(app.conn(|c| events::dispatch(c, &recorder, 2)).is_err());
    assert_eq!(
        app.conn(|c| events::cursor(c, "test-recorder")).unwrap(),
        all[1]
    );
    recorder.seen.lock().unwrap().truncate(2);
    loop {
        let handled = app.conn(|c| events::dispatch(c, &recorder, 2)).unwrap();
        if handled == 0 {
            break;
        }
    }
    assert_eq!(*recorder.seen.lock().unwrap(), all);
    assert_eq!(
        app.conn(|c| events::cursor(c, "test-recorder")).unwrap(),
        *all.last().unwrap()
    );

    // A new event is handed over next time, and only it.
    let res = owner
        .patch(
            &format!("/api/v1/projects/{}", project.id),
            json!({"name": "Summer"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    recorder.seen.lock().unwrap().clear();
    assert_eq!(app.conn(|c| events::dispatch(c, &recorder, 10)).unwrap(), 1);
    assert_eq!(recorder.seen.lock().unwrap().len(), 1);
}

#[actix_web::test]
async fn concurrent_writers_leave_one_gapless_sequence() {
    let app = common::TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let project = app.project(&owner, &client, "Spring").await;
    let before = stream(&app).len();
    let path = format!("/api/v1/projects/{}/tasks", project.id);
    let writes = (0..12).map(|n| owner.post(&path, json!({"title": format!("Task {n}")})));
    for res in futures_util::future::join_all(writes).await {
        assert_eq!(res.status(), 201);
    }
    let seqs: Vec<i64> = stream(&app).iter().map(|e| e.seq).collect();
    assert_eq!(seqs.len(), before + 12);
    for (i, seq) in seqs.iter().enumerate() {
        assert_eq!(*seq, i as i64 + 1, "{seqs:?}");
    }
}
