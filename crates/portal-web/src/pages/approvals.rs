//! Approvals: the list with a tab per status, and one approval with its versions, files,
//! comment thread and the client's decision.

use crate::components::review::ReviewPage;
use crate::components::status::{approval_label, kind_label, maybe_date, ApprovalBadge};
use crate::state::use_auth_redirect;
use crate::{api, links};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared_types::approvals::{PortalApprovalList, StatusCounts};
use shared_types::ApprovalStatus;
use std::collections::HashMap;
use web_ui::components::EmptyState;
use web_ui::load::Loaded;
use web_ui::table::DataTable;
use web_ui::title::PageTitle;

/// The tabs, in the order work flows: what waits for the client first.
const TABS: [ApprovalStatus; 4] = [
    ApprovalStatus::Pending,
    ApprovalStatus::InReview,
    ApprovalStatus::ChangesRequested,
    ApprovalStatus::Approved,
];

fn count(counts: &StatusCounts, status: ApprovalStatus) -> i64 {
    match status {
        ApprovalStatus::Pending => counts.pending,
        ApprovalStatus::InReview => counts.in_review,
        ApprovalStatus::ChangesRequested => counts.changes_requested,
        ApprovalStatus::Approved => counts.approved,
    }
}

#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let query = use_query_map();
    let status = Memo::new(move |_| {
        query.with(|q| {
            q.get("status")
                .and_then(|s| s.parse::<ApprovalStatus>().ok())
        })
    });
    let list = LocalResource::new(move || api::approvals(status.get()));
    // Project names for the rows (the approval list carries only the project id).
    let projects = LocalResource::new(api::projects);
    let counts = RwSignal::new(None::<StatusCounts>);
    Effect::new(move |_| {
        if let Some(Ok(l)) = list.get() {
            counts.set(Some(l.counts));
        }
    });

    let tab = move |s: Option<ApprovalStatus>| {
        let (href, label, id) = match s {
            Some(s) => (
                links::approvals_with_status(s),
                approval_label(s),
                s.as_str(),
            ),
            None => (links::APPROVALS.to_owned(), "All", "all"),
        };
        let n = move || {
            counts.with(|c| {
                c.map(|c| match s {
                    Some(s) => count(&c, s),
                    None => TABS.iter().map(|t| count(&c, *t)).sum(),
                })
            })
        };
        view! {
            <li>
                <a
                    href=href
                    class="tab"
                    data-test-id=format!("approval-tab-{id}")
                    aria-current=move || (status.get() == s).then_some("page")
                >
                    {label}
                    {move || n().map(|n| view! { <span class="tab-count">{n.to_string()}</span> })}
                </a>
            </li>
        }
    };

    let body = move |l: PortalApprovalList| {
        if l.items.is_empty() {
            let body = match status.get_untracked() {
                None => "Nothing is waiting for your review. When your agency puts work up for approval, it appears here.".to_owned(),
                Some(s) => format!("No approvals are “{}” right now.", approval_label(s)),
            };
            return view! { <EmptyState title="Nothing to review" body=body/> }.into_any();
        }
        let names: HashMap<String, String> = projects
            .get()
            .and_then(Result::ok)
            .map(|p| p.items.into_iter().map(|p| (p.id, p.name)).collect())
            .unwrap_or_default();
        let rows = l
            .items
            .into_iter()
            .map(|a| {
                let project = names
                    .get(&a.project_id)
                    .cloned()
                    .unwrap_or_else(|| "Project".to_owned());
                view! {
                    <tr data-test-id="approval-row">
                        <th scope="row">
                            <a href=links::approval(&a.id) data-test-id="approval-title">
                                {a.title.clone()}
                            </a>
                        </th>
                        <td>{kind_label(a.kind)}</td>
                        <td>
                            <a href=links::project(&a.project_id)>{project}</a>
                        </td>
                        <td>{maybe_date(a.due_date)}</td>
                        <td>
                            <ApprovalBadge status=a.status/>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <DataTable
                test_id="approval-list"
                caption="Approvals"
                columns=&["Title", "Kind", "Project", "Due", "Status"]
            >
                <tbody>{rows}</tbody>
            </DataTable>
        }
        .into_any()
    };

    view! {
        <PageTitle text="Approvals"/>
        <nav aria-label="Approval status" class="tabs">
            <ul>
                {tab(None)}
                {TABS.into_iter().map(|s| tab(Some(s))).collect_view()}
            </ul>
        </nav>
        <Loaded resource=list loading="Loading approvals…" redirect=use_auth_redirect() children=body/>
    }
}

#[component]
pub fn ApprovalDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    view! {
        <p class="breadcrumb">
            <a href=links::APPROVALS>"All approvals"</a>
        </p>
        {move || view! { <ReviewPage id=id.get()/> }}
    }
}
