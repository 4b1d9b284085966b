//! Portal sign-in and sessions, over HTTP against a real database.

use crate::common;

use chrono::TimeDelta;
use common::{status_of, TestApp, ORIGIN_URL, PASSWORD};
use serde_json::json;
use shared_types::staff::PermissionOverrides;
use std::time::Instant;

#[actix_web::test]
async fn password_login_and_wrong_password_share_one_error() {
    // Ten failed attempts follow; keep them under the rate limit so each one verifies a hash.
    let app = TestApp::with(common::Options {
        env: vec![("ATRIUM_LOGIN_MAX_FAILURES_PER_ACCOUNT", "100".into())],
    })
    .await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    app.contact(&staff, &client, "ana@a.example").await;

    let browser = app.sign_in("ana@a.example").await;
    let (status, me) =
        status_of(browser.get(app.url("/portal/api/me")).send().await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(me["contact"]["email"], "ana@a.example");
    assert_eq!(me["client"]["name"], "Client A");

    let attempt = |email: &'static str| {
        let b = app.browser();
        let url = app.url("/portal/api/auth/login");
        async move {
            let started = Instant::now();
            let res = b
                .post(url)
                .json(&json!({"email": email, "password": "wrong password here"}))
                .send()
                .await
                .unwrap();
            (started.elapsed(), status_of(res).await)
        }
    };
    let (_, (s1, b1)) = attempt("ana@a.example").await;
    let (_, (s2, b2)) = attempt("nobody@a.example").await;
    assert_eq!((s1, s2), (401, 401));
    assert_eq!(
        b1, b2,
        "unknown email and wrong password must be indistinguishable"
    );
    assert_eq!(b1["error"]["code"], "invalid_credentials");

    // Same timing class: both run one full argon2 verification. The fastest of several tries
    // of each filters out scheduling noise on a busy machine.
    let mut known = f64::MAX;
    let mut unknown = f64::MAX;
    for _ in 0..4 {
        let (elapsed, (status, _)) = attempt("ana@a.example").await;
        assert_eq!(status, 401);
        known = known.min(elapsed.as_secs_f64());
        unknown = unknown.min(attempt("nobody@a.example").await.0.as_secs_f64());
    }
    assert!(
        known.min(unknown) / known.max(unknown) > 0.25,
        "timings differ too much: known {known:.3}s, unknown {unknown:.3}s"
    );
}

#[actix_web::test]
async fn session_cookie_has_the_required_flags() {
    let app = TestApp::with(common::Options {
        env: vec![("ATRIUM_COOKIE_SECURE", "true".into())],
    })
    .await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    app.contact(&staff, &client, "ana@a.example").await;
    let res = app
        .bare()
        .post(app.url("/portal/api/auth/login"))
        .header("Origin", ORIGIN_URL)
        .json(&json!({"email": "ana@a.example", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("__Host-atrium_portal="), "{cookie}");
    for flag in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(flag), "missing {flag}: {cookie}");
    }
    assert!(!cookie.contains("Domain="), "{cookie}");
    assert_eq!(res.headers().get("cache-control").unwrap(), "no-store");
}

#[actix_web::test]
async fn magic_link_is_single_use_under_concurrency() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    app.contact(&staff, &client, "ana@a.example").await;
    assert_eq!(app.request_magic_link("ana@a.example").await, 202);
    let token = app.magic_token("ana@a.example");
    let sessions_before = app.count("portal_sessions");

    let attempts = (0..20).map(|_| {
        let b = app.browser();
        let url = app.url("/portal/api/auth/magic-link/redeem");
        let token = token.clone();
        async move {
            b.post(url)
                .json(&json!({ "token": token }))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 400).count(),
        19,
        "{statuses:?}"
    );
    assert_eq!(app.count("portal_sessions"), sessions_before + 1);
}

#[actix_web::test]
async fn expired_and_superseded_magic_links_fail() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    app.contact(&staff, &client, "ana@a.example").await;
    let redeem = |token: String| {
        let b = app.browser();
        let url = app.url("/portal/api/auth/magic-link/redeem");
        async move {
            status_of(
                b.post(url)
                    .json(&json!({ "token": token }))
                    .send()
                    .await
                    .unwrap(),
            )
            .await
        }
    };

    app.request_magic_link("ana@a.example").await;
    let first = app.magic_token("ana@a.example");
    app.request_magic_link("ana@a.example").await;
    let second = app.magic_token("ana@a.example");
    assert_ne!(first, second);
    let (status, body) = redeem(first).await;
    assert_eq!(status, 400, "a newer link invalidates the older");
    assert_eq!(body["error"]["code"], "invalid_token");

    app.clock.advance(TimeDelta::minutes(16));
    assert_eq!(redeem(second).await.0, 400, "links expire after 15 minutes");

    app.request_magic_link("ana@a.example").await;
    let fresh = app.magic_token("ana@a.example");
    app.clock.advance(TimeDelta::minutes(14));
    assert_eq!(redeem(fresh).await.0, 200);
}

