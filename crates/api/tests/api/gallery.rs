//! The portal gallery: only images and videos of the client's own live approvals, newest first,
//! filterable by project, paged by keyset.

use crate::common;

use common::approvals::portal_get;
use common::TestApp;
use serde_json::json;
use shared_types::{ApprovalKind, FileKind};

#[actix_web::test]
async fn gallery_shows_only_the_clients_live_pictures_and_videos() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let other = app.client(&owner, "SENTINEL Other").await;
    let spring = app.project(&owner, &client, "Spring").await;
    let autumn = app.project(&owner, &client, "Autumn").await;
    let theirs = app.project(&owner, &other, "SENTINEL project").await;
    app.contact(&owner, &client, "ana@bp.example").await;

    let poster = app.file(&client.id, "poster.png", FileKind::Image);
    let brief = app.file(&client.id, "brief.pdf", FileKind::Document);
    let teaser = app.file(&client.id, "teaser.mp4", FileKind::Video);
    let unattached = app.file(&client.id, "loose.png", FileKind::Image);
    let archived = app.file(&client.id, "old.png", FileKind::Image);
    let foreign = app.file(&other.id, "SENTINEL.png", FileKind::Image);
    app.approval(
        &owner,
        &spring,
        "Poster",
        ApprovalKind::Image,
        &[&poster, &brief],
    )
    .await;
    app.approval(&owner, &autumn, "Teaser", ApprovalKind::Video, &[&teaser])
        .await;
    let old = app
        .approval(&owner, &spring, "Old", ApprovalKind::Image, &[&archived])
        .await;
    assert_eq!(
        owner
            .post(
                &format!("/api/v1/approvals/{}/archive", old.summary.id),
                json!({})
            )
            .await
            .status(),
        200
    );
    app.approval(
        &owner,
        &theirs,
        "SENTINEL approval",
        ApprovalKind::Image,
        &[&foreign],
    )
    .await;

    let browser = app.sign_in("ana@bp.example").await;
    let (status, page) = portal_get(&app, &browser, "/portal/api/gallery").await;
    assert_eq!(status, 200, "{page}");
    let ids: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["file"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![teaser.as_str(), poster.as_str()],
        "newest first; no document, loose, archived or foreign file"
    );
    assert_eq!(page["items"][1]["approval_title"], "Poster");
    assert!(!page.to_string().contains("SENTINEL"));
    let _ = unattached;

    let (_, only_spring) = portal_get(
        &app,
        &browser,
        &format!("/portal/api/gallery?project_id={}", spring.id),
    )
    .await;
    assert_eq!(only_spring["items"].as_array().unwrap().len(), 1);
    assert_eq!(only_spring["items"][0]["file"]["id"], poster.as_str());
    let (_, foreign_project) = portal_get(
        &app,
        &browser,
        &format!("/portal/api/gallery?project_id={}", theirs.id),
    )
    .await;
    assert!(foreign_project["items"].as_array().unwrap().is_empty());

    let (_, first) = portal_get(&app, &browser, "/portal/api/gallery?limit=1").await;
    assert_eq!(first["items"][0]["file"]["id"], teaser.as_str());
    let cursor = first["next_cursor"].as_str().expect("a second page");
    let (_, second) = portal_get(
        &app,
        &browser,
        &format!("/portal/api/gallery?limit=1&cursor={cursor}"),
    )
    .await;
    assert_eq!(second["items"][0]["file"]["id"], poster.as_str());
    assert!(second["next_cursor"].is_null());

    assert_eq!(
        portal_get(&app, &browser, "/portal/api/gallery?cursor=nope")
            .await
            .0,
        400
    );
    assert_eq!(
        portal_get(&app, &app.browser(), "/portal/api/gallery")
            .await
            .0,
        401
    );
}
