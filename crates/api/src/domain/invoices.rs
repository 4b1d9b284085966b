//! The invoice workflow: drafts (validated, numbered without gaps), sending, payments (never more
//! than the balance, never on a draft or void invoice), voiding; totals always recomputed from
//! the lines, discount, taxes and payments by `shared_types::money`; every change recorded.

use super::events::{self, NewEvent};
use super::Actor;
use crate::db::invoices::{self, InvoiceRow, LineRow, PaymentRow, TaxRow};
use crate::db::{clients, new_id, projects, DbConn};
use crate::error::{ApiError, ApiResult, Fields, OrField};
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use diesel::OptionalExtension;
use shared_types::invoices::{
    days_overdue, AgingBucket, Invoice, InvoiceDraft, InvoiceLine, InvoiceStatus, InvoiceSummary,
    Payment, PaymentCreate, TaxRate, LINES_MAX, TAXES_MAX,
};
use shared_types::money::{self, Discount};
use shared_types::{ErrorCode, EventKind};

/// Largest quantity (1,000,000 units) and unit price (10,000,000,000 minor units).
const QUANTITY_MAX: i64 = 1_000_000_000;
const PRICE_MAX: i64 = 10_000_000_000;

fn utc(at: NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(at, Utc)
}

/// `INV-0042`.
pub fn number_text(n: i64) -> String {
    format!("INV-{n:04}")
}

fn discount_of(row: &InvoiceRow) -> Option<Discount> {
    match (row.discount_kind.as_deref(), row.discount_value) {
        (Some("percent"), Some(basis_points)) => Some(Discount::Percent { basis_points }),
        (Some("fixed"), Some(amount)) => Some(Discount::Fixed { amount }),
        _ => None,
    }
}

/// A stored line as the wire shows it (and as a draft sends it back).
fn wire_line(l: LineRow) -> InvoiceLine {
    InvoiceLine {
        description: l.description,
        quantity_milli: l.quantity_milli,
        unit_price: l.unit_price,
        amount: l.amount,
    }
}

fn wire_tax(t: TaxRow) -> TaxRate {
    TaxRate {
        name: t.name,
        basis_points: t.basis_points,
        amount: t.amount,
    }
}

fn check_lines(lines: &[InvoiceLine], fields: &mut Fields) {
    if lines.len() > LINES_MAX {
        fields.check("lines", Err("Use at most 200 lines."));
    }
    for l in lines {
        let d = l.description.trim();
        if d.is_empty() || d.chars().count() > 500 {
            fields.check(
                "lines",
                Err("Give every line a description (up to 500 characters)."),
            );
        }
        if !(1..=QUANTITY_MAX).contains(&l.quantity_milli) {
            fields.check("lines", Err("Quantities run from 0.001 to 1,000,000."));
        }
        if !(0..=PRICE_MAX).contains(&l.unit_price) {
            fields.check(
                "lines",
                Err("Unit prices can't be negative or above 100,000,000."),
            );
        }
    }
}

fn check_taxes(taxes: &[TaxRate], fields: &mut Fields) {
    if taxes.len() > TAXES_MAX {
        fields.check("taxes", Err("Use at most 5 tax rates."));
    }
    for t in taxes {
        if t.name.trim().is_empty() || t.name.chars().count() > 60 {
            fields.check(
                "taxes",
                Err("Name every tax (up to 60 characters), like “VAT”."),
            );
        }
        if !(0..=10_000).contains(&t.basis_points) {
            fields.check("taxes", Err("Tax rates run from 0% to 100%."));
        }
    }
}

fn check_discount(discount: Option<Discount>, fields: &mut Fields) {
    match discount {
        Some(Discount::Percent { basis_points }) if !(0..=10_000).contains(&basis_points) => {
            fields.check(
                "discount",
                Err("A percentage discount runs from 0% to 100%."),
            );
        }
        Some(Discount::Fixed { amount }) if amount < 0 => {
            fields.check("discount", Err("A discount can't be negative."));
        }
        _ => {}
    }
}

fn check_payment_url(url: Option<&str>, fields: &mut Fields) {
    if let Some(u) = url {
        let ok = u.len() <= 2000
            && u.strip_prefix("https://").is_some_and(|rest| {
                !rest.is_empty() && !rest.starts_with('/') && !u.chars().any(char::is_whitespace)
            });
        if !ok {
            fields.check(
                "payment_url",
                Err("Use an https:// link from your payment provider."),
            );
        }
    }
}

