//! The staff home page (`GET /api/v1/overview`): approvals waiting on clients (oldest first,
//! overdue ones marked), the clients' latest decisions and comments, and recent activity across
//! clients. It reloads when the live stream reports news.

use crate::state::use_auth_redirect;
use crate::{api, links};
use leptos::prelude::*;
use shared_types::dashboard::{StaffOverview, WaitingApproval};
use web_ui::format::when;
use web_ui::labels::{date, ApprovalBadge};
use web_ui::live::use_live;
use web_ui::load::Loaded;
use web_ui::title::PageTitle;
use web_ui::widgets::{activity_rows, rows_or, Widget};

#[component]
pub fn OverviewPage() -> impl IntoView {
    let live = use_live();
    let overview = LocalResource::new(move || {
        live.tick.track();
        api::overview()
    });
    let page = move |o: StaffOverview| {
        live.unread.set(o.unread_notifications);
        let overdue = o.waiting.iter().filter(|w| w.overdue).count();
        let waiting_title = match (o.waiting.len(), overdue) {
            (0, _) => "Waiting on clients".to_owned(),
            (n, 0) => format!("Waiting on clients ({n})"),
            (n, late) => format!("Waiting on clients ({n}, {late} overdue)"),
        };
        view! {
            <div class="widgets">
                <Widget id="waiting" title=waiting_title all=(links::APPROVALS, "All approvals")>
                    {waiting_rows(o.waiting)}
                </Widget>
                <Widget id="client-activity" title="Client decisions and comments">
                    {activity_rows(
                        o.client_activity,
                        "No decisions or comments yet. When a client approves, asks for changes or comments, it shows here.",
                    )}
                </Widget>
                <Widget id="activity" title="Recent activity">
                    {activity_rows(
                        o.activity,
                        "Nothing has happened yet. Add a client and share work with them to see activity here.",
                    )}
                </Widget>
            </div>
        }
    };
    view! {
        <PageTitle text="Overview"/>
        <p class="muted">
            "What waits on your clients and what they did lately. "
            <a href=links::CLIENTS data-test-id="overview-clients">"Go to clients"</a>
        </p>
        <Loaded resource=overview loading="Loading the overview…" redirect=use_auth_redirect() children=page/>
    }
}

/// Approvals waiting on a client's decision, oldest first; overdue ones say so in words and
/// with a marked edge.
fn waiting_rows(waiting: Vec<WaitingApproval>) -> AnyView {
    let rows = waiting
        .into_iter()
        .map(|w| {
            let due = match w.due_date {
                Some(d) if w.overdue => format!("Overdue since {}", date(d)),
                Some(d) => format!("Due {}", date(d)),
                None => "No due date".to_owned(),
            };
            view! {
                <li class="widget-row" class:overdue=w.overdue data-test-id="waiting-row" data-overdue=w.overdue.to_string()>
                    <span class="widget-head">
                        <a href=links::approval(&w.id)>{w.title.clone()}</a>
                        <ApprovalBadge status=w.status/>
                    </span>
                    <span class="widget-meta">
                        <a href=links::client(&w.client_id)>{w.client_name.clone()}</a>
                        <span class:muted=!w.overdue class:overdue-note=w.overdue>{due}</span>
                    </span>
                    <span class="muted">{format!("Sent {}", when(&w.waiting_since))}</span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    rows_or(
        rows,
        "Nothing waits on a client. When you send work for review, it shows here until the client decides.",
    )
}
