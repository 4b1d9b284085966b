//! The invoice workflow: drafts (validated, numbered without gaps), sending, payments (never more
//! than the balance, never on a draft or void invoice), voiding; totals always recomputed from
//! the lines, discount, taxes and payments by `shared_types::money`; every change recorded.

use super::events;
use super::Actor;
use crate::db::invoices::{self, InvoiceRow, PaymentRow};
use crate::db::{clients, new_id, DbConn};
use crate::error::{ApiError, ApiResult, Fields, OrField};
use chrono::{NaiveDateTime, TimeDelta};
use shared_types::invoices::{InvoiceDraft, InvoiceStatus, PaymentCreate};
use shared_types::money;
use shared_types::{ErrorCode, EventKind};

mod draft;
mod view;
use draft::{apply, store_items};
use view::{discount_of, wire_line, wire_tax};
pub use view::{listed, number_text, summary, view};

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
    events::record_about(
        conn,
        actor,
        &row,
        EventKind::InvoiceCreated,
        format!("{who} drafted invoice {}", number_text(row.number)),
        None,
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
    events::record_about(
        conn,
        actor,
        row,
        EventKind::InvoiceUpdated,
        format!("{who} changed draft invoice {}", number_text(row.number)),
        None,
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
    events::record_about(
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
        None,
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
    events::record_about(
        conn,
        actor,
        &row,
        EventKind::InvoicePaymentRecorded,
        summary,
        None,
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
    events::record_about(
        conn,
        actor,
        row,
        kind,
        format!("Invoice {} was voided: {reason}", number_text(row.number)),
        None,
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