/// Recomputes the stored totals from the invoice's parts.
fn recompute(row: &mut InvoiceRow, lines: &mut [LineRow], taxes: &mut [TaxRow], paid: &[i64]) {
    for l in lines.iter_mut() {
        l.amount = money::line_amount(l.quantity_milli, l.unit_price);
    }
    let pairs: Vec<(i64, i64)> = lines
        .iter()
        .map(|l| (l.quantity_milli, l.unit_price))
        .collect();
    let rates: Vec<i64> = taxes.iter().map(|t| t.basis_points).collect();
    let t = money::totals(&pairs, discount_of(row), &rates, paid);
    for (tax, amount) in taxes.iter_mut().zip(&t.taxes) {
        tax.amount = *amount;
    }
    row.subtotal = t.subtotal;
    row.discount_amount = t.discount;
    row.tax_amount = t.tax;
    row.total = t.total;
    row.paid = t.paid;
    row.balance = t.balance;
}

fn record(
    conn: &mut DbConn,
    actor: &Actor,
    row: &InvoiceRow,
    kind: EventKind,
    summary: String,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let subject = (row.org_id.as_str(), row.client_id.as_str(), row.id.as_str());
    events::record(
        conn,
        actor,
        NewEvent::about(subject, kind, summary, None),
        now,
    )
    .map(drop)
}

/// Applies `draft`'s fields to a draft invoice (all of them when creating).
fn apply(
    conn: &mut DbConn,
    row: &mut InvoiceRow,
    draft: InvoiceDraft,
    fields: &mut Fields,
) -> ApiResult<Option<(Vec<InvoiceLine>, Vec<TaxRate>)>> {
    match draft.project_id.as_deref().map(str::trim) {
        Some("") => row.project_id = None,
        Some(project_id) => {
            let project = projects::get(conn, &row.org_id, project_id).optional()?;
            if project.is_some_and(|p| p.client_id == row.client_id) {
                row.project_id = Some(project_id.to_owned());
            } else {
                fields.check("project_id", Err("Choose one of this client's projects."));
            }
        }
        None => {}
    }
    if let Some(c) = draft.currency {
        let c = c.trim().to_uppercase();
        if money::CURRENCIES.contains(&c.as_str()) {
            row.currency = c;
        } else {
            fields.check("currency", Err("Choose a currency like EUR, USD or GBP."));
        }
    }
    if let Some(d) = draft.issue_date {
        row.issue_date = d;
    }
    if let Some(d) = draft.due_date {
        row.due_date = d;
    }
    if row.due_date < row.issue_date {
        fields.check(
            "due_date",
            Err("The due date can't be before the issue date."),
        );
    }
    if let Some(d) = draft.discount {
        check_discount(d, fields);
        (row.discount_kind, row.discount_value) = match d {
            None => (None, None),
            Some(Discount::Percent { basis_points }) => {
                (Some("percent".into()), Some(basis_points))
            }
            Some(Discount::Fixed { amount }) => (Some("fixed".into()), Some(amount)),
        };
    }
    if let Some(n) = draft.notes {
        if n.chars().count() > 5000 {
            fields.check("notes", Err("Use at most 5,000 characters."));
        }
        row.notes = n;
    }
    if let Some(u) = draft.payment_url {
        let u = u.map(|u| u.trim().to_owned()).filter(|u| !u.is_empty());
        check_payment_url(u.as_deref(), fields);
        row.payment_url = u;
    }
    let items = match (draft.lines, draft.taxes) {
        (None, None) => None,
        (lines, taxes) => {
            let lines = match lines {
                Some(l) => l,
                None => invoices::lines(conn, &row.id)?
                    .into_iter()
                    .map(wire_line)
                    .collect(),
            };
            let taxes = match taxes {
                Some(t) => t,
                None => invoices::taxes(conn, &row.id)?
                    .into_iter()
                    .map(wire_tax)
                    .collect(),
            };
            check_lines(&lines, fields);
            check_taxes(&taxes, fields);
            Some((lines, taxes))
        }
    };
    Ok(items)
}

