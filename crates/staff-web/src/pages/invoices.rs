//! The organization's invoices: filters (client, status, aging bucket), totals per currency
//! (never added across currencies), and "New invoice" (a draft for a client, then its editor).

use crate::api;
use crate::components::lookups::Lookups;
use crate::links;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::invoices::{
    AgingBucket, InvoiceDraft, InvoiceList, InvoiceStatus, InvoiceSummary,
};
use shared_types::money;
use web_ui::action::action;
use web_ui::components::{Badge, ErrorBanner, SelectField, Tone};
use web_ui::labels::date;
use web_ui::load::Loaded;
use web_ui::nav::go;
use web_ui::table::DataTable;
use web_ui::title::PageTitle;
use web_ui::ApiError;

/// An invoice's state in words, with how late it is when it is.
pub fn status_text(i: &InvoiceSummary) -> (String, Tone) {
    match i.status {
        InvoiceStatus::Draft => ("Draft".into(), Tone::Neutral),
        InvoiceStatus::Void => ("Void".into(), Tone::Neutral),
        InvoiceStatus::Paid => ("Paid".into(), Tone::Good),
        _ if i.days_overdue > 0 => (
            format!("{} · {} days overdue", i.status.label(), i.days_overdue),
            if i.bucket == AgingBucket::ThirtyDays {
                Tone::Warn
            } else {
                Tone::Bad
            },
        ),
        _ => (i.status.label().into(), Tone::Neutral),
    }
}

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let lookups = Lookups::load();
    let redirect = use_auth_redirect();
    let navigate = use_navigate();
    let client = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let bucket = RwSignal::new(String::new());
    let list = LocalResource::new(move || {
        let mut q = Vec::new();
        let (c, s, b) = (client.get(), status.get(), bucket.get());
        if !c.is_empty() {
            q.push(format!("client={}", web_ui::http::encode(&c)));
        }
        if !s.is_empty() {
            q.push(format!("status={s}"));
        }
        if !b.is_empty() {
            q.push(format!("bucket={b}"));
        }
        api::list_invoices(q.join("&"))
    });
    let new_for = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let create = action(
        |client: &String| {
            api::create_invoice(InvoiceDraft {
                client_id: Some(client.clone()),
                ..Default::default()
            })
        },
        move |answer| match answer {
            Ok(inv) => go(&navigate, &links::invoice(&inv.summary.id), false),
            Err(e) => error.set((!redirect(&e)).then_some(e)),
        },
    );
    let client_opts = Signal::derive(move || lookups.client_options("All clients"));
    let new_opts = Signal::derive(move || lookups.client_options("Choose a client"));
    let status_opts = Signal::derive(|| {
        std::iter::once((String::new(), "Any status".to_owned()))
            .chain(
                InvoiceStatus::ALL
                    .iter()
                    .map(|s| (s.as_str().to_owned(), s.label().to_owned())),
            )
            .collect::<Vec<_>>()
    });
    let bucket_opts = Signal::derive(|| {
        std::iter::once((String::new(), "Any age".to_owned()))
            .chain(
                AgingBucket::ALL
                    .iter()
                    .map(|b| (b.as_str().to_owned(), b.label().to_owned())),
            )
            .collect::<Vec<_>>()
    });
    let body = |l: InvoiceList| {
        if l.items.is_empty() {
            return view! { <p class="muted" data-test-id="invoices-empty">"No invoices match. Choose a client above and “New invoice” to start a draft."</p> }.into_any();
        }
        let totals = l
            .totals
            .iter()
            .map(|t| {
                let overdue: i64 = t
                    .buckets
                    .iter()
                    .filter(|b| b.bucket != AgingBucket::Current)
                    .map(|b| b.amount)
                    .sum();
                view! {
                    <li data-test-id="currency-total">
                        {format!(
                            "{}: invoiced {}, outstanding {}, overdue {}",
                            t.currency,
                            money::format(t.total, &t.currency),
                            money::format(t.balance, &t.currency),
                            money::format(overdue, &t.currency)
                        )}
                    </li>
                }
            })
            .collect_view();
        let rows = l
            .items
            .into_iter()
            .map(|i| {
                let (text, tone) = status_text(&i);
                view! {
                    <tr data-test-id="invoice-row">
                        <td><a href=links::invoice(&i.id) data-test-id="invoice-link">{i.number.clone()}</a></td>
                        <td><a href=links::client(&i.client_id)>{i.client_name.clone()}</a></td>
                        <td>{date(i.issue_date)}</td>
                        <td>{date(i.due_date)}</td>
                        <td>{money::format(i.total, &i.currency)}</td>
                        <td>{money::format(i.balance, &i.currency)}</td>
                        <td><Badge text=text tone=tone test_id="invoice-status"/></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <ul class="currency-totals">{totals}</ul>
            <DataTable test_id="invoices-table" columns=&["Number", "Client", "Issued", "Due", "Total", "Balance", "Status"]>
                <tbody>{rows}</tbody>
            </DataTable>
        }
        .into_any()
    };
    view! {
        <PageTitle text="Invoices"/>
        <section class="panel" aria-labelledby="new-invoice-heading">
            <h2 id="new-invoice-heading">"New invoice"</h2>
            <ErrorBanner error=error/>
            <div class="form form-inline">
                <SelectField id="new-invoice-client" label="Client" value=new_for options=new_opts test_id="new-invoice-client"/>
                <button
                    type="button"
                    class="btn btn-primary"
                    data-test-id="new-invoice"
                    disabled=move || new_for.with(String::is_empty) || create.pending().get()
                    title=move || new_for.with(String::is_empty).then_some("Choose a client first.")
                    on:click=move |_| {
                        create.dispatch(new_for.get_untracked());
                    }
                >
                    "Start a draft"
                </button>
            </div>
        </section>
        <section class="panel" aria-labelledby="invoices-heading">
            <h2 id="invoices-heading">"All invoices"</h2>
            <div class="form form-inline filters" role="search" aria-label="Filter invoices">
                <SelectField id="invoices-client" label="Client" value=client options=client_opts test_id="invoices-filter-client"/>
                <SelectField id="invoices-status" label="Status" value=status options=status_opts test_id="invoices-filter-status"/>
                <SelectField id="invoices-bucket" label="Age" value=bucket options=bucket_opts test_id="invoices-filter-bucket"/>
            </div>
            <Loaded resource=list loading="Loading invoices…" redirect=use_auth_redirect() children=body/>
        </section>
    }
}
