//! Notifications: each event tells exactly the right people, in the app and by email (with a
//! magic link to the item, batching, preferences and unforgeable unsubscribe links); nothing
//! internal reaches a contact by any channel; the live stream delivers, resumes, and works across
//! server processes; the dashboard's numbers are right.

use crate::common::{self, Options, Staff, TestApp};
use atrium::db::outbox::OutboxRow;
use chrono::TimeDelta;
use serde_json::{json, Value};
use shared_types::approvals::{Approval, Comment, PortalApproval};
use shared_types::dashboard::{PortalDashboard, StaffOverview};
use shared_types::notifications::{NotificationPage, UnreadCount, Unsubscribed};
use shared_types::projects::Project;
use shared_types::staff::{Client, PermissionOverrides};
use shared_types::{ApprovalKind, FileKind, StaffRole};
use std::time::{Duration, Instant};

/// Polls `f` until it gives a value (at most 10 s).
pub(crate) async fn eventually<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out: {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Notification emails (not invitations or sign-in links) sent to `to`.
fn notification_mail(app: &TestApp, to: &str) -> Vec<OutboxRow> {
    app.outbox()
        .into_iter()
        .filter(|m| m.to_addr == to && m.body_text.contains("Choose which emails you get"))
        .collect()
}

/// Waits for the notification worker to have handled every recorded event.
async fn settled(app: &TestApp) {
    use atrium::db::schema::{event_counter, event_cursors};
    use diesel::prelude::*;
    eventually("dispatcher caught up", || {
        let (last, cursor): (i64, i64) = app.conn(|c| {
            let last = event_counter::table
                .select(event_counter::last_seq)
                .get_result(c)
                .expect("counter");
            let cursor = event_cursors::table
                .find("notify")
                .select(event_cursors::last_seq)
                .get_result(c)
                .expect("cursor");
            (last, cursor)
        });
        (last == cursor).then_some(())
    })
    .await;
    // The email pass runs right after the dispatch.
    tokio::time::sleep(Duration::from_millis(300)).await;
}

/// Records an event nobody is notified of (a new pipeline stage): its commit wakes the
/// notification worker at once, so a test need not wait for the worker's poll.
async fn nudge(w: &World, n: u32) {
    w.app
        .stage(&w.owner, &format!("Nudge {n}"), "in_progress")
        .await;
    settled(&w.app).await;
}

struct World {
    app: TestApp,
    owner: Staff,
    manager: Staff,
    client: Client,
    project: Project,
    file: String,
}

/// An agency with a project manager, a client with three contacts: Ana (may approve), Ben (may
/// not approve), and Cy (another client's contact, who must hear nothing).
async fn world(options: Options) -> World {
    let app = TestApp::with(options).await;
    let owner = app.org("lumen").await;
    let manager = app
        .staff_member(&owner, "pm@lumen.example", StaffRole::Member)
        .await;
    let client = app.client(&owner, "Blue Peak").await;
    let project = app
        .project_with(
            &owner,
            json!({"client_id": client.id, "name": "Spring", "manager_ids": [manager.id]}),
        )
        .await;
    let no_approve = PermissionOverrides {
        can_approve_work: Some(false),
        ..Default::default()
    };
    app.cast(&owner, &client, no_approve).await;
    let file = app.file(&client.id, "cut.mp4", FileKind::Video);
    World {
        app,
        owner,
        manager,
        client,
        project,
        file,
    }
}

impl World {
    /// An approval in the project of the world's one file, submitted by the owner.
    async fn approval(&self, title: &str, kind: ApprovalKind) -> Approval {
        let files = [self.file.as_str()];
        self.app
            .approval(&self.owner, &self.project, title, kind, &files)
            .await
    }
}

fn fast() -> Options {
    Options {
        env: vec![("ATRIUM_NOTIFY_BATCH_SECS", "0".into())],
    }
}

#[actix_web::test]
async fn a_new_version_tells_the_reviewers_with_a_link_that_signs_in_and_opens_it() {
    let w = world(fast()).await;
    let app = &w.app;
    let approval = w.approval("Teaser", ApprovalKind::Video).await;
    let id = &approval.summary.id;
    settled(app).await;

    let ana = notification_mail(app, "ana@bp.example");
    assert_eq!(ana.len(), 1, "one email to the reviewer");
    assert_eq!(
        ana[0].subject,
        "A new video is ready for your review: Teaser"
    );
    assert!(
        notification_mail(app, "ben@bp.example").is_empty(),
        "Ben may not approve"
    );
    assert!(
        notification_mail(app, "cy@other.example").is_empty(),
        "another client"
    );
    assert!(
        notification_mail(app, "pm@lumen.example").is_empty(),
        "staff did it"
    );

    // The magic link signs in and names the approval as where to go.
    let text = &ana[0].body_text;
    let marker = "/portal/auth/magic#token=";
    let start = text.find(marker).expect("magic link") + marker.len();
    let rest = text[start..].split_whitespace().next().unwrap();
    let (token, next) = rest.split_once("&next=").expect("next");
    assert_eq!(
        next,
        format!("%2Fportal%2Fapprovals%2F{id}"),
        "the link opens the item"
    );
    let browser = app.browser();
    let res = browser
        .post(app.url("/portal/api/auth/magic-link/redeem"))
        .json(&json!({ "token": token }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "the emailed link signs in");
    let (status, _) =
        common::approvals::portal_get(app, &browser, &format!("/portal/api/approvals/{id}")).await;
    assert_eq!(status, 200);

    // In the app: Ana has it unread; Ben has nothing.
    let ana = app.portal_contact("ana@bp.example").await;
    let page: NotificationPage = ana.get_as("/portal/api/notifications").await;
    assert_eq!(page.unread, 1);
    assert_eq!(page.items[0].link, format!("/portal/approvals/{id}"));
    let ben = app.portal_contact("ben@bp.example").await;
    let page: NotificationPage = ben.get_as("/portal/api/notifications").await;
    assert!(page.items.is_empty());

    // Version 2: "a new version".
    let version = json!({"notes": "tighter", "file_ids": [w.file]});
    let _: Approval = w
        .owner
        .post_as(&format!("/api/v1/approvals/{id}/versions"), version, 201)
        .await;
    settled(app).await;
    let ana_mail = notification_mail(app, "ana@bp.example");
    assert_eq!(ana_mail.len(), 2);
    assert_eq!(
        ana_mail[1].subject,
        "A new version (v2) of Teaser is ready for your review"
    );

    // Marking read: someone else's id changes nothing; all clears the badge.
    let read: UnreadCount = ana
        .post_as(
            "/portal/api/notifications/read",
            json!({"ids": ["not-mine"]}),
            200,
        )
        .await;
    assert_eq!(read.unread, 2);
    let read: UnreadCount = ana
        .post_as("/portal/api/notifications/read", json!({"all": true}), 200)
        .await;
    assert_eq!(read.unread, 0);
    let res = ana.post("/portal/api/notifications/read", json!({})).await;
    assert_eq!(res.status(), 422, "nothing named");
}

#[actix_web::test]
async fn decisions_and_comments_tell_the_managers_and_replies_tell_the_commenter() {
    let w = world(fast()).await;
    let app = &w.app;
    let approval = w.approval("Logo", ApprovalKind::Image).await;
    let id = &approval.summary.id;
    // Each step settles first, so each email is its own (batching is tested on its own).
    settled(app).await;
    let ana = app.portal_contact("ana@bp.example").await;
    let comment: Comment = ana
        .post_as(
            &format!("/portal/api/approvals/{id}/comments"),
            json!({"body": "Bigger please", "version": 1}),
            201,
        )
        .await;
    settled(app).await;
    let reply = json!({"body": "On it", "version": 1, "parent_id": comment.id});
    let _: Comment = w
        .manager
        .post_as(&format!("/api/v1/approvals/{id}/comments"), reply, 201)
        .await;
    settled(app).await;
    let decision = json!({"version": 1, "decision": "request_changes", "note": "Warmer blue"});
    let _: PortalApproval = ana
        .post_as(
            &format!("/portal/api/approvals/{id}/respond"),
            decision,
            200,
        )
        .await;
    settled(app).await;

    let pm: Vec<String> = notification_mail(app, "pm@lumen.example")
        .iter()
        .map(|m| m.subject.clone())
        .collect();
    assert_eq!(
        pm,
        [
            "Contact Person commented on Logo",
            "Contact Person requested changes to Logo: Warmer blue"
        ],
        "the project manager hears what the client did"
    );
    assert!(
        notification_mail(app, "owner@lumen.example").is_empty(),
        "the owner is not the manager"
    );
    let ana_mail = notification_mail(app, "ana@bp.example");
    let subjects: Vec<&str> = ana_mail.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(
        subjects,
        [
            "A new image is ready for your review: Logo",
            "Org lumen replied to your comment on Logo"
        ],
        "the work, then the reply; never her own comment or decision"
    );
    assert!(notification_mail(app, "ben@bp.example")
        .iter()
        .all(|m| !m.subject.contains("replied")));

    // The staff member's notifications, and a staff link in the email.
    let page: NotificationPage = w.manager.get_as("/api/v1/notifications").await;
    assert_eq!(page.unread, 2);
    assert!(page.items[0].link.starts_with("/staff/approvals/"));
    let overview: StaffOverview = w.manager.get_as("/api/v1/overview").await;
    assert_eq!(overview.client_activity.len(), 2);
}

#[actix_web::test]
async fn internal_notes_reach_no_contact_by_any_channel() {
    let w = world(fast()).await;
    let app = &w.app;
    let approval = w.approval("Spot", ApprovalKind::Video).await;
    let id = &approval.summary.id;
    let ana = app.portal_contact("ana@bp.example").await;
    let stream = open_stream(app, &ana.http, None).await;
    let comment: Comment = ana
        .post_as(
            &format!("/portal/api/approvals/{id}/comments"),
            json!({"body": "Hmm", "version": 1}),
            201,
        )
        .await;
    for body in [
        json!({"body": "SENTINEL-7 internal", "version": 1, "internal": true}),
        json!({"body": "SENTINEL-7 internal reply", "version": 1, "internal": true, "parent_id": comment.id}),
    ] {
        let _: Comment = w
            .owner
            .post_as(&format!("/api/v1/approvals/{id}/comments"), body, 201)
            .await;
    }
    settled(app).await;
    let seen = stream.collect_for(Duration::from_millis(800)).await;
    for mail in app.outbox() {
        assert!(
            !mail.body_text.contains("SENTINEL") && !mail.body_html.contains("SENTINEL"),
            "email to {}",
            mail.to_addr
        );
    }
    let leaked: i64 = app.conn(|c| {
        use atrium::db::schema::notifications;
        use diesel::prelude::*;
        notifications::table
            .filter(notifications::recipient_kind.eq("contact"))
            .filter(
                notifications::title
                    .like("%SENTINEL%")
                    .or(notifications::body.like("%SENTINEL%")),
            )
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(leaked, 0, "notification rows");
    assert!(!seen.contains("SENTINEL"), "live stream: {seen}");
    assert!(!seen.contains("internal"), "live stream: {seen}");
    let feed: Value = ana.get_as("/portal/api/activity").await;
    assert!(!feed.to_string().contains("internal"), "activity: {feed}");
}

#[actix_web::test]
async fn five_events_within_the_window_make_one_email_and_what_was_read_is_not_sent() {
    let w = world(Options {
        env: vec![("ATRIUM_NOTIFY_BATCH_SECS", "300".into())],
    })
    .await;
    let app = &w.app;
    for n in 1..=5 {
        w.approval(&format!("Cut {n}"), ApprovalKind::Video).await;
    }
    settled(app).await;
    assert!(
        notification_mail(app, "ana@bp.example").is_empty(),
        "nothing before the window closes"
    );
    app.clock.advance(TimeDelta::seconds(301));
    nudge(&w, 1).await;
    let mails = eventually("the batch email", || {
        let m = notification_mail(app, "ana@bp.example");
        (!m.is_empty()).then_some(m)
    })
    .await;
    settled(app).await;
    let mails_after = notification_mail(app, "ana@bp.example");
    assert_eq!(mails_after.len(), 1, "one email for five events");
    assert_eq!(mails[0].subject, "5 updates from Org lumen");
    for n in 1..=5 {
        assert!(mails[0].body_text.contains(&format!("Cut {n}")));
    }

    // Read in the app before the window closes: no email.
    let ana = app.portal_contact("ana@bp.example").await;
    w.approval("Cut 6", ApprovalKind::Video).await;
    settled(app).await;
    let _: UnreadCount = ana
        .post_as("/portal/api/notifications/read", json!({"all": true}), 200)
        .await;
    app.clock.advance(TimeDelta::seconds(301));
    nudge(&w, 2).await;
    assert_eq!(
        notification_mail(app, "ana@bp.example").len(),
        1,
        "already seen in the app"
    );
}

/// A contact who chose the daily digest gets nothing as it happens, and one email at the digest
/// hour (08:00 UTC by default) with everything since.
#[actix_web::test]
async fn the_daily_digest_collects_a_days_news_into_one_email_at_its_hour() {
    let w = world(fast()).await;
    let app = &w.app;
    let ana = app.portal_contact("ana@bp.example").await;
    let _: Value = ana
        .patch_as(
            "/portal/api/notifications/preferences",
            json!({"categories": [{"category": "review", "email": "daily"}]}),
        )
        .await;
    // Keep clear of the digest hour while the events are made.
    let near_eight = |t: chrono::NaiveDateTime| {
        use chrono::Timelike;
        t.hour() == 7 && t.minute() >= 55
    };
    if near_eight(app.clock.now()) {
        app.clock.advance(TimeDelta::minutes(10));
    }
    for title in ["Digest one", "Digest two"] {
        w.approval(title, ApprovalKind::Video).await;
    }
    settled(app).await;
    assert!(
        notification_mail(app, "ana@bp.example").is_empty(),
        "nothing as it happens"
    );
    // The next 08:00 after now.
    let now = app.clock.now();
    let mut eight = now.date().and_hms_opt(8, 0, 0).unwrap();
    if eight <= now {
        eight += TimeDelta::days(1);
    }
    app.clock.advance(eight - now - TimeDelta::minutes(1));
    nudge(&w, 1).await;
    assert!(
        notification_mail(app, "ana@bp.example").is_empty(),
        "nothing a minute before the digest hour"
    );
    app.clock.advance(TimeDelta::minutes(2));
    nudge(&w, 2).await;
    let mails = eventually("the digest", || {
        let m = notification_mail(app, "ana@bp.example");
        (!m.is_empty()).then_some(m)
    })
    .await;
    settled(app).await;
    assert_eq!(notification_mail(app, "ana@bp.example").len(), 1);
    assert_eq!(mails[0].subject, "2 updates from Org lumen");
    for title in ["Digest one", "Digest two"] {
        assert!(
            mails[0].body_text.contains(title),
            "{title} is in the digest"
        );
    }
}

#[actix_web::test]
async fn preferences_and_unsubscribe_links_are_respected_and_cannot_be_forged() {
    let w = world(fast()).await;
    let app = &w.app;
    let ana = app.portal_contact("ana@bp.example").await;
    let prefs: Value = ana.get_as("/portal/api/notifications/preferences").await;
    assert_eq!(
        prefs["categories"][0],
        json!({"category": "review", "email": "instant"})
    );
    // A PATCH changes only what it names.
    let changed: Value = ana
        .http
        .patch(app.url("/portal/api/notifications/preferences"))
        .json(&json!({"categories": [{"category": "progress", "email": "daily"}]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(changed["categories"][0]["email"], "instant");
    assert_eq!(
        changed["categories"][3],
        json!({"category": "progress", "email": "daily"})
    );
    let bad = ana
        .http
        .patch(app.url("/portal/api/notifications/preferences"))
        .json(&json!({"categories": [{"category": "client_activity", "email": "off"}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422, "not a contact's category");

    w.approval("One", ApprovalKind::Video).await;
    settled(app).await;
    let mail = notification_mail(app, "ana@bp.example");
    assert_eq!(mail.len(), 1);
    let marker = "/portal/unsubscribe#token=";
    let start = mail[0].body_text.find(marker).expect("unsubscribe link") + marker.len();
    let token = mail[0].body_text[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();

    // Forged: someone else's id under Ana's signature, a changed category, garbage.
    let (payload, tag) = token.split_once('.').unwrap();
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let decoded = String::from_utf8(b64.decode(payload).unwrap()).unwrap();
    let forged_category = format!(
        "{}.{tag}",
        b64.encode(decoded.replace("review", "progress"))
    );
    for forged in [
        forged_category,
        format!("{payload}.AAAA"),
        "nope".to_owned(),
    ] {
        let res = app
            .bare()
            .post(app.url("/portal/api/notifications/unsubscribe"))
            .header("Origin", common::ORIGIN_URL)
            .json(&json!({ "token": forged }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400, "forged token refused");
    }
    // The real link works without signing in.
    let res = app
        .bare()
        .post(app.url("/portal/api/notifications/unsubscribe"))
        .header("Origin", common::ORIGIN_URL)
        .json(&json!({ "token": token }))
        .send()
        .await
        .unwrap();
    let done: Unsubscribed = common::handles::expect("POST", res, 200).await;
    assert_eq!(done.email, "ana@bp.example");
    w.approval("Two", ApprovalKind::Video).await;
    settled(app).await;
    assert_eq!(
        notification_mail(app, "ana@bp.example").len(),
        1,
        "review emails are off"
    );
    let page: NotificationPage = ana.get_as("/portal/api/notifications").await;
    assert_eq!(page.items.len(), 2, "in the app, always");
}

#[actix_web::test]
async fn status_changes_and_publishing_tell_every_contact_of_the_client() {
    let w = world(fast()).await;
    let app = &w.app;
    for status in ["ready_for_review", "published"] {
        let res = w
            .owner
            .patch(
                &format!("/api/v1/projects/{}", w.project.id),
                json!({"client_status": status}),
            )
            .await;
        assert_eq!(res.status(), 200);
        settled(app).await;
    }
    for who in ["ana@bp.example", "ben@bp.example"] {
        let subjects: Vec<String> = notification_mail(app, who)
            .iter()
            .map(|m| m.subject.clone())
            .collect();
        assert_eq!(
            subjects,
            [
                "Your project Spring has moved to Ready for review",
                "Your project Spring is now live"
            ],
            "{who}"
        );
    }
    assert!(notification_mail(app, "cy@other.example").is_empty());
}

#[actix_web::test]
async fn reminders_go_out_before_the_due_date_and_once_overdue() {
    let w = world(fast()).await;
    let app = &w.app;
    let due = (app.clock.now() + TimeDelta::days(1)).date();
    let res = w
        .owner
        .post(
            "/api/v1/approvals",
            json!({"project_id": w.project.id, "title": "Poster", "kind": "image",
                   "due_date": due, "version": {"notes": "", "file_ids": [w.file]}}),
        )
        .await;
    assert_eq!(res.status(), 201);
    settled(app).await;
    let now = app.clock.now();
    let recorded = app
        .conn(|c| atrium::notifier::record_reminders(c, now, 2))
        .unwrap();
    assert_eq!(recorded, 1);
    let again = app
        .conn(|c| atrium::notifier::record_reminders(c, now, 2))
        .unwrap();
    assert_eq!(again, 0, "once per due date");
    settled(app).await;
    app.clock.advance(TimeDelta::days(3));
    let later = app.clock.now();
    let overdue = app
        .conn(|c| atrium::notifier::record_reminders(c, later, 2))
        .unwrap();
    assert_eq!(overdue, 1);
    settled(app).await;
    let subjects: Vec<String> = notification_mail(app, "ana@bp.example")
        .iter()
        .map(|m| m.subject.clone())
        .collect();
    assert_eq!(subjects.len(), 3, "{subjects:?}");
    assert_eq!(
        subjects[1],
        format!("Reminder: Poster is due for your review on {due}")
    );
    assert_eq!(
        subjects[2],
        format!("Overdue: Poster was due for your review on {due}")
    );
    assert!(notification_mail(app, "ben@bp.example").is_empty());
}

/// An open SSE stream read in the background.
struct Stream {
    text: std::sync::Arc<std::sync::Mutex<String>>,
    /// Set when the server ended the response.
    ended: std::sync::Arc<std::sync::atomic::AtomicBool>,
    started: Instant,
}

impl Stream {
    async fn collect_for(&self, d: Duration) -> String {
        tokio::time::sleep(d).await;
        self.text.lock().unwrap().clone()
    }

    /// Waits until the stream has received `needle`; returns how long after opening.
    async fn until(&self, needle: &str) -> Duration {
        let start = Instant::now();
        loop {
            if self.text.lock().unwrap().contains(needle) {
                return self.started.elapsed();
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "stream never got {needle}: {}",
                self.text.lock().unwrap()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

async fn open_stream(app: &TestApp, browser: &reqwest::Client, last: Option<&str>) -> Stream {
    open_stream_url(browser, &app.url("/portal/api/events"), last).await
}

async fn open_stream_url(browser: &reqwest::Client, url: &str, last: Option<&str>) -> Stream {
    let mut req = browser.get(url);
    if let Some(last) = last {
        req = req.header("Last-Event-ID", last);
    }
    let mut res = req.send().await.expect("stream");
    assert_eq!(res.status(), 200, "stream opens");
    assert_eq!(common::header(&res, "content-type"), "text/event-stream");
    let text = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = text.clone();
    let ended = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let end = ended.clone();
    actix_web::rt::spawn(async move {
        while let Ok(Some(chunk)) = res.chunk().await {
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&chunk));
        }
        end.store(true, std::sync::atomic::Ordering::SeqCst);
    });
    // Let the stream subscribe before anything happens.
    tokio::time::sleep(Duration::from_millis(100)).await;
    Stream {
        text,
        ended,
        started: Instant::now(),
    }
}

/// The `id:` of the last message in a stream's text.
fn last_id(text: &str) -> String {
    text.lines()
        .filter_map(|l| l.strip_prefix("id: "))
        .next_back()
        .expect("an id")
        .to_owned()
}

#[actix_web::test]
async fn the_live_stream_delivers_within_a_second_to_the_right_client_and_resumes() {
    let w = world(fast()).await;
    let app = &w.app;
    let ana = app.portal_contact("ana@bp.example").await;
    let cy = app.portal_contact("cy@other.example").await;
    let ana_stream = open_stream(app, &ana.http, None).await;
    let cy_stream = open_stream(app, &cy.http, None).await;
    let started = Instant::now();
    let approval = w.approval("Live one", ApprovalKind::Video).await;
    let took = ana_stream
        .until("A new video is ready for your review: Live one")
        .await;
    let since_action = started.elapsed();
    assert!(
        since_action < Duration::from_secs(1),
        "took {since_action:?} ({took:?})"
    );
    let text = ana_stream.collect_for(Duration::from_millis(100)).await;
    assert!(text.contains("event: notification"));
    assert!(text.contains("event: activity"));
    let seen_by_cy = cy_stream.collect_for(Duration::from_millis(300)).await;
    assert!(
        !seen_by_cy.contains("Live one"),
        "another client: {seen_by_cy}"
    );

    // Resume: after the last id, only what came after; nothing twice.
    let resume_from = last_id(&text);
    let id = &approval.summary.id;
    let version = json!({"notes": "v2", "file_ids": [w.file]});
    let _: Approval = w
        .owner
        .post_as(&format!("/api/v1/approvals/{id}/versions"), version, 201)
        .await;
    settled(app).await;
    let resumed = open_stream(app, &ana.http, Some(&resume_from)).await;
    resumed.until("A new version (v2) of Live one").await;
    let text = resumed.collect_for(Duration::from_millis(300)).await;
    assert!(
        !text.contains("A new video is ready"),
        "nothing twice: {text}"
    );
    assert_eq!(text.matches("A new version (v2)").count(), 1, "{text}");

    // Signed out: no stream.
    let res = app
        .bare()
        .get(app.url("/portal/api/events"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

#[actix_web::test]
async fn streams_are_bounded_per_session() {
    let w = world(Options {
        env: vec![("ATRIUM_LIVE_STREAMS_PER_SESSION", "2".into())],
    })
    .await;
    let app = &w.app;
    let ana = app.portal_contact("ana@bp.example").await;
    let _a = open_stream(app, &ana.http, None).await;
    let _b = open_stream(app, &ana.http, None).await;
    let res = ana.get("/portal/api/events").await;
    assert_eq!(res.status(), 429, "a third stream for one session");
}

#[actix_web::test]
async fn staff_streams_open_with_a_ticket_and_hear_client_decisions() {
    let w = world(fast()).await;
    let app = &w.app;
    let approval = w.approval("Jingle", ApprovalKind::Video).await;
    let ticket: Value = w
        .manager
        .post_as("/api/v1/events/ticket", json!({}), 200)
        .await;
    let url = app.url(&format!(
        "/api/v1/events?ticket={}",
        ticket["ticket"].as_str().unwrap()
    ));
    let stream = open_stream_url(&app.bare(), &url, None).await;
    let ana = app.portal_contact("ana@bp.example").await;
    let id = &approval.summary.id;
    let _: PortalApproval = ana
        .post_as(
            &format!("/portal/api/approvals/{id}/respond"),
            json!({"version": 1, "decision": "approve"}),
            200,
        )
        .await;
    stream.until("Contact Person approved Jingle").await;
    let res = app
        .bare()
        .get(app.url("/api/v1/events?ticket=forged.ticket"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

#[actix_web::test]
async fn an_event_made_through_one_process_reaches_a_stream_held_on_another() {
    if common::backend::backend() != "postgres" {
        // SQLite is one process by design; the PostgreSQL run covers this.
        return;
    }
    let w = world(fast()).await;
    let app = &w.app;
    let second = app.second_process().await;
    let ana = app.sign_in("ana@bp.example").await;
    let stream = open_stream_url(&ana, &format!("{second}/portal/api/events"), None).await;
    w.approval("Across", ApprovalKind::Video).await;
    let took = stream.until("ready for your review: Across").await;
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

#[actix_web::test]
async fn a_stopping_server_ends_its_live_streams_instead_of_waiting_on_them() {
    let w = world(fast()).await;
    let app = &w.app;
    let (mut server, base) = app.spawn_process().await;
    let ana = app.sign_in("ana@bp.example").await;
    let stream = open_stream_url(&ana, &format!("{base}/portal/api/events"), None).await;
    let asked = Instant::now();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    // The server's graceful shutdown waits up to 10 s for requests in flight; an open stream
    // must not be one of them.
    let exit = loop {
        if let Some(exit) = server.try_wait().expect("server status") {
            break exit;
        }
        if asked.elapsed() > Duration::from_secs(15) {
            let _ = server.kill();
            panic!("the server did not stop within 15 s of SIGTERM");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let took = asked.elapsed();
    assert!(exit.success(), "a clean exit: {exit:?}");
    assert!(
        took < Duration::from_secs(5),
        "stopped {took:?} after SIGTERM, held by the open stream"
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        stream.ended.load(std::sync::atomic::Ordering::SeqCst),
        "the stream was ended, so the browser reconnects: {}",
        stream.text.lock().unwrap()
    );
}

#[actix_web::test]
async fn the_dashboard_counts_what_an_independent_count_finds() {
    let w = world(fast()).await;
    let app = &w.app;
    let mut ids = Vec::new();
    for title in ["A", "B", "C"] {
        let a = w.approval(title, ApprovalKind::Image).await;
        ids.push(a.summary.id);
    }
    let ana = app.portal_contact("ana@bp.example").await;
    let _: PortalApproval = ana
        .post_as(
            &format!("/portal/api/approvals/{}/respond", ids[0]),
            json!({"version": 1, "decision": "approve"}),
            200,
        )
        .await;
    let done = app.project(&w.owner, &w.client, "Old").await;
    let res = w
        .owner
        .patch(
            &format!("/api/v1/projects/{}", done.id),
            json!({"client_status": "completed"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    settled(app).await;

    // The fixture, counted from the database directly.
    use atrium::db::schema::{approvals, projects};
    use diesel::prelude::*;
    let client_id = w.client.id.clone();
    let (waiting, approved, active): (i64, i64, i64) = app.conn(|c| {
        let waiting = approvals::table
            .filter(approvals::client_id.eq(&client_id))
            .filter(approvals::status.eq_any(["pending", "in_review"]))
            .count()
            .get_result(c)
            .unwrap();
        let approved = approvals::table
            .filter(approvals::client_id.eq(&client_id))
            .filter(approvals::status.eq("approved"))
            .count()
            .get_result(c)
            .unwrap();
        let active = projects::table
            .filter(projects::client_id.eq(&client_id))
            .filter(projects::client_status.ne("completed"))
            .filter(projects::archived_at.is_null())
            .count()
            .get_result(c)
            .unwrap();
        (waiting, approved, active)
    });
    let dash: PortalDashboard = ana.get_as("/portal/api/dashboard").await;
    assert_eq!(dash.counters.awaiting_review, waiting);
    assert_eq!(dash.counters.awaiting_review, 2);
    assert_eq!(dash.counters.approved_this_month, approved);
    assert_eq!(dash.counters.active_projects, active);
    assert_eq!(
        dash.awaiting
            .iter()
            .map(|a| a.title.as_str())
            .collect::<Vec<_>>(),
        ["B", "C"],
        "oldest first"
    );
    // Three approvals to review and "Old" moving to Completed.
    assert_eq!(dash.unread_notifications, 4);
    assert!(dash.activity.iter().any(|a| a.summary.contains("approved")));
    assert!(dash.can_approve);
    assert_eq!(
        dash.team.is_some(),
        w.client.show_team_members,
        "the team only when the agency shows it"
    );
    let ben = app.portal_contact("ben@bp.example").await;
    let dash: PortalDashboard = ben.get_as("/portal/api/dashboard").await;
    assert!(!dash.can_approve);
    assert_eq!(
        dash.unread_notifications, 1,
        "Ben hears about progress, not about work to review"
    );
}

/// The figures for the closing note: the time from a staff action to the contact's stream event
/// (median and p99 of 40), and the emails a burst of 50 events to one contact makes.
#[actix_web::test]
async fn figures_stream_latency_and_a_burst_of_fifty_events() {
    let w = world(Options {
        env: vec![("ATRIUM_NOTIFY_BATCH_SECS", "300".into())],
    })
    .await;
    let app = &w.app;
    let ana = app.portal_contact("ana@bp.example").await;
    let stream = open_stream(app, &ana.http, None).await;
    let mut took = Vec::new();
    for n in 0..50 {
        let title = format!("Burst {n:02}");
        let start = Instant::now();
        w.approval(&title, ApprovalKind::Image).await;
        stream
            .until(&format!("ready for your review: {title}\""))
            .await;
        took.push(start.elapsed());
    }
    took.sort();
    let median = took[took.len() / 2];
    let p99 = took[(took.len() * 99 / 100).min(took.len() - 1)];
    eprintln!(
        "FIGURE {}: staff action → contact's stream event over {} actions: median {:?}, p99 {:?}",
        common::backend::backend(),
        took.len(),
        median,
        p99
    );
    assert!(p99 < Duration::from_secs(1), "p99 {p99:?}");
    app.clock.advance(TimeDelta::seconds(301));
    nudge(&w, 1).await;
    let mails = eventually("the burst email", || {
        let m = notification_mail(app, "ana@bp.example");
        (!m.is_empty()).then_some(m)
    })
    .await;
    settled(app).await;
    assert_eq!(notification_mail(app, "ana@bp.example").len(), 1);
    assert_eq!(mails[0].subject, "50 updates from Org lumen");
    eprintln!(
        "FIGURE {}: a burst of 50 events to one contact with batching on: {} email",
        common::backend::backend(),
        notification_mail(app, "ana@bp.example").len()
    );
}
