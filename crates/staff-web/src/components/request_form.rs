//! "New request": staff open a request on a client's behalf (a phone call, an email), for one of
//! the client's contacts, who then follows it in their portal.

use crate::api;
use crate::components::fields::options_follow;
use crate::components::lookups::Lookups;
use crate::links;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::requests::{
    category_for, message_body, RequestCategory, RequestPriority, RequestType, StaffRequestCreate,
};
use shared_types::staff::Contact;
use shared_types::validate;
use web_ui::action::action;
use web_ui::components::{ErrorBanner, Field, SelectField, TextAreaField};
use web_ui::form::{FieldErrors, SubmitButton};
use web_ui::nav::go;
use web_ui::ApiError;

fn choices<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (value(*v).to_owned(), label(*v).to_owned()))
        .collect()
}

#[component]
pub fn NewRequestPanel(lookups: Lookups) -> impl IntoView {
    let redirect = use_auth_redirect();
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let client = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let contacts = RwSignal::new(Vec::<Contact>::new());
    let kind = RwSignal::new(RequestType::Job.as_str().to_owned());
    let category = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let priority = RwSignal::new(RequestPriority::Normal.as_str().to_owned());
    let assignee = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let errors = FieldErrors::new(error);
    options_follow(client, contact, contacts, api::list_contacts);
    let create = action(
        |body: &StaffRequestCreate| api::create_request(body.clone()),
        move |answer| match answer {
            Ok(r) => go(&navigate, &links::request(&r.summary.id), false),
            Err(e) => error.set((!redirect(&e)).then_some(e)),
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = Vec::new();
        if client.with_untracked(String::is_empty) {
            problems.push(("client_id", "Choose a client.".to_owned()));
        }
        let k = kind
            .get_untracked()
            .parse::<RequestType>()
            .unwrap_or(RequestType::Job);
        let cat = category.get_untracked().parse::<RequestCategory>().ok();
        if cat.is_none_or(|c| category_for(k, c).is_err()) {
            problems.push(("category", "Choose a category.".to_owned()));
        }
        if let Err(m) = validate::title(&title.get_untracked()) {
            problems.push(("title", m.to_owned()));
        }
        if let Err(m) = message_body(&description.get_untracked(), "Describe what is needed.") {
            problems.push(("description", m.to_owned()));
        }
        if !errors.check(problems) {
            return;
        }
        let some = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.is_empty());
        create.dispatch(StaffRequestCreate {
            client_id: client.get_untracked(),
            contact_id: some(contact),
            request_type: k,
            category: cat.unwrap_or(RequestCategory::Other),
            title: title.get_untracked().trim().to_owned(),
            description: description.get_untracked(),
            priority: priority.get_untracked().parse().ok(),
            assignee_id: some(assignee),
            project_id: None,
            file_ids: Vec::new(),
        });
    };
    let client_opts = Signal::derive(move || lookups.client_options("Choose a client"));
    let contact_opts = Signal::derive(move || {
        std::iter::once((String::new(), "No one in particular".to_owned()))
            .chain(contacts.get().into_iter().map(|c| (c.id, c.name)))
            .collect::<Vec<_>>()
    });
    let kind_opts =
        Signal::derive(|| choices(RequestType::ALL, RequestType::as_str, RequestType::label));
    let category_opts = Signal::derive(move || {
        let k = kind
            .get()
            .parse::<RequestType>()
            .unwrap_or(RequestType::Job);
        std::iter::once((String::new(), "Choose a category".to_owned()))
            .chain(choices(
                k.categories(),
                RequestCategory::as_str,
                RequestCategory::label,
            ))
            .collect::<Vec<_>>()
    });
    let priority_opts = Signal::derive(|| {
        choices(
            RequestPriority::ALL,
            RequestPriority::as_str,
            RequestPriority::label,
        )
    });
    let assignee_opts = Signal::derive(move || {
        std::iter::once((String::new(), "By the category's route".to_owned()))
            .chain(lookups.staff.get().into_iter().map(|s| (s.id, s.name)))
            .collect::<Vec<_>>()
    });
    let field = move |k: &'static str| errors.field(k);
    view! {
        <section class="panel" aria-labelledby="new-request-heading">
            <h2 id="new-request-heading">"New request for a client"</h2>
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <p class="muted">"A client asked by phone or email? Open the request here; they follow it in their portal."</p>
                    <button type="button" class="btn btn-secondary" data-test-id="new-request-open" on:click=move |_| open.set(true)>"New request"</button>
                }
            >
                <form class="form form-wide" on:submit=on_submit novalidate data-test-id="staff-request-form">
                    <ErrorBanner error=errors.general(&["client_id", "contact_id", "category", "title", "description", "assignee_id"])/>
                    <div class="field-row">
                        <SelectField id="new-request-client" label="Client" value=client options=client_opts error=field("client_id") test_id="new-request-client"/>
                        <SelectField id="new-request-contact" label="For" value=contact options=contact_opts error=field("contact_id") test_id="new-request-contact"/>
                    </div>
                    <div class="field-row">
                        <SelectField id="new-request-type" label="Type" value=kind options=kind_opts test_id="new-request-type"/>
                        <SelectField id="new-request-category" label="Category" value=category options=category_opts error=field("category") test_id="new-request-category"/>
                    </div>
                    <Field id="new-request-title" label="Title" value=title error=field("title") required=true test_id="new-request-title"/>
                    <TextAreaField id="new-request-description" label="Description" value=description error=field("description") test_id="new-request-description" rows=4/>
                    <div class="field-row">
                        <SelectField id="new-request-priority" label="Priority" value=priority options=priority_opts test_id="new-request-priority"/>
                        <SelectField id="new-request-assignee" label="Assignee" value=assignee options=assignee_opts error=field("assignee_id") test_id="new-request-assignee"/>
                    </div>
                    <div class="actions">
                        <SubmitButton label="Open request" busy_label="Opening…" pending=create.pending() test_id="new-request-submit"/>
                        <button type="button" class="btn btn-secondary" on:click=move |_| open.set(false)>"Cancel"</button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