/// Writes the parts and the recomputed totals.
fn store_items(
    conn: &mut DbConn,
    row: &mut InvoiceRow,
    items: Option<(Vec<InvoiceLine>, Vec<TaxRate>)>,
) -> ApiResult<()> {
    let (lines, taxes) = match items {
        Some(i) => i,
        None => {
            let mut lines = invoices::lines(conn, &row.id)?;
            let mut taxes = invoices::taxes(conn, &row.id)?;
            recompute(row, &mut lines, &mut taxes, &[]);
            return Ok(());
        }
    };
    let mut lines: Vec<LineRow> = lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| LineRow {
            id: new_id(),
            invoice_id: row.id.clone(),
            position: i32::try_from(i).unwrap_or(i32::MAX),
            description: l.description.trim().to_owned(),
            quantity_milli: l.quantity_milli,
            unit_price: l.unit_price,
            amount: 0,
        })
        .collect();
    let mut taxes: Vec<TaxRow> = taxes
        .into_iter()
        .enumerate()
        .map(|(i, t)| TaxRow {
            id: new_id(),
            invoice_id: row.id.clone(),
            position: i32::try_from(i).unwrap_or(i32::MAX),
            name: t.name.trim().to_owned(),
            basis_points: t.basis_points,
            amount: 0,
        })
        .collect();
    recompute(row, &mut lines, &mut taxes, &[]);
    invoices::replace_items(conn, &row.id, &lines, &taxes)?;
    Ok(())
}

/// A new draft for a client of `org_id`, numbered next in the organization's sequence.
pub fn create(
    conn: &mut DbConn,
    actor: &Actor,
    org_id: &str,
    draft: InvoiceDraft,
    now: NaiveDateTime,
) -> ApiResult<InvoiceRow> {
    let client_id = draft.client_id.clone().unwrap_or_default();
    let client =
        clients::get(conn, org_id, &client_id).or_field("client_id", "Choose a client.")?;
    let today = now.date();
    let mut row = InvoiceRow {
        id: new_id(),
        org_id: org_id.to_owned(),
        number: 0,
        client_id: client.id,
        project_id: None,
        currency: "EUR".into(),
        status: InvoiceStatus::Draft,
        issue_date: today,
        due_date: today + TimeDelta::days(30),
        discount_kind: None,
        discount_value: None,
        notes: String::new(),
        payment_url: None,
        subtotal: 0,
        discount_amount: 0,
        tax_amount: 0,
        total: 0,
        paid: 0,
        balance: 0,
        void_reason: None,
        sent_at: None,
        created_at: now,
        updated_at: now,
    };
    let mut fields = Fields::default();
    let mut draft = draft;
    // A new draft always gets its items (none given: none).
    draft.lines.get_or_insert_with(Vec::new);
    draft.taxes.get_or_insert_with(Vec::new);
    let items = apply(conn, &mut row, draft, &mut fields)?;
    fields.finish()?;
    row.number = invoices::next_number(conn, org_id)?;
    invoices::insert(conn, &row)?;
    store_items(conn, &mut row, items)?;
    invoices::save(conn, &row)?;
    let who = actor.name(conn)?;
    record(
        conn,
        actor,
        &row,
        EventKind::InvoiceCreated,
        format!("{who} drafted invoice {}", number_text(row.number)),
        now,
    )?;
    Ok(row)
}

fn not_editable(row: &InvoiceRow) -> ApiError {
    ApiError::conflict(
        ErrorCode::InvoiceLocked,
        format!(
            "Invoice {} has been sent and can't be edited. Void it and issue a new one instead.",
            number_text(row.number)
        ),
    )
}

/// Changes a draft (only the fields sent); a sent invoice is never edited (409).
pub fn update(
    conn: &mut DbConn,
    actor: &Actor,
    row: &mut InvoiceRow,
    mut draft: InvoiceDraft,
    now: NaiveDateTime,
) -> ApiResult<()> {
    if row.status != InvoiceStatus::Draft {
        return Err(not_editable(row));
    }
    if draft.client_id.take().is_some_and(|c| c != row.client_id) {
        return Err(ApiError::field(
            "client_id",
            "A draft's client can't change; start a new draft for another client.",
        ));
    }
    let mut fields = Fields::default();
    let items = apply(conn, row, draft, &mut fields)?;
    fields.finish()?;
    store_items(conn, row, items)?;
    row.updated_at = now;
    invoices::save(conn, row)?;
    let who = actor.name(conn)?;
    record(
        conn,
        actor,
        row,
        EventKind::InvoiceUpdated,
        format!("{who} changed draft invoice {}", number_text(row.number)),
        now,
    )
}

