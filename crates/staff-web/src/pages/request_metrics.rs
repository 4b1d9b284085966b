//! Response times: median and 90th-percentile first response and resolution per category and
//! per assignee over a date range (time waiting on the client does not count), and the
//! organization's response targets per priority (owners and admins change them).

use crate::api;
use crate::links;
use crate::state::{use_auth_redirect, use_staff};
use leptos::prelude::*;
use shared_types::requests::{MetricGroup, RequestMetrics, RequestSettings, ResponseTarget};
use web_ui::action::action;
use web_ui::components::{ErrorBanner, Field, Toast};
use web_ui::load::Loaded;
use web_ui::table::DataTable;
use web_ui::title::PageTitle;
use web_ui::ApiError;

/// Minutes as "45 min", "3.5 h" or "2.1 days".
fn duration(minutes: Option<f64>) -> String {
    match minutes {
        None => "—".to_owned(),
        Some(m) if m < 60.0 => format!("{m:.0} min"),
        Some(m) if m < 48.0 * 60.0 => format!("{:.1} h", m / 60.0),
        Some(m) => format!("{:.1} days", m / 1440.0),
    }
}

fn rows(groups: Vec<MetricGroup>) -> impl IntoView {
    groups
        .into_iter()
        .map(|g| {
            view! {
                <tr data-test-id="metric-row">
                    <th scope="row">{g.label.clone()}</th>
                    <td>{g.requests}</td>
                    <td>{duration(g.first_response_median_minutes)}</td>
                    <td>{duration(g.first_response_p90_minutes)}</td>
                    <td>{duration(g.resolution_median_minutes)}</td>
                    <td>{duration(g.resolution_p90_minutes)}</td>
                </tr>
            }
        })
        .collect_view()
}

const COLUMNS: &[&str] = &[
    "Group",
    "Requests",
    "First reply (median)",
    "First reply (p90)",
    "Resolution (median)",
    "Resolution (p90)",
];

#[component]
pub fn RequestMetricsPage() -> impl IntoView {
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let metrics = LocalResource::new(move || api::request_metrics(from.get(), to.get()));
    let body = |m: RequestMetrics| {
        let overall = m.overall.clone();
        view! {
            <p class="muted" data-test-id="metrics-range">
                {format!(
                    "{} requests created {} – {}; {} answered, {} resolved. Time waiting on the client is not counted.",
                    overall.requests, m.from, m.to, overall.responded, overall.resolved
                )}
            </p>
            <DataTable test_id="metrics-overall" caption="All requests" columns=COLUMNS>
                <tbody>{rows(vec![m.overall])}</tbody>
            </DataTable>
            <DataTable test_id="metrics-by-category" caption="By category" columns=COLUMNS>
                <tbody>{rows(m.by_category)}</tbody>
            </DataTable>
            <DataTable test_id="metrics-by-assignee" caption="By assignee" columns=COLUMNS>
                <tbody>{rows(m.by_assignee)}</tbody>
            </DataTable>
        }
    };
    view! {
        <p class="breadcrumb"><a href=links::REQUESTS>"Requests"</a></p>
        <PageTitle text="Response times"/>
        <section class="panel" aria-labelledby="metrics-heading">
            <h2 id="metrics-heading">"How fast we answer"</h2>
            <div class="form form-inline filters" role="search" aria-label="Date range">
                <Field id="metrics-from" label="From" input_type="date" value=from test_id="metrics-from"/>
                <Field id="metrics-to" label="To" input_type="date" value=to test_id="metrics-to"/>
            </div>
            <p class="hint">"Without dates: the last 30 days."</p>
            <Loaded resource=metrics loading="Working out response times…" redirect=use_auth_redirect() children=body/>
        </section>
        <Targets/>
    }
}

