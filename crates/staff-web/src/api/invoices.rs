//! Invoices: the list, drafts, sending, payments, voiding.

use super::{json, url};
use shared_types::invoices::{
    AgingReport, Invoice, InvoiceDraft, InvoiceList, PaymentCreate, VoidBody,
};
use web_ui::http::encode;
use web_ui::{ApiError, Call};

/// `GET /invoices` with a query string (without `?`) of filters.
pub async fn list_invoices(query: String) -> Result<InvoiceList, ApiError> {
    json(Call::get(url(&format!("/invoices?{query}")))).await
}

pub async fn create_invoice(body: InvoiceDraft) -> Result<Invoice, ApiError> {
    json(Call::post(url("/invoices")).json(&body)).await
}

pub async fn get_invoice(id: String) -> Result<Invoice, ApiError> {
    json(Call::get(url(&format!("/invoices/{}", encode(&id))))).await
}

/// `PATCH /invoices/{id}`: a draft's fields.
pub async fn update_invoice(id: String, body: InvoiceDraft) -> Result<Invoice, ApiError> {
    json(Call::patch(url(&format!("/invoices/{}", encode(&id)))).json(&body)).await
}

pub async fn send_invoice(id: String) -> Result<Invoice, ApiError> {
    json(Call::post(url(&format!("/invoices/{}/send", encode(&id))))).await
}

pub async fn record_payment(id: String, body: PaymentCreate) -> Result<Invoice, ApiError> {
    json(Call::post(url(&format!("/invoices/{}/payments", encode(&id)))).json(&body)).await
}

pub async fn void_invoice(id: String, reason: String) -> Result<Invoice, ApiError> {
    json(Call::post(url(&format!("/invoices/{}/void", encode(&id)))).json(&VoidBody { reason }))
        .await
}

/// `GET /invoices/aging?client=`: what one client owes, per currency and age.
pub async fn client_aging(client: String) -> Result<AgingReport, ApiError> {
    json(Call::get(url(&format!(
        "/invoices/aging?client={}",
        encode(&client)
    ))))
    .await
}
