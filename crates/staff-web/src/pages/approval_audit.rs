//! An approval's audit trail: every entry with who, what, when, which version, the files'
//! SHA-256 and the IP, and the result of re-verifying the hash chain, shown first.

use crate::api;
use crate::components::status::short_hash;
use crate::pages::approvals::approval_href;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared_types::approvals::{AuditEntry, AuditLog};
use shared_types::AuditAction;
use web_ui::components::{ErrorBanner, Spinner};
use web_ui::format;

fn action_label(a: AuditAction) -> &'static str {
    match a {
        AuditAction::Submitted => "Submitted",
        AuditAction::Viewed => "Viewed",
        AuditAction::Approved => "Approved",
        AuditAction::ChangesRequested => "Changes requested",
        AuditAction::Commented => "Commented",
        AuditAction::Resubmitted => "Resubmitted",
        AuditAction::StatusChanged => "Status changed",
        AuditAction::Archived => "Archived",
    }
}

fn chain_banner(log: &AuditLog) -> AnyView {
    if log.verified {
        view! {
            <div class="banner banner-ok chain" role="status" data-test-id="chain-status">
                <strong>"Chain verified"</strong>
                {format!(" — all {} entries match their hashes and predecessors.", log.entries.len())}
            </div>
        }
        .into_any()
    } else {
        let at = log
            .broken_at
            .map_or_else(|| "an unknown entry".to_owned(), |n| format!("entry {n}"));
        view! {
            <div class="banner banner-error chain" role="alert" data-test-id="chain-status">
                <strong>{format!("Chain broken at {at}")}</strong>
                " — this entry or one before it was changed after it was recorded."
            </div>
        }
        .into_any()
    }
}

fn entry_row(e: &AuditEntry) -> impl IntoView {
    let hashes = e
        .file_hashes
        .iter()
        .map(|h| view! { <li><code title=h.clone()>{short_hash(h)}</code></li> })
        .collect_view();
    let actor = format!(
        "{} ({})",
        e.actor_name,
        if e.actor_kind == "contact" {
            "client"
        } else {
            e.actor_kind.as_str()
        }
    );
    view! {
        <tr data-test-id="audit-row" data-action=e.action.as_str()>
            <td>{e.seq}</td>
            <td>{format::datetime(&e.created_at)}</td>
            <td>{actor}</td>
            <td>{action_label(e.action)} {(!e.detail.is_empty()).then(|| view! { <span class="muted">{format!(" · {}", e.detail)}</span> })}</td>
            <td>{e.version}</td>
            <td>
                {if e.file_hashes.is_empty() { Some("—") } else { None }}
                <ul class="plain-list hashes">{hashes}</ul>
            </td>
            <td>{e.ip.clone().unwrap_or_else(|| "—".to_owned())}</td>
            <td><code title=e.hash.clone()>{short_hash(&e.hash)}</code></td>
        </tr>
    }
}

#[component]
pub fn ApprovalAuditPage() -> impl IntoView {
    let redirect = use_auth_redirect();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let log = LocalResource::new(move || api::get_audit(id.get()));
    let body = move || {
        log.get().map(|r| match r {
            Err(e) => {
                redirect(&e);
                let e = Some(e);
                view! { <ErrorBanner error=Signal::derive(move || e.clone())/> }.into_any()
            }
            Ok(log) if log.entries.is_empty() => view! {
                {chain_banner(&log)}
                <p class="muted">"No entries yet."</p>
            }
            .into_any(),
            Ok(log) => {
                let rows = log.entries.iter().map(entry_row).collect_view();
                view! {
                    {chain_banner(&log)}
                    <div class="table-wrap">
                        <table data-test-id="audit-table">
                            <caption class="visually-hidden">"Audit entries, oldest first"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"#"</th>
                                    <th scope="col">"When"</th>
                                    <th scope="col">"Who"</th>
                                    <th scope="col">"Action"</th>
                                    <th scope="col">"Version"</th>
                                    <th scope="col">"File hashes (SHA-256)"</th>
                                    <th scope="col">"IP address"</th>
                                    <th scope="col">"Entry hash"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <p class="breadcrumb"><a href=move || approval_href(&id.get())>"Back to the approval"</a></p>
        <h1 data-test-id="page-title">"Audit trail"</h1>
        <p class="muted">"Every entry is chained to the one before it by a SHA-256 hash, so a changed or removed entry breaks the chain."</p>
        <Transition fallback=|| view! { <Spinner label="Loading the audit trail…"/> }>{body}</Transition>
    }
}
