//! Invoices: numbers without gaps under concurrency, exact totals, payments that can never
//! overpay, sent invoices that are never edited, aging on fixed dates, and a portal that never
//! shows drafts, other clients' invoices, or anything without `can_view_invoices`.

use crate::common::{self, Options, Staff, TestApp};
use chrono::TimeDelta;
use serde_json::{json, Value};
use shared_types::invoices::{Invoice, InvoiceList};
use shared_types::money::{self, Discount};
use shared_types::staff::{Client, PermissionOverrides};
use std::time::{Duration, Instant};

/// An organization with a client (Ana sees invoices, Ben does not) and another client (Cy).
pub(crate) struct World {
    pub(crate) app: TestApp,
    pub(crate) owner: Staff,
    pub(crate) client: Client,
    pub(crate) other: Client,
}

async fn world() -> World {
    world_for("Blue Peak").await
}

pub(crate) async fn world_for(client_name: &str) -> World {
    let app = TestApp::with(Options {
        env: vec![("ATRIUM_NOTIFY_BATCH_SECS", "0".into())],
    })
    .await;
    let owner = app.org("lumen").await;
    let client = app.client(&owner, client_name).await;
    let no_invoices = PermissionOverrides {
        can_view_invoices: Some(false),
        ..Default::default()
    };
    let other = app.cast(&owner, &client, no_invoices).await;
    World {
        app,
        owner,
        client,
        other,
    }
}

fn draft(client: &Client) -> Value {
    json!({
        "client_id": client.id,
        "currency": "EUR",
        "lines": [
            {"description": "Logo design", "quantity_milli": 1000, "unit_price": 150000},
            {"description": "Revisions (hours)", "quantity_milli": 2500, "unit_price": 8000},
        ],
        "discount": {"kind": "percent", "basis_points": 1000},
        "taxes": [{"name": "VAT", "basis_points": 2000}],
    })
}

/// Creates the invoice and sends it.
pub(crate) async fn send(owner: &Staff, body: Value) -> Invoice {
    let created: Invoice = owner.post_as("/api/v1/invoices", body, 201).await;
    owner
        .post_as(
            &format!("/api/v1/invoices/{}/send", created.summary.id),
            json!({}),
            200,
        )
        .await
}

#[actix_web::test]
async fn totals_are_exact_and_a_sent_invoice_is_never_edited() {
    let w = world().await;
    let created: Invoice = w
        .owner
        .post_as("/api/v1/invoices", draft(&w.client), 201)
        .await;
    let expected = money::totals(
        &[(1000, 150_000), (2500, 8000)],
        Some(Discount::Percent { basis_points: 1000 }),
        &[2000],
        &[],
    );
    assert_eq!(created.totals, expected);
    assert_eq!(created.totals.subtotal, 170_000);
    assert_eq!(created.totals.discount, 17_000);
    assert_eq!(created.totals.tax, 30_600);
    assert_eq!(created.totals.total, 183_600);
    assert_eq!(created.lines[1].amount, 20_000);
    assert_eq!(created.summary.status.as_str(), "draft");
    assert!(created.summary.number.starts_with("INV-"));
    let path = format!("/api/v1/invoices/{}", created.summary.id);
    // A draft changes only what is sent.
    let changed: Invoice = w
        .owner
        .patch_as(&path, json!({"discount": null, "notes": "Thank you!"}))
        .await;
    assert_eq!(changed.lines.len(), 2, "the lines stay");
    assert_eq!(changed.totals.total, 170_000 + 34_000);
    assert_eq!(changed.notes, "Thank you!");
    let (status, body) = common::status_of(
        w.owner
            .patch(&path, json!({"payment_url": "http://pay.example/x"}))
            .await,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let _: Invoice = w
        .owner
        .post_as(&format!("{path}/send"), json!({}), 200)
        .await;
    let (status, body) = common::status_of(w.owner.patch(&path, json!({"notes": "x"})).await).await;
    assert_eq!(status, 409);
    assert_eq!(body["error"]["code"], "invoice_locked");
}

#[actix_web::test]
async fn fifty_invoices_made_at_once_get_fifty_consecutive_numbers() {
    let w = world().await;
    let body = draft(&w.client);
    let calls = (0..50).map(|_| w.owner.post("/api/v1/invoices", body.clone()));
    let answers = futures_util::future::join_all(calls).await;
    let mut numbers = Vec::new();
    for res in answers {
        assert_eq!(res.status(), 201);
        let v: Value = res.json().await.unwrap();
        let n: i64 = v["number"].as_str().unwrap()["INV-".len()..]
            .parse()
            .unwrap();
        numbers.push(n);
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=50).collect::<Vec<i64>>());
}

