//! One request: triage (status, priority, assignee, project: each saved on change, changing only
//! that field), the thread with internal notes set apart, and the composer, which sends a public
//! reply unless "Internal note" is ticked.

use crate::api;
use crate::components::lookups::Lookups;
use crate::components::uploader::{FileUploader, Uploads};
use crate::links;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared_types::approvals::FileMeta;
use shared_types::projects::Project;
use shared_types::requests::{
    RequestPriority, RequestStatus, RequestUpdate, StaffReply, StaffRequest, TimelineEntry,
};
use web_ui::action::action;
use web_ui::components::{CheckboxField, ErrorBanner, SelectField, TextAreaField, Toast};
use web_ui::form::FieldErrors;
use web_ui::format::{datetime, size, when};
use web_ui::labels::{PriorityBadge, RequestBadge};
use web_ui::load::Loaded;
use web_ui::title::PageTitle;
use web_ui::ApiError;

#[component]
pub fn RequestDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let reload = RwSignal::new(0_u32);
    let request = LocalResource::new(move || {
        reload.track();
        api::get_request(id.get())
    });
    let lookups = Lookups::load();
    // Kept here, not in the view: a save reloads the request (a new view), and "Saved." stays.
    let saved = RwSignal::new(None::<String>);
    let sent = RwSignal::new(None::<String>);
    let body = move |r: StaffRequest| view! { <RequestView r=r reload=reload lookups=lookups saved=saved sent=sent/> };
    view! {
        <p class="breadcrumb"><a href=links::REQUESTS>"Requests"</a></p>
        <Loaded resource=request loading="Loading the request…" redirect=use_auth_redirect() subject="request" back=(links::REQUESTS, "Back to requests") children=body/>
    }
}

/// Links to a message's files (downloaded with the staff token by the files page).
fn attachments(files: Vec<FileMeta>) -> impl IntoView {
    (!files.is_empty()).then(|| {
        view! {
            <ul class="attachment-list" data-test-id="attachments">
                {files
                    .into_iter()
                    .map(|f| view! {
                        <li data-test-id="attachment">
                            {f.filename.clone()}
                            <span class="muted">{format!(" · {}", size(f.size_bytes as f64))}</span>
                        </li>
                    })
                    .collect_view()}
            </ul>
        }
    })
}

#[component]
fn Entry(e: TimelineEntry) -> impl IntoView {
    let who = if e.internal {
        format!("{} · internal note", e.author_name)
    } else if e.from_agency {
        format!("{} · reply to the client", e.author_name)
    } else {
        format!("{} (client)", e.author_name)
    };
    view! {
        <li
            class="message"
            class:from-agency=e.from_agency && !e.internal
            class:internal=e.internal
            data-test-id=if e.internal { "timeline-note" } else { "timeline-message" }
        >
            <p class="message-head">
                {e.internal.then(|| view! { <span class="badge badge-warn">"Internal — only your team sees this"</span>" " })}
                <strong>{who}</strong>
                <span class="muted">{format!(" · {}", when(&e.created_at))}</span>
            </p>
            <p class="message-body">{e.body.clone()}</p>
            {attachments(e.attachments.clone())}
        </li>
    }
}

