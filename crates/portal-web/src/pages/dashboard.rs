//! The signed-in home page, from one response (`GET /portal/api/dashboard`): the numbers, what
//! waits for the client's review, their projects with the next deadline, the newest
//! notifications and activity, and who to reach at the agency. It reloads when the live stream
//! says something happened.

use crate::components::status::{
    date, maybe_date, ApprovalBadge, ProgressBar, TeamList, WorkBadge,
};
use crate::state::{use_auth_redirect, use_portal};
use crate::{api, links};
use leptos::prelude::*;
use shared_types::approvals::PortalApprovalSummary;
use shared_types::dashboard::{DashboardCounters, DashboardProject, PortalDashboard};
use shared_types::notifications::{MarkRead, Notification};
use shared_types::projects::TeamMember;
use shared_types::ApprovalStatus;
use web_ui::live::{use_live, Live};
use web_ui::load::Loaded;
use web_ui::notifications::NotificationItem;
use web_ui::title::PageTitle;
use web_ui::widgets::{activity_rows, rows_or, Widget};

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
    // One request for the whole page, again whenever the stream reports news.
    let dashboard = LocalResource::new(move || {
        live.tick.track();
        api::dashboard()
    });
    let page = move |d: PortalDashboard| {
        live.unread.set(d.unread_notifications);
        view! {
            <Counters counters=d.counters/>
            <div class="widgets">
                <Widget
                    id="approvals"
                    title=if d.can_approve { "Waiting for your review" } else { "Awaiting a decision" }
                    all=(links::APPROVALS, "All approvals")
                >
                    {waiting_approvals(d.awaiting, d.can_approve)}
                </Widget>
                <Widget id="projects" title="Your projects" all=(links::PROJECTS, "All projects")>
                    {project_rows(d.projects)}
                </Widget>
                <Widget
                    id="notifications"
                    title="Notifications"
                    all=(links::NOTIFICATIONS, "All notifications")
                >
                    {notification_rows(d.notifications, live)}
                </Widget>
                <Widget id="activity" title="Recent activity">
                    {activity_rows(d.activity, "Nothing has happened yet — new work, decisions and progress on your projects appear here as they happen.")}
                </Widget>
                {d.team.map(|members| view! { <Widget id="team" title="Your team">{team(members)}</Widget> })}
            </div>
        }
    };
    view! {
        <PageTitle text=Signal::derive(greeting) tab="Dashboard"/>
        <p class="muted" data-test-id="client-name">{client}</p>
        <Loaded resource=dashboard loading="Loading your dashboard…" redirect=use_auth_redirect() children=page/>
    }
}

/// The numbers at the top, each a link to the list it counts.
#[component]
fn Counters(counters: DashboardCounters) -> impl IntoView {
    let mut cells = vec![
        (
            "active-projects",
            counters.active_projects,
            "Active projects",
            links::PROJECTS.to_owned(),
        ),
        (
            "awaiting-review",
            counters.awaiting_review,
            "Awaiting review",
            links::APPROVALS.to_owned(),
        ),
        (
            "approved-this-month",
            counters.approved_this_month,
            "Approved this month",
            links::approvals_with_status(ApprovalStatus::Approved),
        ),
    ];
    if let Some(unpaid) = counters.outstanding_invoices {
        cells.push((
            "outstanding-invoices",
            unpaid,
            "Invoices to pay",
            links::INVOICES.to_owned(),
        ));
    }
    if let Some(open) = counters.open_requests {
        cells.push((
            "open-requests",
            open,
            "Open requests",
            links::REQUESTS.to_owned(),
        ));
    }
    view! {
        <ul class="counters" aria-label="At a glance">
            {cells
                .into_iter()
                .map(|(id, n, label, href)| {
                    view! {
                        <li class="counter" data-test-id=format!("counter-{id}")>
                            <a href=href>
                                <span class="counter-value" data-test-id="counter-value">{n}</span>
                                <span class="counter-label">{label}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Approvals that wait for the client, oldest first. A contact who may not approve is told why
/// the list is only for following along.
fn waiting_approvals(list: Vec<PortalApprovalSummary>, can_approve: bool) -> AnyView {
    let note = (!can_approve).then(|| {
        view! {
            <p class="muted" data-test-id="approvals-not-allowed">
                "Your account manager has not enabled approvals for you; you can follow this work here while someone else at your company decides."
            </p>
        }
    });
    let rows = list
        .into_iter()
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

fn project_rows(projects: Vec<DashboardProject>) -> AnyView {
    let rows = projects
        .into_iter()
        .map(|DashboardProject { project: p, next_deadline }| {
            let label = format!("{} progress", p.name);
            let next = next_deadline.map(|d| {
                view! { <span class="muted" data-test-id="next-deadline">{format!("Next deadline: {}", date(d))}</span> }
            });
            view! {
                <li class="widget-row" data-test-id="project-row">
                    <span class="widget-head">
                        <a href=links::project(&p.id)>{p.name.clone()}</a>
                        <WorkBadge status=p.status/>
                    </span>
                    <ProgressBar progress=p.progress label=label/>
                    {next}
                </li>
            }
        })
        .collect::<Vec<_>>();
    rows_or(
        rows,
        "No active projects — when your agency starts one with you, it appears here with its progress.",
    )
}

/// The newest notifications; opening one marks it read and goes to the item.
fn notification_rows(items: Vec<Notification>, live: Live) -> AnyView {
    if items.is_empty() {
        return view! {
            <p>"No notifications yet. When there is new work to review or news on your projects, you will hear about it here."</p>
        }
        .into_any();
    }
    let mark_read = move |id: String| async move {
        let count = api::mark_read(MarkRead {
            ids: vec![id],
            all: false,
        })
        .await
        .ok()?;
        live.unread.set(count.unread);
        Some(count.unread)
    };
    view! {
        <ul class="notification-list">
            {items
                .into_iter()
                .map(|n| view! { <NotificationItem n=n mark_read=mark_read/> })
                .collect_view()}
        </ul>
    }
    .into_any()
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
