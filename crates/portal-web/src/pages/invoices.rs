//! Invoices: what is outstanding and overdue at the top, the billing history below (status and
//! how overdue, always in words), and one invoice in a slideover with its full breakdown and
//! "Pay now" when the agency gave a payment link. `/portal/invoices/{id}` opens the list with
//! that invoice's slideover open.

use crate::state::{use_auth_redirect, use_portal};
use crate::{api, links};
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared_types::invoices::{AgingBucket, Invoice, InvoiceList, InvoiceStatus, InvoiceSummary};
use shared_types::money::{self, Discount};
use web_ui::components::{Badge, EmptyState, Tone};
use web_ui::labels::date;
use web_ui::load::Loaded;
use web_ui::nav::go;
use web_ui::table::DataTable;
use web_ui::title::PageTitle;

/// "12 days overdue", coloured by bucket but always in words.
#[component]
fn AgingBadge(status: InvoiceStatus, days: i64, bucket: AgingBucket) -> impl IntoView {
    let (text, tone) = match (status, bucket) {
        (InvoiceStatus::Paid, _) => ("Paid".to_owned(), Tone::Good),
        (InvoiceStatus::Void, _) => ("Void".to_owned(), Tone::Neutral),
        (_, AgingBucket::Current) => ("Not yet due".to_owned(), Tone::Neutral),
        (_, AgingBucket::ThirtyDays) => (overdue(days), Tone::Warn),
        _ => (overdue(days), Tone::Bad),
    };
    view! { <Badge text=text tone=tone test_id="aging"/> }
}

fn overdue(days: i64) -> String {
    if days == 1 {
        "1 day overdue".to_owned()
    } else {
        format!("{days} days overdue")
    }
}

/// A quantity in thousandths as text: `2.5`, `1`, `0.125`.
fn quantity(milli: i64) -> String {
    let whole = milli / 1000;
    let frac = milli % 1000;
    if frac == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{frac:03}")
            .trim_end_matches('0')
            .to_owned()
    }
}

/// A rate in basis points as a percentage: `2000` → `20%`, `825` → `8.25%`.
fn basis_points(bp: i64) -> String {
    quantity(bp * 10) + "%"
}

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let state = use_portal();
    let allowed = Signal::derive(move || {
        state
            .me
            .with(|m| m.as_ref().map(|m| m.permissions.can_view_invoices))
    });
    let params = use_params_map();
    let open_id = Memo::new(move |_| params.with(|p| p.get("id")));
    let list = LocalResource::new(api::invoices);
    let body = move |l: InvoiceList| {
        if l.items.is_empty() {
            return view! {
                <EmptyState
                    title="No invoices yet"
                    body="When your agency sends you an invoice, it appears here with what is due and when."
                />
            }
            .into_any();
        }
        let cards = l
            .totals
            .iter()
            .map(|t| {
                let overdue: i64 = t
                    .buckets
                    .iter()
                    .filter(|b| b.bucket != AgingBucket::Current)
                    .map(|b| b.amount)
                    .sum();
                let late = overdue > 0;
                view! {
                    <li class="counter" data-test-id="invoice-summary">
                        <div class="counter-card">
                            <span class="counter-value">{money::format(t.balance, &t.currency)}</span>
                            <span class="counter-label">"Outstanding"</span>
                        </div>
                    </li>
                    <li class="counter">
                        <div class="counter-card" class:overdue-card=late>
                            <span class="counter-value" data-test-id="overdue-total">{money::format(overdue, &t.currency)}</span>
                            <span class="counter-label">"Overdue"</span>
                        </div>
                    </li>
                }
            })
            .collect_view();
        let rows = l
            .items
            .into_iter()
            .map(|i| view! { <InvoiceRow i=i/> })
            .collect_view();
        let owing = l.totals.iter().any(|t| t.balance > 0);
        view! {
            <ul class="counters" aria-label="What you owe">{cards}</ul>
            {owing.then(|| view! {
                <p class="actions">
                    <a class="btn btn-secondary" href=api::statement_pdf_url() download data-test-id="statement-pdf">
                        "Statement of account (PDF)"
                    </a>
                </p>
            })}
            <DataTable
                test_id="invoice-list"
                caption="Invoices"
                columns=&["Invoice", "Issued", "Due", "Total", "Balance", "Status"]
            >
                <tbody>{rows}</tbody>
            </DataTable>
        }
        .into_any()
    };
    view! {
        <PageTitle text="Invoices"/>
        <Show
            when=move || allowed.get() != Some(false)
            fallback=|| view! {
                <p class="banner banner-error" role="alert" data-test-id="no-permission">
                    "Your account manager has not enabled invoices for you. Ask them, or a colleague who handles billing."
                </p>
            }
        >
            <Loaded resource=list loading="Loading invoices…" redirect=use_auth_redirect() children=body/>
            {move || open_id.get().map(|id| view! { <InvoiceSlideover id=id/> })}
        </Show>
    }
}

#[component]
fn InvoiceRow(i: InvoiceSummary) -> impl IntoView {
    let status = match i.status {
        InvoiceStatus::PartiallyPaid => "Partly paid",
        other => other.label(),
    };
    view! {
        <tr data-test-id="invoice-row">
            <th scope="row">
                <a href=links::invoice(&i.id) data-test-id="invoice-link">{i.number.clone()}</a>
            </th>
            <td>{date(i.issue_date)}</td>
            <td>{date(i.due_date)}</td>
            <td>{money::format(i.total, &i.currency)}</td>
            <td>{money::format(i.balance, &i.currency)}</td>
            <td>
                <span class="visually-hidden">{status}" · "</span>
                <AgingBadge status=i.status days=i.days_overdue bucket=i.bucket/>
            </td>
        </tr>
    }
}