#[actix_web::test]
async fn magic_link_requests_do_not_reveal_accounts() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    app.contact(&staff, &client, "ana@a.example").await;
    let outbox_before = app.outbox().len();
    assert_eq!(app.request_magic_link("nobody@a.example").await, 202);
    assert_eq!(
        app.outbox().len(),
        outbox_before,
        "no mail for unknown addresses"
    );
    assert_eq!(app.request_magic_link("ana@a.example").await, 202);
    assert_eq!(app.outbox().len(), outbox_before + 1);
}

#[actix_web::test]
async fn a_magic_link_returns_to_the_page_asked_for_and_only_inside_the_portal() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    app.contact(&staff, &client, "ana@a.example").await;
    let request = |next: &str| {
        app.browser()
            .post(app.url("/portal/api/auth/magic-link"))
            .json(&json!({ "email": "ana@a.example", "next": next }))
            .send()
    };
    let last_link = || {
        let mail = app.outbox().pop().expect("a sign-in email");
        let start = mail.body_text.find("/portal/auth/magic#").expect("link");
        let link = &mail.body_text[start..];
        link[..link.find('\n').unwrap_or(link.len())].to_owned()
    };
    assert_eq!(
        request("/portal/approvals/a1?tab=2")
            .await
            .unwrap()
            .status(),
        202
    );
    let link = last_link();
    assert!(
        link.ends_with("&next=%2Fportal%2Fapprovals%2Fa1%3Ftab%3D2"),
        "{link}"
    );
    for elsewhere in [
        "https://evil.example/portal/",
        "//evil.example",
        "/staff/clients",
    ] {
        assert_eq!(request(elsewhere).await.unwrap().status(), 202);
        let link = last_link();
        assert!(!link.contains("next="), "{elsewhere}: {link}");
    }
}

