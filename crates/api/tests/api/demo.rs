//! The demo data the run command seeds: the logins the README prints work.

use crate::common;

use atrium::seed::{
    self, DEMO_CONTACT_EMAIL, DEMO_CONTACT_PASSWORD, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD,
};
use common::{status_of, TestApp};
use serde_json::json;

#[actix_web::test]
async fn demo_logins_work_and_permissions_differ() {
    let app = TestApp::new().await;
    let now = app.clock.now();
    assert!(app.conn(|c| seed::seed_demo(c, now)).unwrap());
    assert!(
        !app.conn(|c| seed::seed_demo(c, now)).unwrap(),
        "seeding twice changes nothing"
    );

    let token = app.staff_token(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let clients: serde_json::Value = app
        .bare()
        .get(app.url("/api/v1/clients"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(clients["items"].as_array().unwrap().len(), 2);

    let browser = app.browser();
    let res = browser
        .post(app.url("/portal/api/auth/login"))
        .json(&json!({"email": DEMO_CONTACT_EMAIL, "password": DEMO_CONTACT_PASSWORD}))
        .send()
        .await
        .unwrap();
    let (status, me) = status_of(res).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["client"]["name"], "Blue Peak Coffee");
    assert_eq!(me["branding"]["display_name"], "Northwind Studio");

    let projects: serde_json::Value = browser
        .get(app.url("/portal/api/projects"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let items = projects["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "two demo projects per client");
    // Two requests: one answered and waiting on the client (its internal note stays with staff).
    let requests: serde_json::Value = browser
        .get(app.url("/portal/api/requests"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let listed = requests["items"].as_array().unwrap();
    assert_eq!(listed.len(), 2, "{requests}");
    assert!(listed
        .iter()
        .any(|r| r["status"] == "waiting_on_client" && r["message_count"] == 1));
    assert!(!requests.to_string().contains("finance lead"));
    assert!(items
        .iter()
        .any(|p| p["progress"]["milestones_done"].as_i64() > Some(0)));
    let detail: serde_json::Value = browser
        .get(app.url(&format!(
            "/portal/api/projects/{}",
            items[0]["id"].as_str().unwrap()
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(!detail["milestones"].as_array().unwrap().is_empty());
    assert!(
        !detail["team"].as_array().unwrap().is_empty(),
        "Blue Peak shows its team"
    );
    let team: serde_json::Value = browser
        .get(app.url("/portal/api/team"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(team[0]["role_label"], "Account manager");
    assert!(team[0]["phone"].is_string());

    let approvals: serde_json::Value = browser
        .get(app.url("/portal/api/approvals"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // The demo client reviews a picture and a piece of audio (the player's two main modes).
    assert_eq!(approvals["counts"]["pending"], 2, "{approvals}");
    let titles: Vec<&str> = approvals["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(titles.contains(&"Spring menu hero photo"), "{approvals}");
    assert!(titles.contains(&"Radio spot, first mix"), "{approvals}");

    let contacts = app
        .conn(|c| {
            use atrium::db::schema::client_users::dsl::*;
            use diesel::prelude::*;
            client_users
                .select((email, can_approve_work))
                .load::<(String, Option<bool>)>(c)
        })
        .unwrap();
    assert!(
        contacts.iter().any(|(_, approve)| *approve == Some(false)),
        "a contact with approval turned off"
    );
}