/// One invoice over the list: a dialog that takes focus, closes with Escape or its button, and
/// returns to the list's address.
#[component]
fn InvoiceSlideover(id: String) -> impl IntoView {
    let navigate = use_navigate();
    let invoice = LocalResource::new(move || api::invoice(id.clone()));
    let panel = NodeRef::<html::Div>::new();
    // Focus moves into the dialog once it is on screen (after the page heading has taken focus
    // for the navigation).
    Effect::new(move |_| {
        if let Some(p) = panel.get() {
            request_animation_frame(move || {
                let _ = p.focus();
            });
        }
    });
    let close = move || go(&navigate, links::INVOICES, false);
    // Escape closes it wherever focus is.
    let escape = {
        let close = close.clone();
        window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "Escape" {
                close();
            }
        })
    };
    on_cleanup(move || escape.remove());
    let close_button = close.clone();
    let body = |inv: Invoice| view! { <InvoiceDetail inv=inv/> };
    view! {
        <div class="slideover-backdrop" on:click=move |_| close()></div>
        <div
            class="slideover"
            role="dialog"
            aria-modal="true"
            aria-labelledby="slideover-title"
            tabindex="-1"
            node_ref=panel
            data-test-id="invoice-slideover"
        >
            <div class="slideover-head">
                <h2 id="slideover-title">"Invoice"</h2>
                <button type="button" class="btn btn-secondary btn-small" data-test-id="slideover-close" on:click=move |_| close_button()>
                    "Close"
                </button>
            </div>
            <Loaded resource=invoice loading="Loading the invoice…" redirect=use_auth_redirect() subject="invoice" children=body/>
        </div>
    }
}

#[component]
fn InvoiceDetail(inv: Invoice) -> impl IntoView {
    let cur = inv.summary.currency.clone();
    let fmt = move |a: i64| money::format(a, &cur);
    let lines = inv
        .lines
        .iter()
        .map(|l| {
            view! {
                <tr data-test-id="invoice-line">
                    <th scope="row">{l.description.clone()}</th>
                    <td>{quantity(l.quantity_milli)}</td>
                    <td>{fmt.clone()(l.unit_price)}</td>
                    <td>{fmt.clone()(l.amount)}</td>
                </tr>
            }
        })
        .collect_view();
    let discount = inv.discount.map(|d| {
        let label = match d {
            Discount::Percent { basis_points: bp } => format!("Discount ({})", basis_points(bp)),
            Discount::Fixed { .. } => "Discount".to_owned(),
        };
        view! { <dt>{label}</dt><dd>{format!("−{}", fmt.clone()(inv.totals.discount))}</dd> }
    });
    let taxes = inv
        .taxes
        .iter()
        .map(|t| view! { <dt>{format!("{} ({})", t.name, basis_points(t.basis_points))}</dt><dd>{fmt.clone()(t.amount)}</dd> })
        .collect_view();
    let payments = inv
        .payments
        .iter()
        .map(|p| {
            let how = [p.method.as_str(), p.reference.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <li data-test-id="invoice-payment">
                    {format!("{} on {}", fmt.clone()(p.amount), date(p.paid_on))}
                    {(!how.is_empty()).then(|| view! { <span class="muted">{format!(" ({how})")}</span> })}
                </li>
            }
        })
        .collect_view();
    let overdue_note = (inv.summary.days_overdue > 0).then(|| {
        view! {
            <p class="banner banner-warn" data-test-id="invoice-overdue">
                {format!("This invoice was due on {} and is {}.", date(inv.summary.due_date), overdue(inv.summary.days_overdue))}
            </p>
        }
    });
    let pay = inv
        .payment_url
        .clone()
        .filter(|_| inv.summary.status.is_open() && inv.summary.balance > 0)
        .map(|url| {
            view! {
                <a class="btn btn-primary" href=url target="_blank" rel="noopener noreferrer" data-test-id="pay-now">
                    "Pay now"
                </a>
            }
        });
    view! {
        <p class="slideover-number" data-test-id="invoice-number">
            <strong>{inv.summary.number.clone()}</strong>
            " "
            <AgingBadge status=inv.summary.status days=inv.summary.days_overdue bucket=inv.summary.bucket/>
        </p>
        <p class="muted">{format!("Issued {} · due {}", date(inv.summary.issue_date), date(inv.summary.due_date))}</p>
        {overdue_note}
        <DataTable test_id="invoice-lines" caption="Line items" columns=&["Item", "Quantity", "Unit price", "Amount"]>
            <tbody>{lines}</tbody>
        </DataTable>
        <dl class="totals" data-test-id="invoice-totals">
            <dt>"Subtotal"</dt><dd>{fmt.clone()(inv.totals.subtotal)}</dd>
            {discount}
            {taxes}
            <dt class="grand">"Total"</dt><dd class="grand">{fmt.clone()(inv.totals.total)}</dd>
            <dt>"Paid"</dt><dd>{fmt.clone()(inv.totals.paid)}</dd>
            <dt class="grand">"Balance due"</dt><dd class="grand" data-test-id="invoice-balance">{fmt.clone()(inv.totals.balance)}</dd>
        </dl>
        {(!inv.payments.is_empty()).then(|| view! { <h3>"Payments"</h3><ul class="payment-list">{payments}</ul> })}
        {(!inv.notes.is_empty()).then(|| view! { <p class="message-body">{inv.notes.clone()}</p> })}
        <div class="actions">
            {pay}
            <a class="btn btn-secondary" href=api::invoice_pdf_url(&inv.summary.id) download data-test-id="invoice-pdf">
                "Download PDF"
            </a>
        </div>
    }
}
