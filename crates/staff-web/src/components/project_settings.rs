//! A project's editable fields: name, description, stage (showing the client status it maps to),
//! an explicit client status, dates and managers; and archive / restore.

use crate::api;
use crate::components::fields::{stage_options, work_status_options, StaffPicker};
use crate::components::lookups::Lookups;
use crate::components::status::{date_value, parse_date};
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::projects::{self as rules, Project, ProjectUpdate};
use shared_types::{validate, WorkStatus};
use web_ui::action::action;
use web_ui::components::{Field, SelectField, TextAreaField};
use web_ui::form::FormPanel;
use web_ui::ApiError;

#[component]
pub fn ProjectSettings(project: RwSignal<Option<Project>>, lookups: Lookups) -> impl IntoView {
    let redirect = use_auth_redirect();
    let initial = project.get_untracked();
    let get = |f: fn(&Project) -> String| initial.as_ref().map(f).unwrap_or_default();
    let id = get(|p| p.id.clone());
    let name = RwSignal::new(get(|p| p.name.clone()));
    let description = RwSignal::new(get(|p| p.description.clone()));
    let stage = RwSignal::new(get(|p| p.stage_id.clone().unwrap_or_default()));
    let status = RwSignal::new(get(|p| p.client_status.as_str().to_owned()));
    let start = RwSignal::new(get(|p| date_value(p.start_date)));
    let due = RwSignal::new(get(|p| date_value(p.due_date)));
    let managers = RwSignal::new(initial.map(|p| p.manager_ids).unwrap_or_default());
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let name_error = RwSignal::new(None::<String>);
    let due_error = RwSignal::new(None::<String>);
    let field = move |k: &'static str| {
        Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| e.field(k))))
    };

    // Choosing a stage shows the status it brings; the user may still pick another one.
    Effect::new(move |prev: Option<String>| {
        let s = stage.get();
        if prev.is_some_and(|p| p != s) {
            if let Some(mapped) = lookups
                .stages
                .with_untracked(|l| l.iter().find(|x| x.id == s).map(|x| x.client_status))
            {
                status.set(mapped.as_str().to_owned());
            }
        }
        s
    });

    let apply = move |r: Result<Project, ApiError>, ok: &str| match r {
        Ok(p) => {
            error.set(None);
            notice.set(Some(ok.to_owned()));
            project.set(Some(p));
        }
        Err(e) => {
            name_error.set(e.field("name"));
            error.set((!redirect(&e)).then_some(e));
        }
    };
    let save = {
        let (id, apply) = (id.clone(), apply.clone());
        action(
            move |body: &ProjectUpdate| api::update_project(id.clone(), body.clone()),
            move |r| apply(r, "Project saved."),
        )
    };
    let archive = {
        let id = id.clone();
        action(
            move |restore: &bool| {
                let (id, restore) = (id.clone(), *restore);
                async move {
                    if restore {
                        let body = ProjectUpdate {
                            archived: Some(false),
                            ..Default::default()
                        };
                        api::update_project(id, body).await
                    } else {
                        api::archive_project(id).await
                    }
                }
            },
            move |r: Result<Project, ApiError>| {
                let text = if r.as_ref().is_ok_and(|p| p.archived) {
                    "Project archived."
                } else {
                    "Project restored."
                };
                apply(r, text);
            },
        )
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        let n = validate::name(&name.get_untracked())
            .err()
            .map(str::to_owned);
        name_error.set(n.clone());
        let (s, d) = (
            parse_date(&start.get_untracked()),
            parse_date(&due.get_untracked()),
        );
        let order = rules::date_order(s, d).err().map(str::to_owned);
        due_error.set(order.clone());
        if n.is_some() || order.is_some() {
            return;
        }
        let stage_id = stage.get_untracked();
        save.dispatch(ProjectUpdate {
            name: Some(name.get_untracked().trim().to_owned()),
            description: Some(description.get_untracked()),
            stage_id: Some(Some(stage_id).filter(|s| !s.is_empty())),
            client_status: status.get_untracked().parse::<WorkStatus>().ok(),
            start_date: Some(s),
            due_date: Some(d),
            manager_ids: Some(managers.get_untracked()),
            archived: None,
        });
    };
    let busy = move || save.pending().get() || archive.pending().get();
    let archived = move || project.with(|p| p.as_ref().is_some_and(|p| p.archived));
    let stage_opts = Signal::derive(move || lookups.stages.with(|s| stage_options(s)));
    let staff = Signal::derive(move || lookups.staff.get());
    view! {
        <FormPanel
            id="project-settings"
            heading="Details"
            test_id="project-settings"
            error=error
            notice=notice
            on_submit=on_submit
        >
            <Field id="edit-project-name" label="Project name" value=name error=name_error required=true test_id="edit-project-name"/>
            <TextAreaField id="edit-project-description" label="Description" value=description error=field("description")/>
            <SelectField id="edit-project-stage" label="Stage" value=stage options=stage_opts error=field("stage_id") test_id="edit-project-stage"/>
            <SelectField
                id="edit-project-status"
                label="Status the client sees"
                value=status
                options=Signal::derive(work_status_options)
                test_id="edit-project-status"
            />
            <div class="field-row">
                <Field id="edit-project-start" label="Start date" input_type="date" value=start/>
                <Field id="edit-project-due" label="Due date" input_type="date" value=due error=Signal::derive(move || due_error.get().or_else(|| field("due_date").get()))/>
            </div>
            <StaffPicker
                id_prefix="edit-project-manager"
                legend="Project managers"
                staff=staff
                chosen=managers
                error=field("manager_ids")
            />
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-test-id="project-save" disabled=busy>
                    {move || if save.pending().get() { "Saving…" } else { "Save changes" }}
                </button>
                <button
                    type="button"
                    class="btn btn-secondary"
                    data-test-id="project-archive"
                    disabled=busy
                    on:click=move |_| {
                        notice.set(None);
                        archive.dispatch(archived());
                    }
                >
                    {move || if archived() { "Restore project" } else { "Archive project" }}
                </button>
            </div>
        </FormPanel>
    }
}
