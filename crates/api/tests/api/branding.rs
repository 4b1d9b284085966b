//! The agency's own portal: branding (contrast guard, logo drawn as pixels, applied to the
//! sign-in page, emails and PDFs), custom portal domains that isolate organizations by host, and
//! read-only previews of the portal as a contact.

use crate::common::approvals::{portal_get, portal_send};
use crate::common::{contract, free_port, status_of, Options, TestApp, ORIGIN_URL, PASSWORD};
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::{json, Value};
use shared_types::branding::{BrandingSaved, BrandingSettings};
use shared_types::portal::{Branding, Me};
use shared_types::staff::PreviewLink;
use shared_types::StaffRole;

const SCRIPTED_SVG: &str = r##"<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" onload="alert('svg')">
  <script>fetch('/portal/api/me').then(r => r.text()).then(alert)</script>
  <rect width="300" height="100" fill="#1d4ed8"/>
  <circle cx="50" cy="50" r="30" fill="#ffffff" onclick="alert(2)"/>
</svg>"##;

async fn upload(
    staff: &crate::common::Staff,
    asset: &str,
    bytes: &[u8],
    kind: &str,
) -> reqwest::Response {
    staff
        .http
        .put(format!(
            "{}/api/v1/settings/branding/{asset}",
            staff_base(staff)
        ))
        .bearer_auth(&staff.token)
        .header("Content-Type", kind)
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap()
}

fn staff_base(staff: &crate::common::Staff) -> String {
    staff.base().to_owned()
}

/// Every image object in a PDF.
fn pdf_images(bytes: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF");
    doc.objects
        .values()
        .filter(|o| {
            o.as_stream()
                .ok()
                .and_then(|s| s.dict.get(b"Subtype").ok())
                .and_then(|t| t.as_name().ok())
                == Some(&b"Image"[..])
        })
        .count()
}

