//! Invoices, their lines, taxes and payments. Portal reads go through `list_for_client` and
//! `get_for_client`, which never return drafts.

use super::schema::{
    clients, invoice_counters, invoice_lines, invoice_payments, invoice_taxes, invoices,
};
use super::DbConn;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared_types::invoices::InvoiceStatus;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = invoices, treat_none_as_null = true)]
pub struct InvoiceRow {
    pub id: String,
    pub org_id: String,
    pub number: i64,
    pub client_id: String,
    pub project_id: Option<String>,
    pub currency: String,
    pub status: InvoiceStatus,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    /// `percent` or `fixed`.
    pub discount_kind: Option<String>,
    pub discount_value: Option<i64>,
    pub notes: String,
    pub payment_url: Option<String>,
    pub subtotal: i64,
    pub discount_amount: i64,
    pub tax_amount: i64,
    pub total: i64,
    pub paid: i64,
    pub balance: i64,
    pub void_reason: Option<String>,
    pub sent_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = invoice_lines)]
pub struct LineRow {
    pub id: String,
    pub invoice_id: String,
    pub position: i32,
    pub description: String,
    pub quantity_milli: i64,
    pub unit_price: i64,
    pub amount: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = invoice_taxes)]
pub struct TaxRow {
    pub id: String,
    pub invoice_id: String,
    pub position: i32,
    pub name: String,
    pub basis_points: i64,
    pub amount: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = invoice_payments)]
pub struct PaymentRow {
    pub id: String,
    pub invoice_id: String,
    pub amount: i64,
    pub paid_on: NaiveDate,
    pub method: String,
    pub reference: String,
    pub recorded_by: String,
    pub recorded_at: NaiveDateTime,
}

/// The organization's invoice number counter (made with the organization).
pub fn create_counter(conn: &mut DbConn, org_id: &str) -> QueryResult<()> {
    diesel::insert_into(invoice_counters::table)
        .values((
            invoice_counters::org_id.eq(org_id),
            invoice_counters::last_number.eq(0_i64),
        ))
        .execute(conn)
        .map(drop)
}

/// The next invoice number: the counter row is updated (and so locked) inside the caller's
/// transaction, so concurrent drafts get consecutive, distinct numbers.
pub fn next_number(conn: &mut DbConn, org_id: &str) -> QueryResult<i64> {
    diesel::update(invoice_counters::table.filter(invoice_counters::org_id.eq(org_id)))
        .set(invoice_counters::last_number.eq(invoice_counters::last_number + 1))
        .returning(invoice_counters::last_number)
        .get_result(conn)
}

