//! The approval certificate as a PDF: staff (`/api/v1/approvals/{id}/certificate.pdf`) and the
//! client's own copy (`/portal/api/approvals/{id}/certificate.pdf`). The documents are parsed
//! with lopdf and their text checked; names outside WinAnsi (emoji) must not break them.

use crate::common;

use atrium::db::schema::organizations;
use common::approvals::portal_post;
use common::{status_of, Staff, TestApp};
use diesel::prelude::*;
use serde_json::json;
use shared_types::approvals::{Approval, Certificate};
use shared_types::projects::Project;
use shared_types::staff::Client;
use shared_types::{ApprovalKind, FileKind};

struct Setup {
    app: TestApp,
    owner: Staff,
    client: Client,
    project: Project,
}

async fn setup() -> Setup {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    app.conn(|c| {
        diesel::update(organizations::table.filter(organizations::id.eq(&owner.org_id)))
            .set(organizations::display_name.eq("Studio Ünïcode ✨"))
            .execute(c)
    })
    .expect("rename org");
    let client = app.client(&owner, "Café Zoë 🎉").await;
    let project = app.project(&owner, &client, "Spring — launch").await;
    let contact = app.contact(&owner, &client, "ana@bp.example").await;
    let res = owner
        .patch(
            &format!("/api/v1/clients/{}/contacts/{}", client.id, contact.id),
            json!({"name": "Zoë Ålund 🎉"}),
        )
        .await;
    assert_eq!(res.status(), 200, "rename contact");
    Setup {
        app,
        owner,
        client,
        project,
    }
}

/// A new approval on one file of the client.
async fn approval(s: &Setup, title: &str) -> Approval {
    let file = s
        .app
        .file(&s.client.id, "résumé 🎉 final.pdf", FileKind::Document);
    s.app
        .approval(
            &s.owner,
            &s.project,
            title,
            ApprovalKind::Document,
            &[&file],
        )
        .await
}

/// The text of every page of a PDF, as lopdf extracts it.
fn pdf_text(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert!(!pages.is_empty());
    doc.extract_text(&pages).expect("text extracts")
}

async fn pdf(res: reqwest::Response) -> (String, Vec<u8>) {
    assert_eq!(res.status(), 200);
    let headers = res.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    let disposition = headers["content-disposition"].to_str().unwrap().to_owned();
    (disposition, res.bytes().await.unwrap().to_vec())
}

