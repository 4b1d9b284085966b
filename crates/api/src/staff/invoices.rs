//! Invoices, staff side: the list (filters, totals per currency and aging bucket), drafts
//! (create, change), sending, payments, voiding.

use crate::auth::Staff;
use crate::db::invoices::{self, ListQuery};
use crate::db::{clients, DbConn};
use crate::domain::invoices as workflow;
use crate::domain::Actor;
use crate::error::{ApiResult, Reply};
use crate::web::extract::Json;
use crate::web::paths::InvoiceId;
use crate::web::tagged::Tagged;
use actix_web::web::Query;
use actix_web::{get, patch, post};
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use shared_types::invoices::{
    AgingBucket, AgingReport, BucketAmount, ClientAging, CurrencyTotal, Invoice, InvoiceDraft,
    InvoiceList, InvoiceStatus, InvoiceSummary, PaymentCreate, VoidBody,
};
use std::collections::BTreeMap;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg
        // `/invoices/aging` before `/invoices/{id}`, which would match it too.
        .service(get_aging)
        .service(list_invoices)
        .service(create_invoice)
        .service(get_invoice)
        .service(update_invoice)
        .service(send_invoice)
        .service(record_payment)
        .service(void_invoice)
        .service(duplicate_invoice);
}

/// Totals per currency (and per aging bucket) of `items`.
pub(crate) fn currency_totals(items: &[InvoiceSummary]) -> Vec<CurrencyTotal> {
    let mut by: BTreeMap<&str, (i64, i64, BTreeMap<usize, i64>)> = BTreeMap::new();
    for i in items.iter().filter(|i| i.status != InvoiceStatus::Void) {
        let entry = by.entry(i.currency.as_str()).or_default();
        entry.0 += i.total;
        entry.1 += i.balance;
        if i.status.is_open() && i.balance > 0 {
            let pos = AgingBucket::ALL
                .iter()
                .position(|b| *b == i.bucket)
                .unwrap_or(0);
            *entry.2.entry(pos).or_default() += i.balance;
        }
    }
    by.into_iter()
        .map(|(currency, (total, balance, buckets))| CurrencyTotal {
            currency: currency.to_owned(),
            total,
            balance,
            buckets: AgingBucket::ALL
                .iter()
                .enumerate()
                .map(|(n, b)| BucketAmount {
                    bucket: *b,
                    amount: buckets.get(&n).copied().unwrap_or(0),
                })
                .collect(),
        })
        .collect()
}

fn view(conn: &mut DbConn, org_id: &str, id: &str, today: NaiveDate) -> ApiResult<Invoice> {
    let row = invoices::get(conn, org_id, id)?;
    let client = clients::get(conn, org_id, &row.client_id)?;
    workflow::view(conn, &row, &client.name, today)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// A client's id.
    client: Option<String>,
    status: Option<InvoiceStatus>,
    /// Only open invoices in this aging bucket.
    bucket: Option<AgingBucket>,
    /// Issued on or after.
    from: Option<NaiveDate>,
    /// Issued on or before.
    to: Option<NaiveDate>,
}

#[utoipa::path(
    params(ListParams),
    responses(
        (status = 200, description = "The organization's invoices, newest first, with totals per currency and outstanding amounts per aging bucket.", body = InvoiceList),
        crate::openapi::ListErrors,
    )
)]
#[get("/invoices")]
pub async fn list_invoices(staff: Staff, Query(p): Query<ListParams>) -> Reply<InvoiceList> {
    let today = staff.now().date();
    let list = staff
        .run(move |conn, user| {
            let query = ListQuery {
                org_id: &user.org_id,
                client_id: p.client.as_deref(),
                include_drafts: true,
                status: p.status,
                issued_from: p.from,
                issued_to: p.to,
            };
            let mut items = workflow::listed(conn, query, today)?;
            items.retain(|s| p.bucket.is_none_or(|b| s.status.is_open() && s.bucket == b));
            Ok(InvoiceList {
                totals: currency_totals(&items),
                items,
                next_cursor: None,
            })
        })
        .await?;
    Ok(web::Json(list))
}

#[utoipa::path(
    responses(
        (status = 201, description = "The draft, with the organization's next number. Totals are computed by the server.", body = Invoice),
    )
)]
#[post("/invoices")]
pub async fn create_invoice(
    staff: Staff,
    Json(body): Json<InvoiceDraft>,
) -> ApiResult<HttpResponse> {
    let now = staff.now();
    let invoice = staff
        .write(move |conn, user| {
            let row = workflow::create(conn, &Actor::from(&user), &user.org_id, body, now)?;
            view(conn, &user.org_id, &row.id, now.date())
        })
        .await?;
    Ok(HttpResponse::Created().json(invoice))
}

#[utoipa::path(
    params(InvoiceId),
    responses(
        (status = 200, description = "The invoice with its lines, taxes, totals and payments.", body = Invoice),
    )
)]
#[get("/invoices/{id}")]
pub async fn get_invoice(staff: Staff, InvoiceId { id }: InvoiceId) -> Reply<Invoice> {
    let today = staff.now().date();
    let invoice = staff
        .run(move |conn, user| view(conn, &user.org_id, &id, today))
        .await?;
    Ok(web::Json(invoice))
}

