//! All projects of the organization: filter by client (on the server) and by stage or name (on
//! the loaded rows), keyset "Load more", archived ones on request, and "New project".

use crate::api;
use crate::components::fields::SelectField;
use crate::components::lookups::Lookups;
use crate::components::project_form::NewProjectForm;
use crate::components::status::{maybe_date, WorkBadge};
use crate::state::{go, use_auth_redirect};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared_types::projects::Project;
use shared_types::Page;
use web_ui::components::{Badge, CheckboxField, ErrorBanner, Field, Spinner};
use web_ui::ApiError;

/// `(client filter, archived, cursor)`: a cursor appends, anything else replaces the list.
type PageRequest = (String, bool, Option<String>);

pub fn project_href(id: &str) -> String {
    format!("/staff/projects/{id}")
}

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let redirect = use_auth_redirect();
    let navigate = use_navigate();
    let lookups = Lookups::load();
    let client = RwSignal::new(String::new());
    let stage = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let archived = RwSignal::new(false);
    let items = RwSignal::new(Vec::<Project>::new());
    let next = RwSignal::new(None::<String>);
    let loaded = RwSignal::new(false);
    let creating = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);

    let load = Action::new_local(|(client, archived, cursor): &PageRequest| {
        let appending = cursor.is_some();
        let request = api::list_projects(Some(client.clone()), Some(*archived), cursor.clone());
        async move { (appending, request.await) }
    });
    // Reload from the first page whenever the server-side filters change.
    Effect::new(move |_| {
        load.dispatch((client.get(), archived.get(), None));
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
        go(&navigate, &project_href(&p.id), false);
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
            <h1 data-test-id="page-title">"Projects"</h1>
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
            <ErrorBanner error=error/>
            <Show when=move || loaded.get() fallback=|| view! { <Spinner label="Loading projects…"/> }>
                <Show
                    when=move || !visible.with(Vec::is_empty)
                    fallback=move || view! { <p class="muted" data-test-id="projects-empty">{empty_text}</p> }
                >
                    <div class="table-wrap">
                        <table data-test-id="projects-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Project"</th>
                                    <th scope="col">"Client"</th>
                                    <th scope="col">"Stage"</th>
                                    <th scope="col">"Client sees"</th>
                                    <th scope="col">"Due"</th>
                                    <th scope="col">"Managers"</th>
                                </tr>
                            </thead>
                            <tbody>
                                <For each=move || visible.get() key=|p| (p.id.clone(), p.updated_at) let:p>
                                    <ProjectRow project=p lookups=lookups/>
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
                    data-test-id="projects-load-more"
                    disabled=move || load.pending().get()
                    on:click=move |_| {
                        load.dispatch((client.get_untracked(), archived.get_untracked(), next.get_untracked()));
                    }
                >
                    {move || if load.pending().get() { "Loading…" } else { "Load more" }}
                </button>
            </Show>
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
                <A href=project_href(&project.id) attr:data-test-id="project-link">{project.name.clone()}</A>
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
