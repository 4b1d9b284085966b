//! The list of requests: type tabs and a status filter kept in the address, one card per
//! request, and what to say when there are none.

use super::{due_line, may_request, NotAllowed};
use crate::api::{self, RequestFilter};
use crate::links;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared_types::requests::{PortalRequestSummary, RequestStatus, RequestType};
use web_ui::components::{EmptyState, ErrorBanner, SelectField};
use web_ui::format::when;
use web_ui::labels::{PriorityBadge, RequestBadge};
use web_ui::nav::go;
use web_ui::paged::{LoadMore, Paged};
use web_ui::title::PageTitle;

fn type_label(t: RequestType) -> &'static str {
    t.label()
}

#[component]
pub fn RequestsPage() -> impl IntoView {
    let allowed = may_request();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| RequestFilter {
            request_type: q.get("type").and_then(|t| t.parse().ok()),
            status: q.get("status").and_then(|s| s.parse().ok()),
        })
    });
    let list = Paged::new(api::requests, use_auth_redirect());
    Effect::new(move |_| {
        let f = filter.get();
        if allowed.get() == Some(true) {
            list.load(f);
        }
    });
    let navigate = use_navigate();
    let set_filter = move |f: RequestFilter| {
        let mut q = Vec::new();
        if let Some(t) = f.request_type {
            q.push(format!("type={t}"));
        }
        if let Some(s) = f.status {
            q.push(format!("status={s}"));
        }
        let href = if q.is_empty() {
            links::REQUESTS.to_owned()
        } else {
            format!("{}?{}", links::REQUESTS, q.join("&"))
        };
        go(&navigate, &href, false);
    };
    let for_tabs = set_filter.clone();
    let type_tab = move |t: Option<RequestType>| {
        let label = t.map_or("All", type_label);
        let id = t.map_or("all", RequestType::as_str);
        let set_filter = for_tabs.clone();
        view! {
            <li>
                <button
                    type="button"
                    class="tab"
                    data-test-id=format!("request-tab-{id}")
                    aria-pressed=move || (filter.get().request_type == t).to_string()
                    on:click=move |_| set_filter(RequestFilter { request_type: t, ..filter.get_untracked() })
                >
                    {label}
                </button>
            </li>
        }
    };
    let status = RwSignal::new(String::new());
    Effect::new(move |_| {
        status.set(
            filter
                .get()
                .status
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
        );
    });
    let status_opts = Signal::derive(|| {
        std::iter::once((String::new(), "Any status".to_owned()))
            .chain(
                RequestStatus::ALL
                    .iter()
                    .map(|s| (s.as_str().to_owned(), s.label().to_owned())),
            )
            .collect::<Vec<_>>()
    });
    {
        let set_filter = set_filter.clone();
        Effect::new(move |prev: Option<String>| {
            let chosen = status.get();
            if prev.is_some_and(|p| p != chosen) {
                set_filter(RequestFilter {
                    status: chosen.parse().ok(),
                    ..filter.get_untracked()
                });
            }
            chosen
        });
    }
    let rows = move || {
        list.items
            .get()
            .into_iter()
            .map(|r| view! { <RequestRow r=r/> })
            .collect_view()
    };
    let empty = move || {
        let filtered = filter.with(|f| f.request_type.is_some() || f.status.is_some());
        if filtered {
            view! {
                <EmptyState
                    title="No requests match"
                    body="Nothing matches these filters. Choose “All” and “Any status” to see every request."
                />
            }
            .into_any()
        } else {
            view! {
                <div class="empty" data-test-id="requests-empty">
                    <h2>"No requests yet"</h2>
                    <p>"Need something new, or help with something that exists? Send your agency a job request or a support ticket; you can follow the conversation here."</p>
                    <p><a class="btn btn-primary" href=links::NEW_REQUEST>"Send your first request"</a></p>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <PageTitle text="Requests"/>
        <Show when=move || allowed.get() != Some(false) fallback=|| view! { <NotAllowed/> }>
            <div class="toolbar">
                <a class="btn btn-primary" href=links::NEW_REQUEST data-test-id="new-request">"New request"</a>
            </div>
            <div class="filters">
                <nav aria-label="Request type" class="tabs">
                    <ul>
                        {type_tab(None)}
                        {type_tab(Some(RequestType::Job))}
                        {type_tab(Some(RequestType::Support))}
                    </ul>
                </nav>
                <SelectField id="request-status-filter" label="Status" value=status options=status_opts test_id="request-status-filter"/>
            </div>
            <ErrorBanner error=list.error/>
            <Show when=move || list.loaded.get() fallback=|| view! { <web_ui::components::Spinner label="Loading requests…"/> }>
                <Show when=move || !list.items.with(Vec::is_empty) fallback=empty>
                    <ul class="row-list" data-test-id="request-list">{rows}</ul>
                </Show>
            </Show>
            <LoadMore list=list test_id="requests-more"/>
        </Show>
    }
}

#[component]
fn RequestRow(r: PortalRequestSummary) -> impl IntoView {
    let due = due_line(&r.due);
    let messages = match r.message_count {
        0 => "No replies yet".to_owned(),
        1 => "1 message".to_owned(),
        n => format!("{n} messages"),
    };
    view! {
        <li class="row-card" data-test-id="request-row">
            <div class="row-head">
                <a class="row-title" href=links::request(&r.id) data-test-id="request-title">{r.title.clone()}</a>
                <RequestBadge status=r.status/>
            </div>
            <p class="row-meta muted">
                {format!("{} · {} · {}", r.request_type.label(), r.category.label(), messages)}
                " · "
                {format!("updated {}", when(&r.last_activity_at))}
            </p>
            <p class="row-meta">
                <PriorityBadge priority=r.priority/>
                {due.map(|d| view! { <span class="muted" data-test-id="request-due">" "{d}</span> })}
            </p>
        </li>
    }
}
