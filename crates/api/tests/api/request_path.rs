//! Each portal page and each staff API read costs one trip to the database pool: authentication
//! (session, contact, client, organization; or the staff account behind the token) and the
//! request's reads share one pooled connection in one blocking hop.

use crate::common::approvals::portal_get;
use crate::common::{Options, TestApp};
use shared_types::{ApprovalKind, FileKind};
use std::time::Duration;

/// Requests made per page; the bound allows a stray background poll or two.
const ROUNDS: u64 = 12;

#[actix_web::test]
async fn every_portal_page_is_one_trip_to_the_database() {
    // Background workers also use the pool: poll them rarely so they don't blur the count.
    let app = TestApp::with(Options {
        env: vec![
            ("ATRIUM_MAIL_POLL_SECS", "3600".into()),
            ("ATRIUM_MEDIA_POLL_SECS", "3600".into()),
        ],
    })
    .await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let project = app.project(&owner, &client, "Spring").await;
    app.contact(&owner, &client, "ana@bp.example").await;
    let poster = app.file(&client.id, "poster.png", FileKind::Image);
    let approval = app
        .approval(&owner, &project, "Poster", ApprovalKind::Image, &[&poster])
        .await;
    let browser = app.sign_in("ana@bp.example").await;
    let request: serde_json::Value = browser
        .post(app.url("/portal/api/requests"))
        .json(
            &serde_json::json!({"request_type": "job", "category": "design",
            "title": "Banner", "description": "A banner."}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let request_page = format!("/portal/api/requests/{}", request["id"].as_str().unwrap());
    let detail = format!("/portal/api/approvals/{}", approval.summary.id);
    // The first view of a version is recorded; the pages below are repeat visits.
    portal_get(&app, &browser, &detail).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let project_page = format!("/portal/api/projects/{}", project.id);
    for page in [
        "/portal/api/me",
        "/portal/api/projects",
        &project_page,
        "/portal/api/team",
        "/portal/api/approvals",
        &detail,
        "/portal/api/gallery",
        "/portal/api/sessions",
        "/portal/api/dashboard",
        "/portal/api/notifications",
        "/portal/api/activity",
        "/portal/api/notifications/preferences",
        "/portal/api/requests",
        &request_page,
        "/portal/api/invoices",
    ] {
        let before = app.db.trips();
        for _ in 0..ROUNDS {
            let res = browser.get(app.url(page)).send().await.unwrap();
            assert_eq!(res.status(), 200, "{page}");
        }
        let trips = app.db.trips() - before;
        assert!(
            (ROUNDS..=ROUNDS + 2).contains(&trips),
            "{page}: {trips} trips to the database pool for {ROUNDS} requests"
        );
    }

    // Without a session cookie no trip is made at all.
    let before = app.db.trips();
    let res = app
        .bare()
        .get(app.url("/portal/api/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert!(app.db.trips() - before <= 1);
}

#[actix_web::test]
async fn a_staff_request_is_one_trip_to_the_database() {
    let app = TestApp::with(Options {
        env: vec![
            ("ATRIUM_MAIL_POLL_SECS", "3600".into()),
            ("ATRIUM_MEDIA_POLL_SECS", "3600".into()),
        ],
    })
    .await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let project = app.project(&owner, &client, "Spring").await;
    let poster = app.file(&client.id, "poster.png", FileKind::Image);
    let approval = app
        .approval(&owner, &project, "Poster", ApprovalKind::Image, &[&poster])
        .await;
    let client_page = format!("/api/v1/clients/{}", client.id);
    let request: serde_json::Value = owner
        .post_as(
            "/api/v1/requests",
            serde_json::json!({"client_id": client.id, "request_type": "support",
                "category": "access", "title": "Reset", "description": "Reset a login."}),
            201,
        )
        .await;
    let request_page = format!("/api/v1/requests/{}", request["id"].as_str().unwrap());
    let approval_page = format!("/api/v1/approvals/{}", approval.summary.id);
    for page in [
        "/api/v1/auth/me",
        "/api/v1/clients",
        &client_page,
        "/api/v1/projects",
        "/api/v1/approvals",
        &approval_page,
        "/api/v1/stages",
        "/api/v1/api-keys",
        "/api/v1/overview",
        "/api/v1/notifications",
        "/api/v1/activity",
        "/api/v1/requests",
        &request_page,
        "/api/v1/requests/metrics",
        "/api/v1/requests/settings",
        "/api/v1/invoices",
        "/api/v1/invoices/aging",
    ] {
        let before = app.db.trips();
        for _ in 0..ROUNDS {
            assert_eq!(owner.get(page).await.status(), 200, "{page}");
        }
        let trips = app.db.trips() - before;
        assert!(
            (ROUNDS..=ROUNDS + 2).contains(&trips),
            "{page}: {trips} trips to the database pool for {ROUNDS} requests"
        );
    }

    // A token that does not verify costs no trip.
    let before = app.db.trips();
    let res = app
        .bare()
        .get(app.url("/api/v1/clients"))
        .bearer_auth("not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert!(app.db.trips() - before <= 1);
}
