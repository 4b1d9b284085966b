//! Approvals: creation and files, the decision rules (stale version, already decided,
//! resubmission), permission gates, the audit hash chain, views and comment validation.
//! Tenant isolation is in `approvals/isolation.rs`, concurrency in `approvals/concurrency.rs`.

use crate::common;
mod concurrency;
mod isolation;

use common::approvals::{portal_get, portal_post, portal_send};
use common::{status_of, Staff, TestApp};
use reqwest::Method;
use serde_json::{json, Value};
use shared_types::approvals::{Approval, Certificate, GalleryItem, PortalApprovalList};
use shared_types::projects::Project;
use shared_types::staff::{Client, PermissionOverrides};
use shared_types::{ApprovalKind, AuditAction, FileKind, Page};

struct Setup {
    app: TestApp,
    owner: Staff,
    client: Client,
    project: Project,
}

async fn setup() -> Setup {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let project = app.project(&owner, &client, "Spring").await;
    app.contact(&owner, &client, "ana@bp.example").await;
    Setup {
        app,
        owner,
        client,
        project,
    }
}

#[actix_web::test]
async fn files_must_belong_to_the_projects_client_and_refusals_change_nothing() {
    let s = setup().await;
    let other = s.app.client(&s.owner, "Other").await;
    let foreign = s.app.file(&other.id, "theirs.png", FileKind::Image);
    let own = s.app.file(&s.client.id, "logo.png", FileKind::Image);
    for file_ids in [
        vec![foreign.as_str()],
        vec![own.as_str(), foreign.as_str()],
        vec![],
    ] {
        let (status, err) = status_of(
            s.owner
                .post(
                    "/api/v1/approvals",
                    json!({"project_id": s.project.id, "title": "Logo", "kind": "image",
                           "version": {"notes": "", "file_ids": file_ids}}),
                )
                .await,
        )
        .await;
        assert_eq!(status, 422, "{err}");
        assert!(err["error"]["fields"]["file_ids"].is_string(), "{err}");
    }
    assert_eq!(s.app.approval_counts(), [0, 0, 0, 0]);

    let a = s
        .app
        .approval(&s.owner, &s.project, "Logo", ApprovalKind::Image, &[&own])
        .await;
    assert_eq!(a.summary.status, shared_types::ApprovalStatus::Pending);
    assert_eq!(a.versions.len(), 1);
    assert_eq!(a.versions[0].files[0].filename, "logo.png");
    let log = s.app.audit(&s.owner, &a.summary.id).await;
    assert_eq!(log.entries.len(), 1);
    assert_eq!(log.entries[0].action, shared_types::AuditAction::Submitted);
    assert_eq!(
        log.entries[0].file_hashes,
        vec![a.versions[0].files[0].sha256.clone()]
    );
    assert_eq!(log.entries[0].prev_hash, "0".repeat(64));
    assert!(log.verified);
}

