//! "New project": client, name, description, stage (with the client status it maps to), dates
//! and project managers. Field errors come from the API's `fields` and from the same rules
//! checked here first.

use crate::api;
use crate::components::fields::{stage_options, StaffPicker};
use crate::components::lookups::Lookups;
use crate::components::status::parse_date;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::projects::{self as rules, Project, ProjectCreate};
use shared_types::validate;
use web_ui::action::action;
use web_ui::components::{Field, SelectField, TextAreaField};
use web_ui::form::{FieldErrors, FormPanel};
use web_ui::ApiError;

#[component]
pub fn NewProjectForm(
    lookups: Lookups,
    /// The client to preselect (from the list's filter).
    #[prop(into)]
    client: Signal<String>,
    on_created: Callback<Project>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let client_id = RwSignal::new(client.get_untracked());
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let stage = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let managers = RwSignal::new(Vec::<String>::new());
    let error = RwSignal::new(None::<ApiError>);
    let errors = FieldErrors::new(error);
    let field = move |k: &'static str| errors.field(k);

    let create = action(
        |body: &ProjectCreate| api::create_project(body.clone()),
        move |answer| match answer {
            Ok(p) => {
                error.set(None);
                on_created.run(p);
            }
            Err(e) => error.set((!redirect(&e)).then_some(e)),
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = Vec::new();
        if client_id.with_untracked(String::is_empty) {
            problems.push(("client_id", "Choose a client.".to_owned()));
        }
        if let Err(m) = validate::name(&name.get_untracked()) {
            problems.push(("name", m.to_owned()));
        }
        let (s, d) = (
            parse_date(&start.get_untracked()),
            parse_date(&due.get_untracked()),
        );
        if let Err(m) = rules::date_order(s, d) {
            problems.push(("due_date", m.to_owned()));
        }
        if errors.check(problems) {
            create.dispatch(ProjectCreate {
                client_id: client_id.get_untracked(),
                name: name.get_untracked().trim().to_owned(),
                description: description.get_untracked(),
                stage_id: Some(stage.get_untracked()).filter(|s| !s.is_empty()),
                client_status: None,
                start_date: s,
                due_date: d,
                manager_ids: managers.get_untracked(),
            });
        }
    };
    let client_opts = Signal::derive(move || lookups.client_options("Choose a client"));
    let stage_opts = Signal::derive(move || lookups.stages.with(|s| stage_options(s)));
    let staff = Signal::derive(move || lookups.staff.get());
    view! {
        <FormPanel
            id="new-project"
            heading="New project"
            test_id="new-project"
            error=error
            on_submit=on_submit
        >
            <SelectField
                id="project-client"
                label="Client"
                value=client_id
                options=client_opts
                error=field("client_id")
                test_id="project-client"
            />
            <Field
                id="project-name"
                label="Project name"
                value=name
                error=field("name")
                required=true
                test_id="project-name"
            />
            <TextAreaField
                id="project-description"
                label="Description (optional)"
                value=description
                error=field("description")
                test_id="project-description"
            />
            <SelectField
                id="project-stage"
                label="Stage"
                value=stage
                options=stage_opts
                error=field("stage_id")
                test_id="project-stage"
            />
            <div class="field-row">
                <Field id="project-start" label="Start date" input_type="date" value=start test_id="project-start"/>
                <Field
                    id="project-due"
                    label="Due date"
                    input_type="date"
                    value=due
                    error=field("due_date")
                    test_id="project-due"
                />
            </div>
            <StaffPicker
                id_prefix="project-manager"
                legend="Project managers"
                staff=staff
                chosen=managers
                error=field("manager_ids")
            />
            <div class="actions">
                <button
                    type="submit"
                    class="btn btn-primary"
                    data-test-id="project-create"
                    disabled=move || create.pending().get()
                >
                    {move || if create.pending().get() { "Creating…" } else { "Create project" }}
                </button>
                <button type="button" class="btn btn-secondary" on:click=move |_| on_cancel.run(())>
                    "Cancel"
                </button>
            </div>
        </FormPanel>
    }
}