#[actix_web::test]
async fn staff_and_client_get_a_pdf_of_the_decision() {
    let s = setup().await;
    let a = approval(&s, "Logo — final ✓").await;
    let id = &a.summary.id;
    let browser = s.app.sign_in("ana@bp.example").await;
    let (status, body) = portal_post(
        &s.app,
        &browser,
        &format!("/portal/api/approvals/{id}/respond"),
        json!({"version": 1, "decision": "approve", "note": "Looks great (ship it) 🚀"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    let cert: Certificate = s
        .owner
        .get(&format!("/api/v1/approvals/{id}/certificate"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cert.agency_name, "Studio Ünïcode ✨");
    assert_eq!(cert.files[0].size_bytes, 1234);
    let sha = cert.files[0].sha256.clone();
    let session = cert.session_id.clone().expect("session recorded");

    let (disposition, bytes) = pdf(s
        .owner
        .get(&format!("/api/v1/approvals/{id}/certificate.pdf"))
        .await)
    .await;
    assert_eq!(
        disposition,
        "attachment; filename=\"certificate-logo-final-v1.pdf\""
    );
    let text = pdf_text(&bytes);
    for expected in [
        "Approval certificate",
        "Studio Ünïcode ?",
        "Café Zoë ?",
        "Spring ",
        "Logo ",
        "Zoë Ålund ?",
        "ana@bp.example",
        "Approved",
        "Looks great (ship it) ?",
        "résumé ? final.pdf",
        "1,234 bytes",
        sha.as_str(),
        cert.audit_head_hash.as_str(),
        "Verified",
        "127.0.0.1",
        session.as_str(),
        "Generated ",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(text.contains(&cert.decided_at.format("%Y-%m-%d %H:%M:%S UTC").to_string()));

    // The client's copy: the same proof, without where the decision came from.
    let (disposition, bytes) = pdf(browser
        .get(
            s.app
                .url(&format!("/portal/api/approvals/{id}/certificate.pdf")),
        )
        .send()
        .await
        .unwrap())
    .await;
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    let text = pdf_text(&bytes);
    for expected in [sha.as_str(), "Zoë Ålund ?", cert.audit_head_hash.as_str()] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(!text.contains(&session), "session id leaked:\n{text}");
    assert!(!text.contains("127.0.0.1"), "IP leaked:\n{text}");
}

#[actix_web::test]
async fn a_broken_audit_chain_is_reported_on_the_certificate() {
    let s = setup().await;
    let a = approval(&s, "Poster").await;
    let id = a.summary.id.clone();
    let browser = s.app.sign_in("ana@bp.example").await;
    let (status, _) = portal_post(
        &s.app,
        &browser,
        &format!("/portal/api/approvals/{id}/respond"),
        json!({"version": 1, "decision": "request_changes", "note": "Darker"}),
    )
    .await;
    assert_eq!(status, 200);
    s.app.conn(|c| {
        use atrium::db::schema::approval_audit;
        diesel::update(
            approval_audit::table
                .filter(approval_audit::approval_id.eq(&id))
                .filter(approval_audit::seq.eq(1)),
        )
        .set(approval_audit::actor_name.eq("Someone else"))
        .execute(c)
        .expect("tamper")
    });
    let (_, bytes) = pdf(s
        .owner
        .get(&format!("/api/v1/approvals/{id}/certificate.pdf"))
        .await)
    .await;
    let text = pdf_text(&bytes);
    assert!(text.contains("Changes requested"), "{text}");
    assert!(text.contains("NOT verified"), "{text}");
}

#[actix_web::test]
async fn undecided_is_409_and_other_tenants_get_404() {
    let s = setup().await;
    let a = approval(&s, "Banner").await;
    let id = &a.summary.id;
    let staff_pdf = format!("/api/v1/approvals/{id}/certificate.pdf");
    let portal_pdf = s
        .app
        .url(&format!("/portal/api/approvals/{id}/certificate.pdf"));
    let browser = s.app.sign_in("ana@bp.example").await;

    let (status, err) = status_of(s.owner.get(&staff_pdf).await).await;
    assert_eq!(status, 409, "{err}");
    assert_eq!(err["error"]["code"], "not_decided");
    let (status, err) = status_of(browser.get(&portal_pdf).send().await.unwrap()).await;
    assert_eq!(status, 409, "{err}");
    assert_eq!(err["error"]["code"], "not_decided");

    let (status, _) = portal_post(
        &s.app,
        &browser,
        &format!("/portal/api/approvals/{id}/respond"),
        json!({"version": 1, "decision": "approve"}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(s.owner.get(&staff_pdf).await.status(), 200);

    // Another organization's staff, another client's contact, nobody: as if it did not exist.
    let other_org = s.app.org("rival").await;
    let (status, err) = status_of(other_org.get(&staff_pdf).await).await;
    assert_eq!(status, 404, "{err}");
    let other_client = s.app.client(&s.owner, "Other client").await;
    s.app
        .contact(&s.owner, &other_client, "bob@other.example")
        .await;
    let other = s.app.sign_in("bob@other.example").await;
    let (status, err) = status_of(other.get(&portal_pdf).send().await.unwrap()).await;
    assert_eq!(status, 404, "{err}");
    assert_eq!(
        s.app.bare().get(&portal_pdf).send().await.unwrap().status(),
        401
    );
    assert_eq!(
        s.app
            .bare()
            .get(s.app.url(&staff_pdf))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    // An unknown id is the same 404.
    let (status, _) = status_of(
        s.owner
            .get("/api/v1/approvals/00000000-0000-0000-0000-000000000000/certificate.pdf")
            .await,
    )
    .await;
    assert_eq!(status, 404);
}

#[actix_web::test]
async fn many_files_and_a_long_note_flow_onto_more_pages() {
    let s = setup().await;
    let files: Vec<String> = (0..40)
        .map(|i| {
            s.app.file(
                &s.client.id,
                &format!("deliverable-{i:02}-{}.png", "long-name-".repeat(12)),
                FileKind::Image,
            )
        })
        .collect();
    let ids: Vec<&str> = files.iter().map(String::as_str).collect();
    let a = s
        .app
        .approval(
            &s.owner,
            &s.project,
            "Everything",
            ApprovalKind::Image,
            &ids,
        )
        .await;
    let id = &a.summary.id;
    let browser = s.app.sign_in("ana@bp.example").await;
    let note = "All good. ".repeat(150);
    let (status, body) = portal_post(
        &s.app,
        &browser,
        &format!("/portal/api/approvals/{id}/respond"),
        json!({"version": 1, "decision": "approve", "note": note}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (_, bytes) = pdf(s
        .owner
        .get(&format!("/api/v1/approvals/{id}/certificate.pdf"))
        .await)
    .await;
    let doc = lopdf::Document::load_mem(&bytes).expect("parses");
    let pages = doc.get_pages().len();
    assert!(pages >= 3, "{pages} pages");
    let text = pdf_text(&bytes);
    assert!(text.contains(&format!("page {pages} of {pages}")), "{text}");
    let last = a.versions[0].files.last().unwrap();
    assert!(text.contains(&last.sha256));
}
