//! Ten concurrent decisions on one version from two contacts: exactly one wins, the audit trail
//! holds exactly one decision and its chain still verifies.

use crate::common::TestApp;
use serde_json::json;
use shared_types::{ApprovalKind, AuditAction, FileKind};

#[actix_web::test]
async fn exactly_one_of_ten_concurrent_decisions_wins() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let project = app.project(&owner, &client, "Spring").await;
    app.contact(&owner, &client, "ana@bp.example").await;
    app.contact(&owner, &client, "ben@bp.example").await;
    let f = app.file(&client.id, "cut.mp3", FileKind::Audio);
    let a = app
        .approval(&owner, &project, "Cut", ApprovalKind::Audio, &[&f])
        .await;
    let ana = app.sign_in("ana@bp.example").await;
    let ben = app.sign_in("ben@bp.example").await;
    let url = app.url(&format!("/portal/api/approvals/{}/respond", a.summary.id));
    let requests = (0..10).map(|i| {
        let browser = if i % 2 == 0 { ana.clone() } else { ben.clone() };
        let body = if i < 5 {
            json!({"version": 1, "decision": "approve"})
        } else {
            json!({"version": 1, "decision": "request_changes", "note": "Louder"})
        };
        let url = url.clone();
        async move {
            browser
                .post(url)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    let statuses = futures_util::future::join_all(requests).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        9,
        "{statuses:?}"
    );
    let log = app.audit(&owner, &a.summary.id).await;
    let decisions = log
        .entries
        .iter()
        .filter(|e| {
            matches!(
                e.action,
                AuditAction::Approved | AuditAction::ChangesRequested
            )
        })
        .count();
    assert_eq!(decisions, 1);
    assert!(log.verified, "{log:?}");
}
