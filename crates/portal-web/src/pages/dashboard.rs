//! The signed-in home page: what waits for the client's review, their projects, and who to
//! reach at the agency.

use crate::api;
use crate::components::status::{maybe_date, ApprovalBadge, ProgressBar, TeamList, WorkBadge};
use crate::pages::approvals::approval_href;
use crate::pages::projects::{load_error, project_href};
use crate::state::{use_auth_redirect, use_portal};
use leptos::prelude::*;
use leptos_router::components::A;
use shared_types::ApprovalStatus;
use web_ui::components::Spinner;

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
    view! {
        <h1 data-test-id="page-title">{greeting}</h1>
        <p class="muted" data-test-id="client-name">{client}</p>
        <div class="widgets">
            <ApprovalsWidget/>
            <ProjectsWidget/>
            <TeamWidget/>
        </div>
    }
}

#[component]
fn ApprovalsWidget() -> impl IntoView {
    let redirect = use_auth_redirect();
    let approvals = LocalResource::new(|| api::approvals(None));
    let body = move || {
        approvals.get().map(|result| match result {
            Err(e) => load_error(e, &redirect),
            Ok(list) => {
                let waiting: Vec<_> = list
                    .items
                    .into_iter()
                    .filter(|a| {
                        matches!(a.status, ApprovalStatus::Pending | ApprovalStatus::InReview)
                    })
                    .take(WIDGET_ROWS)
                    .collect();
                if waiting.is_empty() {
                    return view! {
                        <p>"Nothing needs your review right now. When your agency shares work for approval, it appears here."</p>
                    }
                    .into_any();
                }
                let rows = waiting
                    .into_iter()
                    .map(|a| {
                        view! {
                            <li class="widget-row" data-test-id="approval-row">
                                <a href=approval_href(&a.id) data-test-id="approval-title">
                                    {a.title.clone()}
                                </a>
                                <span class="widget-meta">
                                    <ApprovalBadge status=a.status/>
                                    <span class="muted">{format!("Due: {}", maybe_date(a.due_date))}</span>
                                </span>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="widget-list">{rows}</ul> }.into_any()
            }
        })
    };
    view! {
        <section class="widget" data-test-id="widget-approvals" aria-labelledby="w-approvals">
            <h2 id="w-approvals">"Waiting for your review"</h2>
            <Transition fallback=|| view! { <Spinner label="Loading approvals…"/> }>{body}</Transition>
            <A href="/portal/approvals">"All approvals"</A>
        </section>
    }
}

#[component]
fn ProjectsWidget() -> impl IntoView {
    let redirect = use_auth_redirect();
    let projects = LocalResource::new(api::projects);
    let body = move || {
        projects.get().map(|result| match result {
            Err(e) => load_error(e, &redirect),
            Ok(page) if page.items.is_empty() => view! {
                <p>"No projects yet — when your agency shares a project, it appears here."</p>
            }
            .into_any(),
            Ok(page) => {
                let rows = page
                    .items
                    .into_iter()
                    .take(WIDGET_ROWS)
                    .map(|p| {
                        let label = format!("{} progress", p.name);
                        view! {
                            <li class="widget-row" data-test-id="project-row">
                                <span class="widget-head">
                                    <a href=project_href(&p.id)>{p.name.clone()}</a>
                                    <WorkBadge status=p.status/>
                                </span>
                                <ProgressBar progress=p.progress label=label/>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="widget-list">{rows}</ul> }.into_any()
            }
        })
    };
    view! {
        <section class="widget" data-test-id="widget-projects" aria-labelledby="w-projects">
            <h2 id="w-projects">"Your projects"</h2>
            <Transition fallback=|| view! { <Spinner label="Loading projects…"/> }>{body}</Transition>
            <A href="/portal/projects">"All projects"</A>
        </section>
    }
}

#[component]
fn TeamWidget() -> impl IntoView {
    let redirect = use_auth_redirect();
    let team = LocalResource::new(api::team);
    let body = move || {
        team.get().map(|result| match result {
            Err(e) => load_error(e, &redirect),
            Ok(members) if members.is_empty() => view! {
                <p>"Your agency has not named an account manager yet. Once they do, you can reach them from here."</p>
            }
            .into_any(),
            Ok(members) => view! { <TeamList members=members/> }.into_any(),
        })
    };
    view! {
        <section class="widget" data-test-id="widget-team" aria-labelledby="w-team">
            <h2 id="w-team">"Your team"</h2>
            <Transition fallback=|| view! { <Spinner label="Loading your team…"/> }>{body}</Transition>
        </section>
    }
}
