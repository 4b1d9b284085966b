//! Every approval of the organization, filtered by client, project, status and due date, with
//! keyset "Load more" and "New approval".

use crate::api::{self, ApprovalFilter};
use crate::components::fields::SelectField;
use crate::components::lookups::Lookups;
use crate::components::status::{approval_label, kind_label, maybe_date, ApprovalBadge};
use crate::pages::projects::project_href;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use leptos_router::components::A;
use shared_types::approvals::ApprovalSummary;
use shared_types::projects::Project;
use shared_types::{ApprovalStatus, Page};
use web_ui::components::{Badge, ErrorBanner, Field, Spinner};
use web_ui::{format, ApiError};

pub fn approval_href(id: &str) -> String {
    format!("/staff/approvals/{id}")
}

/// The creation page, with the project preselected when there is one.
pub fn new_approval_href(project_id: &str) -> String {
    if project_id.is_empty() {
        "/staff/approvals/new".to_owned()
    } else {
        format!("/staff/approvals/new?project={project_id}")
    }
}

#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let redirect = use_auth_redirect();
    let lookups = Lookups::load();
    let client = RwSignal::new(String::new());
    let project = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let projects = RwSignal::new(Vec::<Project>::new());
    let items = RwSignal::new(Vec::<ApprovalSummary>::new());
    let next = RwSignal::new(None::<String>);
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);

    // The project filter offers the chosen client's projects (or the newest ones overall).
    Effect::new(move |_| {
        let c = client.get();
        project.set(String::new());
        leptos::task::spawn_local(async move {
            if let Ok(page) = api::list_projects(Some(c), None, None).await {
                projects.set(page.items);
            }
        });
    });
    let filter = Memo::new(move |_| ApprovalFilter {
        client_id: client.get(),
        project_id: project.get(),
        status: status.get().parse::<ApprovalStatus>().ok(),
        due_before: due.get(),
    });
    let load = Action::new_local(|(f, cursor): &(ApprovalFilter, Option<String>)| {
        let appending = cursor.is_some();
        let request = api::list_approvals(f.clone(), cursor.clone());
        async move { (appending, request.await) }
    });
    Effect::new(move |_| {
        load.dispatch((filter.get(), None));
    });
    Effect::new(move |_| match load.value().get() {
        Some((
            appending,
            Ok(Page {
                items: page,
                next_cursor,
            }),
        )) => {
            if appending {
                items.update(|l| l.extend(page));
            } else {
                items.set(page);
            }
            next.set(next_cursor);
            error.set(None);
            loaded.set(true);
        }
        Some((_, Err(e))) => error.set((!redirect(&e)).then_some(e)),
        None => {}
    });

    let client_opts = Signal::derive(move || lookups.client_options("All clients"));
    let project_opts = Signal::derive(move || {
        std::iter::once((String::new(), "All projects".to_owned()))
            .chain(projects.get().into_iter().map(|p| (p.id, p.name)))
            .collect::<Vec<_>>()
    });
    let status_opts = Signal::derive(|| {
        std::iter::once((String::new(), "Any status".to_owned()))
            .chain(
                ApprovalStatus::ALL
                    .iter()
                    .map(|s| (s.as_str().to_owned(), approval_label(*s).to_owned())),
            )
            .collect::<Vec<_>>()
    });
    let filtered = move || filter.with(|f| *f != ApprovalFilter::default());
    view! {
        <div class="page-head">
            <h1 data-test-id="page-title">"Approvals"</h1>
            <A href=new_approval_href("") attr:class="btn btn-primary" attr:data-test-id="new-approval-link">"New approval"</A>
        </div>
        <ErrorBanner error=lookups.error/>
        <section class="panel" aria-labelledby="approvals-heading">
            <h2 id="approvals-heading">"All approvals"</h2>
            <div class="form form-inline filters" role="search" aria-label="Filter approvals">
                <SelectField id="approvals-client" label="Client" value=client options=client_opts test_id="approvals-filter-client"/>
                <SelectField id="approvals-project" label="Project" value=project options=project_opts test_id="approvals-filter-project"/>
                <SelectField id="approvals-status" label="Status" value=status options=status_opts test_id="approvals-filter-status"/>
                <Field id="approvals-due" label="Due before" input_type="date" value=due test_id="approvals-filter-due"/>
            </div>
            <ErrorBanner error=error/>
            <Show when=move || loaded.get() fallback=|| view! { <Spinner label="Loading approvals…"/> }>
                <Show
                    when=move || !items.with(Vec::is_empty)
                    fallback=move || view! {
                        <p class="muted" data-test-id="approvals-empty">
                            {move || if filtered() {
                                "No approvals match these filters. Change or clear them to see more."
                            } else {
                                "No approvals yet. Choose “New approval” to send work to a client for review."
                            }}
                        </p>
                    }
                >
                    <div class="table-wrap">
                        <table data-test-id="approvals-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Title"</th>
                                    <th scope="col">"Client"</th>
                                    <th scope="col">"Project"</th>
                                    <th scope="col">"Kind"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col">"Version"</th>
                                    <th scope="col">"Due"</th>
                                    <th scope="col">"Updated"</th>
                                </tr>
                            </thead>
                            <tbody>
                                <For each=move || items.get() key=|a| (a.id.clone(), a.updated_at) let:a>
                                    <ApprovalRow approval=a lookups=lookups projects=projects/>
                                </For>
                            </tbody>
                        </table>
                    </div>
                </Show>
            </Show>
            <Show when=move || next.with(Option::is_some)>
                <button
                    type="button"
                    class="btn btn-secondary"
                    data-test-id="approvals-load-more"
                    disabled=move || load.pending().get()
                    on:click=move |_| { load.dispatch((filter.get_untracked(), next.get_untracked())); }
                >
                    {move || if load.pending().get() { "Loading…" } else { "Load more" }}
                </button>
            </Show>
        </section>
    }
}

#[component]
fn ApprovalRow(
    approval: ApprovalSummary,
    lookups: Lookups,
    projects: RwSignal<Vec<Project>>,
) -> impl IntoView {
    let a = approval;
    let (cid, pid) = (a.client_id.clone(), a.project_id.clone());
    let project_name = move || {
        projects.with(|l| {
            l.iter()
                .find(|p| p.id == pid)
                .map_or_else(|| "Open project".to_owned(), |p| p.name.clone())
        })
    };
    view! {
        <tr data-test-id="approval-row">
            <td>
                <A href=approval_href(&a.id) attr:data-test-id="approval-link">{a.title.clone()}</A>
                {a.archived.then(|| view! { " " <Badge text="Archived"/> })}
            </td>
            <td>{move || lookups.client_name(&cid)}</td>
            <td><A href=project_href(&a.project_id)>{project_name}</A></td>
            <td>{kind_label(a.kind)}</td>
            <td><ApprovalBadge status=a.status/></td>
            <td>{format!("v{}", a.current_version)}</td>
            <td>{maybe_date(a.due_date)}</td>
            <td>{format::datetime(&a.updated_at)}</td>
        </tr>
    }
}
