//! How invoices read: the list row aged as of a day, the whole invoice with its parts and
//! payments, and the stored parts as the wire shows them.

use crate::db::invoices::{self, InvoiceRow, LineRow, TaxRow};
use crate::db::DbConn;
use crate::error::ApiResult;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use shared_types::invoices::{
    days_overdue, AgingBucket, Invoice, InvoiceLine, InvoiceSummary, Payment, TaxRate,
};
use shared_types::money::{self, Discount};

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

pub(super) fn utc(at: NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(at, Utc)
}

/// `INV-0042`.
pub fn number_text(n: i64) -> String {
    format!("INV-{n:04}")
}

pub(super) fn discount_of(row: &InvoiceRow) -> Option<Discount> {
    match (row.discount_kind.as_deref(), row.discount_value) {
        (Some("percent"), Some(basis_points)) => Some(Discount::Percent { basis_points }),
        (Some("fixed"), Some(amount)) => Some(Discount::Fixed { amount }),
        _ => None,
    }
}

/// A stored line as the wire shows it (and as a draft sends it back).
pub(super) fn wire_line(l: LineRow) -> InvoiceLine {
    InvoiceLine {
        description: l.description,
        quantity_milli: l.quantity_milli,
        unit_price: l.unit_price,
        amount: l.amount,
    }
}

pub(super) fn wire_tax(t: TaxRow) -> TaxRate {
    TaxRate {
        name: t.name,
        basis_points: t.basis_points,
        amount: t.amount,
    }
}
