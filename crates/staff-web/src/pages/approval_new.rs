//! "New approval": project, milestone, title, kind, description, due date, notes and files.
//! Files upload (with progress) as soon as they are chosen; "Send for review" then creates the
//! approval with them as version 1. Nothing typed is lost when an upload or the creation fails.

use crate::components::fields::options_follow;
use crate::components::status::{kind_label, parse_date};
use crate::components::uploader::{FileUploader, Uploads};
use crate::state::use_auth_redirect;
use crate::{api, links};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared_types::approvals::{ApprovalCreate, VersionCreate};
use shared_types::projects::{Milestone, Project};
use shared_types::{validate, ApprovalKind};
use web_ui::action::action;
use web_ui::components::{ErrorBanner, Field, SelectField, TextAreaField};
use web_ui::form::FieldErrors;
use web_ui::nav::go;
use web_ui::title::PageTitle;
use web_ui::ApiError;

#[component]
pub fn NewApprovalPage() -> impl IntoView {
    let redirect = use_auth_redirect();
    let navigate = use_navigate();
    let query = use_query_map();
    let project = RwSignal::new(query.with_untracked(|q| q.get("project").unwrap_or_default()));
    let projects = RwSignal::new(Vec::<Project>::new());
    let milestones = RwSignal::new(Vec::<Milestone>::new());
    let milestone = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let kind = RwSignal::new(ApprovalKind::Image.as_str().to_owned());
    let description = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let uploads = Uploads::new();
    let error = RwSignal::new(None::<ApiError>);
    let errors = FieldErrors::new(error);
    let field = move |k: &'static str| errors.field(k);

    {
        let redirect = redirect.clone();
        leptos::task::spawn_local(async move {
            match api::list_projects(None, Some(false), None).await {
                Ok(page) => {
                    let mut list = page.items;
                    // A preselected project beyond the first page still belongs in the list.
                    let wanted = project.get_untracked();
                    if !wanted.is_empty() && !list.iter().any(|p| p.id == wanted) {
                        if let Ok(p) = api::get_project(wanted).await {
                            list.insert(0, p);
                        }
                    }
                    projects.set(list);
                }
                Err(e) => error.set((!redirect(&e)).then_some(e)),
            }
        });
    }
    let client_id = Memo::new(move |_| {
        let pid = project.get();
        projects.with(|l| {
            l.iter()
                .find(|p| p.id == pid)
                .map(|p| p.client_id.clone())
                .unwrap_or_default()
        })
    });
    // Files belong to one client: a project of another client starts the file list over.
    Effect::new(move |prev: Option<String>| {
        let c = client_id.get();
        if prev.is_some_and(|p| !p.is_empty() && p != c) {
            uploads.clear();
        }
        c
    });
    options_follow(project, milestone, milestones, api::list_milestones);

    let create = action(
        |body: &ApprovalCreate| api::create_approval(body.clone()),
        move |answer| match answer {
            Ok(a) => {
                uploads.clear();
                go(&navigate, &links::approval(&a.summary.id), false);
            }
            Err(e) => error.set((!redirect(&e)).then_some(e)),
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = Vec::new();
        if project.with_untracked(String::is_empty) {
            problems.push(("project_id", "Choose a project.".to_owned()));
        }
        if let Err(m) = validate::title(&title.get_untracked()) {
            problems.push(("title", m.to_owned()));
        }
        let file_ids = uploads.file_ids();
        if uploads.busy() {
            problems.push(("file_ids", "Wait for the uploads to finish.".to_owned()));
        } else if file_ids.is_empty() {
            problems.push(("file_ids", "Attach at least one file.".to_owned()));
        }
        if !errors.check(problems) {
            return;
        }
        create.dispatch(ApprovalCreate {
            project_id: project.get_untracked(),
            milestone_id: Some(milestone.get_untracked()).filter(|m| !m.is_empty()),
            title: title.get_untracked().trim().to_owned(),
            description: description.get_untracked(),
            kind: kind.get_untracked().parse().unwrap_or(ApprovalKind::Other),
            due_date: parse_date(&due.get_untracked()),
            version: VersionCreate {
                notes: notes.get_untracked(),
                file_ids,
            },
        });
    };

    let project_opts = Signal::derive(move || {
        std::iter::once((String::new(), "Choose a project".to_owned()))
            .chain(
                projects
                    .get()
                    .into_iter()
                    .map(|p| (p.id, format!("{} — {}", p.name, p.client_name))),
            )
            .collect::<Vec<_>>()
    });
    let milestone_opts = Signal::derive(move || {
        std::iter::once((String::new(), "No milestone".to_owned()))
            .chain(milestones.get().into_iter().map(|m| (m.id, m.title)))
            .collect::<Vec<_>>()
    });
    let kind_opts = Signal::derive(|| {
        ApprovalKind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), kind_label(*k).to_owned()))
            .collect::<Vec<_>>()
    });
    let uploading = move || uploads.busy();
    view! {
        <p class="breadcrumb"><a href=links::APPROVALS>"Approvals"</a></p>
        <PageTitle text="New approval"/>
        <section class="panel">
            <form class="form form-wide" on:submit=on_submit novalidate data-test-id="approval-form">
                <ErrorBanner error=error/>
                <SelectField id="approval-project" label="Project" value=project options=project_opts error=field("project_id") test_id="approval-project"/>
                <SelectField id="approval-milestone" label="Milestone (optional)" value=milestone options=milestone_opts error=field("milestone_id") test_id="approval-milestone"/>
                <Field id="approval-title" label="Title" value=title error=field("title") required=true test_id="approval-title"/>
                <div class="field-row">
                    <SelectField id="approval-kind" label="Kind" value=kind options=kind_opts test_id="approval-kind"/>
                    <Field id="approval-due" label="Due date" input_type="date" value=due error=field("due_date") test_id="approval-due"/>
                </div>
                <TextAreaField id="approval-description" label="Description (optional)" value=description error=field("description") test_id="approval-description"/>
                <TextAreaField id="approval-notes" label="Notes on this version (optional)" value=notes error=field("version.notes") test_id="approval-notes"/>
                <FileUploader
                    client_id=Signal::derive(move || client_id.get())
                    uploads=uploads
                    id="approval-files"
                    label="Files"
                    error=field("file_ids")
                />
                <button type="submit" class="btn btn-primary" data-test-id="approval-create" disabled=move || create.pending().get() || uploading()>
                    {move || if create.pending().get() { "Sending…" } else if uploading() { "Uploading…" } else { "Send for review" }}
                </button>
            </form>
        </section>
    }
}