#[actix_web::test]
async fn branding_reads_well_and_reaches_sign_in_emails_and_pdfs() {
    let app = TestApp::new().await;
    let owner = app.org("brand").await;
    let member = app
        .staff_member(&owner, "member@brand.example", StaffRole::Member)
        .await;
    assert_eq!(member.get("/api/v1/settings/branding").await.status(), 403);
    let res = member
        .patch(
            "/api/v1/settings/branding",
            json!({"accent_color": "#000000"}),
        )
        .await;
    assert_eq!(res.status(), 403, "members can't change branding");

    // A too-light accent is darkened to AA and the answer says what changed.
    let saved: BrandingSaved = owner
        .patch_as(
            "/api/v1/settings/branding",
            json!({"accent_color": "#77AAFF"}),
        )
        .await;
    let adjustment = saved.accent_adjustment.expect("adjusted");
    assert_eq!(adjustment.requested, "#77aaff");
    assert!(adjustment.requested_ratio < 4.5 && adjustment.applied_ratio >= 4.5);
    assert_eq!(saved.settings.accent_color, adjustment.applied);
    let readable = adjustment.applied.clone();
    // A readable one is kept as sent; a PATCH changes only what it sends.
    let saved: BrandingSaved = owner
        .patch_as(
            "/api/v1/settings/branding",
            json!({"display_name": "Studio Nord", "portal_title": "Nord · Client portal",
                   "email_from_name": "Nord Studio Team", "email_reply_to": "Hello@Nord.example"}),
        )
        .await;
    assert!(saved.accent_adjustment.is_none());
    assert_eq!(saved.settings.accent_color, readable, "untouched");
    assert_eq!(
        saved.settings.email_reply_to.as_deref(),
        Some("hello@nord.example")
    );
    let (status, body) = status_of(
        owner
            .patch(
                "/api/v1/settings/branding",
                json!({"accent_color": "blue", "email_reply_to": "nope", "portal_title": "a\nb",
                       "portal_domain": "https://x.example/"}),
            )
            .await,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    for field in [
        "accent_color",
        "email_reply_to",
        "portal_title",
        "portal_domain",
    ] {
        assert!(
            body["error"]["fields"][field].is_string(),
            "{field}: {body}"
        );
    }

    // An SVG with script is stored as a PNG Atrium drew: nothing in it can run.
    let res = upload(&owner, "logo", SCRIPTED_SVG.as_bytes(), "image/svg+xml").await;
    assert_eq!(res.status(), 200);
    let settings: BrandingSettings = res.json().await.unwrap();
    let logo_url = settings.logo_url.expect("logo");
    let res = app.bare().get(app.url(&logo_url)).send().await.unwrap();
    assert_eq!(res.status(), 200, "public: the sign-in page shows it");
    assert_eq!(crate::common::header(&res, "content-type"), "image/png");
    assert_eq!(
        crate::common::header(&res, "x-content-type-options"),
        "nosniff"
    );
    assert_eq!(
        crate::common::header(&res, "content-security-policy"),
        "sandbox"
    );
    let png = res.bytes().await.unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let text = String::from_utf8_lossy(&png).to_ascii_lowercase();
    assert!(!text.contains("script") && !text.contains("alert") && !text.contains("<svg"));
    // Not a PNG, JPEG or SVG: refused, and the logo stays.
    let res = upload(
        &owner,
        "logo",
        b"<html><script>alert(1)</script></html>",
        "image/png",
    )
    .await;
    assert_eq!(res.status(), 400);
    let res = upload(&owner, "favicon", &png, "image/png").await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        upload(&owner, "banner", &png, "image/png").await.status(),
        404
    );

    // The sign-in page's branding, before anyone signs in.
    let branding: Branding = app
        .bare()
        .get(app.url("/portal/api/branding"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(branding.display_name, "Studio Nord");
    assert_eq!(branding.accent_color, readable);
    assert_eq!(branding.portal_title, "Nord · Client portal");
    assert_eq!(branding.logo_url.as_deref(), Some(logo_url.as_str()));
    assert!(branding.favicon_url.is_some());

    // Emails: the sender name, reply-to, accent and logo.
    let client = app.client(&owner, "Acme").await;
    app.contact(&owner, &client, "ana@acme.example").await;
    let mail = app
        .outbox()
        .into_iter()
        .find(|m| m.to_addr == "ana@acme.example")
        .expect("invitation");
    assert_eq!(mail.from_name.as_deref(), Some("Nord Studio Team"));
    assert_eq!(mail.reply_to.as_deref(), Some("hello@nord.example"));
    assert!(
        mail.body_html.contains(&format!("{ORIGIN_URL}{logo_url}")),
        "{}",
        mail.body_html
    );
    assert!(mail.body_html.contains(&readable));
    let eml = wait_for_eml(&app, "ana@acme.example").await;
    assert!(
        eml.contains("From: \"Nord Studio Team\" <") || eml.contains("From: Nord Studio Team <"),
        "{eml}"
    );
    assert!(eml.contains("Reply-To: hello@nord.example"), "{eml}");

    // The PDFs carry the logo.
    let res = owner
        .get(&format!("/api/v1/clients/{}/statement.pdf", client.id))
        .await;
    assert_eq!(res.status(), 200);
    let pdf = res.bytes().await.unwrap();
    assert!(pdf_images(&pdf) >= 1, "the statement shows the logo");

    // Removing the logo: the old file is gone and the portal falls back to the name.
    let res = owner.delete("/api/v1/settings/branding/logo").await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        app.bare()
            .get(app.url(&logo_url))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let branding: Branding = app
        .bare()
        .get(app.url("/portal/api/branding"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(branding.logo_url.is_none());
    let res = owner
        .get(&format!("/api/v1/clients/{}/statement.pdf", client.id))
        .await;
    assert_eq!(pdf_images(&res.bytes().await.unwrap()), 0);
}

/// The raw message the file transport wrote for `to`.
async fn wait_for_eml(app: &TestApp, to: &str) -> String {
    for _ in 0..100 {
        let dir = app.mail_dir();
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten() {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                if text.contains(&format!("To: {to}")) {
                    return text;
                }
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no message to {to} was sent");
}

/// A client for `host` (sent as `Host`, on this test server's address) with that host's origin.
fn on_host(app: &TestApp, host: &str, origin: &str) -> reqwest::Client {
    let mut headers = HeaderMap::new();
    headers.insert("Host", HeaderValue::from_str(host).unwrap());
    headers.insert("Origin", HeaderValue::from_str(origin).unwrap());
    let _ = app;
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Signs `email` in with a request to `host` sent from `origin`: status, body and session cookie.
async fn sign_in_on(app: &TestApp, host: &str, origin: &str, email: &str) -> (u16, Value, String) {
    let login = json!({"email": email, "password": PASSWORD});
    let client = on_host(app, host, origin);
    let path = "/portal/api/auth/login";
    send(&client, app, reqwest::Method::POST, path, None, Some(login)).await
}

async fn send(
    client: &reqwest::Client,
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    cookie: Option<&str>,
    body: Option<Value>,
) -> (u16, Value, String) {
    let mut req = client.request(method, app.url(path));
    if let Some(cookie) = cookie {
        req = req.header("Cookie", cookie);
    }
    if let Some(body) = body {
        req = req.json(&body);
    }
    let res = req.send().await.unwrap();
    let cookie = res
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or_default()
        .to_owned();
    let (status, body) = status_of(res).await;
    (status, body, cookie)
}

#[actix_web::test]
async fn each_portal_domain_serves_only_its_own_organization() {
    // Served as a browser would reach it: the public URL's port is the server's own, so the
    // domain check (and every emailed link) reaches this server through `*.localhost`.
    let port = free_port();
    let app = TestApp::with(Options {
        env: vec![
            ("ATRIUM_BIND", format!("127.0.0.1:{port}")),
            ("ATRIUM_PUBLIC_URL", format!("http://localhost:{port}")),
        ],
    })
    .await;
    let (host_a, host_b) = (format!("a.localhost:{port}"), format!("b.localhost:{port}"));
    let (origin_a, origin_b) = (format!("http://{host_a}"), format!("http://{host_b}"));
    let public = format!("http://localhost:{port}");
    let a = app.org("alpha").await;
    let b = app.org("beta").await;
    let res = a
        .patch(
            "/api/v1/settings/branding",
            json!({"portal_domain": "localhost"}),
        )
        .await;
    assert_eq!(
        res.status(),
        422,
        "the instance's own host is nobody's portal domain"
    );
    let saved: BrandingSaved = a
        .patch_as(
            "/api/v1/settings/branding",
            json!({"portal_domain": "A.localhost"}),
        )
        .await;
    let domain = saved.settings.domain.expect("domain");
    assert_eq!(domain.domain, "a.localhost");
    assert!(domain.verified_at.is_none());
    assert_eq!(
        (
            domain.dns_record.kind.as_str(),
            domain.dns_record.value.as_str()
        ),
        ("CNAME", "localhost")
    );
    let res = b
        .patch(
            "/api/v1/settings/branding",
            json!({"portal_domain": "a.localhost"}),
        )
        .await;
    assert_eq!(res.status(), 409, "one domain, one organization");
    b.patch_as::<BrandingSaved>(
        "/api/v1/settings/branding",
        json!({"portal_domain": "nowhere.invalid"}),
    )
    .await;
    let (status, body) = status_of(b.post("/api/v1/settings/domain/verify", json!({})).await).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["code"], "domain_not_verified");
    b.patch_as::<BrandingSaved>(
        "/api/v1/settings/branding",
        json!({"portal_domain": "b.localhost"}),
    )
    .await;
    for org in [&a, &b] {
        let verified: BrandingSettings = org
            .post_as("/api/v1/settings/domain/verify", json!({}), 200)
            .await;
        assert!(verified.domain.unwrap().verified_at.is_some());
    }

    // Invitations link to the organization's own verified domain, and are accepted there.
    let client_a = app.client(&a, "Acme").await;
    let client_b = app.client(&b, "Bolt").await;
    for (staff, client, email) in [
        (&a, &client_a, "ana@acme.example"),
        (&b, &client_b, "bo@bolt.example"),
    ] {
        let res = staff
            .post(
                &format!("/api/v1/clients/{}/contacts", client.id),
                json!({"name": "Contact", "email": email, "invite": true}),
            )
            .await;
        assert_eq!(res.status(), 201);
    }
    let mail = app
        .outbox()
        .into_iter()
        .find(|m| m.to_addr == "ana@acme.example")
        .unwrap();
    assert!(
        mail.body_text
            .contains(&format!("{origin_a}/portal/invite#token=")),
        "{}",
        mail.body_text
    );
    let token_a = app.invitation_token("ana@acme.example");
    let token_b = app.invitation_token("bo@bolt.example");
    let accept = |token: &str| json!({"token": token, "name": "Contact", "password": PASSWORD});
    // With another origin (B's, or the instance's), a write on A's host is refused.
    for wrong in [&origin_b, &public] {
        let (status, _, _) = send(
            &on_host(&app, &host_a, wrong),
            &app,
            reqwest::Method::POST,
            "/portal/api/auth/invite/accept",
            None,
            Some(accept(&token_a)),
        )
        .await;
        assert_eq!(status, 403, "origin {wrong} on A's host");
    }
    let (status, _, _) = send(
        &on_host(&app, &host_a, &origin_a),
        &app,
        reqwest::Method::POST,
        "/portal/api/auth/invite/accept",
        None,
        Some(accept(&token_a)),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _, _) = send(
        &on_host(&app, &host_b, &origin_b),
        &app,
        reqwest::Method::POST,
        "/portal/api/auth/invite/accept",
        None,
        Some(accept(&token_b)),
    )
    .await;
    assert_eq!(status, 200);

    // Sign-in on each host with its own origin; refused with the other's.
    let (status, _, _) = sign_in_on(&app, &host_a, &origin_b, "ana@acme.example").await;
    assert_eq!(status, 403);
    let (status, me, cookie_a) = sign_in_on(&app, &host_a, &origin_a, "ana@acme.example").await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["branding"]["display_name"], "Org alpha");
    let (status, _, cookie_b) = sign_in_on(&app, &host_b, &origin_b, "bo@bolt.example").await;
    assert_eq!(status, 200);
    // A's contact can't sign in on B's host at all.
    let (status, _, _) = sign_in_on(&app, &host_b, &origin_b, "ana@acme.example").await;
    assert_eq!(status, 401);

    // A session is worthless on another organization's host: A's on B's, and B's on the
    // instance's own host (which serves the default organization, A).
    let (status, _, _) = send(
        &on_host(&app, &host_a, &origin_a),
        &app,
        reqwest::Method::GET,
        "/portal/api/me",
        Some(&cookie_a),
        None,
    )
    .await;
    assert_eq!(status, 200);
    for (host, origin, cookie) in [
        (&host_b, &origin_b, &cookie_a),
        (&format!("localhost:{port}"), &public, &cookie_b),
    ] {
        let (status, _, _) = send(
            &on_host(&app, host, origin),
            &app,
            reqwest::Method::GET,
            "/portal/api/me",
            Some(cookie),
            None,
        )
        .await;
        assert_eq!(status, 401, "another organization's cookie on {host}");
    }
    // Writes with a session: the host's own origin only.
    let read_all = json!({"all": true});
    let (status, body, _) = send(
        &on_host(&app, &host_a, &origin_a),
        &app,
        reqwest::Method::POST,
        "/portal/api/notifications/read",
        Some(&cookie_a),
        Some(read_all.clone()),
    )
    .await;
    assert!(status < 300, "{status} {body}");
    let (status, _, _) = send(
        &on_host(&app, &host_a, &origin_b),
        &app,
        reqwest::Method::POST,
        "/portal/api/notifications/read",
        Some(&cookie_a),
        Some(read_all.clone()),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _, _) = send(
        &on_host(&app, &host_b, &origin_b),
        &app,
        reqwest::Method::POST,
        "/portal/api/notifications/read",
        Some(&cookie_b),
        Some(read_all),
    )
    .await;
    assert!(status < 300);

    // Each host shows its own organization's branding.
    let (_, branding, _) = send(
        &on_host(&app, &host_b, &origin_b),
        &app,
        reqwest::Method::GET,
        "/portal/api/branding",
        None,
        None,
    )
    .await;
    assert_eq!(branding["display_name"], "Org beta");
}

#[actix_web::test]
async fn a_preview_shows_the_portal_read_only_and_is_audited() {
    let app = TestApp::new().await;
    let owner = app.org("prev").await;
    let other = app.org("other").await;
    let client = app.client(&owner, "Acme").await;
    let ana = app.contact(&owner, &client, "ana@acme.example").await;
    let ana_browser = app.sign_in("ana@acme.example").await;
    let before: Vec<Value> = ana_browser
        .get(app.url("/portal/api/sessions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    let path = format!("/api/v1/clients/{}/contacts/{}/preview", client.id, ana.id);
    assert_eq!(
        other.post(&path, json!({})).await.status(),
        404,
        "another organization's contact"
    );
    let link: PreviewLink = owner.post_as(&path, json!({}), 200).await;
    let token = link.url.split("#token=").nth(1).expect("token").to_owned();
    assert!(link
        .url
        .starts_with(&format!("{ORIGIN_URL}/portal/preview#token=")));

    let preview = app.browser();
    let (status, me) = crate::common::approvals::portal_post(
        &app,
        &preview,
        "/portal/api/auth/preview",
        json!({"token": token}),
    )
    .await;
    assert_eq!(status, 200, "{me}");
    let (status, _) = crate::common::approvals::portal_post(
        &app,
        &app.browser(),
        "/portal/api/auth/preview",
        json!({"token": token}),
    )
    .await;
    assert_eq!(status, 400, "a preview link works once");
    let me: Me = serde_json::from_value(me).unwrap();
    assert_eq!(me.contact.id, ana.id);
    assert!(me.preview.is_some());
    let (status, me) = portal_get(&app, &preview, "/portal/api/me").await;
    assert_eq!(status, 200);
    assert_eq!(me["preview"]["staff_name"], "Owner", "{me}");
    for page in [
        "/portal/api/dashboard",
        "/portal/api/projects",
        "/portal/api/approvals",
        "/portal/api/requests",
        "/portal/api/notifications",
    ] {
        let (status, body) = portal_get(&app, &preview, page).await;
        assert_eq!(status, 200, "{page}: {body}");
    }

    // Real writes with good bodies are refused with the reason, and change nothing.
    let writes = [
        (
            reqwest::Method::PATCH,
            "/portal/api/notifications/preferences",
            json!({"categories": []}),
        ),
        (
            reqwest::Method::POST,
            "/portal/api/requests",
            json!({"request_type": "support", "category": "bug", "title": "From a preview", "description": "Should not exist"}),
        ),
        (
            reqwest::Method::POST,
            "/portal/api/notifications/read",
            json!({"all": true}),
        ),
        (
            reqwest::Method::POST,
            "/portal/api/password",
            json!({"current_password": PASSWORD, "new_password": "a brand new passphrase 9"}),
        ),
        (reqwest::Method::DELETE, "/portal/api/sessions", json!({})),
    ];
    for (method, path, body) in writes {
        let (status, answer) = portal_send(&app, &preview, method.clone(), path, Some(body)).await;
        assert_eq!(status, 403, "{method} {path}: {answer}");
        assert!(
            answer["error"]["message"]
                .as_str()
                .unwrap()
                .contains("preview"),
            "{answer}"
        );
    }
    assert_eq!(app.count("requests"), 0);

    // Every documented portal write, whatever its body: never a success in a preview.
    let doc = contract::document();
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        if !path.starts_with("/portal/api/")
            || path.starts_with("/portal/api/auth/")
            || path.contains("unsubscribe")
        {
            continue;
        }
        for method in ["post", "put", "patch", "delete"] {
            if item.get(method).is_none() {
                continue;
            }
            let concrete = path
                .split('/')
                .map(|seg| {
                    if seg.starts_with('{') {
                        "00000000-0000-0000-0000-000000000000"
                    } else {
                        seg
                    }
                })
                .collect::<Vec<_>>()
                .join("/");
            let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let (status, body) =
                portal_send(&app, &preview, method.clone(), &concrete, Some(json!({}))).await;
            assert!(
                status >= 400 && status != 500,
                "{method} {concrete} answered {status}: {body}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} portal writes documented?");

    // Ana's own session still works and doesn't list the preview among her devices.
    let after: Vec<Value> = ana_browser
        .get(app.url("/portal/api/sessions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(after.len(), before.len());
    // Her password is unchanged.
    app.sign_in("ana@acme.example").await;

    // Audited: the organization's activity names who previewed whom.
    let activity: Value = owner.get_as("/api/v1/activity").await;
    let text = activity.to_string();
    assert!(
        text.contains("contact_previewed") && text.contains("previewed the portal as"),
        "{text}"
    );

    // Ending the preview is one click (sign out).
    let (status, _) = portal_send(
        &app,
        &preview,
        reqwest::Method::POST,
        "/portal/api/auth/logout",
        None,
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(portal_get(&app, &preview, "/portal/api/me").await.0, 401);

    // An invited contact who has not joined can be previewed before the link goes out.
    let res = owner
        .post(
            &format!("/api/v1/clients/{}/contacts", client.id),
            json!({"name": "New Person", "email": "new@acme.example", "invite": false}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let newbie: Value = res.json().await.unwrap();
    let link: PreviewLink = owner
        .post_as(
            &format!(
                "/api/v1/clients/{}/contacts/{}/preview",
                client.id,
                newbie["id"].as_str().unwrap()
            ),
            json!({}),
            200,
        )
        .await;
    let token = link.url.split("#token=").nth(1).unwrap().to_owned();
    let preview = app.browser();
    let (status, _) = crate::common::approvals::portal_post(
        &app,
        &preview,
        "/portal/api/auth/preview",
        json!({"token": token}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        portal_get(&app, &preview, "/portal/api/dashboard").await.0,
        200
    );
}