/// Sends a draft: from now on the client sees it and it can be paid.
pub fn send(
    conn: &mut DbConn,
    actor: &Actor,
    row: &mut InvoiceRow,
    now: NaiveDateTime,
) -> ApiResult<()> {
    if row.status != InvoiceStatus::Draft {
        return Err(ApiError::conflict(
            ErrorCode::InvoiceLocked,
            format!("Invoice {} was already sent.", number_text(row.number)),
        ));
    }
    if invoices::lines(conn, &row.id)?.is_empty() {
        return Err(ApiError::field(
            "lines",
            "Add at least one line before sending.",
        ));
    }
    row.status = InvoiceStatus::Sent;
    row.sent_at = Some(now);
    row.updated_at = now;
    invoices::save(conn, row)?;
    record(
        conn,
        actor,
        row,
        EventKind::InvoiceSent,
        format!(
            "Invoice {} for {} is due on {}",
            number_text(row.number),
            money::format(row.total, &row.currency),
            row.due_date.format("%-d %b %Y")
        ),
        now,
    )
}

/// Records a payment. Refused on drafts and void invoices, and beyond the balance; the row is
/// locked first, so two payments at once can't both fit in the same balance.
pub fn record_payment(
    conn: &mut DbConn,
    actor: &Actor,
    org_id: &str,
    id: &str,
    body: PaymentCreate,
    now: NaiveDateTime,
) -> ApiResult<InvoiceRow> {
    invoices::lock(conn, id)?;
    let mut row = invoices::get(conn, org_id, id)?;
    if !row.status.is_open() {
        let why = match row.status {
            InvoiceStatus::Draft => "Send the invoice before recording a payment.",
            InvoiceStatus::Void => "This invoice is void; it takes no payments.",
            _ => "This invoice is paid in full.",
        };
        return Err(ApiError::conflict(ErrorCode::InvoiceLocked, why));
    }
    let mut fields = Fields::default();
    if body.amount <= 0 {
        fields.check("amount", Err("Enter an amount above zero."));
    } else if body.amount > row.balance {
        fields.check(
            "amount",
            Err("That is more than the balance; overpayments are refused."),
        );
    }
    if body.method.chars().count() > 60 || body.reference.chars().count() > 200 {
        fields.check("reference", Err("Keep the method and reference short."));
    }
    fields.finish()?;
    let payment = PaymentRow {
        id: new_id(),
        invoice_id: row.id.clone(),
        amount: body.amount,
        paid_on: body.paid_on,
        method: body.method.trim().to_owned(),
        reference: body.reference.trim().to_owned(),
        recorded_by: actor.id().unwrap_or("system").to_owned(),
        recorded_at: now,
    };
    invoices::insert_payment(conn, &payment)?;
    row.paid += body.amount;
    row.balance = row.total - row.paid;
    row.status = if row.balance == 0 {
        InvoiceStatus::Paid
    } else {
        InvoiceStatus::PartiallyPaid
    };
    row.updated_at = now;
    invoices::save(conn, &row)?;
    let summary = if row.status == InvoiceStatus::Paid {
        format!("Invoice {} is paid in full", number_text(row.number))
    } else {
        format!(
            "A payment of {} was received for invoice {}",
            money::format(body.amount, &row.currency),
            number_text(row.number)
        )
    };
    record(
        conn,
        actor,
        &row,
        EventKind::InvoicePaymentRecorded,
        summary,
        now,
    )?;
    Ok(row)
}

