//! An approval's audit trail: every entry with who, what, when, which version, the files'
//! SHA-256 and the IP, and the result of re-verifying the hash chain, shown first.

use crate::components::status::short_hash;
use crate::state::use_auth_redirect;
use crate::{api, links};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared_types::approvals::{AuditEntry, AuditLog};
use shared_types::AuditAction;
use web_ui::format;
use web_ui::load::Loaded;
use web_ui::table::DataTable;
use web_ui::title::PageTitle;

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
        AuditAction::CommentEdited => "Edited a comment",
        AuditAction::CommentDeleted => "Deleted a comment",
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

/// What follows the action: a comment's text (shortened, whole in the tooltip), else the
/// entry's own detail.
fn detail(e: &AuditEntry) -> Option<AnyView> {
    if let Some(text) = &e.comment {
        let short = format::excerpt(text, 80);
        return Some(
            view! {
                <span class="muted" title=text.clone() data-test-id="audit-comment">
                    {format!(" · “{short}”")}
                </span>
            }
            .into_any(),
        );
    }
    // A comment that is no longer in the thread (its author deleted it).
    let detail = if e.detail.starts_with("comment ") {
        "a deleted comment".to_owned()
    } else {
        e.detail.clone()
    };
    (!detail.is_empty())
        .then(|| view! { <span class="muted">{format!(" · {detail}")}</span> }.into_any())
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
            <td>{action_label(e.action)} {detail(e)}</td>
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

fn audit_view(log: AuditLog) -> AnyView {
    if log.entries.is_empty() {
        return view! {
            {chain_banner(&log)}
            <p class="muted">"No entries yet."</p>
        }
        .into_any();
    }
    let rows = log.entries.iter().map(entry_row).collect_view();
    view! {
        {chain_banner(&log)}
        <DataTable
            test_id="audit-table"
            caption="Audit entries, oldest first"
            columns=&[
                "#",
                "When",
                "Who",
                "Action",
                "Version",
                "File hashes (SHA-256)",
                "IP address",
                "Entry hash",
            ]
        >
            <tbody>{rows}</tbody>
        </DataTable>
    }
    .into_any()
}

#[component]
pub fn ApprovalAuditPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let log = LocalResource::new(move || api::get_audit(id.get()));
    view! {
        <p class="breadcrumb"><a href=move || links::approval(&id.get())>"Back to the approval"</a></p>
        <PageTitle text="Audit trail"/>
        <p class="muted">"Every entry is chained to the one before it by a SHA-256 hash, so a changed or removed entry breaks the chain."</p>
        <Loaded resource=log loading="Loading the audit trail…" redirect=use_auth_redirect() children=audit_view/>
    }
}