#[utoipa::path(
    request_body = InvoiceDraft,
    params(InvoiceId),
    responses(
        (status = 200, description = "The draft with only the fields sent changed (`lines` and `taxes` replace the whole list). A sent invoice is never edited: 409 `invoice_locked` (void and reissue).", body = Invoice),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[patch("/invoices/{id}")]
pub async fn update_invoice(
    staff: Result<Staff, crate::error::ApiError>,
    InvoiceId { id }: InvoiceId,
    body: Result<Json<InvoiceDraft>, actix_web::Error>,
) -> actix_web::Result<web::Json<Invoice>> {
    super::not_an_id(&id, &[("aging", "GET")])?;
    let staff = staff?;
    let body = body?.into_inner();
    let now = staff.now();
    let invoice = staff
        .write(move |conn, user| {
            let mut row = invoices::get(conn, &user.org_id, &id)?;
            workflow::update(conn, &Actor::from(&user), &mut row, body, now)?;
            view(conn, &user.org_id, &id, now.date())
        })
        .await?;
    Ok(web::Json(invoice))
}

#[utoipa::path(
    params(InvoiceId),
    responses(
        (status = 200, description = "Sent: the client's contacts who may see invoices are told (in the portal and by email, with a link to it).", body = Invoice),
        (status = 409, response = crate::openapi::Conflict),
        (status = 422, response = crate::openapi::ValidationFailed),
    )
)]
#[post("/invoices/{id}/send")]
pub async fn send_invoice(staff: Staff, InvoiceId { id }: InvoiceId) -> Reply<Invoice> {
    let now = staff.now();
    let invoice = staff
        .write(move |conn, user| {
            let mut row = invoices::get(conn, &user.org_id, &id)?;
            workflow::send(conn, &Actor::from(&user), &mut row, now)?;
            view(conn, &user.org_id, &id, now.date())
        })
        .await?;
    Ok(web::Json(invoice))
}

#[utoipa::path(
    params(InvoiceId),
    responses(
        (status = 201, description = "The payment is recorded; the status follows the balance (`partially_paid`, `paid`). More than the balance is 422; a draft or void invoice is 409.", body = Invoice),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[post("/invoices/{id}/payments")]
pub async fn record_payment(
    staff: Staff,
    InvoiceId { id }: InvoiceId,
    Json(body): Json<PaymentCreate>,
) -> ApiResult<HttpResponse> {
    let now = staff.now();
    let invoice = staff
        .write(move |conn, user| {
            let actor = Actor::from(&user);
            workflow::record_payment(conn, &actor, &user.org_id, &id, body, now)?;
            view(conn, &user.org_id, &id, now.date())
        })
        .await?;
    Ok(HttpResponse::Created().json(invoice))
}

#[utoipa::path(
    params(InvoiceId),
    responses(
        (status = 200, description = "Void, with its reason; an invoice with payments can't be voided (409).", body = Invoice),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[post("/invoices/{id}/void")]
pub async fn void_invoice(
    staff: Staff,
    InvoiceId { id }: InvoiceId,
    Json(body): Json<VoidBody>,
) -> Reply<Invoice> {
    let now = staff.now();
    let invoice = staff
        .write(move |conn, user| {
            let mut row = invoices::get(conn, &user.org_id, &id)?;
            workflow::void(conn, &Actor::from(&user), &mut row, &body.reason, now)?;
            view(conn, &user.org_id, &id, now.date())
        })
        .await?;
    Ok(web::Json(invoice))
}

#[utoipa::path(
    params(InvoiceId),
    responses(
        (status = 201, description = "A new draft with the same client, lines, discount, taxes and notes, dated today (to reissue a voided invoice, or bill the same again).", body = Invoice),
    )
)]
#[post("/invoices/{id}/duplicate")]
pub async fn duplicate_invoice(
    staff: Staff,
    InvoiceId { id }: InvoiceId,
) -> ApiResult<HttpResponse> {
    let now = staff.now();
    let invoice = staff
        .write(move |conn, user| {
            let source = invoices::get(conn, &user.org_id, &id)?;
            let row = workflow::duplicate(conn, &Actor::from(&user), &source, now)?;
            view(conn, &user.org_id, &row.id, now.date())
        })
        .await?;
    Ok(HttpResponse::Created().json(invoice))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AgingParams {
    /// Only this client.
    client: Option<String>,
}

#[utoipa::path(
    params(AgingParams),
    responses(
        (status = 200, description = "What is outstanding on sent invoices, per currency and aging bucket: for the organization and per client.", body = AgingReport),
        crate::openapi::ListErrors,
    )
)]
#[get("/invoices/aging")]
pub async fn get_aging(staff: Staff, Query(p): Query<AgingParams>) -> Reply<AgingReport> {
    let today = staff.now().date();
    let report = staff
        .run(move |conn, user| {
            let query = ListQuery::sent(&user.org_id, p.client.as_deref());
            let mut open = workflow::listed(conn, query, today)?;
            open.retain(|s| s.status.is_open() && s.balance > 0);
            let mut by_client: BTreeMap<(String, String), Vec<InvoiceSummary>> = BTreeMap::new();
            for s in &open {
                by_client
                    .entry((s.client_name.clone(), s.client_id.clone()))
                    .or_default()
                    .push(s.clone());
            }
            Ok(AgingReport {
                organization: currency_totals(&open),
                clients: by_client
                    .into_iter()
                    .map(|((client_name, client_id), items)| ClientAging {
                        client_id,
                        client_name,
                        totals: currency_totals(&items),
                    })
                    .collect(),
            })
        })
        .await?;
    Ok(web::Json(report))
}