/// The response targets per priority, in hours, which the portal shows clients as "We aim to
/// reply by …".
#[component]
fn Targets() -> impl IntoView {
    let me = use_staff().me;
    let admin = Signal::derive(move || me.with(|m| m.as_ref().is_some_and(|m| m.role.is_admin())));
    let settings = LocalResource::new(api::request_settings);
    let form = move |s: RequestSettings| view! { <TargetsForm settings=s admin=admin/> };
    view! {
        <section class="panel" aria-labelledby="targets-heading" data-test-id="request-targets">
            <h2 id="targets-heading">"Response targets"</h2>
            <p class="muted">"Clients see “We aim to reply by …” on each open request, and the inbox marks requests that pass these times."</p>
            <Loaded resource=settings loading="Loading targets…" redirect=use_auth_redirect() children=form/>
        </section>
    }
}

fn hours(minutes: i32) -> String {
    let h = f64::from(minutes) / 60.0;
    if h.fract() == 0.0 {
        format!("{h:.0}")
    } else {
        format!("{h:.2}")
    }
}

#[component]
fn TargetsForm(settings: RequestSettings, admin: Signal<bool>) -> impl IntoView {
    let redirect = use_auth_redirect();
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    // A value the form can't read, said before anything is sent.
    let problem = RwSignal::new(None::<String>);
    let routes = settings.routes.clone();
    let fields: Vec<(ResponseTarget, RwSignal<String>, RwSignal<String>)> = settings
        .targets
        .iter()
        .map(|t| {
            (
                *t,
                RwSignal::new(hours(t.first_response_minutes)),
                RwSignal::new(hours(t.resolution_minutes)),
            )
        })
        .collect();
    let save = action(
        |body: &RequestSettings| api::update_request_settings(body.clone()),
        move |answer| match answer {
            Ok(_) => notice.set(Some("Targets saved.".to_owned())),
            Err(e) => error.set((!redirect(&e)).then_some(e)),
        },
    );
    let read = fields.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        error.set(None);
        problem.set(None);
        let minutes = |s: RwSignal<String>| {
            s.get_untracked()
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .map(|h| (h * 60.0).round() as i32)
        };
        let mut targets = Vec::new();
        for (t, first, resolution) in &read {
            match (minutes(*first), minutes(*resolution)) {
                (Some(f), Some(r)) => targets.push(ResponseTarget {
                    priority: t.priority,
                    first_response_minutes: f,
                    resolution_minutes: r,
                }),
                _ => {
                    problem.set(Some(format!(
                        "Enter hours as numbers for {} priority.",
                        t.priority.label().to_lowercase()
                    )));
                    return;
                }
            }
        }
        save.dispatch(RequestSettings {
            targets,
            routes: routes.clone(),
        });
    };
    let rows = fields
        .into_iter()
        .map(|(t, first, resolution)| {
            let p = t.priority.as_str();
            view! {
                <tr data-test-id="target-row">
                    <th scope="row">{t.priority.label()}</th>
                    <td>
                        <label class="visually-hidden" for=format!("target-{p}-first")>{format!("{} priority: first reply within (hours)", t.priority.label())}</label>
                        <input id=format!("target-{p}-first") inputmode="decimal" prop:value=move || first.get() on:input=move |ev| first.set(event_target_value(&ev)) disabled=move || !admin.get()/>
                    </td>
                    <td>
                        <label class="visually-hidden" for=format!("target-{p}-resolution")>{format!("{} priority: resolved within (hours)", t.priority.label())}</label>
                        <input id=format!("target-{p}-resolution") inputmode="decimal" prop:value=move || resolution.get() on:input=move |ev| resolution.set(event_target_value(&ev)) disabled=move || !admin.get()/>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <form class="form form-wide" on:submit=on_submit novalidate>
            <ErrorBanner error=error/>
            {move || problem.get().map(|p| view! { <p class="banner banner-error" role="alert">{p}</p> })}
            <Toast message=notice/>
            <DataTable test_id="targets-table" columns=&["Priority", "First reply within (hours)", "Resolved within (hours)"]>
                <tbody>{rows}</tbody>
            </DataTable>
            <Show
                when=move || admin.get()
                fallback=|| view! { <p class="muted" data-test-id="targets-admin-only">"Only owners and admins change targets."</p> }
            >
                <button type="submit" class="btn btn-primary" data-test-id="targets-save" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { "Saving…" } else { "Save targets" }}
                </button>
            </Show>
        </form>
    }
}
