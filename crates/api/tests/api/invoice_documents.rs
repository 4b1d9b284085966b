//! Invoice and statement PDFs (read back with poppler's `pdftotext`, drawn with `pdftoppm`), who
//! may fetch them, and the overdue reminders.

use crate::common;
use crate::invoices::{send, world_for, World};
use chrono::TimeDelta;
use serde_json::{json, Value};
use shared_types::invoices::Invoice;
use shared_types::money;
use shared_types::staff::Client;
use std::process::Command;
use std::time::{Duration, Instant};

/// Sixty lines (enough for a second page), due `due_days_ago` days ago, with a payment link.
fn long_invoice(w: &World, client: &Client, due_days_ago: i64) -> Value {
    let today = w.app.clock.now().date();
    let mut lines = vec![json!({
        "description": "Brand book for 株式会社 Zoë Ångström, with a description long enough that it has to wrap onto a second line in its column",
        "quantity_milli": 1500,
        "unit_price": 99_999,
    })];
    for n in 2..=60 {
        lines.push(json!({"description": format!("Line item {n}"), "quantity_milli": 1000, "unit_price": 1_001 * n}));
    }
    json!({
        "client_id": client.id,
        "currency": "EUR",
        "issue_date": (today - TimeDelta::days(due_days_ago + 30)).to_string(),
        "due_date": (today - TimeDelta::days(due_days_ago)).to_string(),
        "lines": lines,
        "discount": {"kind": "percent", "basis_points": 1000},
        "taxes": [{"name": "VAT", "basis_points": 2000}],
        "payment_url": "https://pay.example/inv/42",
    })
}

/// The PDF's text, laid out as on the page; panics unless `res` is a PDF download.
async fn pdf_text(res: reqwest::Response, filename: &str) -> (String, u32, Vec<u8>) {
    assert_eq!(res.status(), 200);
    assert_eq!(common::header(&res, "content-type"), "application/pdf");
    assert_eq!(
        common::header(&res, "content-disposition"),
        format!("attachment; filename=\"{filename}\"")
    );
    let bytes = res.bytes().await.expect("pdf body").to_vec();
    assert!(bytes.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, &bytes).expect("write pdf");
    let text = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup.sh)");
    assert!(text.status.success());
    let info = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count");
    (String::from_utf8(text.stdout).expect("utf-8"), pages, bytes)
}