#[actix_web::test]
async fn invite_accept_signs_in_and_activates() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    let res = staff
        .post(
            &format!("/api/v1/clients/{}/contacts", client.id),
            json!({"name": "Ana", "email": "Ana@A.example", "invite": true}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let mail = app.outbox().pop().unwrap();
    assert_eq!(mail.to_addr, "ana@a.example");
    assert!(mail.body_html.contains("Accept invitation"));
    let token = app.invitation_token("ana@a.example");

    // The invitation page shows who it is for (name as staff typed it, the address, the
    // agency) without using it up; an unknown token shows nothing.
    let browser = app.browser();
    let preview = |token: String| {
        browser
            .post(app.url("/portal/api/auth/invite/preview"))
            .json(&json!({ "token": token }))
            .send()
    };
    for _ in 0..2 {
        let (status, body) = status_of(preview(token.clone()).await.unwrap()).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["name"], "Ana");
        assert_eq!(body["email"], "ana@a.example");
        assert!(body["organization"].is_string());
    }
    let (status, body) = status_of(preview("not-a-token".into()).await.unwrap()).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "invalid_token");

    let weak = browser
        .post(app.url("/portal/api/auth/invite/accept"))
        .json(&json!({"token": token, "name": "Ana López", "password": "password1234"}))
        .send()
        .await
        .unwrap();
    let (status, body) = status_of(weak).await;
    assert_eq!(status, 422, "common passwords are refused");
    assert!(body["error"]["fields"]["password"].is_string());

    let res = browser
        .post(app.url("/portal/api/auth/invite/accept"))
        .json(&json!({"token": token, "name": "Ana López", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let (status, me) = status_of(res).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["contact"]["name"], "Ana López");
    assert_eq!(me["contact"]["has_password"], true);
    // Once used, the invitation previews nothing.
    let (status, _) = status_of(preview(token.clone()).await.unwrap()).await;
    assert_eq!(status, 400);
    assert_eq!(
        browser
            .get(app.url("/portal/api/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    let again = app
        .browser()
        .post(app.url("/portal/api/auth/invite/accept"))
        .json(&json!({"token": token, "name": "X"}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 400, "an invitation works once");
}

#[actix_web::test]
async fn logout_purges_the_session_server_side() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    app.contact(&staff, &client, "ana@a.example").await;
    let cookie = app.session_cookie("ana@a.example").await;
    let me = |cookie: String| {
        let b = app.bare();
        let url = app.url("/portal/api/me");
        async move {
            b.get(url)
                .header("Cookie", cookie)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(me(cookie.clone()).await, 200);
    let out = app
        .bare()
        .post(app.url("/portal/api/auth/logout"))
        .header("Origin", ORIGIN_URL)
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    assert_eq!(
        me(cookie).await,
        401,
        "replaying the old cookie after logout"
    );
}

#[actix_web::test]
async fn tampered_cookie_is_401_not_500() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    app.contact(&staff, &client, "ana@a.example").await;
    let cookie = app.session_cookie("ana@a.example").await;
    let (name, value) = cookie.split_once('=').unwrap();
    let mut chars: Vec<char> = value.chars().collect();
    let mid = chars.len() / 2;
    chars[mid] = if chars[mid] == 'A' { 'B' } else { 'A' };
    let tampered = format!("{name}={}", chars.into_iter().collect::<String>());
    for bad in [tampered, format!("{name}=garbage"), format!("{name}=")] {
        let (status, body) = status_of(
            app.bare()
                .get(app.url("/portal/api/me"))
                .header("Cookie", bad)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 401);
        assert_eq!(body["error"]["code"], "unauthorized");
    }
}

#[actix_web::test]
async fn revoking_a_contact_ends_all_their_sessions_at_once() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    let contact = app.contact(&staff, &client, "ana@a.example").await;
    let devices = [
        app.sign_in("ana@a.example").await,
        app.sign_in("ana@a.example").await,
        app.sign_in("ana@a.example").await,
    ];
    for d in &devices {
        assert_eq!(
            d.get(app.url("/portal/api/me"))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
    }
    let sessions: serde_json::Value = staff
        .get(&format!(
            "/api/v1/clients/{}/contacts/{}/sessions",
            client.id, contact.id
        ))
        .await
        .json()
        .await
        .unwrap();
    assert!(sessions.as_array().unwrap().len() >= 3);

    let (status, body) = status_of(
        staff
            .post(
                &format!(
                    "/api/v1/clients/{}/contacts/{}/revoke",
                    client.id, contact.id
                ),
                json!({}),
            )
            .await,
    )
    .await;
    assert_eq!(status, 200);
    assert!(body["sessions_ended"].as_i64().unwrap() >= 3);
    for d in &devices {
        assert_eq!(
            d.get(app.url("/portal/api/me"))
                .send()
                .await
                .unwrap()
                .status(),
            401
        );
    }
    let res = app
        .browser()
        .post(app.url("/portal/api/auth/login"))
        .json(&json!({"email": "ana@a.example", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401, "a revoked contact cannot sign in again");
}

#[actix_web::test]
async fn revoking_the_whole_client_ends_every_contacts_sessions() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    app.contact(&staff, &client, "ana@a.example").await;
    app.contact(&staff, &client, "sam@a.example").await;
    let (ana, sam) = (
        app.sign_in("ana@a.example").await,
        app.sign_in("sam@a.example").await,
    );
    let res = staff
        .post(
            &format!("/api/v1/clients/{}/revoke-access", client.id),
            json!({}),
        )
        .await;
    assert_eq!(res.status(), 200);
    for b in [&ana, &sam] {
        assert_eq!(
            b.get(app.url("/portal/api/me"))
                .send()
                .await
                .unwrap()
                .status(),
            401
        );
    }
}

#[actix_web::test]
async fn permission_changes_apply_on_the_next_request() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    let contact = app.contact(&staff, &client, "ana@a.example").await;
    let browser = app.sign_in("ana@a.example").await;
    assert!(common::permissions(&app, &browser).await.can_view_invoices);
    staff
        .set_permissions(
            &client,
            &contact,
            PermissionOverrides {
                can_view_invoices: Some(false),
                ..Default::default()
            },
        )
        .await;
    let p = common::permissions(&app, &browser).await;
    assert!(!p.can_view_invoices);
    assert!(p.can_approve_work);
    // Client defaults apply where the contact has no override.
    let res = staff
        .patch(&format!("/api/v1/clients/{}", client.id), json!({"default_permissions": {"can_view_invoices": true, "can_approve_work": false, "can_add_comments": true, "can_submit_requests": true}}))
        .await;
    assert_eq!(res.status(), 200);
    let p = common::permissions(&app, &browser).await;
    assert!(!p.can_view_invoices && !p.can_approve_work);
}

#[actix_web::test]
async fn sessions_expire_when_idle_and_at_their_absolute_lifetime() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    app.contact(&staff, &client, "ana@a.example").await;

    let idle = app.sign_in("ana@a.example").await;
    app.clock.advance(TimeDelta::days(29));
    assert_eq!(
        idle.get(app.url("/portal/api/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200,
        "29 idle days is fine"
    );
    app.clock
        .advance(TimeDelta::days(30) + TimeDelta::minutes(1));
    assert_eq!(
        idle.get(app.url("/portal/api/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401,
        "30 idle days ends it"
    );

    let busy = app.sign_in("ana@a.example").await;
    for _ in 0..4 {
        app.clock.advance(TimeDelta::days(20));
        assert_eq!(
            busy.get(app.url("/portal/api/me"))
                .send()
                .await
                .unwrap()
                .status(),
            200,
            "sliding idle expiry"
        );
    }
    app.clock.advance(TimeDelta::days(11));
    assert_eq!(
        busy.get(app.url("/portal/api/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401,
        "absolute 90 days"
    );
}

#[actix_web::test]
async fn cross_origin_and_non_json_writes_are_refused() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    app.contact(&staff, &client, "ana@a.example").await;
    let body = json!({"email": "ana@a.example", "password": PASSWORD}).to_string();
    let url = app.url("/portal/api/auth/login");

    let evil = app
        .bare()
        .post(&url)
        .header("Origin", "https://evil.example")
        .header("Content-Type", "application/json")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    let (status, err) = status_of(evil).await;
    assert_eq!(status, 403);
    assert_eq!(err["error"]["code"], "forbidden");
    let no_origin = app
        .bare()
        .post(&url)
        .header("Content-Type", "application/json")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(no_origin.status(), 403);
    let same_site = app
        .bare()
        .post(&url)
        .header("Sec-Fetch-Site", "same-origin")
        .header("Content-Type", "application/json")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(same_site.status(), 200);

    let plain = app
        .bare()
        .post(&url)
        .header("Origin", ORIGIN_URL)
        .header("Content-Type", "text/plain")
        .body(body)
        .send()
        .await
        .unwrap();
    let (status, err) = status_of(plain).await;
    assert_eq!(status, 415);
    assert_eq!(err["error"]["code"], "unsupported_media_type");

    let unknown_field = app
        .browser()
        .post(&url)
        .json(&json!({"email": "a@b.io", "password": "x", "admin": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown_field.status(), 400);
    let malformed = app
        .bare()
        .post(&url)
        .header("Origin", ORIGIN_URL)
        .header("Content-Type", "application/json")
        .body("{nope")
        .send()
        .await
        .unwrap();
    let (status, err) = status_of(malformed).await;
    assert_eq!(status, 400);
    assert_eq!(err["error"]["code"], "invalid_body");
    let huge = app
        .bare()
        .post(&url)
        .header("Origin", ORIGIN_URL)
        .header("Content-Type", "application/json")
        .body(format!("{{\"email\":\"{}\"}}", "a".repeat(100_000)))
        .send()
        .await
        .unwrap();
    assert_eq!(huge.status(), 413);
}

#[actix_web::test]
async fn repeated_failures_are_rate_limited_with_retry_after() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    app.contact(&staff, &client, "ana@a.example").await;
    let browser = app.browser();
    let login = |password: &'static str| {
        let b = browser.clone();
        let url = app.url("/portal/api/auth/login");
        async move {
            b.post(url)
                .json(&json!({"email": "ana@a.example", "password": password}))
                .send()
                .await
                .unwrap()
        }
    };
    for _ in 0..5 {
        assert_eq!(login("wrong password!!").await.status(), 401);
    }
    let res = login(PASSWORD).await;
    assert_eq!(
        res.status(),
        429,
        "even the right password waits out the window"
    );
    let retry: i64 = res
        .headers()
        .get("retry-after")
        .unwrap()
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 900, "{retry}");
    app.clock.advance(TimeDelta::minutes(16));
    assert_eq!(login(PASSWORD).await.status(), 200);

    for _ in 0..5 {
        assert_eq!(app.request_magic_link("ana@a.example").await, 202);
    }
    assert_eq!(app.request_magic_link("ana@a.example").await, 429);
}

#[actix_web::test]
async fn contacts_manage_their_own_sessions_and_password() {
    let app = TestApp::new().await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    app.contact(&staff, &client, "ana@a.example").await;
    let laptop = app.sign_in("ana@a.example").await;
    let phone = app.sign_in("ana@a.example").await;
    let list: Vec<shared_types::portal::SessionInfo> = laptop
        .get(app.url("/portal/api/sessions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.iter().filter(|s| s.current).count(), 1);
    let other = list.iter().find(|s| !s.current).unwrap();
    let res = laptop
        .delete(app.url(&format!("/portal/api/sessions/{}", other.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(
        phone
            .get(app.url("/portal/api/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(
        laptop
            .get(app.url("/portal/api/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    let wrong = laptop.post(app.url("/portal/api/password")).json(&json!({"current_password": "not it at all", "new_password": "copper kettle mountain 7"})).send().await.unwrap();
    assert_eq!(wrong.status(), 422);
    let ok = laptop
        .post(app.url("/portal/api/password"))
        .json(&json!({"current_password": PASSWORD, "new_password": "copper kettle mountain 7"}))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 204);
    let res = app
        .browser()
        .post(app.url("/portal/api/auth/login"))
        .json(&json!({"email": "ana@a.example", "password": "copper kettle mountain 7"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}
