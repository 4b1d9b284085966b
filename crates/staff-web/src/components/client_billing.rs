//! What a client owes: outstanding money per currency and how overdue, on the client's page.

use crate::api;
use crate::components::media::DocumentDownload;
use crate::links;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::invoices::AgingReport;
use shared_types::money;
use web_ui::load::Loaded;
use web_ui::table::DataTable;

/// The bucket columns follow `AgingBucket::ALL`, as the totals' buckets do.
const COLUMNS: &[&str] = &[
    "Currency",
    "Outstanding",
    "Current",
    "1–30 days overdue",
    "31–60 days overdue",
    "61–90 days overdue",
    "Over 90 days overdue",
];

#[component]
pub fn ClientBilling(client_id: String) -> impl IntoView {
    let statement = format!("/clients/{client_id}/statement.pdf");
    let report = LocalResource::new(move || api::client_aging(client_id.clone()));
    let body = |r: AgingReport| {
        if r.organization.is_empty() {
            return view! { <p class="muted" data-test-id="client-aging-empty">"Nothing outstanding: every sent invoice is paid."</p> }.into_any();
        }
        let rows = r
            .organization
            .into_iter()
            .map(|t| {
                let cur = t.currency.clone();
                view! {
                    <tr data-test-id="client-aging-row">
                        <th scope="row">{t.currency.clone()}</th>
                        <td>{money::format(t.balance, &t.currency)}</td>
                        {t.buckets.into_iter().map(|b| view! { <td>{money::format(b.amount, &cur)}</td> }).collect_view()}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <DataTable test_id="client-aging" columns=COLUMNS>
                <tbody>{rows}</tbody>
            </DataTable>
        }
        .into_any()
    };
    view! {
        <section class="panel" aria-labelledby="billing-heading">
            <h2 id="billing-heading">"Billing"</h2>
            <Loaded resource=report loading="Loading what this client owes…" redirect=use_auth_redirect() children=body/>
            <div class="actions">
                <DocumentDownload label="Statement of account (PDF)" path=statement filename="statement.pdf".to_owned() test_id="client-statement-pdf"/>
                <a href=links::INVOICES>"All invoices"</a>
            </div>
        </section>
    }
}
