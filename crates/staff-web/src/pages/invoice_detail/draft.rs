//! The editor of a draft invoice: lines added, moved and removed, discount, taxes, dates,
//! project and payment link, with live totals by the server's own arithmetic; saved, or saved
//! and sent (asked first).

use super::{pdf_name, pdf_path};
use crate::api;
use crate::components::media::DocumentDownload;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::invoices::{Invoice, InvoiceDraft, InvoiceLine, InvoiceStatus, TaxRate};
use shared_types::money::{self, decimal_text, minor_unit_exponent, parse_decimal, Discount};
use web_ui::action::action;
use web_ui::components::{Badge, ErrorBanner, Field, Toast};
use web_ui::confirm::ConfirmButton;
use web_ui::table::DataTable;
use web_ui::title::PageTitle;
use web_ui::ApiError;

/// One editable line: its text fields as typed.
#[derive(Clone, Copy)]
struct LineFields {
    key: u32,
    description: RwSignal<String>,
    quantity: RwSignal<String>,
    price: RwSignal<String>,
}

#[component]
pub(super) fn DraftEditor(
    inv: Invoice,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let id = inv.summary.id.clone();
    let currency = RwSignal::new(inv.summary.currency.clone());
    let exp = move || minor_unit_exponent(&currency.get());
    let next = StoredValue::new(0_u32);
    let new_line = move |d: String, q: String, p: String| {
        let key = next.get_value();
        next.set_value(key + 1);
        LineFields {
            key,
            description: RwSignal::new(d),
            quantity: RwSignal::new(q),
            price: RwSignal::new(p),
        }
    };
    let start_exp = minor_unit_exponent(&inv.summary.currency);
    let lines = RwSignal::new(
        inv.lines
            .iter()
            .map(|l| {
                new_line(
                    l.description.clone(),
                    decimal_text(l.quantity_milli, 3)
                        .trim_end_matches('0')
                        .trim_end_matches('.')
                        .to_owned(),
                    decimal_text(l.unit_price, start_exp),
                )
            })
            .collect::<Vec<_>>(),
    );
    let issue = RwSignal::new(inv.summary.issue_date.to_string());
    let due = RwSignal::new(inv.summary.due_date.to_string());
    let (kind0, value0) = match inv.discount {
        Some(Discount::Percent { basis_points }) => ("percent", decimal_text(basis_points, 2)),
        Some(Discount::Fixed { amount }) => ("fixed", decimal_text(amount, start_exp)),
        None => ("none", String::new()),
    };
    let discount_kind = RwSignal::new(kind0.to_owned());
    let discount_value = RwSignal::new(value0);
    let tax_name = RwSignal::new(
        inv.taxes
            .first()
            .map(|t| t.name.clone())
            .unwrap_or_else(|| "VAT".into()),
    );
    let tax_rate = RwSignal::new(
        inv.taxes
            .first()
            .map(|t| decimal_text(t.basis_points, 2))
            .unwrap_or_default(),
    );
    let payment_url = RwSignal::new(inv.payment_url.clone().unwrap_or_default());
    let project = RwSignal::new(inv.project_id.clone().unwrap_or_default());
    let client_id = inv.summary.client_id.clone();
    let projects =
        LocalResource::new(move || api::list_projects(Some(client_id.clone()), Some(false), None));
    let notes = RwSignal::new(inv.notes.clone());
    let problem = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);

    // The draft as typed, or what is wrong with it.
    let read = move || -> Result<InvoiceDraft, String> {
        let e = exp();
        let mut out = Vec::new();
        for (n, l) in lines.get().iter().enumerate() {
            let q = parse_decimal(&l.quantity.get(), 3).filter(|q| *q > 0);
            let p = parse_decimal(&l.price.get(), e);
            match (q, p) {
                (Some(quantity_milli), Some(unit_price)) if !l.description.get().trim().is_empty() => {
                    out.push(InvoiceLine { description: l.description.get(), quantity_milli, unit_price, amount: 0 })
                }
                _ => return Err(format!("Line {}: give a description, a quantity above 0 and a price with at most {e} decimals.", n + 1)),
            }
        }
        let discount = match discount_kind.get().as_str() {
            "percent" => Some(Discount::Percent {
                basis_points: parse_decimal(&discount_value.get(), 2)
                    .ok_or("Enter the discount as a percentage, like 10.")?,
            }),
            "fixed" => Some(Discount::Fixed {
                amount: parse_decimal(&discount_value.get(), e)
                    .ok_or("Enter the discount as an amount.")?,
            }),
            _ => None,
        };
        let taxes = if tax_rate.get().trim().is_empty() {
            Vec::new()
        } else {
            vec![TaxRate {
                name: tax_name.get(),
                basis_points: parse_decimal(&tax_rate.get(), 2)
                    .ok_or("Enter the tax rate as a percentage, like 20.")?,
                amount: 0,
            }]
        };
        Ok(InvoiceDraft {
            client_id: None,
            // "" unlinks the project.
            project_id: Some(project.get()),
            currency: Some(currency.get()),
            issue_date: issue.get().parse().ok(),
            due_date: due.get().parse().ok(),
            lines: Some(out),
            discount: Some(discount),
            taxes: Some(taxes),
            notes: Some(notes.get()),
            payment_url: Some(Some(payment_url.get()).filter(|u| !u.trim().is_empty())),
        })
    };
    // The draft as loaded: a save sends only the fields changed since (the page reloads after).
    let loaded = StoredValue::new(untrack(|| read().ok()));
    // Live totals, by the server's own arithmetic.
    let totals = Memo::new(move |_| {
        read().ok().map(|d| {
            let pairs: Vec<(i64, i64)> = d
                .lines
                .unwrap_or_default()
                .iter()
                .map(|l| (l.quantity_milli, l.unit_price))
                .collect();
            let rates: Vec<i64> = d
                .taxes
                .unwrap_or_default()
                .iter()
                .map(|t| t.basis_points)
                .collect();
            money::totals(&pairs, d.discount.flatten(), &rates, &[])
        })
    });
    let save = {
        let redirect = redirect.clone();
        action(
            |(id, body, then_send): &(String, InvoiceDraft, bool)| {
                let (id, body, then_send) = (id.clone(), body.clone(), *then_send);
                async move {
                    let saved = api::update_invoice(id.clone(), body).await?;
                    if then_send {
                        api::send_invoice(id).await
                    } else {
                        Ok(saved)
                    }
                }
            },
            move |answer: Result<Invoice, ApiError>| match answer {
                Ok(inv) => {
                    notice.set(Some(if inv.summary.status == InvoiceStatus::Draft {
                        "Draft saved.".to_owned()
                    } else {
                        format!("Invoice {} sent to the client.", inv.summary.number)
                    }));
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set((!redirect(&e)).then_some(e)),
            },
        )
    };
    let submit = {
        let id = id.clone();
        move |send: bool| {
            problem.set(None);
            error.set(None);
            notice.set(None);
            match read() {
                Ok(d) => {
                    let body = match loaded.get_value() {
                        Some(before) => d.changes_from(&before),
                        None => d,
                    };
                    save.dispatch((id.clone(), body, send));
                }
                Err(p) => problem.set(Some(p)),
            }
        }
    };
    let on_submit = {
        let submit = submit.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            submit(false);
        }
    };
    let rows = move || {
        let all = lines.get();
        let count = all.len();
        all.into_iter()
            .enumerate()
            .map(|(n, l)| {
                let amount = move || {
                    let e = exp();
                    match (parse_decimal(&l.quantity.get(), 3), parse_decimal(&l.price.get(), e)) {
                        (Some(q), Some(p)) => money::format(money::line_amount(q, p), &currency.get()),
                        _ => "—".to_owned(),
                    }
                };
                let move_by = move |delta: isize| {
                    lines.update(|v| {
                        let to = n as isize + delta;
                        if to >= 0 && (to as usize) < v.len() {
                            v.swap(n, to as usize);
                        }
                    })
                };
                view! {
                    <tr data-test-id="line-row">
                        <td><input aria-label=format!("Line {} description", n + 1) data-test-id="line-description" prop:value=move || l.description.get() on:input=move |ev| l.description.set(event_target_value(&ev))/></td>
                        <td><input aria-label=format!("Line {} quantity", n + 1) inputmode="decimal" class="num" data-test-id="line-quantity" prop:value=move || l.quantity.get() on:input=move |ev| l.quantity.set(event_target_value(&ev))/></td>
                        <td><input aria-label=format!("Line {} unit price", n + 1) inputmode="decimal" class="num" data-test-id="line-price" prop:value=move || l.price.get() on:input=move |ev| l.price.set(event_target_value(&ev))/></td>
                        <td class="num" data-test-id="line-amount">{amount}</td>
                        <td class="line-actions">
                            <button type="button" class="btn btn-link btn-small" aria-label=format!("Move line {} up", n + 1) disabled=n == 0 on:click=move |_| move_by(-1)>"↑"</button>
                            <button type="button" class="btn btn-link btn-small" aria-label=format!("Move line {} down", n + 1) disabled=n + 1 == count on:click=move |_| move_by(1)>"↓"</button>
                            <button type="button" class="btn btn-link btn-small" aria-label=format!("Remove line {}", n + 1) data-test-id="line-remove" on:click=move |_| lines.update(|v| v.retain(|x| x.key != l.key))>"Remove"</button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let fmt = move |a: i64| money::format(a, &currency.get());
    let send_submit = submit.clone();
    view! {
        <div class="title-row">
            <PageTitle text=format!("Invoice {} (draft)", inv.summary.number) tab="Invoice"/>
            <Badge text="Draft"/>
        </div>
        <p class="muted">{format!("For {}", inv.summary.client_name)}</p>
        <p class="actions">
            <DocumentDownload label="Preview PDF (as last saved)" path=pdf_path(&inv) filename=pdf_name(&inv) test_id="invoice-pdf"/>
        </p>
        <form class="form panel invoice-editor" on:submit=on_submit novalidate data-test-id="invoice-editor">
            <ErrorBanner error=error/>
            {move || problem.get().map(|p| view! { <p class="banner banner-error" role="alert" data-test-id="editor-problem">{p}</p> })}
            <Toast message=notice/>
            <div class="field-row">
                <Field id="invoice-issue" label="Issue date" input_type="date" value=issue test_id="invoice-issue"/>
                <Field id="invoice-due" label="Due date" input_type="date" value=due test_id="invoice-due"/>
                <div class="field">
                    <label for="invoice-currency">"Currency"</label>
                    <select id="invoice-currency" data-test-id="invoice-currency" on:change=move |ev| currency.set(event_target_value(&ev))>
                        {money::CURRENCIES.iter().map(|c| view! { <option value=*c selected=currency.get_untracked() == *c>{*c}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="field">
                <label for="invoice-project">"Project (optional)"</label>
                <select id="invoice-project" data-test-id="invoice-project" on:change=move |ev| project.set(event_target_value(&ev))>
                    <option value="" selected=move || project.get().is_empty()>"No project"</option>
                    {move || projects.get().and_then(|r| r.ok()).map(|page| page.items.into_iter().map(|p| {
                        let value = p.id.clone();
                        let chosen = p.id.clone();
                        view! { <option value=value selected=move || project.get() == chosen>{p.name}</option> }
                    }).collect_view())}
                </select>
            </div>
            <DataTable test_id="invoice-lines" caption="Line items" columns=&["Description", "Quantity", "Unit price", "Amount", "Order"]>
                <tbody>{rows}</tbody>
            </DataTable>
            <div class="actions">
                <button type="button" class="btn btn-secondary" data-test-id="line-add" on:click=move |_| lines.update(|v| v.push(new_line(String::new(), "1".into(), String::new())))>"Add a line"</button>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="discount-kind">"Discount"</label>
                    <select id="discount-kind" data-test-id="discount-kind" on:change=move |ev| discount_kind.set(event_target_value(&ev))>
                        <option value="none" selected=kind0 == "none">"None"</option>
                        <option value="percent" selected=kind0 == "percent">"Percentage"</option>
                        <option value="fixed" selected=kind0 == "fixed">"Fixed amount"</option>
                    </select>
                </div>
                <Field id="discount-value" label="Discount (% or amount)" value=discount_value test_id="discount-value"/>
                <Field id="tax-name" label="Tax name" value=tax_name test_id="tax-name"/>
                <Field id="tax-rate" label="Tax rate (%)" value=tax_rate test_id="tax-rate"/>
            </div>
            <dl class="totals" data-test-id="live-totals" aria-live="polite">
                {move || totals.get().map(|t| view! {
                    <dt>"Subtotal"</dt><dd>{fmt(t.subtotal)}</dd>
                    <dt>"Discount"</dt><dd>{format!("−{}", fmt(t.discount))}</dd>
                    <dt>"Tax"</dt><dd>{fmt(t.tax)}</dd>
                    <dt class="grand">"Total"</dt><dd class="grand" data-test-id="live-total">{fmt(t.total)}</dd>
                })}
            </dl>
            <Field id="invoice-payment-url" label="Payment link (optional, https)" value=payment_url test_id="invoice-payment-url"/>
            <Field id="invoice-notes" label="Notes for the client (optional)" value=notes test_id="invoice-notes"/>
            <div class="actions">
                <button type="submit" class="btn btn-secondary" data-test-id="invoice-save" disabled=move || save.pending().get()>"Save draft"</button>
                <ConfirmButton
                    label="Send to the client"
                    class="btn btn-primary"
                    question="Send this invoice? The client's contacts who see invoices get it by email, and it can no longer be edited."
                    yes="Yes, send it"
                    test_id="invoice-send"
                    on_confirm=Callback::new(move |()| send_submit(true))
                />
            </div>
        </form>
    }
}