pub fn insert(conn: &mut DbConn, row: &InvoiceRow) -> QueryResult<()> {
    diesel::insert_into(invoices::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn save(conn: &mut DbConn, row: &InvoiceRow) -> QueryResult<()> {
    diesel::update(invoices::table.filter(invoices::id.eq(&row.id)))
        .set(row)
        .execute(conn)
        .map(drop)
}

/// One of the organization's invoices.
pub fn get(conn: &mut DbConn, org_id: &str, id: &str) -> QueryResult<InvoiceRow> {
    invoices::table
        .filter(invoices::org_id.eq(org_id))
        .filter(invoices::id.eq(id))
        .select(InvoiceRow::as_select())
        .get_result(conn)
}

/// Portal: one of the client's invoices, never a draft.
pub fn get_for_client(conn: &mut DbConn, client_id: &str, id: &str) -> QueryResult<InvoiceRow> {
    invoices::table
        .filter(invoices::client_id.eq(client_id))
        .filter(invoices::id.eq(id))
        .filter(invoices::status.ne(InvoiceStatus::Draft))
        .select(InvoiceRow::as_select())
        .get_result(conn)
}

/// Which invoices a list shows.
pub struct ListQuery<'a> {
    pub org_id: &'a str,
    /// Portal lists pass the client and never see drafts.
    pub client_id: Option<&'a str>,
    pub include_drafts: bool,
    pub status: Option<InvoiceStatus>,
    pub issued_from: Option<NaiveDate>,
    pub issued_to: Option<NaiveDate>,
}

impl<'a> ListQuery<'a> {
    /// Every sent invoice (no drafts) of the organization, or of one client: what the portal's
    /// list and the aging report start from.
    pub fn sent(org_id: &'a str, client_id: Option<&'a str>) -> Self {
        ListQuery {
            org_id,
            client_id,
            include_drafts: false,
            status: None,
            issued_from: None,
            issued_to: None,
        }
    }
}

/// Every invoice a list selects, newest first, with the client's name (lists are per
/// organization or client and filtered; totals need them all).
pub fn list(conn: &mut DbConn, q: ListQuery<'_>) -> QueryResult<Vec<(InvoiceRow, String)>> {
    let mut query = invoices::table
        .inner_join(clients::table)
        .filter(invoices::org_id.eq(q.org_id))
        .select((InvoiceRow::as_select(), clients::name))
        .into_boxed();
    if let Some(c) = q.client_id {
        query = query.filter(invoices::client_id.eq(c));
    }
    if !q.include_drafts {
        query = query.filter(invoices::status.ne(InvoiceStatus::Draft));
    }
    if let Some(s) = q.status {
        query = query.filter(invoices::status.eq(s));
    }
    if let Some(from) = q.issued_from {
        query = query.filter(invoices::issue_date.ge(from));
    }
    if let Some(to) = q.issued_to {
        query = query.filter(invoices::issue_date.le(to));
    }
    query
        .order((invoices::issue_date.desc(), invoices::number.desc()))
        .load(conn)
}

pub fn lines(conn: &mut DbConn, invoice_id: &str) -> QueryResult<Vec<LineRow>> {
    invoice_lines::table
        .filter(invoice_lines::invoice_id.eq(invoice_id))
        .order(invoice_lines::position.asc())
        .select(LineRow::as_select())
        .load(conn)
}

pub fn taxes(conn: &mut DbConn, invoice_id: &str) -> QueryResult<Vec<TaxRow>> {
    invoice_taxes::table
        .filter(invoice_taxes::invoice_id.eq(invoice_id))
        .order(invoice_taxes::position.asc())
        .select(TaxRow::as_select())
        .load(conn)
}

pub fn payments(conn: &mut DbConn, invoice_id: &str) -> QueryResult<Vec<PaymentRow>> {
    invoice_payments::table
        .filter(invoice_payments::invoice_id.eq(invoice_id))
        .order((
            invoice_payments::recorded_at.asc(),
            invoice_payments::id.asc(),
        ))
        .select(PaymentRow::as_select())
        .load(conn)
}

/// Replaces the lines and taxes of a draft.
pub fn replace_items(
    conn: &mut DbConn,
    invoice_id: &str,
    lines: &[LineRow],
    taxes: &[TaxRow],
) -> QueryResult<()> {
    diesel::delete(invoice_lines::table.filter(invoice_lines::invoice_id.eq(invoice_id)))
        .execute(conn)?;
    diesel::delete(invoice_taxes::table.filter(invoice_taxes::invoice_id.eq(invoice_id)))
        .execute(conn)?;
    for l in lines {
        diesel::insert_into(invoice_lines::table)
            .values(l)
            .execute(conn)?;
    }
    for t in taxes {
        diesel::insert_into(invoice_taxes::table)
            .values(t)
            .execute(conn)?;
    }
    Ok(())
}

pub fn insert_payment(conn: &mut DbConn, row: &PaymentRow) -> QueryResult<()> {
    diesel::insert_into(invoice_payments::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Locks the invoice row for the rest of the transaction (PostgreSQL; SQLite's write
/// transaction already excludes other writers), so two payments can't both see the old balance.
pub fn lock(conn: &mut DbConn, id: &str) -> QueryResult<()> {
    diesel::update(invoices::table.filter(invoices::id.eq(id)))
        .set(invoices::id.eq(invoices::id))
        .execute(conn)
        .map(drop)
}

/// How many of the client's invoices are sent and not yet paid in full (the dashboard).
pub fn outstanding_count(conn: &mut DbConn, client_id: &str) -> QueryResult<i64> {
    invoices::table
        .filter(invoices::client_id.eq(client_id))
        .filter(invoices::status.eq_any([InvoiceStatus::Sent, InvoiceStatus::PartiallyPaid]))
        .filter(invoices::balance.gt(0_i64))
        .count()
        .get_result(conn)
}
