//! Tenant isolation of approvals: two organizations with two clients each, sentinels in every
//! title, description, note and comment, and internal staff comments. Client A's contact crawls
//! every portal approvals endpoint and never sees another tenant's text or an internal comment;
//! another client's approval is a 404 that changes nothing.

use crate::common::approvals::{portal_get, portal_post};
use crate::common::{Staff, TestApp};
use serde_json::json;
use shared_types::approvals::Approval;
use shared_types::staff::Client;
use shared_types::{ApprovalKind, FileKind};

/// Strings no response to client A's contact may contain (compared lower-cased).
const FORBIDDEN: &[&str] = &["sentinel-b", "sentinel-a2", "internal-sentinel", "org-2"];

/// A project of `client` with two approvals named with `tag`, each with comments (one internal).
async fn seed(app: &TestApp, staff: &Staff, client: &Client, tag: &str) -> Vec<Approval> {
    let project = app.project(staff, client, &format!("Project {tag}")).await;
    let mut out = Vec::new();
    for (i, kind) in [ApprovalKind::Image, ApprovalKind::Audio]
        .into_iter()
        .enumerate()
    {
        let file = app.file(&client.id, &format!("{tag}-file-{i}.bin"), FileKind::Image);
        let a = app
            .approval(
                staff,
                &project,
                &format!("{tag} approval {i}"),
                kind,
                &[&file],
            )
            .await;
        let path = format!("/api/v1/approvals/{}/comments", a.summary.id);
        let visible: serde_json::Value = staff
            .post(
                &path,
                json!({"version": 1, "body": format!("{tag} visible comment")}),
            )
            .await
            .json()
            .await
            .unwrap();
        staff
            .post(
                &path,
                json!({"version": 1, "body": format!("INTERNAL-SENTINEL {tag}"), "internal": true}),
            )
            .await
            .error_for_status()
            .unwrap();
        // An internal reply under a visible comment must not leak either.
        staff
            .post(
                &path,
                json!({"version": 1, "body": format!("INTERNAL-SENTINEL reply {tag}"),
                                "internal": true, "parent_id": visible["id"]}),
            )
            .await
            .error_for_status()
            .unwrap();
        out.push(a);
    }
    out
}

fn assert_clean(what: &str, body: &str) {
    let lower = body.to_lowercase();
    for s in FORBIDDEN {
        assert!(!lower.contains(s), "{what} leaks {s}: {body}");
    }
}

#[actix_web::test]
async fn a_contact_sees_only_their_clients_approvals_and_no_internal_comment() {
    let app = TestApp::new().await;
    let a = app.org("org-1").await;
    let b = app.org("org-2").await;
    let client_a = app.client(&a, "Client A").await;
    let client_a2 = app.client(&a, "SENTINEL-A2 Client").await;
    let client_b = app.client(&b, "SENTINEL-B Client").await;
    let client_b2 = app.client(&b, "SENTINEL-B2 Client").await;
    app.contact(&a, &client_a, "ana@a.example").await;
    let mine = seed(&app, &a, &client_a, "Mine").await;
    let a2 = seed(&app, &a, &client_a2, "SENTINEL-A2").await;
    let theirs = seed(&app, &b, &client_b, "SENTINEL-B").await;
    seed(&app, &b, &client_b2, "SENTINEL-B2").await;

    let browser = app.sign_in("ana@a.example").await;
    let mut paths = vec!["/portal/api/approvals".to_owned()];
    for status in ["pending", "in_review", "approved", "changes_requested"] {
        paths.push(format!("/portal/api/approvals?status={status}"));
    }
    for m in &mine {
        paths.push(format!("/portal/api/approvals/{}", m.summary.id));
    }
    for path in &paths {
        let (status, body) = portal_get(&app, &browser, path).await;
        assert_eq!(status, 200, "{path}");
        assert_clean(path, &body.to_string());
    }
    let (_, list) = portal_get(&app, &browser, "/portal/api/approvals").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    let (_, detail) = portal_get(
        &app,
        &browser,
        &format!("/portal/api/approvals/{}", mine[0].summary.id),
    )
    .await;
    assert_eq!(detail["comments"].as_array().unwrap().len(), 1, "{detail}");
    let text = detail.to_string();
    assert!(
        !text.contains("storage_key") && !text.contains("\"ip\""),
        "{text}"
    );

    // Another client's approvals, in this organization or another: 404, nothing changes.
    let before = app.approval_counts();
    for other in a2.iter().chain(theirs.iter()) {
        let id = &other.summary.id;
        let status_before = app.approval_status(id);
        let path = format!("/portal/api/approvals/{id}");
        assert_eq!(portal_get(&app, &browser, &path).await.0, 404);
        let (status, _) = portal_post(
            &app,
            &browser,
            &format!("{path}/respond"),
            json!({"version": 1, "decision": "approve"}),
        )
        .await;
        assert_eq!(status, 404);
        let (status, _) = portal_post(
            &app,
            &browser,
            &format!("{path}/comments"),
            json!({"version": 1, "body": "hi"}),
        )
        .await;
        assert_eq!(status, 404);
        assert_eq!(app.approval_status(id), status_before);
    }
    assert_eq!(app.approval_counts(), before);

    // Staff of organization 1 get 404 on organization 2's approvals.
    for path in ["", "/audit", "/certificate"] {
        let res = a
            .get(&format!("/api/v1/approvals/{}{path}", theirs[0].summary.id))
            .await;
        assert_eq!(res.status(), 404, "{path}");
    }
    let res = a
        .post(
            &format!("/api/v1/approvals/{}/archive", theirs[0].summary.id),
            json!({}),
        )
        .await;
    assert_eq!(res.status(), 404);
    let res = a
        .post(
            &format!("/api/v1/approvals/{}/comments", theirs[0].summary.id),
            json!({"version": 1, "body": "x"}),
        )
        .await;
    assert_eq!(res.status(), 404);
    assert_eq!(app.approval_counts(), before);
    let listed: serde_json::Value = a.get("/api/v1/approvals").await.json().await.unwrap();
    let listed = listed.to_string().to_lowercase();
    assert_eq!(listed.matches("\"title\"").count(), 4, "{listed}");
    assert!(!listed.contains("sentinel-b"), "{listed}");
}
