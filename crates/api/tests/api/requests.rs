//! Requests: a contact submits (idempotently, within their permissions, never setting what is
//! the agency's), staff triage, reply and keep internal notes that no portal response, email,
//! notification, activity event or count reveals; access across clients and organizations is
//! "not found"; the response clock pauses while waiting on the client.

use crate::common::handles::PortalContact;
use crate::common::{self, Options, Staff, TestApp};
use chrono::TimeDelta;
use serde_json::{json, Value};
use shared_types::projects::Project;
use shared_types::requests::{
    PortalRequest, RequestMessage, RequestMetrics, StaffRequest, StaffRequestList, TimelineEntry,
};
use shared_types::staff::{Client, PermissionOverrides};
use shared_types::{Page, StaffRole};
use std::time::{Duration, Instant};

const SENTINEL: &str = "SENTINEL-b41f-internal-only";

struct World {
    app: TestApp,
    owner: Staff,
    manager: Staff,
    client: Client,
    other: Client,
    project: Project,
}

/// An agency whose account manager looks after Blue Peak (contacts Ana, who may submit
/// requests, and Ben, who may not), and another client, Other Co (contact Cy).
async fn world() -> World {
    let app = TestApp::with(Options {
        env: vec![("ATRIUM_NOTIFY_BATCH_SECS", "0".into())],
    })
    .await;
    let owner = app.org("lumen").await;
    let manager = app
        .staff_member(&owner, "am@lumen.example", StaffRole::Member)
        .await;
    let client = app.client(&owner, "Blue Peak").await;
    let res = owner
        .http
        .put(app.url(&format!("/api/v1/clients/{}/managers", client.id)))
        .bearer_auth(&owner.token)
        .json(&json!({"staff_ids": [manager.id]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let project = app.project(&owner, &client, "Spring").await;
    let no_requests = PermissionOverrides {
        can_submit_requests: Some(false),
        ..Default::default()
    };
    let other = app.cast(&owner, &client, no_requests).await;
    World {
        app,
        owner,
        manager,
        client,
        other,
        project,
    }
}

async fn upload(app: &TestApp, who: &PortalContact, name: &str) -> Value {
    let part = reqwest::multipart::Part::bytes(b"%PDF-1.4\n% a small pdf\n".to_vec())
        .file_name(name.to_owned())
        .mime_str("application/pdf")
        .unwrap();
    let form = reqwest::multipart::Form::new().part("file", part);
    let res = who
        .http
        .post(app.url("/portal/api/files"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    res.json().await.unwrap()
}

fn ticket(title: &str) -> Value {
    json!({
        "request_type": "support",
        "category": "bug",
        "title": title,
        "description": "The contact form on the home page does nothing when sent.",
        "priority": "high",
    })
}

async fn open(ana: &PortalContact, body: Value) -> PortalRequest {
    ana.post_as("/portal/api/requests", body, 201).await
}

/// Staff move the request to `status`.
async fn set_status(staff: &Staff, id: &str, status: &str) -> StaffRequest {
    let path = format!("/api/v1/requests/{id}");
    staff.patch_as(&path, json!({ "status": status })).await
}

/// The contact replies in the request's thread.
async fn reply(contact: &PortalContact, id: &str, body: &str) -> RequestMessage {
    let path = format!("/portal/api/requests/{id}/messages");
    contact.post_as(&path, json!({ "body": body }), 201).await
}

/// Waits until the notification worker has handled every event (emails follow right after).
async fn settled(app: &TestApp) {
    use atrium::db::schema::{event_counter, event_cursors};
    use diesel::prelude::*;
    let start = Instant::now();
    loop {
        let (last, cursor): (i64, i64) = app.conn(|c| {
            let last = event_counter::table
                .select(event_counter::last_seq)
                .get_result(c)
                .unwrap();
            let cursor = event_cursors::table
                .find("notify")
                .select(event_cursors::last_seq)
                .get_result(c)
                .unwrap();
            (last, cursor)
        });
        if last == cursor {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "dispatcher stuck"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(400)).await;
}

#[actix_web::test]
async fn internal_notes_reach_no_portal_response_email_notification_feed_or_count() {
    let w = world().await;
    let app = &w.app;
    let ana = app.portal_contact("ana@bp.example").await;
    let file = upload(app, &ana, "screenshot.pdf").await;
    let mut body = ticket("Contact form is broken");
    body["file_ids"] = json!([file["id"]]);
    let created = open(&ana, body).await;
    let id = created.summary.id.clone();
    assert_eq!(created.attachments.len(), 1);
    let path = format!("/api/v1/requests/{id}/messages");
    let reply: TimelineEntry = w
        .owner
        .post_as(&path, json!({"body": "Thanks, we are on it."}), 201)
        .await;
    assert!(!reply.internal);
    let before_note: PortalRequest = ana.get_as(&format!("/portal/api/requests/{id}")).await;
    app.clock.advance(TimeDelta::minutes(5));
    let note: TimelineEntry = w
        .owner
        .post_as(
            &path,
            json!({"body": format!("{SENTINEL}: the client's plugin is outdated"), "internal": true}),
            201,
        )
        .await;
    assert!(note.internal);
    settled(app).await;

    // Staff see both; the contact sees the reply only, and nothing moved for them.
    let staff_view: StaffRequest = w.owner.get_as(&format!("/api/v1/requests/{id}")).await;
    assert_eq!(staff_view.timeline.len(), 2);
    assert!(staff_view
        .timeline
        .iter()
        .any(|e| e.internal && e.body.contains(SENTINEL)));
    let seen: PortalRequest = ana.get_as(&format!("/portal/api/requests/{id}")).await;
    assert_eq!(seen.messages.len(), 1);
    assert_eq!(seen.summary.message_count, 1);
    assert_eq!(
        seen.summary.last_activity_at,
        before_note.summary.last_activity_at
    );
    let list: Page<Value> = ana.get_as("/portal/api/requests").await;
    assert_eq!(list.items[0]["message_count"], 1);

    // Every portal read of the served document, on this data.
    let served: Value = app
        .bare()
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut read = 0;
    for (template, item) in served["paths"].as_object().unwrap() {
        if !template.starts_with("/portal/api/") || item.get("get").is_none() {
            continue;
        }
        let path = template
            .replace("/requests/{id}", &format!("/requests/{id}"))
            .replace("/projects/{id}", &format!("/projects/{}", w.project.id))
            .replace(
                "/files/{id}",
                &format!("/files/{}", file["id"].as_str().unwrap()),
            );
        if path.contains('{') || path.ends_with("/events") {
            continue;
        }
        let text = ana.get(&path).await.text().await.unwrap();
        assert!(!text.contains(SENTINEL), "{path} shows the note: {text}");
        read += 1;
    }
    assert!(read >= 12, "only {read} portal reads");
    // The live stream from the start of time.
    let mut res = ana
        .http
        .get(app.url("/portal/api/events?last_event_id=0"))
        .send()
        .await
        .unwrap();
    let mut text = String::new();
    let deadline = Instant::now() + Duration::from_millis(1500);
    while let Ok(Ok(Some(chunk))) = tokio::time::timeout(
        deadline.saturating_duration_since(Instant::now()),
        res.chunk(),
    )
    .await
    {
        text.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(
        text.contains("Contact form is broken"),
        "the stream carries the request: {text}"
    );
    assert!(!text.contains(SENTINEL));
    assert!(
        !text.contains("internal note"),
        "no note event reaches the contact: {text}"
    );
    // Every email, every notification and feed row a contact could get.
    for m in app.outbox() {
        assert!(
            !m.body_text.contains(SENTINEL) && !m.subject.contains(SENTINEL),
            "{}",
            m.subject
        );
    }
    let contact_rows: Vec<(String, String)> = app.conn(|c| {
        use atrium::db::schema::notifications;
        use diesel::prelude::*;
        notifications::table
            .filter(notifications::recipient_kind.eq("contact"))
            .select((notifications::title, notifications::body))
            .load(c)
            .unwrap()
    });
    assert!(!contact_rows.is_empty());
    for (title, body) in contact_rows {
        assert!(!title.contains(SENTINEL) && !body.contains(SENTINEL));
    }
    let visible: Vec<String> = app.conn(|c| {
        use atrium::db::schema::events;
        use diesel::prelude::*;
        events::table
            .filter(events::client_visible.eq(true))
            .select(events::summary)
            .load(c)
            .unwrap()
    });
    assert!(visible
        .iter()
        .all(|s| !s.contains(SENTINEL) && !s.contains("internal note")));
}

#[actix_web::test]
async fn another_clients_contact_and_another_organization_get_not_found_and_change_nothing() {
    let w = world().await;
    let app = &w.app;
    let ana = app.portal_contact("ana@bp.example").await;
    let id = open(&ana, ticket("Ours")).await.summary.id;
    let cy = app.portal_contact("cy@other.example").await;
    let counts = |app: &TestApp| {
        (
            app.count("requests"),
            app.count("request_messages"),
            app.count("request_notes"),
        )
    };
    let before = counts(app);
    assert_eq!(
        cy.get(&format!("/portal/api/requests/{id}")).await.status(),
        404
    );
    let res = cy
        .post(
            &format!("/portal/api/requests/{id}/messages"),
            json!({"body": "Hi"}),
        )
        .await;
    assert_eq!(res.status(), 404);
    let res = cy
        .post(&format!("/portal/api/requests/{id}/close"), json!({}))
        .await;
    assert_eq!(res.status(), 404);
    let theirs: Page<Value> = cy.get_as("/portal/api/requests").await;
    assert!(theirs.items.is_empty());
    let stranger = app.org("elsewhere").await;
    assert_eq!(
        stranger
            .get(&format!("/api/v1/requests/{id}"))
            .await
            .status(),
        404
    );
    let res = stranger
        .patch(
            &format!("/api/v1/requests/{id}"),
            json!({"status": "closed"}),
        )
        .await;
    assert_eq!(res.status(), 404);
    let res = stranger
        .post(
            &format!("/api/v1/requests/{id}/messages"),
            json!({"body": "x", "internal": true}),
        )
        .await;
    assert_eq!(res.status(), 404);
    let list: StaffRequestList = stranger.get_as("/api/v1/requests").await;
    assert!(list.items.is_empty());
    assert_eq!(counts(app), before, "nothing was written");
    let still: PortalRequest = ana.get_as(&format!("/portal/api/requests/{id}")).await;
    assert_eq!(still.summary.status.as_str(), "open");
}

#[actix_web::test]
async fn without_the_permission_a_contact_is_refused_and_nothing_is_created() {
    let w = world().await;
    let app = &w.app;
    let ben = app.portal_contact("ben@bp.example").await;
    let before = app.count("requests");
    let res = ben.post("/portal/api/requests", ticket("Please")).await;
    assert_eq!(res.status(), 403);
    let (_, body) = common::status_of(ben.get("/portal/api/requests").await).await;
    assert_eq!(body["error"]["code"], "forbidden");
    assert_eq!(app.count("requests"), before);
    // Ben hears nothing about Ana's requests either.
    let ana = app.portal_contact("ana@bp.example").await;
    open(&ana, ticket("Ana's ticket")).await;
    settled(app).await;
    let feed: Value = ben.get_as("/portal/api/activity").await;
    assert!(!feed.to_string().contains("Ana's ticket"), "{feed}");
    let dash: Value = ben.get_as("/portal/api/dashboard").await;
    assert!(dash["counters"]["open_requests"].is_null());
}

#[actix_web::test]
async fn a_contact_cannot_set_what_is_the_agencys() {
    let w = world().await;
    let app = &w.app;
    let ana = app.portal_contact("ana@bp.example").await;
    let before = app.count("requests");
    for extra in [
        json!({"internal": true}),
        json!({"assignee_id": w.manager.id}),
        json!({"status": "resolved"}),
    ] {
        let mut body = ticket("Sneaky");
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let res = ana.post("/portal/api/requests", body).await;
        assert_eq!(res.status(), 400, "{extra}");
    }
    let other_project = app.project(&w.owner, &w.other, "Theirs").await;
    let mut body = ticket("Wrong project");
    body["project_id"] = json!(other_project.id);
    let (status, answer) = common::status_of(ana.post("/portal/api/requests", body).await).await;
    assert_eq!(status, 422);
    assert!(answer["error"]["fields"]["project_id"].is_string());
    let mut body = ticket("Wrong category");
    body["category"] = json!("design");
    let (status, answer) = common::status_of(ana.post("/portal/api/requests", body).await).await;
    assert_eq!(status, 422);
    assert!(answer["error"]["fields"]["category"].is_string());
    // A reply cannot be internal either.
    let id = open(&ana, ticket("Fine")).await.summary.id;
    let res = ana
        .post(
            &format!("/portal/api/requests/{id}/messages"),
            json!({"body": "x", "internal": true}),
        )
        .await;
    assert_eq!(res.status(), 400);
    assert_eq!(app.count("requests"), before + 1);
    assert_eq!(app.count("request_notes"), 0);
}

#[actix_web::test]
async fn an_idempotency_key_makes_one_request_and_refuses_another_body() {
    let w = world().await;
    let app = &w.app;
    let ana = app.portal_contact("ana@bp.example").await;
    let send = |body: Value| {
        ana.http
            .post(app.url("/portal/api/requests"))
            .header("Idempotency-Key", "form-7c1d")
            .json(&body)
            .send()
    };
    let first: PortalRequest = send(ticket("Once")).await.unwrap().json().await.unwrap();
    let res = send(ticket("Once")).await.unwrap();
    assert_eq!(res.status(), 201);
    let again: PortalRequest = res.json().await.unwrap();
    assert_eq!(again.summary.id, first.summary.id);
    assert_eq!(app.count("requests"), 1);
    let (status, body) = common::status_of(send(ticket("Twice")).await.unwrap()).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(app.count("requests"), 1);
}

#[actix_web::test]
async fn the_thread_reopens_closes_and_tells_the_right_people() {
    let w = world().await;
    let app = &w.app;
    let ana = app.portal_contact("ana@bp.example").await;
    let req = open(&ana, ticket("Login loop")).await;
    let id = req.summary.id.clone();
    assert!(
        req.summary.due.reply_by.is_some(),
        "the client sees when we aim to reply"
    );
    settled(app).await;
    // The account manager hears of the new request (in the app and by email); the owner does not.
    let to_manager: Vec<_> = app
        .outbox()
        .into_iter()
        .filter(|m| m.to_addr == "am@lumen.example")
        .collect();
    assert_eq!(
        to_manager.len(),
        1,
        "{:?}",
        to_manager.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    assert!(to_manager[0]
        .subject
        .contains("opened a support ticket: Login loop"));
    assert!(to_manager[0]
        .body_text
        .contains(&format!("/staff/requests/{id}")));
    let manager_inbox: Value = w.manager.get_as("/api/v1/notifications").await;
    assert_eq!(manager_inbox["unread"], 1);
    assert!(app
        .outbox()
        .iter()
        .all(|m| m.to_addr != "owner@lumen.example" || !m.subject.contains("Login loop")));

    // A public staff reply emails Ana a sign-in link to the request; a note emails nobody.
    let mails_before = app.outbox().len();
    let path = format!("/api/v1/requests/{id}/messages");
    let _: TimelineEntry = w
        .manager
        .post_as(
            &path,
            json!({"body": "Could you try clearing cookies?"}),
            201,
        )
        .await;
    settled(app).await;
    let to_ana: Vec<_> = app
        .outbox()
        .into_iter()
        .skip(mails_before)
        .filter(|m| m.to_addr == "ana@bp.example")
        .collect();
    assert_eq!(to_ana.len(), 1);
    assert!(to_ana[0]
        .subject
        .contains("replied to your request: Login loop"));
    let next = format!("next=%2Fportal%2Frequests%2F{id}");
    assert!(
        to_ana[0].body_text.contains(&next),
        "{}",
        to_ana[0].body_text
    );
    let mails_before = app.outbox().len();
    let _: TimelineEntry = w
        .manager
        .post_as(
            &path,
            json!({"body": "Probably their SSO.", "internal": true}),
            201,
        )
        .await;
    settled(app).await;
    assert_eq!(app.outbox().len(), mails_before, "a note sends no email");

    // Waiting on the client, then Ana answers: it opens again. Resolved, Ana answers: open.
    let patched = set_status(&w.manager, &id, "waiting_on_client").await;
    assert_eq!(patched.summary.status.as_str(), "waiting_on_client");
    reply(&ana, &id, "Still looping.").await;
    let seen: PortalRequest = ana.get_as(&format!("/portal/api/requests/{id}")).await;
    assert_eq!(seen.summary.status.as_str(), "open");
    set_status(&w.manager, &id, "resolved").await;
    reply(&ana, &id, "Works now, thanks!").await;
    let seen: PortalRequest = ana.get_as(&format!("/portal/api/requests/{id}")).await;
    assert_eq!(seen.summary.status.as_str(), "open");
    assert_eq!(seen.summary.message_count, 3);
    // Ana closes it; a closed request takes no more messages.
    let closed: PortalRequest = ana
        .post_as(&format!("/portal/api/requests/{id}/close"), json!({}), 200)
        .await;
    assert_eq!(closed.summary.status.as_str(), "closed");
    assert!(closed.summary.due.reply_by.is_none() && closed.summary.due.resolve_by.is_none());
    let (status, body) = common::status_of(
        ana.post(
            &format!("/portal/api/requests/{id}/messages"),
            json!({"body": "One more"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(body["error"]["code"], "request_closed");
}

#[actix_web::test]
async fn a_patch_changes_only_what_it_sends_and_the_inbox_filters() {
    let w = world().await;
    let app = &w.app;
    let ana = app.portal_contact("ana@bp.example").await;
    let id = open(&ana, ticket("Assign me")).await.summary.id;
    let job = json!({
        "request_type": "job", "category": "design", "title": "New poster",
        "description": "A poster for the spring launch.", "priority": "urgent",
        "project_id": w.project.id,
    });
    let job = open(&ana, job).await;
    assert_eq!(
        job.project.as_ref().map(|p| p.name.as_str()),
        Some("Spring")
    );
    let path = format!("/api/v1/requests/{id}");
    let assigned: StaffRequest = w
        .owner
        .patch_as(&path, json!({"assignee_id": w.manager.id}))
        .await;
    assert_eq!(
        assigned.summary.assignee.as_ref().map(|a| a.id.as_str()),
        Some(w.manager.id.as_str())
    );
    let reprioritised: StaffRequest = w.owner.patch_as(&path, json!({"priority": "low"})).await;
    assert_eq!(reprioritised.summary.priority.as_str(), "low");
    assert_eq!(
        reprioritised
            .summary
            .assignee
            .as_ref()
            .map(|a| a.id.as_str()),
        Some(w.manager.id.as_str()),
        "the assignee stays"
    );
    assert_eq!(reprioritised.summary.status.as_str(), "open");
    let cleared: StaffRequest = w.owner.patch_as(&path, json!({"assignee_id": null})).await;
    assert!(cleared.summary.assignee.is_none());

    let all: StaffRequestList = w.owner.get_as("/api/v1/requests").await;
    assert_eq!(all.items.len(), 2);
    assert_eq!(all.unassigned, 2);
    let jobs: StaffRequestList = w.owner.get_as("/api/v1/requests?type=job").await;
    assert_eq!(jobs.items.len(), 1);
    assert_eq!(jobs.items[0].title, "New poster");
    let urgent_first: StaffRequestList = w.owner.get_as("/api/v1/requests?sort=priority").await;
    assert_eq!(urgent_first.items[0].title, "New poster");
    let page: StaffRequestList = w
        .owner
        .get_as("/api/v1/requests?sort=priority&limit=1")
        .await;
    let cursor = page.next_cursor.expect("a second page");
    let rest: StaffRequestList = w
        .owner
        .get_as(&format!(
            "/api/v1/requests?sort=priority&limit=1&cursor={cursor}"
        ))
        .await;
    assert_eq!(rest.items[0].title, "Assign me");
    let _: StaffRequest = w
        .owner
        .patch_as(&path, json!({"assignee_id": w.manager.id}))
        .await;
    let unassigned: StaffRequestList = w.owner.get_as("/api/v1/requests?unassigned=true").await;
    assert_eq!(unassigned.items.len(), 1);
    assert_eq!(unassigned.unassigned, 1);
    let theirs: StaffRequestList = w
        .owner
        .get_as(&format!("/api/v1/requests?assignee={}", w.manager.id))
        .await;
    assert_eq!(theirs.items.len(), 1);
    let by_client: StaffRequestList = w
        .owner
        .get_as(&format!("/api/v1/requests?client={}", w.other.id))
        .await;
    assert!(by_client.items.is_empty());
    let ours: StaffRequestList = w
        .owner
        .get_as(&format!("/api/v1/requests?client={}", w.client.id))
        .await;
    assert_eq!(ours.items.len(), 2);
    // Staff open one on the client's behalf: it shows in the client's portal too.
    let made: StaffRequest = w
        .owner
        .post_as(
            "/api/v1/requests",
            json!({"client_id": w.client.id, "request_type": "job", "category": "content",
                "title": "Copy for the brochure", "description": "Asked for on the phone."}),
            201,
        )
        .await;
    let theirs_now: Page<Value> = ana.get_as("/portal/api/requests").await;
    assert!(theirs_now
        .items
        .iter()
        .any(|r| r["id"] == made.summary.id.as_str()));
    // Routing: a category's default assignee takes new requests.
    let settings: Value = w.owner.get_as("/api/v1/requests/settings").await;
    let mut settings = settings;
    settings["routes"] =
        json!([{"request_type": "support", "category": "billing", "assignee_id": w.manager.id}]);
    let res = w
        .manager
        .http
        .put(app.url("/api/v1/requests/settings"))
        .bearer_auth(&w.manager.token)
        .json(&settings)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "members don't change routing");
    let res = w
        .owner
        .http
        .put(app.url("/api/v1/requests/settings"))
        .bearer_auth(&w.owner.token)
        .json(&settings)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let mut bill = ticket("Invoice question");
    bill["category"] = json!("billing");
    let routed = open(&ana, bill).await;
    let staff_view: StaffRequest = w
        .owner
        .get_as(&format!("/api/v1/requests/{}", routed.summary.id))
        .await;
    assert_eq!(
        staff_view.summary.assignee.map(|a| a.id),
        Some(w.manager.id.clone())
    );
}

#[actix_web::test]
async fn metrics_count_known_timings_with_the_clock_paused_while_waiting_on_the_client() {
    let w = world().await;
    let app = &w.app;
    let ana = app.portal_contact("ana@bp.example").await;
    let minutes = |n: i64| app.clock.advance(TimeDelta::minutes(n));
    // A: a bug. First reply after 60 min; waits on the client 120 min; resolved 30 min later.
    let a = open(&ana, ticket("Bug A")).await.summary.id;
    let _: StaffRequest = w
        .owner
        .patch_as(
            &format!("/api/v1/requests/{a}"),
            json!({"assignee_id": w.manager.id}),
        )
        .await;
    minutes(60);
    let _: TimelineEntry = w
        .manager
        .post_as(
            &format!("/api/v1/requests/{a}/messages"),
            json!({"body": "Which browser?"}),
            201,
        )
        .await;
    set_status(&w.manager, &a, "waiting_on_client").await;
    minutes(120);
    reply(&ana, &a, "Firefox.").await;
    minutes(30);
    set_status(&w.manager, &a, "resolved").await;
    // B: a design job, unassigned. First reply after 10 min, resolved at 40 min.
    let b = open(
        &ana,
        json!({"request_type": "job", "category": "design", "title": "Job B",
               "description": "A banner."}),
    )
    .await
    .summary
    .id;
    minutes(10);
    let _: TimelineEntry = w
        .owner
        .post_as(
            &format!("/api/v1/requests/{b}/messages"),
            json!({"body": "On it."}),
            201,
        )
        .await;
    // An internal note is no response.
    minutes(30);
    set_status(&w.owner, &b, "resolved").await;
    // C: no reply yet (counted, not answered).
    open(&ana, ticket("Bug C")).await;

    let m: RequestMetrics = w.owner.get_as("/api/v1/requests/metrics").await;
    assert_eq!(m.overall.requests, 3);
    assert_eq!(m.overall.responded, 2);
    assert_eq!(m.overall.resolved, 2);
    assert_eq!(m.overall.first_response_median_minutes, Some(35.0));
    assert_eq!(m.overall.first_response_p90_minutes, Some(60.0));
    assert_eq!(m.overall.resolution_median_minutes, Some(65.0));
    assert_eq!(m.overall.resolution_p90_minutes, Some(90.0));
    let bug = m.by_category.iter().find(|g| g.key == "bug").unwrap();
    assert_eq!((bug.requests, bug.resolved), (2, 1));
    assert_eq!(bug.first_response_median_minutes, Some(60.0));
    assert_eq!(
        bug.resolution_median_minutes,
        Some(90.0),
        "the 120 min wait does not count"
    );
    let design = m.by_category.iter().find(|g| g.key == "design").unwrap();
    assert_eq!(design.resolution_median_minutes, Some(40.0));
    let manager = m
        .by_assignee
        .iter()
        .find(|g| g.key == w.manager.id)
        .unwrap();
    assert_eq!(manager.label, "Member");
    assert_eq!(manager.resolution_median_minutes, Some(90.0));
    let nobody = m
        .by_assignee
        .iter()
        .find(|g| g.key == "unassigned")
        .unwrap();
    assert_eq!(nobody.requests, 2);
    // A range that excludes them counts nothing; a reversed range is refused.
    let past: RequestMetrics = w
        .owner
        .get_as("/api/v1/requests/metrics?from=2020-01-01&to=2020-01-31")
        .await;
    assert_eq!(past.overall.requests, 0);
    assert_eq!(
        w.owner
            .get("/api/v1/requests/metrics?from=2026-02-01&to=2026-01-01")
            .await
            .status(),
        422
    );
}