#[actix_web::test]
async fn permission_gates_refuse_with_403_and_change_nothing() {
    let s = setup().await;
    let f = s.app.file(&s.client.id, "cut.mp3", FileKind::Audio);
    let a = s
        .app
        .approval(&s.owner, &s.project, "Cut", ApprovalKind::Audio, &[&f])
        .await;
    let contact = s
        .app
        .contact_with(
            &s.owner,
            &s.client,
            "viewer@bp.example",
            PermissionOverrides {
                can_approve_work: Some(false),
                can_add_comments: Some(false),
                ..Default::default()
            },
        )
        .await;
    let browser = s.app.sign_in(&contact.email).await;
    let path = format!("/portal/api/approvals/{}", a.summary.id);
    let (status, detail) = portal_get(&s.app, &browser, &path).await;
    assert_eq!(status, 200);
    assert_eq!(detail["can_respond"], false);
    assert_eq!(detail["can_comment"], false);
    let before = s.app.approval_counts();
    let status_before = s.app.approval_status(&a.summary.id);
    let (status, err) = portal_post(
        &s.app,
        &browser,
        &format!("{path}/respond"),
        json!({"version": 1, "decision": "approve"}),
    )
    .await;
    assert_eq!(status, 403, "{err}");
    let (status, _) = portal_post(
        &s.app,
        &browser,
        &format!("{path}/comments"),
        json!({"version": 1, "body": "hello"}),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(s.app.approval_counts(), before);
    assert_eq!(s.app.approval_status(&a.summary.id), status_before);
}

#[actix_web::test]
async fn decisions_need_the_latest_undecided_version_and_resubmission_reopens() {
    let s = setup().await;
    let f1 = s.app.file(&s.client.id, "v1.pdf", FileKind::Document);
    let f2 = s.app.file(&s.client.id, "v2.pdf", FileKind::Document);
    let a = s
        .app
        .approval(
            &s.owner,
            &s.project,
            "Brochure",
            ApprovalKind::Document,
            &[&f1],
        )
        .await;
    let id = &a.summary.id;
    let browser = s.app.sign_in("ana@bp.example").await;
    let respond = format!("/portal/api/approvals/{id}/respond");

    let (status, err) = portal_post(
        &s.app,
        &browser,
        &respond,
        json!({"version": 1, "decision": "request_changes", "note": "  "}),
    )
    .await;
    assert_eq!(status, 422, "a change request needs a note: {err}");
    assert!(err["error"]["fields"]["note"].is_string());
    let (status, body) = portal_post(
        &s.app,
        &browser,
        &respond,
        json!({"version": 1, "decision": "request_changes", "note": "Bigger logo"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "changes_requested");
    assert_eq!(body["can_respond"], false);
    let (status, err) = portal_post(
        &s.app,
        &browser,
        &respond,
        json!({"version": 1, "decision": "approve"}),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(err["error"]["code"], "already_decided");
    assert_eq!(s.app.approval_status(id), "changes_requested");

    let res = s
        .owner
        .post(
            &format!("/api/v1/approvals/{id}/versions"),
            json!({"notes": "Logo bigger", "file_ids": [f2]}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let v2: Approval = res.json().await.unwrap();
    assert_eq!(v2.summary.current_version, 2);
    assert_eq!(v2.summary.status, shared_types::ApprovalStatus::Pending);

    let (status, err) = portal_post(
        &s.app,
        &browser,
        &respond,
        json!({"version": 1, "decision": "approve"}),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(err["error"]["code"], "stale_version");
    assert_eq!(err["error"]["fields"]["version"], "2");
    assert!(err["error"]["message"].as_str().unwrap().contains('2'));
    assert_eq!(s.app.approval_status(id), "pending");

    let (status, body) = portal_post(
        &s.app,
        &browser,
        &respond,
        json!({"version": 2, "decision": "approve", "note": "Lovely"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "approved");
    assert_eq!(body["versions"][1]["decision"], "approved");
    assert_eq!(body["versions"][1]["decided_by_name"], "Contact Person");

    let cert: Certificate = s
        .owner
        .get(&format!("/api/v1/approvals/{id}/certificate"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cert.version, 2);
    assert_eq!(cert.decided_by_email, "ana@bp.example");
    assert_eq!(cert.files[0].filename, "v2.pdf");
    assert!(cert.ip.is_some() && cert.session_id.is_some());
    let log = s.app.audit(&s.owner, id).await;
    assert_eq!(cert.audit_head_hash, log.entries.last().unwrap().hash);
    assert!(log.verified && cert.audit_verified);
    let approved = log
        .entries
        .iter()
        .find(|e| e.action == shared_types::AuditAction::Approved)
        .unwrap();
    assert_eq!(approved.version, 2);
    assert_eq!(
        approved.file_hashes,
        vec![v2.versions[1].files[0].sha256.clone()]
    );
}

#[actix_web::test]
async fn a_tampered_audit_row_breaks_the_chain_at_its_seq() {
    let s = setup().await;
    let f = s.app.file(&s.client.id, "hero.jpg", FileKind::Image);
    let a = s
        .app
        .approval(&s.owner, &s.project, "Hero", ApprovalKind::Image, &[&f])
        .await;
    let id = &a.summary.id;
    let browser = s.app.sign_in("ana@bp.example").await;
    portal_get(&s.app, &browser, &format!("/portal/api/approvals/{id}")).await;
    let (status, _) = portal_post(
        &s.app,
        &browser,
        &format!("/portal/api/approvals/{id}/comments"),
        json!({"version": 1, "body": "Nice"}),
    )
    .await;
    assert_eq!(status, 201);
    let log = s.app.audit(&s.owner, id).await;
    assert!(log.entries.len() >= 4, "{log:?}");
    assert!(log.verified);
    assert_eq!(log.broken_at, None);
    // The comment's entry carries its text, so the trail reads as what was said, not an id;
    // every other entry has none.
    let commented: Vec<_> = log
        .entries
        .iter()
        .filter(|e| e.action == AuditAction::Commented)
        .collect();
    assert_eq!(commented.len(), 1, "{log:?}");
    assert_eq!(commented[0].comment.as_deref(), Some("Nice"));
    assert!(log
        .entries
        .iter()
        .filter(|e| e.action != AuditAction::Commented)
        .all(|e| e.comment.is_none()));

    s.app
        .conn(|c| {
            use diesel::RunQueryDsl;
            diesel::sql_query(format!(
            "UPDATE approval_audit SET detail = 'forged' WHERE approval_id = '{id}' AND seq = 2"
        ))
            .execute(c)
        })
        .unwrap();
    let log = s.app.audit(&s.owner, id).await;
    assert!(!log.verified);
    assert_eq!(log.broken_at, Some(2));
}

#[actix_web::test]
async fn opening_records_one_view_per_contact_and_version_and_starts_the_review() {
    let s = setup().await;
    s.app.contact(&s.owner, &s.client, "ben@bp.example").await;
    let f = s.app.file(&s.client.id, "spot.mp4", FileKind::Video);
    let a = s
        .app
        .approval(&s.owner, &s.project, "Spot", ApprovalKind::Video, &[&f])
        .await;
    let id = &a.summary.id;
    let path = format!("/portal/api/approvals/{id}");
    let ana = s.app.sign_in("ana@bp.example").await;
    let ben = s.app.sign_in("ben@bp.example").await;
    let (status, body) = portal_get(&s.app, &ana, &path).await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "in_review");
    assert_eq!(s.app.approval_status(id), "in_review");
    for _ in 0..3 {
        portal_get(&s.app, &ana, &path).await;
        portal_get(&s.app, &ben, &path).await;
    }
    let views = |log: &shared_types::approvals::AuditLog| {
        log.entries
            .iter()
            .filter(|e| e.action == shared_types::AuditAction::Viewed)
            .count()
    };
    assert_eq!(
        views(&s.app.audit(&s.owner, id).await),
        2,
        "one per contact"
    );
    s.owner
        .post(
            &format!("/api/v1/approvals/{id}/versions"),
            json!({"file_ids": [f]}),
        )
        .await
        .error_for_status()
        .unwrap();
    portal_get(&s.app, &ana, &path).await;
    portal_get(&s.app, &ana, &path).await;
    assert_eq!(
        views(&s.app.audit(&s.owner, id).await),
        3,
        "and per version"
    );
    let list: serde_json::Value = portal_get(&s.app, &ana, "/portal/api/approvals").await.1;
    assert_eq!(list["counts"]["in_review"], 1);
    assert_eq!(list["counts"]["pending"], 0);
}

#[actix_web::test]
async fn comments_are_validated_by_kind_range_and_parent() {
    let s = setup().await;
    let img = s.app.file(&s.client.id, "a.png", FileKind::Image);
    let snd = s.app.file(&s.client.id, "a.mp3", FileKind::Audio);
    let image = s
        .app
        .approval(&s.owner, &s.project, "Img", ApprovalKind::Image, &[&img])
        .await;
    let audio = s
        .app
        .approval(&s.owner, &s.project, "Snd", ApprovalKind::Audio, &[&snd])
        .await;
    let internal: serde_json::Value = s
        .owner
        .post(
            &format!("/api/v1/approvals/{}/comments", image.summary.id),
            json!({"version": 1, "body": "INTERNAL-SENTINEL note", "internal": true}),
        )
        .await
        .json()
        .await
        .unwrap();
    let browser = s.app.sign_in("ana@bp.example").await;
    let on = |a: &Approval| format!("/portal/api/approvals/{}/comments", a.summary.id);
    let before = s.app.approval_counts();
    let cases = [
        (
            on(&image),
            json!({"version": 1, "body": "x", "timecode_ms": 10}),
            "timecode_ms",
        ),
        (
            on(&audio),
            json!({"version": 1, "body": "x", "timecode_ms": -1}),
            "timecode_ms",
        ),
        (
            on(&audio),
            json!({"version": 1, "body": "x", "region": {"x": 0.1, "y": 0.1, "w": 0.1, "h": 0.1}}),
            "region",
        ),
        (
            on(&image),
            json!({"version": 1, "body": "x", "region": {"x": 0.5, "y": 0.1, "w": 0.6, "h": 0.1}}),
            "region",
        ),
        (
            on(&image),
            json!({"version": 1, "body": "x", "region": {"x": -0.1, "y": 0.1, "w": 0.1, "h": 0.1}}),
            "region",
        ),
        (on(&image), json!({"version": 1, "body": " "}), "body"),
        (
            on(&image),
            json!({"version": 1, "body": "x".repeat(5001)}),
            "body",
        ),
        (on(&image), json!({"version": 7, "body": "x"}), "version"),
        (
            on(&image),
            json!({"version": 1, "body": "x", "parent_id": internal["id"]}),
            "parent_id",
        ),
        (
            on(&audio),
            json!({"version": 1, "body": "x", "parent_id": internal["id"]}),
            "parent_id",
        ),
    ];
    for (path, body, field) in cases {
        let (status, err) = portal_post(&s.app, &browser, &path, body.clone()).await;
        assert_eq!(status, 422, "{body}: {err}");
        assert!(err["error"]["fields"][field].is_string(), "{body}: {err}");
    }
    assert_eq!(s.app.approval_counts(), before);
    let (status, ok) = portal_post(
        &s.app,
        &browser,
        &on(&audio),
        json!({"version": 1, "body": "At the drop", "timecode_ms": 61000}),
    )
    .await;
    assert_eq!(status, 201, "{ok}");
    let (status, ok) = portal_post(
        &s.app,
        &browser,
        &on(&image),
        json!({"version": 1, "body": "Here", "region": {"x": 0.5, "y": 0.5, "w": 0.5, "h": 0.5}}),
    )
    .await;
    assert_eq!(status, 201, "{ok}");
    let (status, reply) = portal_post(
        &s.app,
        &browser,
        &on(&image),
        json!({"version": 1, "body": "Also", "parent_id": ok["id"]}),
    )
    .await;
    assert_eq!(status, 201, "{reply}");
    assert_eq!(reply["parent_id"], ok["id"]);
}

#[actix_web::test]
async fn staff_see_internal_comments_and_the_portal_never_does() {
    let s = setup().await;
    let f = s.app.file(&s.client.id, "a.png", FileKind::Image);
    let a = s
        .app
        .approval(&s.owner, &s.project, "Img", ApprovalKind::Image, &[&f])
        .await;
    let id = &a.summary.id;
    let browser = s.app.sign_in("ana@bp.example").await;
    let (_, visible) = portal_post(
        &s.app,
        &browser,
        &format!("/portal/api/approvals/{id}/comments"),
        json!({"version": 1, "body": "Client says hi"}),
    )
    .await;
    let staff_comments = format!("/api/v1/approvals/{id}/comments");
    let note: serde_json::Value = s
        .owner
        .post(
            &staff_comments,
            json!({"version": 1, "body": "INTERNAL-SENTINEL budget", "internal": true}),
        )
        .await
        .json()
        .await
        .unwrap();
    s.owner
        .post(&staff_comments, json!({"version": 1, "body": "INTERNAL-SENTINEL reply", "internal": true, "parent_id": note["id"]}))
        .await
        .error_for_status()
        .unwrap();
    s.owner
        .post(
            &staff_comments,
            json!({"version": 1, "body": "Thanks!", "parent_id": visible["id"]}),
        )
        .await
        .error_for_status()
        .unwrap();
    let staff_view: Approval = s
        .owner
        .get(&format!("/api/v1/approvals/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(staff_view.comments.len(), 4);
    assert_eq!(staff_view.comments.iter().filter(|c| c.internal).count(), 2);
    let (status, portal) =
        portal_get(&s.app, &browser, &format!("/portal/api/approvals/{id}")).await;
    assert_eq!(status, 200);
    let text = portal.to_string();
    assert!(!text.contains("INTERNAL-SENTINEL"), "{text}");
    assert_eq!(portal["comments"].as_array().unwrap().len(), 2);
}

/// Statuses are typed columns: a stored text that names no status fails the read (500, logged)
/// instead of being read as some default status.
#[actix_web::test]
async fn a_stored_status_that_names_no_status_is_an_error_not_a_guess() {
    use atrium::db::schema::approvals;
    use diesel::prelude::*;

    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let project = app.project(&owner, &client, "Spring").await;
    let file = app.file(&client.id, "poster.png", FileKind::Image);
    let approval = app
        .approval(&owner, &project, "Poster", ApprovalKind::Image, &[&file])
        .await;
    let path = format!("/api/v1/approvals/{}", approval.summary.id);
    assert_eq!(owner.get(&path).await.status(), 200);
    app.conn(|c| {
        diesel::update(approvals::table.find(&approval.summary.id))
            .set(approvals::status.eq("bogus"))
            .execute(c)
    })
    .expect("corrupt the status");
    let (status, body) = status_of(owner.get(&path).await).await;
    assert_eq!(status, 500);
    assert_eq!(body["error"]["code"], "internal_error");
}

#[actix_web::test]
async fn archiving_a_project_takes_its_approvals_and_their_files_out_of_the_portal() {
    let s = setup().await;
    let ana = s.app.portal_contact("ana@bp.example").await;
    let summer = s.app.project(&s.owner, &s.client, "Summer").await;
    let hero = s.app.file(&s.client.id, "hero.png", FileKind::Image);
    let kept_file = s.app.file(&s.client.id, "kept.png", FileKind::Image);
    let gone = s
        .app
        .approval(&s.owner, &s.project, "Hero", ApprovalKind::Image, &[&hero])
        .await;
    let kept = s
        .app
        .approval(
            &s.owner,
            &summer,
            "Kept",
            ApprovalKind::Image,
            &[&kept_file],
        )
        .await;
    let list: PortalApprovalList = ana.get_as("/portal/api/approvals").await;
    assert_eq!(list.items.len(), 2);

    let res = s
        .owner
        .post(
            &format!("/api/v1/projects/{}/archive", s.project.id),
            json!({}),
        )
        .await;
    assert_eq!(res.status(), 200);

    let list: PortalApprovalList = ana.get_as("/portal/api/approvals").await;
    let ids: Vec<&str> = list.items.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, [kept.summary.id.as_str()]);
    let c = &list.counts;
    assert_eq!(
        c.pending + c.in_review + c.approved + c.changes_requested,
        1
    );
    let gone_id = &gone.summary.id;
    for path in [
        format!("/portal/api/approvals/{gone_id}"),
        format!("/portal/api/approvals/{gone_id}/certificate.pdf"),
        format!("/portal/api/files/{hero}"),
        format!("/portal/api/projects/{}", s.project.id),
    ] {
        assert_eq!(ana.get(&path).await.status(), 404, "{path}");
    }
    let gallery: Page<GalleryItem> = ana.get_as("/portal/api/gallery").await;
    let files: Vec<&str> = gallery.items.iter().map(|g| g.file.id.as_str()).collect();
    assert_eq!(files, [kept_file.as_str()]);
    let comment = json!({"body": "Still there?", "version": 1});
    let (status, _) = status_of(
        ana.post(
            &format!("/portal/api/approvals/{gone_id}/comments"),
            comment,
        )
        .await,
    )
    .await;
    assert_eq!(status, 404);

    // Staff keep the record: archived, with the archiving in its audit trail.
    let staff_view: Approval = s
        .owner
        .get_as(&format!("/api/v1/approvals/{gone_id}"))
        .await;
    assert!(staff_view.summary.archived);
    let trail = s.app.audit(&s.owner, gone_id).await;
    assert!(trail.verified);
    assert!(trail
        .entries
        .iter()
        .any(|e| e.action == AuditAction::Archived));
}

#[actix_web::test]
async fn a_contact_edits_and_deletes_their_own_comments_until_the_version_is_decided() {
    let s = setup().await;
    let f = s.app.file(&s.client.id, "hero.jpg", FileKind::Image);
    let a = s
        .app
        .approval(&s.owner, &s.project, "Hero", ApprovalKind::Image, &[&f])
        .await;
    let path = format!("/portal/api/approvals/{}", a.summary.id);
    let ana = s.app.sign_in("ana@bp.example").await;
    s.app.contact(&s.owner, &s.client, "ben@bp.example").await;
    let ben = s.app.sign_in("ben@bp.example").await;
    let post = |browser: &reqwest::Client, body: Value| {
        let (app, browser, path) = (&s.app, browser.clone(), format!("{path}/comments"));
        async move { portal_post(app, &browser, &path, body).await }
    };
    let (status, first) = post(&ana, json!({"version": 1, "body": "Logo larger"})).await;
    assert_eq!(status, 201);
    let (_, second) = post(&ana, json!({"version": 1, "body": "Typo in the headline"})).await;
    let (_, reply) = post(
        &ben,
        json!({"version": 1, "body": "Agreed", "parent_id": second["id"]}),
    )
    .await;
    let one = |c: &Value| format!("{path}/comments/{}", c["id"].as_str().unwrap());
    let edit = |browser: &reqwest::Client, c: &Value, text: &str| {
        let (app, browser, url, body) = (&s.app, browser.clone(), one(c), json!({"body": text}));
        async move { portal_send(app, &browser, Method::PATCH, &url, Some(body)).await }
    };
    let delete = |browser: &reqwest::Client, c: &Value| {
        let (app, browser, url) = (&s.app, browser.clone(), one(c));
        async move { portal_send(app, &browser, Method::DELETE, &url, None).await }
    };
    let thread = || async {
        let (_, detail) = portal_get(&s.app, &ana, &path).await;
        detail["comments"].as_array().unwrap().clone()
    };

    // The author sees their comments as editable, a colleague does not.
    let editable = |comments: &[Value], id: &Value| {
        comments.iter().find(|c| c["id"] == *id).unwrap()["editable"] == true
    };
    let comments = thread().await;
    assert!(editable(&comments, &first["id"]) && !editable(&comments, &reply["id"]));

    // Edit: the new text, trimmed, with `edited_at`; audited.
    let (status, edited) = edit(&ana, &first, "  Logo larger, please  ").await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["body"], "Logo larger, please");
    assert!(edited["edited_at"].is_string());
    // Empty text, someone else's comment: refused, and the text stays.
    let (status, err) = edit(&ana, &first, " ").await;
    assert_eq!(status, 422, "{err}");
    assert_eq!(edit(&ben, &first, "x").await.0, 403);
    assert_eq!(delete(&ben, &first).await.0, 403);
    let bodies = |comments: &[Value]| -> Vec<String> {
        comments
            .iter()
            .map(|c| c["body"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        bodies(&thread().await),
        ["Logo larger, please", "Typo in the headline", "Agreed"]
    );
    // A comment with replies stays.
    let (status, err) = delete(&ana, &second).await;
    assert_eq!(status, 409, "{err}");
    assert_eq!(err["error"]["code"], "has_replies");
    // Delete: gone from the thread; audited.
    assert_eq!(delete(&ana, &first).await.0, 204);
    assert_eq!(bodies(&thread().await), ["Typo in the headline", "Agreed"]);
    assert_eq!(
        delete(&ana, &first).await.0,
        404,
        "a deleted comment is gone"
    );
    let log = s.app.audit(&s.owner, &a.summary.id).await;
    let actions: Vec<AuditAction> = log.entries.iter().map(|e| e.action).collect();
    assert!(
        actions.contains(&AuditAction::CommentEdited)
            && actions.contains(&AuditAction::CommentDeleted)
    );
    assert!(log.verified);

    // Once the version is decided, its comments stay as they are.
    let (status, _) = portal_post(
        &s.app,
        &ana,
        &format!("{path}/respond"),
        json!({"version": 1, "decision": "approve"}),
    )
    .await;
    assert_eq!(status, 200);
    let (status, err) = edit(&ana, &second, "late").await;
    assert_eq!(status, 409, "{err}");
    assert_eq!(err["error"]["code"], "already_decided");
    assert!(!editable(&thread().await, &second["id"]));

    // Another client's contact cannot even find it.
    let other = s.app.client(&s.owner, "Other").await;
    s.app.contact(&s.owner, &other, "eve@other.example").await;
    let eve = s.app.sign_in("eve@other.example").await;
    assert_eq!(delete(&eve, &second).await.0, 404);
}