#[actix_web::test]
async fn payments_at_once_can_never_overpay() {
    let w = world().await;
    let invoice = send(
        &w.owner,
        json!({"client_id": w.client.id, "lines": [
            {"description": "Retainer", "quantity_milli": 1000, "unit_price": 10_000}]}),
    )
    .await;
    let path = format!("/api/v1/invoices/{}/payments", invoice.summary.id);
    let pay = json!({"amount": 3000, "paid_on": "2026-12-01", "method": "bank transfer"});
    let calls = (0..10).map(|_| w.owner.post(&path, pay.clone()));
    let statuses: Vec<u16> = futures_util::future::join_all(calls)
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        3,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 201 || *s == 422),
        "{statuses:?}"
    );
    let after: Invoice = w
        .owner
        .get_as(&format!("/api/v1/invoices/{}", invoice.summary.id))
        .await;
    assert_eq!(after.totals.paid, 9000);
    assert_eq!(after.summary.balance, 1000);
    assert_eq!(after.summary.status.as_str(), "partially_paid");
    let last: Invoice = w
        .owner
        .post_as(&path, json!({"amount": 1000, "paid_on": "2026-12-02"}), 201)
        .await;
    assert_eq!(last.summary.status.as_str(), "paid");
    // Nothing more, not on a draft, and not voiding what was paid.
    let (status, _) = common::status_of(w.owner.post(&path, pay.clone()).await).await;
    assert_eq!(status, 409);
    let draft_inv: Invoice = w
        .owner
        .post_as("/api/v1/invoices", draft(&w.client), 201)
        .await;
    let (status, _) = common::status_of(
        w.owner
            .post(
                &format!("/api/v1/invoices/{}/payments", draft_inv.summary.id),
                pay,
            )
            .await,
    )
    .await;
    assert_eq!(status, 409, "no payment on a draft");
    let (status, _) = common::status_of(
        w.owner
            .post(
                &format!("/api/v1/invoices/{}/void", invoice.summary.id),
                json!({"reason": "Mistake"}),
            )
            .await,
    )
    .await;
    assert_eq!(status, 409, "a paid invoice is not voided");
}

