//! Staff authentication: JWTs, rotating refresh tokens, API keys, roles, and the wall between
//! the staff API and the portal API.

use crate::common;

use atrium::auth::staff_user::{Claims, AUDIENCE};
use atrium::crypto::Keys;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::{cookie_of, status_of, TestApp, ORIGIN_URL, PASSWORD, SECRET};
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::json;
use shared_types::StaffRole;

fn sign(claims: &serde_json::Value, key: &[u8]) -> String {
    encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(key),
    )
    .unwrap()
}

async fn me_status(app: &TestApp, token: &str) -> u16 {
    app.bare()
        .get(app.url("/api/v1/auth/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[actix_web::test]
async fn forged_and_malformed_jwts_are_refused() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    assert_eq!(me_status(&app, &staff.token).await, 200);

    let key = Keys::derive(SECRET.as_bytes()).staff_jwt;
    let now = chrono::Utc::now().timestamp();
    let good = json!({
        "iss": ORIGIN_URL, "aud": AUDIENCE, "sub": staff.id, "exp": now + 600, "nbf": now, "iat": now,
        "jti": "j1", "org": staff.org_id, "role": "owner", "kind": "staff"
    });
    assert_eq!(
        me_status(&app, &sign(&good, &key)).await,
        200,
        "a well-formed token works"
    );
    let _: Claims = serde_json::from_value(good.clone()).unwrap();

    let with = |field: &str, value: serde_json::Value| {
        let mut c = good.clone();
        c[field] = value;
        sign(&c, &key)
    };
    let without = |field: &str| {
        let mut c = good.clone();
        c.as_object_mut().unwrap().remove(field);
        sign(&c, &key)
    };
    let header_none = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(good.to_string());
    let cases = [
        ("alg none", format!("{header_none}.{payload}.")),
        ("wrong aud", with("aud", json!("atrium-portal"))),
        ("wrong iss", with("iss", json!("https://evil.example"))),
        ("expired", with("exp", json!(now - 60))),
        ("not yet valid", with("nbf", json!(now + 600))),
        ("missing exp", without("exp")),
        ("missing jti", without("jti")),
        ("other org", with("org", json!("another-org"))),
        (
            "wrong key",
            sign(&good, b"some other key of thirty-two bytes!"),
        ),
        ("garbage", "not.a.jwt".to_owned()),
    ];
    for (name, token) in cases {
        assert_eq!(me_status(&app, &token).await, 401, "{name}");
    }
    let (status, body) = status_of(
        app.bare()
            .get(app.url("/api/v1/auth/me"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(body["error"]["code"], "unauthorized");
}

#[actix_web::test]
async fn staff_and_portal_credentials_do_not_cross() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    app.contact(&staff, &client, "ana@a.example").await;
    let browser = app.sign_in("ana@a.example").await;

    let res = app
        .bare()
        .get(app.url("/portal/api/me"))
        .bearer_auth(&staff.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401, "staff JWT on the portal API");
    let res = browser
        .get(app.url("/api/v1/clients"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401, "portal cookie on the staff API");
    let res = browser
        .get(app.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

#[actix_web::test]
async fn refresh_rotates_and_a_replay_revokes_the_family() {
    let app = TestApp::new().await;
    app.org("acme").await;
    let browser = app.browser();
    let res = browser
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "owner@acme.example", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let first = cookie_of(&res);
    assert!(first.starts_with("atrium_staff_refresh="));

    let refresh = |cookie: String| {
        let b = app.bare();
        let url = app.url("/api/v1/auth/refresh");
        async move {
            let res = b
                .post(url)
                .header("Origin", ORIGIN_URL)
                .header("Cookie", cookie)
                .header("Content-Type", "application/json")
                .body("{}")
                .send()
                .await
                .unwrap();
            let next = res
                .headers()
                .get("set-cookie")
                .map(|c| c.to_str().unwrap().split(';').next().unwrap().to_owned());
            (res.status().as_u16(), next)
        }
    };
    let (status, second) = refresh(first.clone()).await;
    assert_eq!(status, 200);
    let second = second.unwrap();
    assert_ne!(first, second);
    let (status, third) = refresh(second.clone()).await;
    assert_eq!(status, 200);
    let third = third.unwrap();

    // A thief replays the first (already rotated) token: the whole family dies.
    assert_eq!(refresh(first).await.0, 401);
    assert_eq!(
        refresh(third).await.0,
        401,
        "the legitimate newest token is revoked too"
    );

    // Logout revokes the family as well.
    let res = browser
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "owner@acme.example", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let cookie = cookie_of(&res);
    let out = app
        .bare()
        .post(app.url("/api/v1/auth/logout"))
        .header("Origin", ORIGIN_URL)
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    assert_eq!(refresh(cookie.clone()).await.0, 401);

    let cross = app
        .bare()
        .post(app.url("/api/v1/auth/refresh"))
        .header("Origin", "https://evil.example")
        .header("Cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(
        cross.status(),
        403,
        "refresh is cookie-authenticated, so it is origin-checked"
    );
}

#[actix_web::test]
async fn staff_login_failures_are_uniform_and_rate_limited() {
    let app = TestApp::new().await;
    app.org("acme").await;
    let login = |email: &'static str, password: &'static str| {
        let b = app.browser();
        let url = app.url("/api/v1/auth/login");
        async move {
            status_of(
                b.post(url)
                    .json(&json!({"email": email, "password": password}))
                    .send()
                    .await
                    .unwrap(),
            )
            .await
        }
    };
    let wrong = login("owner@acme.example", "wrong password!!").await;
    let unknown = login("nobody@acme.example", "wrong password!!").await;
    assert_eq!(wrong, unknown);
    assert_eq!(wrong.0, 401);
    for _ in 0..4 {
        login("owner@acme.example", "wrong password!!").await;
    }
    assert_eq!(login("owner@acme.example", PASSWORD).await.0, 429);
}

#[actix_web::test]
async fn api_keys_are_shown_once_exchanged_and_revocable() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let res = owner
        .post(
            "/api/v1/api-keys",
            json!({"name": "Zapier", "role": "member"}),
        )
        .await;
    let (status, created) = status_of(res).await;
    assert_eq!(status, 201);
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("atr_"));
    let listed: serde_json::Value = owner.get("/api/v1/api-keys").await.json().await.unwrap();
    assert!(
        !listed.to_string().contains(&secret),
        "the secret is never listed"
    );

    let exchange = |secret: String| {
        let b = app.bare();
        let url = app.url("/api/v1/auth/token");
        async move {
            status_of(
                b.post(url)
                    .json(&json!({"api_key": secret}))
                    .send()
                    .await
                    .unwrap(),
            )
            .await
        }
    };
    let (status, token) = exchange(secret.clone()).await;
    assert_eq!(status, 200);
    let access = token["access_token"].as_str().unwrap().to_owned();
    let me: serde_json::Value = app
        .bare()
        .get(app.url("/api/v1/auth/me"))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["actor"], "api_key");
    assert_eq!(me["role"], "member");
    let res = app
        .bare()
        .get(app.url("/api/v1/clients"))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = app
        .bare()
        .get(app.url("/api/v1/api-keys"))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "a member key cannot manage keys");

    let id = created["key"]["id"].as_str().unwrap();
    assert_eq!(
        owner
            .delete(&format!("/api/v1/api-keys/{id}"))
            .await
            .status(),
        204
    );
    assert_eq!(exchange(secret).await.0, 401);
    let res = app
        .bare()
        .get(app.url("/api/v1/clients"))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        401,
        "a revoked key's tokens stop working at once"
    );
}

#[actix_web::test]
async fn members_cannot_manage_api_keys() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let member = app
        .staff_member(&owner, "leo@acme.example", StaffRole::Member)
        .await;
    let keys_before = app.count("api_keys");
    let (status, body) = status_of(
        member
            .post("/api/v1/api-keys", json!({"name": "x", "role": "member"}))
            .await,
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "forbidden");
    assert_eq!(member.get("/api/v1/api-keys").await.status(), 403);
    assert_eq!(app.count("api_keys"), keys_before);
    let admin = app
        .staff_member(&owner, "ada@acme.example", StaffRole::Admin)
        .await;
    assert_eq!(admin.get("/api/v1/api-keys").await.status(), 200);
    let (status, _) = status_of(
        admin
            .post("/api/v1/api-keys", json!({"name": "x", "role": "owner"}))
            .await,
    )
    .await;
    assert_eq!(status, 422, "no key is an owner");
}