/// Voids an invoice (with a reason); a paid one can't be voided.
pub fn void(
    conn: &mut DbConn,
    actor: &Actor,
    row: &mut InvoiceRow,
    reason: &str,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(ApiError::field(
            "reason",
            "Say why the invoice is void (up to 500 characters).",
        ));
    }
    if matches!(row.status, InvoiceStatus::Void | InvoiceStatus::Paid) || row.paid > 0 {
        return Err(ApiError::conflict(
            ErrorCode::InvoiceLocked,
            "Only an invoice without payments can be voided.",
        ));
    }
    let was_sent = row.status != InvoiceStatus::Draft;
    row.status = InvoiceStatus::Void;
    row.void_reason = Some(reason.to_owned());
    row.updated_at = now;
    invoices::save(conn, row)?;
    // A draft the client never saw is voided quietly (staff-only event).
    let kind = if was_sent {
        EventKind::InvoiceVoided
    } else {
        EventKind::InvoiceUpdated
    };
    record(
        conn,
        actor,
        row,
        kind,
        format!("Invoice {} was voided: {reason}", number_text(row.number)),
        now,
    )
}

/// A new draft with the same client, project, currency, lines, discount, taxes, notes and payment
/// link as `source` (any status), dated today.
pub fn duplicate(
    conn: &mut DbConn,
    actor: &Actor,
    source: &InvoiceRow,
    now: NaiveDateTime,
) -> ApiResult<InvoiceRow> {
    let lines = invoices::lines(conn, &source.id)?;
    let taxes = invoices::taxes(conn, &source.id)?;
    let term = source.due_date - source.issue_date;
    let draft = InvoiceDraft {
        client_id: Some(source.client_id.clone()),
        project_id: source.project_id.clone(),
        currency: Some(source.currency.clone()),
        issue_date: Some(now.date()),
        due_date: Some(now.date() + term),
        lines: Some(lines.into_iter().map(wire_line).collect()),
        discount: Some(discount_of(source)),
        taxes: Some(taxes.into_iter().map(wire_tax).collect()),
        notes: Some(source.notes.clone()),
        payment_url: Some(source.payment_url.clone()),
    };
    create(conn, actor, &source.org_id, draft, now)
}

/// A list row, aged as of `today`.
pub fn summary(row: &InvoiceRow, client_name: &str, today: NaiveDate) -> InvoiceSummary {
    let days = days_overdue(row.status, row.balance, row.due_date, today);
    InvoiceSummary {
        id: row.id.clone(),
        number: number_text(row.number),
        client_id: row.client_id.clone(),
        client_name: client_name.to_owned(),
        currency: row.currency.clone(),
        status: row.status,
        issue_date: row.issue_date,
        due_date: row.due_date,
        total: row.total,
        balance: row.balance,
        days_overdue: days,
        bucket: AgingBucket::of(days),
    }
}

/// The invoices a list selects, as list rows aged as of `today`.
pub fn listed(
    conn: &mut DbConn,
    query: invoices::ListQuery<'_>,
    today: NaiveDate,
) -> ApiResult<Vec<InvoiceSummary>> {
    Ok(invoices::list(conn, query)?
        .iter()
        .map(|(r, name)| summary(r, name, today))
        .collect())
}

/// The whole invoice.
pub fn view(
    conn: &mut DbConn,
    row: &InvoiceRow,
    client_name: &str,
    today: NaiveDate,
) -> ApiResult<Invoice> {
    let lines = invoices::lines(conn, &row.id)?;
    let taxes = invoices::taxes(conn, &row.id)?;
    let payments = invoices::payments(conn, &row.id)?;
    let paid: Vec<i64> = payments.iter().map(|p| p.amount).collect();
    let pairs: Vec<(i64, i64)> = lines
        .iter()
        .map(|l| (l.quantity_milli, l.unit_price))
        .collect();
    let rates: Vec<i64> = taxes.iter().map(|t| t.basis_points).collect();
    let totals = money::totals(&pairs, discount_of(row), &rates, &paid);
    Ok(Invoice {
        summary: summary(row, client_name, today),
        project_id: row.project_id.clone(),
        lines: lines.into_iter().map(wire_line).collect(),
        discount: discount_of(row),
        taxes: taxes.into_iter().map(wire_tax).collect(),
        totals,
        payments: payments
            .into_iter()
            .map(|p| Payment {
                id: p.id,
                amount: p.amount,
                paid_on: p.paid_on,
                method: p.method,
                reference: p.reference,
                recorded_at: utc(p.recorded_at),
            })
            .collect(),
        notes: row.notes.clone(),
        payment_url: row.payment_url.clone(),
        void_reason: row.void_reason.clone(),
        sent_at: row.sent_at.map(utc),
    })
}
