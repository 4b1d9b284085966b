//! Invoice PDFs, staff side: any invoice of the organization (a draft prints as "DRAFT
//! INVOICE", for a preview before sending) and a client's statement of account.

use crate::auth::Staff;
use crate::db::{clients, invoices, orgs};
use crate::domain::invoice_documents::{self as documents, Source};
use crate::error::ApiResult;
use crate::web::paths::{ClientId, InvoiceId};
use crate::web::tagged::Tagged;
use actix_web::{get, HttpResponse};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(get_invoice_pdf).service(get_statement_pdf);
}

#[utoipa::path(
    params(InvoiceId),
    responses(
        (status = 200, description = "`application/pdf`, as an attachment: the invoice as the client gets it (a draft is titled DRAFT INVOICE)."),
    )
)]
#[get("/invoices/{id}/pdf")]
pub async fn get_invoice_pdf(staff: Staff, InvoiceId { id }: InvoiceId) -> ApiResult<HttpResponse> {
    let state = staff.shared_state();
    let today = state.now().date();
    let source = staff
        .run(move |conn, user| {
            let row = invoices::get(conn, &user.org_id, &id)?;
            let client = clients::get(conn, &user.org_id, &row.client_id)?;
            let org = orgs::by_id(conn, &user.org_id)?;
            documents::invoice_source(conn, &org, &row, &client.name, today)
        })
        .await?;
    documents::render(&state, Source::Invoice(source)).await
}

#[utoipa::path(
    params(ClientId),
    responses(
        (status = 200, description = "`application/pdf`, as an attachment: the client's statement of account — every open invoice with its balance and days overdue, and what is outstanding per currency and aging bucket."),
    )
)]
#[get("/clients/{id}/statement.pdf")]
pub async fn get_statement_pdf(staff: Staff, ClientId { id }: ClientId) -> ApiResult<HttpResponse> {
    let state = staff.shared_state();
    let today = state.now().date();
    let source = staff
        .run(move |conn, user| {
            let client = clients::get(conn, &user.org_id, &id)?;
            let org = orgs::by_id(conn, &user.org_id)?;
            documents::statement_source(conn, &org, &client.id, &client.name, today)
        })
        .await?;
    documents::render(&state, Source::Statement(source)).await
}
