//! Every approval of the organization, filtered by client, project, status and due date, with
//! keyset "Load more" and "New approval".

use crate::api::{self, ApprovalFilter};
use crate::components::lookups::Lookups;
use crate::components::status::{approval_label, kind_label, maybe_date, ApprovalBadge};
use crate::links;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use leptos_router::components::A;
use shared_types::approvals::ApprovalSummary;
use shared_types::projects::Project;
use shared_types::ApprovalStatus;
use web_ui::components::{Badge, ErrorBanner, Field, SelectField, Spinner};
use web_ui::format;
use web_ui::paged::{LoadMore, Paged};
use web_ui::table::DataTable;
use web_ui::title::PageTitle;

#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let lookups = Lookups::load();
    let client = RwSignal::new(String::new());
    let project = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let projects = RwSignal::new(Vec::<Project>::new());

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
    let approvals = Paged::new(api::list_approvals, use_auth_redirect());
    Effect::new(move |_| approvals.load(filter.get()));
    let items = approvals.items;

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
            <PageTitle text="Approvals"/>
            <A href=links::new_approval("") attr:class="btn btn-primary" attr:data-test-id="new-approval-link">"New approval"</A>
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
            <ErrorBanner error=approvals.error/>
            <Show when=move || approvals.loaded.get() fallback=|| view! { <Spinner label="Loading approvals…"/> }>
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
                    <DataTable
                        test_id="approvals-table"
                        columns=&["Title", "Client", "Project", "Kind", "Status", "Version", "Due", "Updated"]
                    >
                        <tbody>
                            <For each=move || items.get() key=|a| (a.id.clone(), a.updated_at) let:a>
                                <ApprovalRow approval=a lookups=lookups projects=projects/>
                            </For>
                        </tbody>
                    </DataTable>
                </Show>
            </Show>
            <LoadMore list=approvals test_id="approvals-load-more"/>
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
                <A href=links::approval(&a.id) attr:data-test-id="approval-link">{a.title.clone()}</A>
                {a.archived.then(|| view! { " " <Badge text="Archived"/> })}
            </td>
            <td>{move || lookups.client_name(&cid)}</td>
            <td><A href=links::project(&a.project_id)>{project_name}</A></td>
            <td>{kind_label(a.kind)}</td>
            <td><ApprovalBadge status=a.status/></td>
            <td>{format!("v{}", a.current_version)}</td>
            <td>{maybe_date(a.due_date)}</td>
            <td>{format::when(&a.updated_at)}</td>
        </tr>
    }
}
