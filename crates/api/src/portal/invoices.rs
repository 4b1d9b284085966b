//! Invoices, portal side: the client's billing history (never drafts) with what is outstanding
//! and overdue, and one invoice in full. Everything needs `can_view_invoices`; another client's
//! invoice, or a draft, is not found.

use crate::auth::portal_user::Permission;
use crate::auth::Portal;
use crate::db::invoices::{self, ListQuery};
use crate::domain::invoice_documents::{self as documents, Source};
use crate::domain::invoices as workflow;
use crate::error::{ApiResult, Reply};
use crate::staff::invoices::currency_totals;
use crate::web::paths::InvoiceId;
use crate::web::tagged::Tagged;
use actix_web::get;
use actix_web::web::Query;
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use shared_types::invoices::{Invoice, InvoiceList, InvoiceStatus};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(list_invoices)
        // Before `/invoices/{id}`, which would otherwise take `statement.pdf` for an id.
        .service(get_statement_pdf)
        .service(get_invoice)
        .service(get_invoice_pdf);
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only this status (`draft` finds nothing).
    status: Option<InvoiceStatus>,
}

#[utoipa::path(
    operation_id = "portal_list_invoices",
    params(ListParams),
    responses(
        (status = 200, description = "The client's invoices (never drafts), newest first, with the total outstanding and how much is overdue per aging bucket, per currency.", body = InvoiceList),
        (status = 403, response = crate::openapi::Forbidden),
        crate::openapi::ListErrors,
    )
)]
#[get("/invoices")]
pub async fn list_invoices(portal: Portal, Query(p): Query<ListParams>) -> Reply<InvoiceList> {
    let today = portal.state().now().date();
    let list = portal
        .run(move |conn, user| {
            user.require(Permission::ViewInvoices)?;
            let query = ListQuery {
                status: p.status,
                ..ListQuery::sent(&user.org.id, Some(user.client_id()))
            };
            let items = workflow::listed(conn, query, today)?;
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
    operation_id = "portal_get_invoice",
    params(InvoiceId),
    responses(
        (status = 200, description = "The invoice: lines, subtotal, discount, taxes, total, payments, balance, days overdue and bucket.", body = Invoice),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[get("/invoices/{id}")]
pub async fn get_invoice(portal: Portal, InvoiceId { id }: InvoiceId) -> Reply<Invoice> {
    let today = portal.state().now().date();
    let invoice = portal
        .run(move |conn, user| {
            let row = invoices::get_for_client(conn, user.client_id(), &id)?;
            user.require(Permission::ViewInvoices)?;
            workflow::view(conn, &row, &user.client.name, today)
        })
        .await?;
    Ok(web::Json(invoice))
}

#[utoipa::path(
    operation_id = "portal_get_invoice_pdf",
    params(InvoiceId),
    responses(
        (status = 200, description = "`application/pdf`, as an attachment: the invoice with the agency's name, number and dates, the client, every line (the table continues across pages), totals, payments, the balance, an overdue notice when overdue and the payment link when there is one."),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[get("/invoices/{id}/pdf")]
pub async fn get_invoice_pdf(
    portal: Portal,
    InvoiceId { id }: InvoiceId,
) -> ApiResult<HttpResponse> {
    let state = portal.shared_state();
    let today = state.now().date();
    let source = portal
        .run(move |conn, user| {
            let row = invoices::get_for_client(conn, user.client_id(), &id)?;
            user.require(Permission::ViewInvoices)?;
            documents::invoice_source(conn, &user.org, &row, &user.client.name, today)
        })
        .await?;
    documents::render(&state, Source::Invoice(source)).await
}

#[utoipa::path(
    operation_id = "portal_get_statement_pdf",
    responses(
        (status = 200, description = "`application/pdf`, as an attachment: the statement of account — every open invoice with its balance and days overdue, and what is outstanding per currency and aging bucket, as of today."),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[get("/invoices/statement.pdf")]
pub async fn get_statement_pdf(portal: Portal) -> ApiResult<HttpResponse> {
    let state = portal.shared_state();
    let today = state.now().date();
    let source = portal
        .run(move |conn, user| {
            user.require(Permission::ViewInvoices)?;
            documents::statement_source(conn, &user.org, user.client_id(), &user.client.name, today)
        })
        .await?;
    documents::render(&state, Source::Statement(source)).await
}
