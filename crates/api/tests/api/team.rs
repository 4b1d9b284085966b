//! The staff team: invitations that set a password, the role rules, deactivation that stops
//! tokens and API keys at once, a member's own profile, password and sessions, and password
//! resets that never tell whether an address has an account.

use crate::common::{cookie_of, Options, Staff, TestApp, ORIGIN_URL};
use crate::notifications::eventually;
use serde_json::{json, Value};
use shared_types::notifications::{NotificationCategory, NotificationPage};
use shared_types::team::{MemberStatus, SessionsEnded, StaffAccount};
use shared_types::StaffRole;

const NEW_PASSWORD: &str = "lantern orchard pebble 77";

/// Invites `body` (email, name, role, title); the member exists, without a password yet.
async fn invite(by: &Staff, body: Value) -> StaffAccount {
    let invited: StaffAccount = by.post_as("/api/v1/team", body, 201).await;
    assert_eq!(invited.status, MemberStatus::Invited);
    invited
}

/// Invites `email` as `role` and has them join with `NEW_PASSWORD`; returns their handle and
/// their refresh cookie.
async fn join(app: &TestApp, by: &Staff, email: &str, role: &str) -> (Staff, String) {
    let invited = invite(
        by,
        json!({"email": email, "name": "New Person", "role": role, "title": "Designer"}),
    )
    .await;
    let token = app.staff_token_in_mail(email, "/staff/join#token=");
    // Before joining, no password signs them in.
    let res = app
        .browser()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": email, "password": ""}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let res = app
        .browser()
        .post(app.url("/api/v1/auth/invitation"))
        .json(&json!({"token": token, "password": NEW_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = cookie_of(&res);
    let body: Value = res.json().await.unwrap();
    let access = body["access_token"].as_str().unwrap().to_owned();
    let again = app
        .browser()
        .post(app.url("/api/v1/auth/invitation"))
        .json(&json!({"token": token, "password": NEW_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 400, "an invitation works once");
    (app.staff_with_token(by, &invited.id, access), cookie)
}

async fn refresh(app: &TestApp, cookie: &str) -> u16 {
    app.bare()
        .post(app.url("/api/v1/auth/refresh"))
        .header("Origin", ORIGIN_URL)
        .header("Cookie", cookie)
        .header("Content-Type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[actix_web::test]
async fn invited_members_join_and_roles_follow_the_rules() {
    let app = TestApp::new().await;
    let owner = app.org("studio").await;
    let (member, _) = join(&app, &owner, "mia@studio.example", "member").await;
    let me: Value = member.get_as("/api/v1/auth/me").await;
    assert_eq!(me["role"], "member");
    assert_eq!(me["title"], "Designer");
    assert_eq!(
        member.get("/api/v1/team").await.status(),
        403,
        "members don't manage the team"
    );
    let res = member
        .post(
            "/api/v1/team",
            json!({"email": "x@studio.example", "name": "X", "role": "member"}),
        )
        .await;
    assert_eq!(res.status(), 403);

    let (admin, _) = join(&app, &owner, "ada@studio.example", "admin").await;
    let res = admin
        .post(
            "/api/v1/team",
            json!({"email": "o2@studio.example", "name": "O", "role": "owner"}),
        )
        .await;
    assert_eq!(res.status(), 403, "only an owner invites an owner");
    let res = admin
        .patch(
            &format!("/api/v1/team/{}", owner.id),
            json!({"active": false}),
        )
        .await;
    assert_eq!(res.status(), 403, "only an owner changes an owner");
    let res = owner
        .patch(
            &format!("/api/v1/team/{}", owner.id),
            json!({"role": "member"}),
        )
        .await;
    assert_eq!(res.status(), 403, "nobody changes their own role");
    let dup = owner
        .post(
            "/api/v1/team",
            json!({"email": "MIA@studio.example", "name": "Mia", "role": "member"}),
        )
        .await;
    assert_eq!(dup.status(), 409);
    let bad = owner
        .post(
            "/api/v1/team",
            json!({"email": "not-an-email", "name": "", "role": "member"}),
        )
        .await;
    assert_eq!(bad.status(), 422);

    // The admin promotes the member; PATCH changes only the role.
    let promoted: StaffAccount = admin
        .patch_as(
            &format!("/api/v1/team/{}", member.id),
            json!({"role": "admin"}),
        )
        .await;
    assert_eq!(promoted.role, StaffRole::Admin);
    assert_eq!(promoted.status, MemberStatus::Active);
    assert_eq!(promoted.title, "Designer");
    let team: Vec<StaffAccount> = owner.get_as("/api/v1/team").await;
    assert_eq!(team.len(), 3);

    // Re-sending: only while invited; the older link stops working.
    let pending = invite(
        &owner,
        json!({"email": "pat@studio.example", "name": "Pat", "role": "member"}),
    )
    .await;
    let first = app.staff_token_in_mail("pat@studio.example", "/staff/join#token=");
    let res = owner
        .post(
            &format!("/api/v1/team/{}/invitation", pending.id),
            json!({}),
        )
        .await;
    assert_eq!(res.status(), 202);
    let res = app
        .browser()
        .post(app.url("/api/v1/auth/invitation"))
        .json(&json!({"token": first, "password": NEW_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400, "the first link was replaced");
    let res = owner
        .post(&format!("/api/v1/team/{}/invitation", member.id), json!({}))
        .await;
    assert_eq!(res.status(), 409, "already joined");
    // Another organization's member is not found.
    let other = app.org("elsewhere").await;
    let res = other
        .patch(
            &format!("/api/v1/team/{}", member.id),
            json!({"active": false}),
        )
        .await;
    assert_eq!(res.status(), 404);
}

#[actix_web::test]
async fn deactivating_stops_tokens_and_api_keys_at_once() {
    let app = TestApp::new().await;
    let owner = app.org("studio").await;
    let (ada, cookie) = join(&app, &owner, "ada@studio.example", "admin").await;
    let key: Value = ada
        .post_as(
            "/api/v1/api-keys",
            json!({"name": "Zapier", "role": "member"}),
            201,
        )
        .await;
    let secret = key["secret"].as_str().unwrap().to_owned();
    let exchange = || {
        app.browser()
            .post(app.url("/api/v1/auth/token"))
            .json(&json!({"api_key": secret}))
            .send()
    };
    let res = exchange().await.unwrap();
    assert_eq!(res.status(), 200);
    let key_token = res.json::<Value>().await.unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let integration = app.staff_with_token(&owner, "key", key_token);
    assert_eq!(ada.get("/api/v1/clients").await.status(), 200);
    assert_eq!(integration.get("/api/v1/clients").await.status(), 200);

    let off: StaffAccount = owner
        .patch_as(
            &format!("/api/v1/team/{}", ada.id),
            json!({"active": false}),
        )
        .await;
    assert_eq!(off.status, MemberStatus::Deactivated);
    assert_eq!(
        ada.get("/api/v1/clients").await.status(),
        401,
        "her access token"
    );
    assert_eq!(refresh(&app, &cookie).await, 401, "her refresh token");
    assert_eq!(
        integration.get("/api/v1/clients").await.status(),
        401,
        "her key's token"
    );
    assert_eq!(exchange().await.unwrap().status(), 401, "her key");
    // She is told by email (she can no longer sign in to see a notification), and a reply
    // reaches whoever deactivated her.
    let mail = eventually("the deactivation email", || {
        app.outbox().into_iter().find(|m| {
            m.to_addr == "ada@studio.example"
                && m.subject == "Your access to Org studio on Atrium has ended"
        })
    })
    .await;
    assert!(
        mail.body_text
            .contains("Owner deactivated your staff account at Org studio")
            && mail
                .body_text
                .contains("API keys you created no longer work"),
        "{}",
        mail.body_text
    );
    assert_eq!(mail.reply_to.as_deref(), Some("owner@studio.example"));
    assert!(
        !mail.body_html.contains("<a href"),
        "no link she could no longer use: {}",
        mail.body_html
    );
    let res = app
        .browser()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "ada@studio.example", "password": NEW_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    // Still listed (her past actions stay hers), and she can come back.
    let team: Vec<StaffAccount> = owner.get_as("/api/v1/team").await;
    assert!(team
        .iter()
        .any(|m| m.id == ada.id && m.status == MemberStatus::Deactivated));
    let back: StaffAccount = owner
        .patch_as(&format!("/api/v1/team/{}", ada.id), json!({"active": true}))
        .await;
    assert_eq!(back.status, MemberStatus::Active);
    app.staff_token("ada@studio.example", NEW_PASSWORD).await;

    // An invitation withdrawn before anyone accepted it just stops working: no email.
    let invited = invite(
        &owner,
        json!({"email": "bo@studio.example", "name": "Bo", "role": "member"}),
    )
    .await;
    let _: StaffAccount = owner
        .patch_as(
            &format!("/api/v1/team/{}", invited.id),
            json!({"active": false}),
        )
        .await;
    let to_bo: Vec<String> = app
        .outbox()
        .into_iter()
        .filter(|m| m.to_addr == "bo@studio.example")
        .map(|m| m.subject)
        .collect();
    assert_eq!(to_bo, ["Join the Org studio team on Atrium"]);
}

#[actix_web::test]
async fn own_account_and_password_resets() {
    let app = TestApp::new().await;
    let owner = app.org("studio").await;
    let (mia, mia_cookie) = join(&app, &owner, "mia@studio.example", "member").await;

    // Profile: only what is sent changes.
    let me: StaffAccount = mia
        .patch_as("/api/v1/auth/me", json!({"phone": "+44 20 7946 0000"}))
        .await;
    assert_eq!(
        (me.name.as_str(), me.title.as_str()),
        ("New Person", "Designer")
    );
    let me: StaffAccount = mia
        .patch_as("/api/v1/auth/me", json!({"title": "Art director"}))
        .await;
    assert_eq!(me.phone.as_deref(), Some("+44 20 7946 0000"));
    assert_eq!(
        mia.patch("/api/v1/auth/me", json!({"name": " "}))
            .await
            .status(),
        422
    );

    // Signing out the other sessions keeps this one.
    let second = app.staff_token("mia@studio.example", NEW_PASSWORD).await;
    let res = app
        .browser()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "mia@studio.example", "password": NEW_PASSWORD}))
        .send()
        .await
        .unwrap();
    let other_cookie = cookie_of(&res);
    let ended: SessionsEnded = mia
        .http
        .post(app.url("/api/v1/auth/sessions/revoke-others"))
        .bearer_auth(&second)
        .header("Cookie", &mia_cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(ended.ended >= 2, "{ended:?}");
    assert_eq!(refresh(&app, &other_cookie).await, 401);
    assert_eq!(
        refresh(&app, &mia_cookie).await,
        200,
        "the asking session stays"
    );

    // Password change: the current one is checked, weak ones refused.
    let res = mia
        .post(
            "/api/v1/auth/password",
            json!({"current_password": "wrong", "new_password": "meadow quartz violin 19"}),
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = mia
        .post(
            "/api/v1/auth/password",
            json!({"current_password": NEW_PASSWORD, "new_password": "password"}),
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = mia
        .post(
            "/api/v1/auth/password",
            json!({"current_password": NEW_PASSWORD, "new_password": "meadow quartz violin 19"}),
        )
        .await;
    assert_eq!(res.status(), 204);
    app.staff_token("mia@studio.example", "meadow quartz violin 19")
        .await;

    // Reset: the same answer for an unknown address, an email only for the member.
    let ask = |email: &'static str| {
        app.browser()
            .post(app.url("/api/v1/auth/password-reset"))
            .json(&json!({"email": email}))
            .send()
    };
    let before = app.outbox().len();
    assert_eq!(ask("nobody@studio.example").await.unwrap().status(), 202);
    assert_eq!(
        app.outbox().len(),
        before,
        "no email for an unknown address"
    );
    assert_eq!(ask("mia@studio.example").await.unwrap().status(), 202);
    let token = app.staff_token_in_mail("mia@studio.example", "/staff/reset-password#token=");
    let res = app
        .browser()
        .post(app.url("/api/v1/auth/password-reset/confirm"))
        .json(&json!({"token": token, "password": "harvest copper lagoon 31"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        refresh(&app, &mia_cookie).await,
        401,
        "a reset ends every other session"
    );
    let old = app
        .browser()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "mia@studio.example", "password": "meadow quartz violin 19"}))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 401);
    app.staff_token("mia@studio.example", "harvest copper lagoon 31")
        .await;
    // The invitation token can't reset, and a reset token can't be used twice.
    let res = app
        .browser()
        .post(app.url("/api/v1/auth/password-reset/confirm"))
        .json(&json!({"token": token, "password": "harvest copper lagoon 31"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);

    // Rate limited per address, for known and unknown addresses alike.
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(
            ask("nobody@studio.example")
                .await
                .unwrap()
                .status()
                .as_u16(),
        );
    }
    assert!(statuses.contains(&429), "{statuses:?}");
}

#[actix_web::test]
async fn a_member_is_told_when_someone_else_changes_their_role() {
    let app = TestApp::with(Options {
        env: vec![("ATRIUM_NOTIFY_BATCH_SECS", "0".into())],
    })
    .await;
    let owner = app.org("studio").await;
    let (lee, _) = join(&app, &owner, "lee@studio.example", "member").await;
    let _: StaffAccount = owner
        .patch_as(
            &format!("/api/v1/team/{}", lee.id),
            json!({"role": "admin"}),
        )
        .await;

    // By email: the change ended their sessions, so the email says why and what to do.
    let mail = eventually("the role email", || {
        app.outbox()
            .into_iter()
            .find(|m| m.to_addr == "lee@studio.example" && m.subject == "Your role is now Admin")
    })
    .await;
    assert!(
        mail.body_text.contains("Sign in again"),
        "{}",
        mail.body_text
    );
    assert!(
        mail.body_text.contains("/staff/account"),
        "{}",
        mail.body_text
    );

    // In the app, once signed in again.
    let token = app.staff_token("lee@studio.example", NEW_PASSWORD).await;
    let lee = app.staff_with_token(&owner, &lee.id, token);
    let page: NotificationPage = lee.get_as("/api/v1/notifications").await;
    let told = page
        .items
        .iter()
        .find(|n| n.category == NotificationCategory::Account)
        .expect("an account notification");
    assert_eq!(told.title, "Your role is now Admin");
    assert_eq!(told.link, "/staff/account");
    assert!(told.body.contains("manage the team"), "{}", told.body);

    // The owner who made the change is not told about it.
    let page: NotificationPage = owner.get_as("/api/v1/notifications").await;
    assert!(page
        .items
        .iter()
        .all(|n| n.category != NotificationCategory::Account));
}
