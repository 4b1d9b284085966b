//! All projects of the organization: filter by client (on the server) and by stage or name (on
//! the loaded rows), keyset "Load more", archived ones on request, and "New project".

use crate::components::lookups::Lookups;
use crate::components::project_form::NewProjectForm;
use crate::components::status::{maybe_date, WorkBadge};
use crate::state::use_auth_redirect;
use crate::{api, links};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared_types::projects::Project;
use web_ui::components::{Badge, CheckboxField, ErrorBanner, Field, SelectField, Spinner};
use web_ui::nav::go;
use web_ui::paged::{LoadMore, Paged};
use web_ui::table::DataTable;
use web_ui::title::PageTitle;

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let navigate = use_navigate();
    let lookups = Lookups::load();
    let client = RwSignal::new(String::new());
    let stage = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let archived = RwSignal::new(false);
    let creating = RwSignal::new(false);
    // The server filters by client and archived; stage and name filter the loaded rows.
    let projects = Paged::new(
        |(client, archived): (String, bool), cursor| {
            api::list_projects(Some(client), Some(archived), cursor)
        },
        use_auth_redirect(),
    );
    // Reload from the first page whenever the server-side filters change.
    Effect::new(move |_| projects.load((client.get(), archived.get())));
    let items = projects.items;

    let visible = Memo::new(move |_| {
        let (stage, q) = (stage.get(), search.get().trim().to_lowercase());
        items.with(|l| {
            l.iter()
                .filter(|p| stage.is_empty() || p.stage_id.as_deref() == Some(stage.as_str()))
                .filter(|p| {
                    q.is_empty()
                        || p.name.to_lowercase().contains(&q)
                        || p.client_name.to_lowercase().contains(&q)
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let stage_opts = Signal::derive(move || {
        std::iter::once((String::new(), "All stages".to_owned()))
            .chain(lookups.stages.get().into_iter().map(|s| (s.id, s.name)))
            .collect::<Vec<_>>()
    });
    let client_opts = Signal::derive(move || lookups.client_options("All clients"));
    let on_created = Callback::new(move |p: Project| {
        go(&navigate, &links::project(&p.id), false);
    });

    let empty_text = move || {
        if items.with(Vec::is_empty) && client.with(String::is_empty) && !archived.get() {
            "No projects yet. Choose “New project” to start one for a client."
        } else {
            "No projects match these filters. Clear the search or choose another client or stage."
        }
    };
    view! {
        <div class="page-head">
            <PageTitle text="Projects"/>
            <Show when=move || !creating.get()>
                <button
                    type="button"
                    class="btn btn-primary"
                    data-test-id="new-project-open"
                    on:click=move |_| creating.set(true)
                >
                    "New project"
                </button>
            </Show>
        </div>
        <ErrorBanner error=lookups.error/>
        <Show when=move || creating.get()>
            <NewProjectForm
                lookups=lookups
                client=client
                on_created=on_created
                on_cancel=Callback::new(move |()| creating.set(false))
            />
        </Show>
        <section class="panel" aria-labelledby="projects-heading">
            <h2 id="projects-heading">"All projects"</h2>
            <div class="form form-inline filters" role="search" aria-label="Filter projects">
                <SelectField id="filter-client" label="Client" value=client options=client_opts test_id="filter-client"/>
                <SelectField id="filter-stage" label="Stage" value=stage options=stage_opts test_id="filter-stage"/>
                <Field id="filter-search" label="Name contains" input_type="search" value=search test_id="filter-search"/>
                <CheckboxField id="filter-archived" label="Archived projects" checked=archived/>
            </div>
            <ErrorBanner error=projects.error/>
            <Show when=move || projects.loaded.get() fallback=|| view! { <Spinner label="Loading projects…"/> }>
                <Show
                    when=move || !visible.with(Vec::is_empty)
                    fallback=move || view! { <p class="muted" data-test-id="projects-empty">{empty_text}</p> }
                >
                    <DataTable
                        test_id="projects-table"
                        columns=&["Project", "Client", "Stage", "Client sees", "Due", "Managers"]
                    >
                        <tbody>
                            <For each=move || visible.get() key=|p| (p.id.clone(), p.updated_at) let:p>
                                <ProjectRow project=p lookups=lookups/>
                            </For>
                        </tbody>
                    </DataTable>
                </Show>
            </Show>
            <LoadMore list=projects test_id="projects-load-more"/>
        </section>
    }
}

#[component]
fn ProjectRow(project: Project, lookups: Lookups) -> impl IntoView {
    let managers = project.manager_ids.clone();
    let manager_names = move || {
        let names: Vec<String> = managers.iter().map(|id| lookups.staff_name(id)).collect();
        if names.is_empty() {
            "—".to_owned()
        } else {
            names.join(", ")
        }
    };
    view! {
        <tr data-test-id="project-row">
            <td>
                <A href=links::project(&project.id) attr:data-test-id="project-link">{project.name.clone()}</A>
                {project.archived.then(|| view! { " " <Badge text="Archived"/> })}
            </td>
            <td>{project.client_name.clone()}</td>
            <td>{project.stage_name.clone().unwrap_or_else(|| "No stage".to_owned())}</td>
            <td><WorkBadge status=project.client_status/></td>
            <td>{maybe_date(project.due_date)}</td>
            <td>{manager_names}</td>
        </tr>
    }
}
