//! The requests inbox: filters kept in the page's address (so a filtered view can be shared or
//! bookmarked), the sort, the count of active requests nobody owns, and each request's due
//! times with breaches marked.

use crate::api::{self, InboxFilter};
use crate::components::lookups::Lookups;
use crate::components::request_form::NewRequestPanel;
use crate::links;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared_types::requests::{
    RequestCategory, RequestPriority, RequestStatus, RequestType, StaffRequestSummary,
};
use shared_types::Page;
use web_ui::components::{ErrorBanner, SelectField, Spinner};
use web_ui::format::{datetime, now, when};
use web_ui::labels::{PriorityBadge, RequestBadge};
use web_ui::nav::go;
use web_ui::paged::{LoadMore, Paged};
use web_ui::table::DataTable;
use web_ui::title::PageTitle;

/// Options for a filter: "any" first, then each value with its label.
fn options<T: Copy>(
    any: &str,
    all: &[T],
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    std::iter::once((String::new(), any.to_owned()))
        .chain(
            all.iter()
                .map(|v| (value(*v).to_owned(), label(*v).to_owned())),
        )
        .collect()
}

#[component]
pub fn RequestsPage() -> impl IntoView {
    let lookups = Lookups::load();
    let query = use_query_map();
    let navigate = use_navigate();
    // The filter is the address: every change navigates, and the list follows the address.
    let filter = Memo::new(move |_| {
        query.with(|q| {
            let get = |k: &str| q.get(k).filter(|v| !v.is_empty());
            InboxFilter {
                request_type: get("type").and_then(|v| v.parse().ok()),
                category: get("category").and_then(|v| v.parse().ok()),
                status: get("status").and_then(|v| v.parse().ok()),
                // Active requests unless the address says otherwise.
                active: get("active").is_none_or(|v| v == "true") && get("status").is_none(),
                priority: get("priority").and_then(|v| v.parse().ok()),
                assignee: get("assignee"),
                client: get("client"),
                unassigned: get("unassigned").is_some_and(|v| v == "true"),
                sort: get("sort"),
            }
        })
    });
    let unassigned = RwSignal::new(None::<i64>);
    let list = Paged::new(
        move |f: InboxFilter, cursor| async move {
            let l = api::list_requests(f, cursor).await?;
            unassigned.set(Some(l.unassigned));
            Ok(Page {
                items: l.items,
                next_cursor: l.next_cursor,
            })
        },
        use_auth_redirect(),
    );
    Effect::new(move |_| list.load(filter.get()));
    let apply = move |change: &dyn Fn(&mut InboxFilter)| {
        let mut f = filter.get_untracked();
        change(&mut f);
        let mut q = f.query();
        // "All statuses" must survive the default of active-only.
        if !f.active && f.status.is_none() {
            q = if q.is_empty() {
                "active=false".to_owned()
            } else {
                format!("{q}&active=false")
            };
        }
        go(&navigate, &links::requests_with(&q), false);
    };
    // One select per filter, each bound to the address.
    let for_selects = apply.clone();
    let bound = move |read: fn(&InboxFilter) -> String, write: fn(&mut InboxFilter, &str)| {
        let value = RwSignal::new(filter.with_untracked(read));
        let apply = for_selects.clone();
        Effect::new(move |_| value.set(filter.with(read)));
        Effect::new(move |prev: Option<String>| {
            let v = value.get();
            if prev.is_some_and(|p| p != v) && filter.with_untracked(read) != v {
                apply(&|f: &mut InboxFilter| write(f, &v));
            }
            v
        });
        value
    };
    let type_value = bound(
        |f| {
            f.request_type
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default()
        },
        |f, v| {
            f.request_type = v.parse().ok();
            f.category = None;
        },
    );
    let category_value = bound(
        |f| {
            f.category
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default()
        },
        |f, v| f.category = v.parse().ok(),
    );
    let status_value = bound(
        |f| match f.status {
            Some(s) => s.as_str().to_owned(),
            None if f.active => "active".to_owned(),
            None => String::new(),
        },
        |f, v| {
            f.active = v == "active";
            f.status = v.parse().ok();
        },
    );
    let priority_value = bound(
        |f| {
            f.priority
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default()
        },
        |f, v| f.priority = v.parse().ok(),
    );
    let assignee_value = bound(
        |f| {
            if f.unassigned {
                "none".to_owned()
            } else {
                f.assignee.clone().unwrap_or_default()
            }
        },
        |f, v| {
            f.unassigned = v == "none";
            f.assignee = Some(v.to_owned()).filter(|v| !v.is_empty() && v != "none");
        },
    );
    let client_value = bound(
        |f| f.client.clone().unwrap_or_default(),
        |f, v| f.client = Some(v.to_owned()).filter(|v| !v.is_empty()),
    );
    let sort_value = bound(
        |f| f.sort.clone().unwrap_or_default(),
        |f, v| f.sort = Some(v.to_owned()).filter(|v| !v.is_empty()),
    );
    let type_opts = Signal::derive(|| {
        options(
            "Any type",
            RequestType::ALL,
            RequestType::as_str,
            RequestType::label,
        )
    });
    let category_opts = Signal::derive(move || {
        let cats: &[RequestCategory] = match type_value.get().parse::<RequestType>() {
            Ok(t) => t.categories(),
            Err(_) => RequestCategory::ALL,
        };
        options(
            "Any category",
            cats,
            RequestCategory::as_str,
            RequestCategory::label,
        )
    });
    let status_opts = Signal::derive(|| {
        let mut o = vec![
            (
                "active".to_owned(),
                "Active (not resolved or closed)".to_owned(),
            ),
            (String::new(), "Any status".to_owned()),
        ];
        o.extend(
            RequestStatus::ALL
                .iter()
                .map(|s| (s.as_str().to_owned(), s.staff_label().to_owned())),
        );
        o
    });
    let priority_opts = Signal::derive(|| {
        options(
            "Any priority",
            RequestPriority::ALL,
            RequestPriority::as_str,
            RequestPriority::label,
        )
    });
    let assignee_opts = Signal::derive(move || {
        let mut o = vec![
            (String::new(), "Anyone".to_owned()),
            ("none".to_owned(), "Unassigned".to_owned()),
        ];
        o.extend(lookups.staff.get().into_iter().map(|s| (s.id, s.name)));
        o
    });
    let client_opts = Signal::derive(move || lookups.client_options("All clients"));
    let sort_opts = Signal::derive(|| {
        vec![
            (String::new(), "Newest activity".to_owned()),
            ("oldest".to_owned(), "Oldest first".to_owned()),
            ("priority".to_owned(), "Most urgent first".to_owned()),
        ]
    });
    let show_unassigned = {
        let apply = apply.clone();
        move |_| {
            apply(&|f: &mut InboxFilter| {
                f.unassigned = true;
                f.assignee = None;
                f.active = true;
                f.status = None;
            })
        }
    };
    let items = list.items;
    view! {
        <div class="page-head">
            <PageTitle text="Requests"/>
            <a href=links::REQUEST_METRICS class="btn btn-secondary" data-test-id="request-metrics-link">"Response times"</a>
        </div>
        <ErrorBanner error=lookups.error/>
        {move || unassigned.get().filter(|n| *n > 0).map(|n| {
            let label = if n == 1 { "1 active request has nobody assigned.".to_owned() } else { format!("{n} active requests have nobody assigned.") };
            view! {
                <p class="banner banner-warn" data-test-id="unassigned-count">
                    {label}" "
                    <button type="button" class="btn btn-link" on:click=show_unassigned.clone()>"Show them"</button>
                </p>
            }
        })}
        <NewRequestPanel lookups=lookups/>
        <section class="panel" aria-labelledby="inbox-heading">
            <h2 id="inbox-heading">"Inbox"</h2>
            <div class="form form-inline filters" role="search" aria-label="Filter requests">
                <SelectField id="requests-status" label="Status" value=status_value options=status_opts test_id="requests-filter-status"/>
                <SelectField id="requests-type" label="Type" value=type_value options=type_opts test_id="requests-filter-type"/>
                <SelectField id="requests-category" label="Category" value=category_value options=category_opts test_id="requests-filter-category"/>
                <SelectField id="requests-priority" label="Priority" value=priority_value options=priority_opts test_id="requests-filter-priority"/>
                <SelectField id="requests-assignee" label="Assignee" value=assignee_value options=assignee_opts test_id="requests-filter-assignee"/>
                <SelectField id="requests-client" label="Client" value=client_value options=client_opts test_id="requests-filter-client"/>
                <SelectField id="requests-sort" label="Sort" value=sort_value options=sort_opts test_id="requests-sort"/>
            </div>
            <ErrorBanner error=list.error/>
            <Show when=move || list.loaded.get() fallback=|| view! { <Spinner label="Loading requests…"/> }>
                <Show
                    when=move || !items.with(Vec::is_empty)
                    fallback=move || view! {
                        <p class="muted" data-test-id="requests-empty">
                            "No requests match these filters. When clients send job requests or support tickets from their portal, they arrive here."
                        </p>
                    }
                >
                    <DataTable
                        test_id="requests-table"
                        columns=&["Request", "Client", "Priority", "Status", "Assignee", "Due", "Activity"]
                    >
                        <tbody>
                            <For each=move || items.get() key=|r| (r.id.clone(), r.last_activity_at, r.status) let:r>
                                <InboxRow r=r/>
                            </For>
                        </tbody>
                    </DataTable>
                </Show>
            </Show>
            <LoadMore list=list test_id="requests-load-more"/>
        </section>
    }
}

