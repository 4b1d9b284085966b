//! Tenant isolation of the staff API: another organization's clients and contacts are "not
//! found", and refused writes leave the database unchanged.

use crate::common;

use common::{status_of, TestApp};
use serde_json::json;

#[actix_web::test]
async fn staff_of_one_org_cannot_touch_another_orgs_clients() {
    let app = TestApp::new().await;
    let a = app.org("org-a").await;
    let b = app.org("org-b").await;
    let client_b = app.client(&b, "SENTINEL-B Client").await;
    let contact_b = app.contact(&b, &client_b, "sentinel@b.example").await;
    app.client(&a, "Client of A").await;

    let list: serde_json::Value = a.get("/api/v1/clients").await.json().await.unwrap();
    assert!(!list.to_string().contains("SENTINEL-B"));

    let before = (
        app.count("clients"),
        app.count("client_users"),
        app.count("invitations"),
        app.count("portal_sessions"),
    );
    let cid = &client_b.id;
    let kid = &contact_b.id;
    let attempts = vec![
        a.get(&format!("/api/v1/clients/{cid}")).await,
        a.patch(
            &format!("/api/v1/clients/{cid}"),
            json!({"name": "hijacked"}),
        )
        .await,
        a.post(&format!("/api/v1/clients/{cid}/archive"), json!({}))
            .await,
        a.post(&format!("/api/v1/clients/{cid}/revoke-access"), json!({}))
            .await,
        a.get(&format!("/api/v1/clients/{cid}/contacts")).await,
        a.post(
            &format!("/api/v1/clients/{cid}/contacts"),
            json!({"name": "x", "email": "x@x.example"}),
        )
        .await,
        a.patch(
            &format!("/api/v1/clients/{cid}/contacts/{kid}"),
            json!({"name": "hijacked"}),
        )
        .await,
        a.post(
            &format!("/api/v1/clients/{cid}/contacts/{kid}/invite"),
            json!({}),
        )
        .await,
        a.post(
            &format!("/api/v1/clients/{cid}/contacts/{kid}/revoke"),
            json!({}),
        )
        .await,
        a.get(&format!("/api/v1/clients/{cid}/contacts/{kid}/sessions"))
            .await,
        a.delete(&format!("/api/v1/clients/{cid}/contacts/{kid}/sessions"))
            .await,
    ];
    for res in attempts {
        let url = res.url().to_string();
        let (status, body) = status_of(res).await;
        assert_eq!(status, 404, "{url}");
        assert_eq!(body["error"]["code"], "not_found");
        assert!(!body.to_string().contains("SENTINEL"));
    }
    let after = (
        app.count("clients"),
        app.count("client_users"),
        app.count("invitations"),
        app.count("portal_sessions"),
    );
    assert_eq!(before, after);
    let (status, still) = status_of(b.get(&format!("/api/v1/clients/{cid}")).await).await;
    assert_eq!(status, 200);
    assert_eq!(still["name"], "SENTINEL-B Client");
    assert_eq!(still["status"], "active");
    assert_eq!(still["portal_enabled"], true);
}

#[actix_web::test]
async fn a_contact_of_one_org_is_not_signed_in_on_another_orgs_portal() {
    let app = TestApp::new().await;
    let a = app.org("org-a").await;
    let b = app.org("org-b").await;
    app.conn(|c| {
        use atrium::db::schema::organizations::dsl::*;
        use diesel::prelude::*;
        diesel::update(organizations.filter(slug.eq("org-b")))
            .set(portal_domain.eq("portal.b.example"))
            .execute(c)
    })
    .unwrap();
    let client_a = app.client(&a, "Client A").await;
    app.contact(&a, &client_a, "ana@a.example").await;
    let browser = app.sign_in("ana@a.example").await;
    assert_eq!(
        browser
            .get(app.url("/portal/api/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let res = browser
        .get(app.url("/portal/api/me"))
        .header("Host", "portal.b.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let branding: serde_json::Value = app
        .bare()
        .get(app.url("/portal/api/branding"))
        .header("Host", "portal.b.example")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(branding["display_name"], "Org org-b");
    let _ = b;
}

#[actix_web::test]
async fn clients_list_searches_and_pages_by_keyset() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    for name in ["Delta", "alpha", "Charlie", "Bravo", "Echo 100%"] {
        app.client(&staff, name).await;
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/clients?limit=2&cursor={c}"),
            None => "/api/v1/clients?limit=2".into(),
        };
        let page: serde_json::Value = staff.get(&path).await.json().await.unwrap();
        for item in page["items"].as_array().unwrap() {
            seen.push(item["name"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 5);
    let mut unique = seen.clone();
    unique.dedup();
    assert_eq!(unique.len(), 5, "no duplicates across pages: {seen:?}");
    let found: serde_json::Value = staff
        .get("/api/v1/clients?q=ALP")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found["items"][0]["name"], "alpha");
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    let pct: serde_json::Value = staff
        .get("/api/v1/clients?q=%25")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        pct["items"].as_array().unwrap().len(),
        1,
        "% is matched literally"
    );
    assert_eq!(staff.get("/api/v1/clients?cursor=!!!").await.status(), 400);
    assert_eq!(staff.get("/api/v1/clients?bogus=1").await.status(), 400);
}

/// API.md promises page sizes of 1 to 200 (the gallery 1 to 100): anything else is refused with
/// a message on `limit`, not quietly changed into another size.
#[actix_web::test]
async fn page_sizes_outside_the_documented_range_are_refused() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    app.contact(&owner, &client, "ana@bp.example").await;
    let browser = app.sign_in("ana@bp.example").await;
    for limit in ["0", "-1", "201"] {
        for path in ["/api/v1/clients", "/api/v1/projects", "/api/v1/approvals"] {
            let (status, body) = status_of(owner.get(&format!("{path}?limit={limit}")).await).await;
            assert_eq!(status, 422, "{path}?limit={limit}: {body}");
            assert!(body["error"]["fields"]["limit"].is_string(), "{body}");
        }
        let res = browser
            .get(app.url(&format!("/portal/api/projects?limit={limit}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "portal projects ?limit={limit}");
    }
    for limit in ["0", "101"] {
        let res = browser
            .get(app.url(&format!("/portal/api/gallery?limit={limit}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "gallery ?limit={limit}");
    }
    // Signed out, the answer is 401 whatever the page size.
    let res = app
        .bare()
        .get(app.url("/portal/api/projects?limit=0"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    // The edges are fine.
    assert_eq!(owner.get("/api/v1/clients?limit=200").await.status(), 200);
    assert_eq!(owner.get("/api/v1/clients?limit=1").await.status(), 200);
    let res = browser
        .get(app.url("/portal/api/gallery?limit=100"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}
