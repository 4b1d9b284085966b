//! The API contract details integrators rely on: request bodies are JSON objects.

use crate::common;

use common::approvals::portal_post;
use common::{status_of, TestApp};
use serde_json::json;
use shared_types::projects::Stage;

#[actix_web::test]
async fn a_json_array_where_an_object_is_required_is_a_400_and_changes_nothing() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    app.contact(&owner, &client, "ana@bp.example").await;
    let browser = app.sign_in("ana@bp.example").await;
    let stage: Stage = owner
        .post_as(
            "/api/v1/stages",
            json!({"name": "Brief", "client_status": "in_progress"}),
            201,
        )
        .await;
    let clients_before = app.count("clients");

    // Positionally, `["x"]` would have filled the first field of the body type.
    let (status, err) = status_of(
        owner
            .patch(&format!("/api/v1/stages/{}", stage.id), json!(["x"]))
            .await,
    )
    .await;
    assert_eq!(status, 400, "{err}");
    assert_eq!(err["error"]["code"], "invalid_body");
    assert_eq!(
        err["error"]["message"],
        "The request body must be a JSON object."
    );
    let (status, _) = status_of(owner.post("/api/v1/clients", json!(["Evil Corp"])).await).await;
    assert_eq!(status, 400);
    for body in [json!("text"), json!(5), json!(null)] {
        let (status, _) = status_of(owner.post("/api/v1/clients", body).await).await;
        assert_eq!(status, 400);
    }
    let (status, _) = portal_post(&app, &browser, "/portal/api/password", json!(["a", "b"])).await;
    assert_eq!(status, 400);

    let stages: Vec<Stage> = owner.get_as("/api/v1/stages").await;
    assert_eq!(stages[0].name, "Brief");
    assert_eq!(app.count("clients"), clients_before);
    // An object still works, and a field error still names the field.
    let (status, err) = status_of(owner.post("/api/v1/clients", json!({"name": ""})).await).await;
    assert_eq!(status, 422, "{err}");
    assert!(err["error"]["fields"]["name"].is_string());
}

/// Every JSON `GET` of both APIs, on real data (a client with a project, milestone, task,
/// contact, signed-in session, and an approval with a comment and a decision), answers 200 with a
/// body that validates against the schema the served document declares — timestamps included
/// (`format: date-time` is RFC 3339 with an offset).
#[actix_web::test]
async fn every_read_answers_what_the_served_document_declares() {
    use common::contract;
    use serde_json::Value;

    let app = TestApp::new().await;
    let served: Value = app
        .bare()
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        &served,
        contract::document(),
        "the checker uses the served document"
    );

    // The checker can fail: a naive timestamp is not a `date-time`.
    let naive = json!({"name": "x", "created_at": "2026-11-30T02:22:42.753376"});
    let schema = json!({"type": "object", "properties": {"created_at": {"type": "string", "format": "date-time"}}});
    assert!(!contract::validator("naive timestamp", &schema).is_valid(&naive));

    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let project = app.project(&owner, &client, "Spring").await;
    let contact = app.contact(&owner, &client, "ana@bp.example").await;
    let base = format!("/api/v1/projects/{}", project.id);
    let _: Value = owner
        .post_as(
            &format!("{base}/milestones"),
            json!({"title": "Kick-off"}),
            201,
        )
        .await;
    let _: Value = owner
        .post_as(&format!("{base}/tasks"), json!({"title": "Moodboard"}), 201)
        .await;
    let poster = app.file(&client.id, "poster.png", shared_types::FileKind::Image);
    let approval = app
        .approval(
            &owner,
            &project,
            "Poster",
            shared_types::ApprovalKind::Image,
            &[&poster],
        )
        .await;
    let approval_id = approval.summary.id.clone();
    let browser = app.portal_contact("ana@bp.example").await;
    let _: Value = browser
        .post_as(
            &format!("/portal/api/approvals/{approval_id}/comments"),
            json!({"body": "Love it", "version": 1}),
            201,
        )
        .await;
    let _: Value = browser
        .post_as(
            &format!("/portal/api/approvals/{approval_id}/respond"),
            json!({"decision": "approve", "version": 1}),
            200,
        )
        .await;

    let request: Value = browser
        .post_as(
            "/portal/api/requests",
            json!({"request_type": "support", "category": "bug", "title": "Broken form",
                "description": "The form does nothing."}),
            201,
        )
        .await;
    let request_id = request["id"].as_str().unwrap().to_owned();
    let _: Value = owner
        .post_as(
            &format!("/api/v1/requests/{request_id}/messages"),
            json!({"body": "Looking", "internal": true}),
            201,
        )
        .await;
    let invoice: Value = owner
        .post_as(
            "/api/v1/invoices",
            json!({"client_id": client.id, "lines": [
                {"description": "Poster", "quantity_milli": 1000, "unit_price": 50000}],
                "taxes": [{"name": "VAT", "basis_points": 2000}],
                "discount": {"kind": "fixed", "amount": 1000}}),
            201,
        )
        .await;
    let invoice_id = invoice["id"].as_str().unwrap().to_owned();
    let _: Value = owner
        .post_as(
            &format!("/api/v1/invoices/{invoice_id}/send"),
            json!({}),
            200,
        )
        .await;
    let _: Value = owner
        .post_as(
            &format!("/api/v1/invoices/{invoice_id}/payments"),
            json!({"amount": 1000, "paid_on": "2026-12-01"}),
            201,
        )
        .await;
    let ids = [
        ("/api/v1/invoices/{id}", invoice_id.as_str()),
        ("/portal/api/invoices/{id}", invoice_id.as_str()),
        ("/api/v1/requests/{id}", request_id.as_str()),
        ("/portal/api/requests/{id}", request_id.as_str()),
        ("/api/v1/approvals/{id}", approval_id.as_str()),
        ("/portal/api/approvals/{id}", approval_id.as_str()),
        ("/api/v1/clients/{id}", client.id.as_str()),
        ("/api/v1/projects/{id}", project.id.as_str()),
        ("/portal/api/projects/{id}", project.id.as_str()),
        ("{contact}", contact.id.as_str()),
    ];
    let mut checked = 0;
    for (template, item) in served["paths"].as_object().unwrap() {
        let Some(op) = item.get("get") else { continue };
        let json_ok = op["responses"]["200"]
            .pointer("/content/application~1json")
            .is_some();
        if !json_ok {
            continue;
        }
        let mut path = template.clone();
        for (prefix, id) in ids {
            if prefix.starts_with('{') {
                path = path.replace(prefix, id);
            } else if template.starts_with(prefix) {
                path = path.replacen("{id}", id, 1);
            }
        }
        assert!(!path.contains('{'), "no id for {template}");
        let res = if path.starts_with("/portal/") {
            browser.get(&path).await
        } else {
            owner.get(&path).await
        };
        let status = res.status().as_u16();
        let body: Value = res.json().await.unwrap_or(Value::Null);
        assert_eq!(status, 200, "{path}: {body}");
        contract::check("GET", &path, status, &body);
        checked += 1;
    }
    assert!(checked >= 25, "only {checked} reads were checked");
}