/// When the next target falls ("Reply due in 40 minutes"), or that it has passed; and whether
/// it is close (within two hours), so breaches are seen coming.
fn due_text(r: &StaffRequestSummary) -> (String, bool) {
    let (what, at) = match (r.due.reply_by, r.due.resolve_by) {
        (Some(at), _) => ("Reply", at),
        (None, Some(at)) => ("Resolve", at),
        _ => return ("—".to_owned(), false),
    };
    if r.breached {
        return (format!("{what} overdue since {}", datetime(&at)), false);
    }
    let soon = at - now() < chrono::TimeDelta::hours(2);
    (format!("{what} due {}", when(&at)), soon)
}

#[component]
fn InboxRow(r: StaffRequestSummary) -> impl IntoView {
    let (due, soon) = due_text(&r);
    view! {
        <tr data-test-id="request-row" class:breached=r.breached>
            <td>
                <a href=links::request(&r.id) data-test-id="request-link">{r.title.clone()}</a>
                <span class="muted block">
                    {format!("{} · {}", r.request_type.label(), r.category.label())}
                    {r.contact_name.clone().map(|n| format!(" · from {n}"))}
                </span>
            </td>
            <td><a href=links::client(&r.client_id)>{r.client_name.clone()}</a></td>
            <td><PriorityBadge priority=r.priority/></td>
            <td><RequestBadge status=r.status staff=true/></td>
            <td>{r.assignee.clone().map_or_else(|| "Unassigned".to_owned(), |a| a.name)}</td>
            <td class:overdue-note=r.breached class:due-soon=soon data-test-id="request-due">{due}</td>
            <td>{when(&r.last_activity_at)}</td>
        </tr>
    }
}
