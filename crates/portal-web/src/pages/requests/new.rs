//! The form for a new request: type, a category that follows it, title, description, priority,
//! an optional project and attachments uploaded with progress.

use super::{may_request, NotAllowed};
use crate::api;
use crate::links;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::requests::{
    category_for, RequestCategory, RequestCreate, RequestPriority, RequestType,
};
use shared_types::validate;
use std::sync::Arc;
use web_ui::action::action;
use web_ui::components::{ErrorBanner, Field, SelectField, TextAreaField};
use web_ui::form::{FieldErrors, SubmitButton};
use web_ui::nav::go;
use web_ui::title::PageTitle;
use web_ui::upload::{FileUploader, UploadFn, Uploads};
use web_ui::ApiError;

/// The category choices for a type.
fn category_options(kind: RequestType) -> Vec<(String, String)> {
    kind.categories()
        .iter()
        .map(|c| (c.as_str().to_owned(), c.label().to_owned()))
        .collect()
}

#[component]
pub fn NewRequestPage() -> impl IntoView {
    let allowed = may_request();
    let redirect = use_auth_redirect();
    let navigate = use_navigate();
    let kind = RwSignal::new(RequestType::Support);
    let category = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let priority = RwSignal::new(RequestPriority::Normal.as_str().to_owned());
    let project = RwSignal::new(String::new());
    let uploads = Uploads::new();
    let error = RwSignal::new(None::<ApiError>);
    let errors = FieldErrors::new(error);
    let field = move |k: &'static str| errors.field(k);
    // One key for this form: a double click or a retry after a dropped answer makes one request.
    let key = StoredValue::new(web_ui::http::idempotency_key());
    let projects = LocalResource::new(api::projects);
    // The category list follows the type; a category the new type lacks is cleared.
    Effect::new(move |_| {
        let k = kind.get();
        let keep = category
            .get_untracked()
            .parse::<RequestCategory>()
            .is_ok_and(|c| category_for(k, c).is_ok());
        if !keep {
            category.set(String::new());
        }
    });
    let create = action(
        move |body: &RequestCreate| api::create_request(body.clone(), key.get_value()),
        move |answer| match answer {
            Ok(r) => {
                uploads.clear();
                go(&navigate, &links::request(&r.summary.id), false);
            }
            Err(e) => error.set((!redirect(&e)).then_some(e)),
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = Vec::new();
        let k = kind.get_untracked();
        let cat = category.get_untracked().parse::<RequestCategory>().ok();
        match cat {
            Some(c) if category_for(k, c).is_ok() => {}
            _ => problems.push(("category", "Choose a category.".to_owned())),
        }
        if let Err(m) = validate::title(&title.get_untracked()) {
            problems.push(("title", m.to_owned()));
        }
        problems.extend(uploads.message_problems(
            "description",
            &description.get_untracked(),
            "Describe what you need.",
        ));
        if !errors.check(problems) {
            return;
        }
        create.dispatch(RequestCreate {
            request_type: k,
            category: cat.unwrap_or(RequestCategory::Other),
            title: title.get_untracked().trim().to_owned(),
            description: description.get_untracked(),
            priority: priority.get_untracked().parse().ok(),
            project_id: Some(project.get_untracked()).filter(|p| !p.is_empty()),
            file_ids: uploads.file_ids(),
        });
    };
    let category_opts = Signal::derive(move || {
        std::iter::once((String::new(), "Choose a category".to_owned()))
            .chain(category_options(kind.get()))
            .collect::<Vec<_>>()
    });
    let priority_opts = Signal::derive(|| {
        RequestPriority::ALL
            .iter()
            .map(|p| (p.as_str().to_owned(), p.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let project_opts = Signal::derive(move || {
        std::iter::once((String::new(), "No project".to_owned()))
            .chain(
                projects
                    .get()
                    .and_then(Result::ok)
                    .map(|p| p.items)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|p| (p.id, p.name)),
            )
            .collect::<Vec<_>>()
    });
    let upload: UploadFn =
        Arc::new(|file, progress, slot| Box::pin(api::upload_file(file, progress, slot)));
    let type_choice = move |t: RequestType, hint: &'static str| {
        let id = format!("request-type-{t}");
        let (label_for, input_id) = (id.clone(), id.clone());
        view! {
            <label class="choice" for=label_for>
                <input
                    type="radio"
                    name="request-type"
                    id=input_id
                    data-test-id=id
                    checked=move || kind.get() == t
                    on:change=move |_| kind.set(t)
                />
                <span>
                    <strong>{t.label()}</strong>
                    <span class="hint">{hint}</span>
                </span>
            </label>
        }
    };
    let busy = Signal::derive(move || create.pending().get() || uploads.busy());
    view! {
        <p class="breadcrumb"><a href=links::REQUESTS>"All requests"</a></p>
        <PageTitle text="New request"/>
        <Show when=move || allowed.get() != Some(false) fallback=|| view! { <NotAllowed/> }>
            <section class="panel">
                <form class="form form-wide" on:submit=on_submit novalidate data-test-id="request-form">
                    <ErrorBanner error=errors.general(&["category", "title", "description", "priority", "project_id", "file_ids"])/>
                    <fieldset class="field">
                        <legend>"What do you need?"</legend>
                        <div class="choices">
                            {type_choice(RequestType::Support, "Something is broken, or you need help or access.")}
                            {type_choice(RequestType::Job, "New work: design, development, content, strategy or a revision.")}
                        </div>
                    </fieldset>
                    <SelectField id="request-category" label="Category" value=category options=category_opts error=field("category") test_id="request-category"/>
                    <Field id="request-title" label="Title" value=title error=field("title") required=true test_id="request-title"/>
                    <TextAreaField id="request-description" label="Description" value=description error=field("description") test_id="request-description" rows=6/>
                    <div class="field-row">
                        <SelectField id="request-priority" label="Priority" value=priority options=priority_opts error=field("priority") test_id="request-priority"/>
                        <SelectField id="request-project" label="Project (optional)" value=project options=project_opts error=field("project_id") test_id="request-project"/>
                    </div>
                    <FileUploader
                        upload=upload.clone()
                        uploads=uploads
                        id="request-files"
                        label="Attachments (optional)"
                        error=field("file_ids")
                        redirect=use_auth_redirect()
                    />
                    <SubmitButton label="Send request" busy_label="Sending…" pending=busy test_id="request-submit"/>
                </form>
            </section>
        </Show>
    }
}