#[component]
fn RequestView(
    r: StaffRequest,
    reload: RwSignal<u32>,
    lookups: Lookups,
    saved: RwSignal<Option<String>>,
    sent: RwSignal<Option<String>>,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let id = r.summary.id.clone();
    let client_id = r.summary.client_id.clone();
    let save_error = RwSignal::new(None::<ApiError>);
    // Each triage field is saved on its own: a PATCH with only that field.
    let save = {
        let redirect = redirect.clone();
        action(
            |(id, body): &(String, RequestUpdate)| api::update_request(id.clone(), body.clone()),
            move |answer| match answer {
                Ok(_) => {
                    saved.set(Some("Saved.".to_owned()));
                    reload.update(|n| *n += 1);
                }
                Err(e) => save_error.set((!redirect(&e)).then_some(e)),
            },
        )
    };
    let triage = move |initial: String, make: fn(&str) -> RequestUpdate, id: String| {
        let value = RwSignal::new(initial);
        Effect::new(move |prev: Option<String>| {
            let v = value.get();
            if prev.is_some_and(|p| p != v) {
                saved.set(None);
                save_error.set(None);
                save.dispatch((id.clone(), make(&v)));
            }
            v
        });
        value
    };
    let status = triage(
        r.summary.status.as_str().to_owned(),
        |v| RequestUpdate {
            status: v.parse().ok(),
            ..Default::default()
        },
        id.clone(),
    );
    let priority = triage(
        r.summary.priority.as_str().to_owned(),
        |v| RequestUpdate {
            priority: v.parse().ok(),
            ..Default::default()
        },
        id.clone(),
    );
    let assignee = triage(
        r.summary
            .assignee
            .as_ref()
            .map(|a| a.id.clone())
            .unwrap_or_default(),
        |v| RequestUpdate {
            assignee_id: Some(Some(v.to_owned()).filter(|v| !v.is_empty())),
            ..Default::default()
        },
        id.clone(),
    );
    let project = triage(
        r.summary
            .project
            .as_ref()
            .map(|p| p.id.clone())
            .unwrap_or_default(),
        |v| RequestUpdate {
            project_id: Some(Some(v.to_owned()).filter(|v| !v.is_empty())),
            ..Default::default()
        },
        id.clone(),
    );
    let projects = RwSignal::new(Vec::<Project>::new());
    {
        let client_id = client_id.clone();
        leptos::task::spawn_local(async move {
            if let Ok(page) = api::list_projects(Some(client_id), Some(false), None).await {
                projects.set(page.items);
            }
        });
    }
    let status_opts = Signal::derive(|| {
        RequestStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), s.staff_label().to_owned()))
            .collect::<Vec<_>>()
    });
    let priority_opts = Signal::derive(|| {
        RequestPriority::ALL
            .iter()
            .map(|p| (p.as_str().to_owned(), p.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let assignee_opts = Signal::derive(move || {
        std::iter::once((String::new(), "Unassigned".to_owned()))
            .chain(lookups.staff.get().into_iter().map(|s| (s.id, s.name)))
            .collect::<Vec<_>>()
    });
    let project_opts = Signal::derive(move || {
        std::iter::once((String::new(), "No project".to_owned()))
            .chain(projects.get().into_iter().map(|p| (p.id, p.name)))
            .collect::<Vec<_>>()
    });

    // The composer: a public reply by default; "Internal note" keeps it inside the team.
    let text = RwSignal::new(String::new());
    let internal = RwSignal::new(false);
    let uploads = Uploads::new();
    let error = RwSignal::new(None::<ApiError>);
    let errors = FieldErrors::new(error);
    let post = {
        let redirect = redirect.clone();
        action(
            |(id, body): &(String, StaffReply)| api::post_request_message(id.clone(), body.clone()),
            move |answer| match answer {
                Ok(entry) => {
                    text.set(String::new());
                    uploads.clear();
                    sent.set(Some(if entry.internal {
                        "Internal note added. The client does not see it.".to_owned()
                    } else {
                        "Reply sent to the client.".to_owned()
                    }));
                    internal.set(false);
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set((!redirect(&e)).then_some(e)),
            },
        )
    };
    let on_send = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut problems =
                uploads.message_problems("body", &text.get_untracked(), "Write a message.");
            if internal.get_untracked() && !uploads.file_ids().is_empty() {
                problems.push((
                    "file_ids",
                    "Internal notes take no files; send them with a reply instead.".to_owned(),
                ));
            }
            if !errors.check(problems) {
                return;
            }
            sent.set(None);
            post.dispatch((
                id.clone(),
                StaffReply {
                    body: text.get_untracked(),
                    internal: internal.get_untracked(),
                    file_ids: uploads.file_ids(),
                },
            ));
        }
    };
    let pending = Signal::derive(move || post.pending().get() || uploads.busy());
    let s = r.summary.clone();
    let due = match (s.due.reply_by, s.due.resolve_by) {
        (Some(at), _) => Some(format!("First reply due {}", datetime(&at))),
        (None, Some(at)) => Some(format!("Resolution due {}", datetime(&at))),
        _ => None,
    };
    let uploader_client = client_id.clone();
    view! {
        <div class="title-row">
            <PageTitle text=s.title.clone() tab="Request"/>
            <RequestBadge status=s.status staff=true/>
            <PriorityBadge priority=s.priority/>
        </div>
        <p class="muted" data-test-id="request-meta">
            {format!("{} · {} · opened {}", s.request_type.label(), s.category.label(), when(&s.created_at))}
            " · "
            <a href=links::client(&s.client_id)>{s.client_name.clone()}</a>
            {r.contact.clone().map(|c| format!(" · from {} <{}>", c.name, c.email))}
        </p>
        {due.map(|d| {
            let class = if s.breached { "banner banner-error" } else { "banner banner-info" };
            let d = if s.breached { format!("{d} — overdue") } else { d };
            view! { <p class=class data-test-id="request-due">{d}</p> }
        })}
        <div class="details-grid">
            <section class="panel" aria-labelledby="triage-heading">
                <h2 id="triage-heading">"Triage"</h2>
                <ErrorBanner error=save_error/>
                <Toast message=saved/>
                <div class="form">
                    <SelectField id="request-status" label="Status" value=status options=status_opts test_id="request-status-select"/>
                    <SelectField id="request-priority" label="Priority" value=priority options=priority_opts test_id="request-priority-select"/>
                    <SelectField id="request-assignee" label="Assignee" value=assignee options=assignee_opts test_id="request-assignee-select"/>
                    <SelectField id="request-project" label="Project" value=project options=project_opts test_id="request-project-select"/>
                </div>
            </section>
            <section class="panel" aria-labelledby="description-heading">
                <h2 id="description-heading">"Description"</h2>
                <p class="message-body" data-test-id="request-description">{r.description.clone()}</p>
                {attachments(r.attachments.clone())}
            </section>
        </div>
        <section class="panel" aria-labelledby="thread-heading">
            <h2 id="thread-heading">"Conversation"</h2>
            {if r.timeline.is_empty() {
                view! { <p class="muted">"No messages yet. Reply below; the client is told by email with a link to this request."</p> }.into_any()
            } else {
                view! {
                    <ol class="thread" data-test-id="request-thread">
                        {r.timeline.into_iter().map(|e| view! { <Entry e=e/> }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
            <form class="form form-wide" on:submit=on_send novalidate data-test-id="composer">
                <ErrorBanner error=errors.general(&["body", "file_ids"])/>
                <Toast message=sent/>
                <TextAreaField
                    id="composer-body"
                    label=move || if internal.get() { "Internal note (only your team sees this)" } else { "Reply to the client" }
                    value=text
                    error=errors.field("body")
                    test_id="composer-body"
                    rows=4
                />
                <CheckboxField id="composer-internal" label="Internal note — not sent to the client" checked=internal test_id="composer-internal"/>
                <Show when=move || !internal.get()>
                    <FileUploader client_id=Signal::stored(uploader_client.clone()) uploads=uploads id="composer-files" label="Attachments (optional)" error=errors.field("file_ids")/>
                </Show>
                <button type="submit" class="btn btn-primary" data-test-id="composer-submit" disabled=move || pending.get()>
                    {move || if pending.get() { "Sending…" } else if internal.get() { "Add internal note" } else { "Send reply" }}
                </button>
                <p class="hint" aria-live="polite">
                    {move || if internal.get() { "This adds a note for your team. The client is not told." } else { "This sends a reply to the client, by email with a link to this request." }}
                </p>
            </form>
        </section>
    }
}
