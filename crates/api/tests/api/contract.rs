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