#[actix_web::test]
async fn the_portal_shows_sent_invoices_only_to_whom_it_may_and_ages_them() {
    let w = world().await;
    let app = &w.app;
    let today = app.clock.now().date();
    let mut late = draft(&w.client);
    late["issue_date"] = json!((today - TimeDelta::days(75)).to_string());
    late["due_date"] = json!((today - TimeDelta::days(45)).to_string());
    late["payment_url"] = json!("https://pay.example/inv/1");
    let overdue = send(&w.owner, late).await;
    let hidden: Invoice = w
        .owner
        .post_as("/api/v1/invoices", draft(&w.client), 201)
        .await;
    let theirs = send(&w.owner, draft(&w.other)).await;

    let ana = app.portal_contact("ana@bp.example").await;
    let list: InvoiceList = ana.get_as("/portal/api/invoices").await;
    assert_eq!(list.items.len(), 1, "no drafts, no other client's");
    let item = &list.items[0];
    assert_eq!(item.id, overdue.summary.id);
    assert_eq!(item.days_overdue, 45);
    assert_eq!(item.bucket.as_str(), "sixty_days");
    assert_eq!(list.totals[0].currency, "EUR");
    assert_eq!(list.totals[0].balance, overdue.summary.balance);
    let in_bucket = list.totals[0]
        .buckets
        .iter()
        .find(|b| b.bucket.as_str() == "sixty_days")
        .unwrap();
    assert_eq!(in_bucket.amount, overdue.summary.balance);
    let one: Invoice = ana
        .get_as(&format!("/portal/api/invoices/{}", overdue.summary.id))
        .await;
    assert_eq!(
        one.payment_url.as_deref(),
        Some("https://pay.example/inv/1")
    );
    for id in [&hidden.summary.id, &theirs.summary.id] {
        assert_eq!(
            ana.get(&format!("/portal/api/invoices/{id}"))
                .await
                .status(),
            404
        );
    }
    // Without the permission: 403 everywhere, and nothing in the feed.
    let ben = app.portal_contact("ben@bp.example").await;
    assert_eq!(ben.get("/portal/api/invoices").await.status(), 403);
    assert_eq!(
        ben.get(&format!("/portal/api/invoices/{}", overdue.summary.id))
            .await
            .status(),
        403
    );
    let feed: Value = ben.get_as("/portal/api/activity").await;
    assert!(!feed.to_string().contains("INV-"), "{feed}");
    let dash: Value = ben.get_as("/portal/api/dashboard").await;
    assert!(dash["counters"]["outstanding_invoices"].is_null());
    let dash: Value = ana.get_as("/portal/api/dashboard").await;
    assert_eq!(dash["counters"]["outstanding_invoices"], 1);
    // Another organization's staff: not found.
    let stranger = app.org("elsewhere").await;
    assert_eq!(
        stranger
            .get(&format!("/api/v1/invoices/{}", overdue.summary.id))
            .await
            .status(),
        404
    );

    // The email went to Ana (with a link to the invoice and the payment link), not to Ben.
    let start = Instant::now();
    let mail = loop {
        let found = app
            .outbox()
            .into_iter()
            .find(|m| m.to_addr == "ana@bp.example" && m.body_text.contains("/portal/invoices/"));
        if let Some(m) = found {
            break m;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no invoice email"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        mail.body_text.contains("https://pay.example/inv/1"),
        "{}",
        mail.body_text
    );
    assert!(app
        .outbox()
        .iter()
        .all(|m| m.to_addr != "ben@bp.example" || !m.body_text.contains("/portal/invoices/")));
    // Staff lists filter by bucket and add up per currency.
    let late_only: InvoiceList = w.owner.get_as("/api/v1/invoices?bucket=sixty_days").await;
    assert_eq!(late_only.items.len(), 1);
    let drafts: InvoiceList = w.owner.get_as("/api/v1/invoices?status=draft").await;
    assert_eq!(drafts.items.len(), 1);
}

#[actix_web::test]
async fn a_duplicate_is_a_fresh_draft_and_aging_adds_up_per_client() {
    let w = world().await;
    let today = w.app.clock.now().date();
    let mut late = draft(&w.client);
    late["issue_date"] = json!((today - TimeDelta::days(40)).to_string());
    late["due_date"] = json!((today - TimeDelta::days(10)).to_string());
    let a = send(&w.owner, late).await;
    let b = send(&w.owner, draft(&w.other)).await;
    let copy: Invoice = w
        .owner
        .post_as(
            &format!("/api/v1/invoices/{}/duplicate", a.summary.id),
            json!({}),
            201,
        )
        .await;
    assert_eq!(copy.summary.status.as_str(), "draft");
    assert_ne!(copy.summary.number, a.summary.number);
    assert_eq!(copy.totals.total, a.totals.total);
    assert_eq!(copy.summary.issue_date, today);
    assert_eq!(copy.summary.due_date, today + TimeDelta::days(30));
    let report: Value = w.owner.get_as("/api/v1/invoices/aging").await;
    assert_eq!(report["clients"].as_array().unwrap().len(), 2);
    let org = &report["organization"][0];
    assert_eq!(org["balance"], a.summary.balance + b.summary.balance);
    let thirty = org["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["bucket"] == "thirty_days")
        .unwrap();
    assert_eq!(thirty["amount"], a.summary.balance);
    let one: Value = w
        .owner
        .get_as(&format!("/api/v1/invoices/aging?client={}", w.other.id))
        .await;
    assert_eq!(one["clients"][0]["client_name"], "Other Co");
}
