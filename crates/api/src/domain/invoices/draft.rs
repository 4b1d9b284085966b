//! A draft's contents: checking the lines, taxes, discount and payment link a draft sends,
//! applying them to the row, and storing the parts with totals recomputed by `shared_types::money`.

use super::view::{discount_of, wire_line, wire_tax};
use crate::db::invoices::{self, InvoiceRow, LineRow, TaxRow};
use crate::db::{new_id, projects, DbConn};
use crate::error::{ApiResult, Fields};
use diesel::OptionalExtension;
use shared_types::invoices::{InvoiceDraft, InvoiceLine, TaxRate, LINES_MAX, TAXES_MAX};
use shared_types::money::{self, Discount};

/// Largest quantity (1,000,000 units) and unit price (10,000,000,000 minor units).
const QUANTITY_MAX: i64 = 1_000_000_000;
const PRICE_MAX: i64 = 10_000_000_000;

/// Applies `draft`'s fields to a draft invoice (all of them when creating).
pub(super) fn apply(
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
pub(super) fn store_items(
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
