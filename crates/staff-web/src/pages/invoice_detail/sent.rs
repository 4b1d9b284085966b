//! A sent invoice, read-only: its lines and totals, a form to record a payment (never more than
//! the balance) and voiding with a reason (asked first).

use super::{pdf_name, pdf_path};
use crate::api;
use crate::components::media::DocumentDownload;
use crate::pages::invoices::status_text;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::invoices::{Invoice, InvoiceStatus, PaymentCreate};
use shared_types::money::{self, decimal_text, minor_unit_exponent, parse_decimal};
use web_ui::action::action;
use web_ui::components::{Badge, ErrorBanner, Field, Toast};
use web_ui::confirm::ConfirmButton;
use web_ui::labels::date;
use web_ui::table::DataTable;
use web_ui::title::PageTitle;
use web_ui::ApiError;

#[component]
pub(super) fn SentInvoice(
    inv: Invoice,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let id = inv.summary.id.clone();
    let cur = inv.summary.currency.clone();
    let exp = minor_unit_exponent(&cur);
    let amount = RwSignal::new(decimal_text(inv.summary.balance, exp));
    let paid_on = RwSignal::new(web_ui::format::now().date_naive().to_string());
    let method = RwSignal::new(String::new());
    let reference = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let done = move |answer: Result<Invoice, ApiError>, what: &'static str| match answer {
        Ok(_) => {
            notice.set(Some(what.to_owned()));
            reload.update(|n| *n += 1);
        }
        Err(e) => error.set((!redirect(&e)).then_some(e)),
    };
    let done_void = done.clone();
    let pay = action(
        |(id, body): &(String, PaymentCreate)| api::record_payment(id.clone(), body.clone()),
        move |a| done(a, "Payment recorded."),
    );
    let void = action(
        |(id, reason): &(String, String)| api::void_invoice(id.clone(), reason.clone()),
        move |a| done_void(a, "Invoice voided."),
    );
    let on_pay = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            problem.set(None);
            error.set(None);
            let (Some(a), Ok(d)) = (
                parse_decimal(&amount.get_untracked(), exp),
                paid_on.get_untracked().parse(),
            ) else {
                problem.set(Some(format!(
                    "Enter the amount (at most {exp} decimals) and the date it was paid."
                )));
                return;
            };
            pay.dispatch((
                id.clone(),
                PaymentCreate {
                    amount: a,
                    paid_on: d,
                    method: method.get_untracked(),
                    reference: reference.get_untracked(),
                },
            ));
        }
    };
    let (status, tone) = status_text(&inv.summary);
    let fmt = move |a: i64| money::format(a, &cur);
    let line_fmt = fmt.clone();
    let open = inv.summary.status.is_open();
    let can_void = inv.summary.status != InvoiceStatus::Void && inv.totals.paid == 0;
    let void_id = id.clone();
    view! {
        <div class="title-row">
            <PageTitle text=format!("Invoice {}", inv.summary.number) tab="Invoice"/>
            <Badge text=status tone=tone test_id="invoice-status"/>
        </div>
        <p class="muted">{format!("For {} · issued {} · due {}", inv.summary.client_name, date(inv.summary.issue_date), date(inv.summary.due_date))}</p>
        <p class="actions">
            <DocumentDownload label="Download PDF" path=pdf_path(&inv) filename=pdf_name(&inv) test_id="invoice-pdf"/>
        </p>
        <Toast message=notice/>
        <ErrorBanner error=error/>
        {inv.void_reason.clone().map(|r| view! { <p class="banner banner-warn">{format!("Void: {r}")}</p> })}
        <section class="panel">
            <DataTable test_id="invoice-lines" caption="Line items" columns=&["Description", "Quantity", "Unit price", "Amount"]>
                <tbody>
                    {inv.lines.iter().map(|l| view! {
                        <tr><td>{l.description.clone()}</td><td>{decimal_text(l.quantity_milli, 3)}</td><td>{line_fmt(l.unit_price)}</td><td>{line_fmt(l.amount)}</td></tr>
                    }).collect_view()}
                </tbody>
            </DataTable>
            <dl class="totals" data-test-id="invoice-totals">
                <dt>"Subtotal"</dt><dd>{fmt.clone()(inv.totals.subtotal)}</dd>
                <dt>"Discount"</dt><dd>{format!("−{}", fmt.clone()(inv.totals.discount))}</dd>
                <dt>"Tax"</dt><dd>{fmt.clone()(inv.totals.tax)}</dd>
                <dt class="grand">"Total"</dt><dd class="grand">{fmt.clone()(inv.totals.total)}</dd>
                <dt>"Paid"</dt><dd>{fmt.clone()(inv.totals.paid)}</dd>
                <dt class="grand">"Balance"</dt><dd class="grand" data-test-id="invoice-balance">{fmt.clone()(inv.totals.balance)}</dd>
            </dl>
            <p class="muted">"A sent invoice is not edited: void it and start a new draft to change it."</p>
        </section>
        {open.then(|| view! {
            <section class="panel" aria-labelledby="payment-heading">
                <h2 id="payment-heading">"Record a payment"</h2>
                <form class="form form-inline" on:submit=on_pay novalidate data-test-id="payment-form">
                    {move || problem.get().map(|p| view! { <p class="banner banner-error" role="alert">{p}</p> })}
                    <Field id="payment-amount" label="Amount" value=amount test_id="payment-amount"/>
                    <Field id="payment-date" label="Paid on" input_type="date" value=paid_on test_id="payment-date"/>
                    <Field id="payment-method" label="Method (optional)" value=method test_id="payment-method"/>
                    <Field id="payment-reference" label="Reference (optional)" value=reference test_id="payment-reference"/>
                    <button type="submit" class="btn btn-primary" data-test-id="payment-submit" disabled=move || pay.pending().get()>"Record payment"</button>
                </form>
            </section>
        })}
        {can_void.then(|| view! {
            <section class="panel danger-zone" aria-labelledby="void-heading">
                <h2 id="void-heading">"Void this invoice"</h2>
                <div class="form">
                    <Field id="void-reason" label="Reason (the client sees it)" value=reason test_id="void-reason"/>
                    <ConfirmButton
                        label="Void invoice"
                        question="Void this invoice? It stays in the history, marked void, and can't be paid or changed."
                        yes="Yes, void it"
                        test_id="invoice-void"
                        disabled=Signal::derive(move || reason.with(|r| r.trim().is_empty()))
                        on_confirm=Callback::new(move |()| { void.dispatch((void_id.clone(), reason.get_untracked())); })
                    />
                </div>
            </section>
        })}
    }
}
