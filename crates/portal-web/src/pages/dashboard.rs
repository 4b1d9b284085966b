//! The signed-in home page: what waits for the client's review, their projects, and who to
//! reach at the agency.

use crate::components::status::{maybe_date, ApprovalBadge, ProgressBar, TeamList, WorkBadge};
use crate::state::{use_auth_redirect, use_portal};
use crate::{api, links};
use leptos::prelude::*;
use leptos_router::components::A;
use shared_types::approvals::PortalApprovalList;
use shared_types::notifications::ActivityItem;
use shared_types::projects::{PortalProjectSummary, TeamMember};
use shared_types::{ApprovalStatus, Page};
use web_ui::format::when;
use web_ui::live::use_live;
use web_ui::load::Loaded;
use web_ui::title::PageTitle;
use web_ui::ApiError;

/// How many rows a widget shows before "All …" takes over.
const WIDGET_ROWS: usize = 5;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = use_portal();
    let greeting = move || {
        state.me.with(|m| {
            m.as_ref()
                .map(|m| {
                    let first = m.contact.name.split_whitespace().next().unwrap_or("there");
                    format!("Welcome, {first}")
                })
                .unwrap_or_else(|| "Welcome".to_owned())
        })
    };
    let client = move || state.me.with(|m| m.as_ref().map(|m| m.client.name.clone()));
    let live = use_live();
    // The layout shows pages once `/me` has answered, and reloads them when it changes.
    let can_approve = state
        .me
        .with_untracked(|m| m.as_ref().is_none_or(|m| m.permissions.can_approve_work));
    view! {
        <PageTitle text=Signal::derive(greeting) tab="Dashboard"/>
        <p class="muted" data-test-id="client-name">{client}</p>
        <div class="widgets">
            <Widget
                id="approvals"
                title=if can_approve { "Waiting for your review" } else { "Awaiting a decision" }
                resource=LocalResource::new(|| api::approvals(None))
                loading="Loading approvals…"
                all=(links::APPROVALS, "All approvals")
                children=move |list| waiting_approvals(list, can_approve)
            />
            <Widget
                id="projects"
                title="Your projects"
                resource=LocalResource::new(api::projects)
                loading="Loading projects…"
                all=(links::PROJECTS, "All projects")
                children=project_rows
            />
            <Widget
                id="activity"
                title="Recent activity"
                resource=LocalResource::new(move || {
                    live.tick.track();
                    api::activity()
                })
                loading="Loading activity…"
                children=activity_rows
            />
            <Widget
                id="team"
                title="Your team"
                resource=LocalResource::new(api::team)
                loading="Loading your team…"
                children=team
            />
        </div>
    }
}

/// The first approvals that wait for the client (pending or in review). A contact who may not
/// approve is told why the list is only for following along.
fn waiting_approvals(list: PortalApprovalList, can_approve: bool) -> AnyView {
    let note = (!can_approve).then(|| {
        view! {
            <p class="muted" data-test-id="approvals-not-allowed">
                "Your account manager has not enabled approvals for you; you can follow this work here while someone else at your company decides."
            </p>
        }
    });
    let rows = list
        .items
        .into_iter()
        .filter(|a| matches!(a.status, ApprovalStatus::Pending | ApprovalStatus::InReview))
        .take(WIDGET_ROWS)
        .map(|a| {
            view! {
                <li class="widget-row" data-test-id="approval-row">
                    <a href=links::approval(&a.id) data-test-id="approval-title">
                        {a.title.clone()}
                    </a>
                    <span class="widget-meta">
                        <ApprovalBadge status=a.status/>
                        <span class="muted">{format!("Due: {}", maybe_date(a.due_date))}</span>
                    </span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let rows = rows_or(
        rows,
        "Nothing needs your review right now. When your agency shares work for approval, it appears here.",
    );
    view! { {note} {rows} }.into_any()
}

fn project_rows(page: Page<PortalProjectSummary>) -> AnyView {
    let rows = page
        .items
        .into_iter()
        .take(WIDGET_ROWS)
        .map(|p| {
            let label = format!("{} progress", p.name);
            view! {
                <li class="widget-row" data-test-id="project-row">
                    <span class="widget-head">
                        <a href=links::project(&p.id)>{p.name.clone()}</a>
                        <WorkBadge status=p.status/>
                    </span>
                    <ProgressBar progress=p.progress label=label/>
                </li>
            }
        })
        .collect::<Vec<_>>();
    rows_or(
        rows,
        "No projects yet — when your agency shares a project, it appears here.",
    )
}

/// What happened lately, newest first; it updates live.
fn activity_rows(page: Page<ActivityItem>) -> AnyView {
    let rows = page
        .items
        .into_iter()
        .take(WIDGET_ROWS * 2)
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
    rows_or(
        rows,
        "Nothing has happened yet — new work, decisions and progress on your projects appear here as they happen.",
    )
}

fn team(members: Vec<TeamMember>) -> AnyView {
    if members.is_empty() {
        view! {
            <p>"Your agency has not named an account manager yet. Once they do, you can reach them from here."</p>
        }
        .into_any()
    } else {
        view! { <TeamList members=members/> }.into_any()
    }
}

/// The widget's rows as a list, or `empty` when there are none.
fn rows_or(rows: Vec<impl IntoView + 'static>, empty: &'static str) -> AnyView {
    if rows.is_empty() {
        view! { <p>{empty}</p> }.into_any()
    } else {
        view! { <ul class="widget-list">{rows}</ul> }.into_any()
    }
}

/// One dashboard panel: a heading, what `resource` holds once it loads, and, when given, a link
/// to the full list.
#[component]
fn Widget<T, F, V>(
    id: &'static str,
    title: &'static str,
    resource: LocalResource<Result<T, ApiError>>,
    loading: &'static str,
    #[prop(optional)] all: Option<(&'static str, &'static str)>,
    children: F,
) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <section class="widget" data-test-id=format!("widget-{id}") aria-labelledby=format!("w-{id}")>
            <h2 id=format!("w-{id}")>{title}</h2>
            <Loaded resource=resource loading=loading redirect=use_auth_redirect() children=children/>
            {all.map(|(href, label)| view! { <A href=href>{label}</A> })}
        </section>
    }
}
