//! The panels of a home page (the portal's dashboard, the staff overview): a heading, rows or a
//! sentence that says what will appear, and a link to the full list; and the activity rows both
//! show.

use crate::format::when;
use leptos::prelude::*;
use shared_types::notifications::ActivityItem;

/// One panel: a heading, its content and, when given, a link to the full list.
#[component]
pub fn Widget(
    id: &'static str,
    #[prop(into)] title: String,
    #[prop(optional)] all: Option<(&'static str, &'static str)>,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="widget" data-test-id=format!("widget-{id}") aria-labelledby=format!("w-{id}")>
            <h2 id=format!("w-{id}")>{title}</h2>
            {children()}
            {all.map(|(href, label)| view! { <a href=href>{label}</a> })}
        </section>
    }
}

/// The rows as a list, or `empty` (what will appear here) when there are none.
pub fn rows_or(rows: Vec<impl IntoView + 'static>, empty: &'static str) -> AnyView {
    if rows.is_empty() {
        view! { <p data-test-id="widget-empty">{empty}</p> }.into_any()
    } else {
        view! { <ul class="widget-list">{rows}</ul> }.into_any()
    }
}

/// What happened, newest first, each linking to its item where it has one.
pub fn activity_rows(items: Vec<ActivityItem>, empty: &'static str) -> AnyView {
    let rows = items
        .into_iter()
        .map(|a| {
            let summary = match a.link.clone() {
                Some(href) => view! { <a href=href>{a.summary.clone()}</a> }.into_any(),
                None => view! { <span>{a.summary.clone()}</span> }.into_any(),
            };
            view! {
                <li class="widget-row" data-test-id="activity-row">
                    {summary}
                    <span class="muted">{when(&a.created_at)}</span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    rows_or(rows, empty)
}
