//! One invoice. A draft is edited here (lines added, moved and removed; discount; taxes; dates;
//! payment link) with live totals computed by the same code as the server's
//! (`shared_types::money`), then saved and sent (asked first). A sent invoice is read-only: record
//! payments (never more than the balance) or void it (asked first, with a reason).

mod draft;
mod sent;

use crate::api;
use crate::links;
use crate::state::use_auth_redirect;
use draft::DraftEditor;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use sent::SentInvoice;
use shared_types::invoices::{Invoice, InvoiceStatus};
use web_ui::load::Loaded;

#[component]
pub fn InvoiceDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let reload = RwSignal::new(0_u32);
    let invoice = LocalResource::new(move || {
        reload.track();
        api::get_invoice(id.get())
    });
    let notice = RwSignal::new(None::<String>);
    let body = move |inv: Invoice| {
        if inv.summary.status == InvoiceStatus::Draft {
            view! { <DraftEditor inv=inv reload=reload notice=notice/> }.into_any()
        } else {
            view! { <SentInvoice inv=inv reload=reload notice=notice/> }.into_any()
        }
    };
    view! {
        <p class="breadcrumb"><a href=links::INVOICES>"Invoices"</a></p>
        <Loaded resource=invoice loading="Loading the invoice…" redirect=use_auth_redirect() subject="invoice" back=(links::INVOICES, "Back to invoices") children=body/>
    }
}

fn pdf_path(inv: &Invoice) -> String {
    format!("/invoices/{}/pdf", web_ui::http::encode(&inv.summary.id))
}

fn pdf_name(inv: &Invoice) -> String {
    format!("invoice-{}.pdf", inv.summary.number)
}