#[actix_web::test]
async fn an_invoice_pdf_prints_every_line_and_total_in_any_script() {
    let w = world_for("株式会社 Zoë Ångström").await;
    let project = w.app.project(&w.owner, &w.client, "Rebrand 2027").await;
    let mut body = long_invoice(&w, &w.client, 12);
    body["project_id"] = json!(project.id);
    let inv = send(&w.owner, body).await;
    assert_eq!(inv.project_id.as_deref(), Some(project.id.as_str()));
    let id = &inv.summary.id;
    let paid = 10_000;
    w.owner
        .post(
            &format!("/api/v1/invoices/{id}/payments"),
            json!({"amount": paid, "paid_on": w.app.clock.now().date().to_string(), "method": "Bank transfer", "reference": "REF-7781"}),
        )
        .await;
    let inv: Invoice = w.owner.get_as(&format!("/api/v1/invoices/{id}")).await;
    let ana = w.app.portal_contact("ana@bp.example").await;
    let filename = format!("invoice-{}.pdf", inv.summary.number);
    let (text, pages, bytes) = pdf_text(
        ana.get(&format!("/portal/api/invoices/{id}/pdf")).await,
        &filename,
    )
    .await;
    assert!(pages >= 2, "60 lines take more than one page: {pages}");
    for needle in [
        "INVOICE",
        inv.summary.number.as_str(),
        "株式会社 Zoë Ångström",
        "Line item 2",
        "Line item 37",
        "Line item 60",
        "Balance due",
        "12 days past the due date (1–30 days overdue)",
        "REF-7781",
        "Bank transfer",
        "https://pay.example/inv/42",
        "Project: Rebrand 2027",
        "VAT (20%)",
        "Discount (10%)",
        &format!("Page 2 of {pages}"),
        &format!("{} · 株式会社 Zoë Ångström (continued)", inv.summary.number),
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    let t = &inv.totals;
    for amount in [t.subtotal, t.total, t.balance, paid] {
        let printed = money::format(amount, "EUR");
        assert!(text.contains(&printed), "{printed} missing from:\n{text}");
    }
    assert_eq!(t.balance, t.total - paid);
    // The fonts are subset, not embedded whole.
    assert!(bytes.len() < 400_000, "{} bytes", bytes.len());

    // It draws: the first page as an image.
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("inv.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    let out = Command::new("pdftoppm")
        .args(["-png", "-r", "40", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(dir.path().join("page"))
        .output()
        .expect("pdftoppm");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "png"))
        .expect("a page image");
    assert!(png.metadata().unwrap().len() > 2_000);

    // The staff see the same invoice, and a draft prints as a draft.
    let (staff_text, _, _) = pdf_text(
        w.owner.get(&format!("/api/v1/invoices/{id}/pdf")).await,
        &filename,
    )
    .await;
    assert!(staff_text.contains("Line item 60"));
    let draft: Invoice = w
        .owner
        .post_as("/api/v1/invoices", long_invoice(&w, &w.client, 0), 201)
        .await;
    let draft_pdf = w
        .owner
        .get(&format!("/api/v1/invoices/{}/pdf", draft.summary.id))
        .await;
    let (draft_text, _, _) =
        pdf_text(draft_pdf, &format!("invoice-{}.pdf", draft.summary.number)).await;
    assert!(draft_text.contains("DRAFT INVOICE"));
    assert!(!draft_text.contains("past the due date"));

    // A draft's project: another client's is refused, "" unlinks, absent leaves it alone.
    let theirs = w.app.project(&w.owner, &w.other, "Not yours").await;
    let path = format!("/api/v1/invoices/{}", draft.summary.id);
    assert_eq!(
        w.owner
            .patch(&path, json!({"project_id": theirs.id}))
            .await
            .status(),
        422
    );
    let linked: Invoice = w
        .owner
        .patch_as(&path, json!({"project_id": project.id}))
        .await;
    assert_eq!(linked.project_id.as_deref(), Some(project.id.as_str()));
    let kept: Invoice = w.owner.patch_as(&path, json!({"notes": "Thanks!"})).await;
    assert_eq!(kept.project_id.as_deref(), Some(project.id.as_str()));
    let unlinked: Invoice = w.owner.patch_as(&path, json!({"project_id": ""})).await;
    assert_eq!(unlinked.project_id, None);
}

#[actix_web::test]
async fn pdfs_reach_only_whom_they_may() {
    let w = world_for("株式会社 Zoë Ångström").await;
    let app = &w.app;
    let mine = send(&w.owner, long_invoice(&w, &w.client, 40)).await;
    let draft: Invoice = w
        .owner
        .post_as("/api/v1/invoices", long_invoice(&w, &w.client, 0), 201)
        .await;
    let theirs = send(&w.owner, long_invoice(&w, &w.other, 3)).await;
    let ana = app.portal_contact("ana@bp.example").await;
    for id in [&draft.summary.id, &theirs.summary.id] {
        let res = ana.get(&format!("/portal/api/invoices/{id}/pdf")).await;
        assert_eq!(res.status(), 404, "a draft or another client's invoice");
    }
    let ben = app.portal_contact("ben@bp.example").await;
    for path in [
        format!("/portal/api/invoices/{}/pdf", mine.summary.id),
        "/portal/api/invoices/statement.pdf".to_owned(),
    ] {
        assert_eq!(ben.get(&path).await.status(), 403, "{path}");
    }
    assert_eq!(
        app.bare()
            .get(app.url(&format!("/portal/api/invoices/{}/pdf", mine.summary.id)))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let stranger = app.org("elsewhere").await;
    for path in [
        format!("/api/v1/invoices/{}/pdf", mine.summary.id),
        format!("/api/v1/clients/{}/statement.pdf", w.client.id),
    ] {
        assert_eq!(stranger.get(&path).await.status(), 404, "{path}");
    }

    // The statement: only this client's open invoices, aged, with the totals per bucket.
    let today = app.clock.now().date();
    let name = format!("statement-{today}.pdf");
    let (text, _, _) = pdf_text(ana.get("/portal/api/invoices/statement.pdf").await, &name).await;
    assert!(text.contains("STATEMENT"));
    assert!(text.contains("株式会社 Zoë Ångström"));
    assert!(text.contains(&mine.summary.number), "{text}");
    assert!(text.contains("40 days"), "{text}");
    assert!(!text.contains(&theirs.summary.number), "{text}");
    assert!(!text.contains(&draft.summary.number), "{text}");
    let outstanding = money::format(mine.summary.balance, "EUR");
    let line = text
        .lines()
        .find(|l| l.contains("Total outstanding"))
        .expect("a total line");
    assert!(line.contains(&outstanding), "{line}");
    let bucket = text
        .lines()
        .find(|l| l.contains("31–60 days overdue"))
        .expect("a bucket line");
    assert!(bucket.contains(&outstanding), "{bucket}");
    let (staff_text, _, _) = pdf_text(
        w.owner
            .get(&format!("/api/v1/clients/{}/statement.pdf", w.client.id))
            .await,
        &name,
    )
    .await;
    assert!(staff_text.contains(&mine.summary.number));
}

#[actix_web::test]
async fn an_overdue_invoice_is_told_once_per_aging_bucket() {
    let w = world_for("株式会社 Zoë Ångström").await;
    let app = &w.app;
    let inv = send(&w.owner, long_invoice(&w, &w.client, 0)).await;
    let now = app.clock.now();
    let none = app
        .conn(|c| atrium::notifier::overdue_invoices(c, now))
        .unwrap();
    assert_eq!(none, 0, "due today is not overdue yet");
    app.clock.advance(TimeDelta::days(1));
    let tomorrow = app.clock.now();
    let recorded = app
        .conn(|c| atrium::notifier::overdue_invoices(c, tomorrow))
        .unwrap();
    assert_eq!(recorded, 1);
    let again = app
        .conn(|c| atrium::notifier::overdue_invoices(c, tomorrow))
        .unwrap();
    assert_eq!(again, 0, "once per bucket");
    let link = format!("/portal/invoices/{}", inv.summary.id);
    let overdue_mail = |to: &str| {
        app.outbox()
            .into_iter()
            .filter(|m| m.to_addr == to && m.body_text.contains("is overdue"))
            .collect::<Vec<_>>()
    };
    let wait_for = |n: usize| {
        let overdue_mail = &overdue_mail;
        async move {
            let start = Instant::now();
            while overdue_mail("ana@bp.example").len() < n {
                assert!(
                    start.elapsed() < Duration::from_secs(20),
                    "overdue emails: {:?}",
                    app.outbox().iter().map(|m| &m.subject).collect::<Vec<_>>()
                );
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    };
    wait_for(1).await;
    app.clock.advance(TimeDelta::days(30));
    let later = app.clock.now();
    let next = app
        .conn(|c| atrium::notifier::overdue_invoices(c, later))
        .unwrap();
    assert_eq!(next, 1, "31 days: the next bucket");
    wait_for(2).await;
    let mail = &overdue_mail("ana@bp.example")[0];
    assert!(mail.body_text.contains(&link), "{}", mail.body_text);
    assert!(mail.body_text.contains("https://pay.example/inv/42"));
    assert!(
        overdue_mail("ben@bp.example").is_empty(),
        "no invoices for Ben"
    );
    let staff: Value = w.owner.get_as("/api/v1/notifications").await;
    assert!(
        staff
            .to_string()
            .contains(&format!("/staff/invoices/{}", inv.summary.id)),
        "{staff}"
    );
    // Paid in full: no more reminders.
    w.owner
        .post(
            &format!("/api/v1/invoices/{}/payments", inv.summary.id),
            json!({"amount": inv.summary.balance, "paid_on": later.date().to_string()}),
        )
        .await;
    app.clock.advance(TimeDelta::days(40));
    let much_later = app.clock.now();
    let after_paid = app
        .conn(|c| atrium::notifier::overdue_invoices(c, much_later))
        .unwrap();
    assert_eq!(after_paid, 0);
}
