//! Requests: the client's job requests and support tickets (filters in the address), the form
//! for a new one (type, a category that follows it, priority, an optional project, attachments
//! with progress), and one request with its thread, a reply box and "Mark resolved".

use crate::api::{self, RequestFilter};
use crate::links;
use crate::state::{use_auth_redirect, use_portal};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use shared_types::approvals::FileMeta;
use shared_types::requests::{
    category_for, message_body, PortalRequest, PortalRequestSummary, RequestCategory,
    RequestCreate, RequestMessage, RequestPriority, RequestReply, RequestStatus, RequestType,
    ResponseDue,
};
use shared_types::validate;
use std::sync::Arc;
use web_ui::action::action;
use web_ui::components::{EmptyState, ErrorBanner, Field, SelectField, TextAreaField, Toast};
use web_ui::confirm::ConfirmButton;
use web_ui::form::{FieldErrors, SubmitButton};
use web_ui::format::{datetime, size, when};
use web_ui::labels::{PriorityBadge, RequestBadge};
use web_ui::load::Loaded;
use web_ui::nav::go;
use web_ui::paged::{LoadMore, Paged};
use web_ui::title::PageTitle;
use web_ui::upload::{FileUploader, UploadFn, Uploads};
use web_ui::ApiError;

/// Whether the signed-in contact may use requests; `None` until `/me` has answered.
fn may_request() -> Signal<Option<bool>> {
    let state = use_portal();
    Signal::derive(move || {
        state
            .me
            .with(|m| m.as_ref().map(|m| m.permissions.can_submit_requests))
    })
}

/// Said instead of the page when the contact may not use requests.
#[component]
fn NotAllowed() -> impl IntoView {
    view! {
        <p class="banner banner-error" role="alert" data-test-id="no-permission">
            "Your account manager has not enabled requests for you. Ask them to turn on “Submit requests” for your account, or ask a colleague who has it."
        </p>
    }
}

/// "We aim to reply by …" (or resolve), for an open request.
fn due_line(due: &ResponseDue) -> Option<String> {
    match (due.reply_by, due.resolve_by) {
        (Some(by), _) => Some(format!("We aim to reply by {}", datetime(&by))),
        (None, Some(by)) => Some(format!("We aim to resolve this by {}", datetime(&by))),
        _ => None,
    }
}

fn type_label(t: RequestType) -> &'static str {
    t.label()
}

#[component]
pub fn RequestsPage() -> impl IntoView {
    let allowed = may_request();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| RequestFilter {
            request_type: q.get("type").and_then(|t| t.parse().ok()),
            status: q.get("status").and_then(|s| s.parse().ok()),
        })
    });
    let list = Paged::new(api::requests, use_auth_redirect());
    Effect::new(move |_| {
        let f = filter.get();
        if allowed.get() == Some(true) {
            list.load(f);
        }
    });
    let navigate = use_navigate();
    let set_filter = move |f: RequestFilter| {
        let mut q = Vec::new();
        if let Some(t) = f.request_type {
            q.push(format!("type={t}"));
        }
        if let Some(s) = f.status {
            q.push(format!("status={s}"));
        }
        let href = if q.is_empty() {
            links::REQUESTS.to_owned()
        } else {
            format!("{}?{}", links::REQUESTS, q.join("&"))
        };
        go(&navigate, &href, false);
    };
    let for_tabs = set_filter.clone();
    let type_tab = move |t: Option<RequestType>| {
        let label = t.map_or("All", type_label);
        let id = t.map_or("all", RequestType::as_str);
        let set_filter = for_tabs.clone();
        view! {
            <li>
                <button
                    type="button"
                    class="tab"
                    data-test-id=format!("request-tab-{id}")
                    aria-pressed=move || (filter.get().request_type == t).to_string()
                    on:click=move |_| set_filter(RequestFilter { request_type: t, ..filter.get_untracked() })
                >
                    {label}
                </button>
            </li>
        }
    };
    let status = RwSignal::new(String::new());
    Effect::new(move |_| {
        status.set(
            filter
                .get()
                .status
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
        );
    });
    let status_opts = Signal::derive(|| {
        std::iter::once((String::new(), "Any status".to_owned()))
            .chain(
                RequestStatus::ALL
                    .iter()
                    .map(|s| (s.as_str().to_owned(), s.label().to_owned())),
            )
            .collect::<Vec<_>>()
    });
    {
        let set_filter = set_filter.clone();
        Effect::new(move |prev: Option<String>| {
            let chosen = status.get();
            if prev.is_some_and(|p| p != chosen) {
                set_filter(RequestFilter {
                    status: chosen.parse().ok(),
                    ..filter.get_untracked()
                });
            }
            chosen
        });
    }
    let rows = move || {
        list.items
            .get()
            .into_iter()
            .map(|r| view! { <RequestRow r=r/> })
            .collect_view()
    };
    let empty = move || {
        let filtered = filter.with(|f| f.request_type.is_some() || f.status.is_some());
        if filtered {
            view! {
                <EmptyState
                    title="No requests match"
                    body="Nothing matches these filters. Choose “All” and “Any status” to see every request."
                />
            }
            .into_any()
        } else {
            view! {
                <div class="empty" data-test-id="requests-empty">
                    <h2>"No requests yet"</h2>
                    <p>"Need something new, or help with something that exists? Send your agency a job request or a support ticket; you can follow the conversation here."</p>
                    <p><a class="btn btn-primary" href=links::NEW_REQUEST>"Send your first request"</a></p>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <PageTitle text="Requests"/>
        <Show when=move || allowed.get() != Some(false) fallback=|| view! { <NotAllowed/> }>
            <div class="toolbar">
                <a class="btn btn-primary" href=links::NEW_REQUEST data-test-id="new-request">"New request"</a>
            </div>
            <div class="filters">
                <nav aria-label="Request type" class="tabs">
                    <ul>
                        {type_tab(None)}
                        {type_tab(Some(RequestType::Job))}
                        {type_tab(Some(RequestType::Support))}
                    </ul>
                </nav>
                <SelectField id="request-status-filter" label="Status" value=status options=status_opts test_id="request-status-filter"/>
            </div>
            <ErrorBanner error=list.error/>
            <Show when=move || list.loaded.get() fallback=|| view! { <web_ui::components::Spinner label="Loading requests…"/> }>
                <Show when=move || !list.items.with(Vec::is_empty) fallback=empty>
                    <ul class="row-list" data-test-id="request-list">{rows}</ul>
                </Show>
            </Show>
            <LoadMore list=list test_id="requests-more"/>
        </Show>
    }
}

#[component]
fn RequestRow(r: PortalRequestSummary) -> impl IntoView {
    let due = due_line(&r.due);
    let messages = match r.message_count {
        0 => "No replies yet".to_owned(),
        1 => "1 message".to_owned(),
        n => format!("{n} messages"),
    };
    view! {
        <li class="row-card" data-test-id="request-row">
            <div class="row-head">
                <a class="row-title" href=links::request(&r.id) data-test-id="request-title">{r.title.clone()}</a>
                <RequestBadge status=r.status/>
            </div>
            <p class="row-meta muted">
                {format!("{} · {} · {}", r.request_type.label(), r.category.label(), messages)}
                " · "
                {format!("updated {}", when(&r.last_activity_at))}
            </p>
            <p class="row-meta">
                <PriorityBadge priority=r.priority/>
                {due.map(|d| view! { <span class="muted" data-test-id="request-due">" "{d}</span> })}
            </p>
        </li>
    }
}

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
        if let Err(m) = message_body(&description.get_untracked(), "Describe what you need.") {
            problems.push(("description", m.to_owned()));
        }
        if uploads.busy() {
            problems.push(("file_ids", "Wait for the uploads to finish.".to_owned()));
        }
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

/// File links of an attachment list.
fn attachments(files: Vec<FileMeta>) -> impl IntoView {
    (!files.is_empty()).then(|| {
        view! {
            <ul class="attachment-list" data-test-id="attachments">
                {files
                    .into_iter()
                    .map(|f| {
                        view! {
                            <li>
                                <a href=links::file(&f.id) target="_blank" rel="noopener" data-test-id="attachment">
                                    {f.filename.clone()}
                                </a>
                                <span class="muted">{format!(" · {}", size(f.size_bytes as f64))}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

#[component]
fn Message(m: RequestMessage) -> impl IntoView {
    let who = if m.from_agency {
        format!("{} (agency)", m.author_name)
    } else {
        m.author_name.clone()
    };
    view! {
        <li class="message" class:from-agency=m.from_agency data-test-id="request-message">
            <p class="message-head">
                <strong>{who}</strong>
                <span class="muted">{format!(" · {}", when(&m.created_at))}</span>
            </p>
            <p class="message-body">{m.body.clone()}</p>
            {attachments(m.attachments.clone())}
        </li>
    }
}

#[component]
pub fn RequestDetailPage() -> impl IntoView {
    let allowed = may_request();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let reload = RwSignal::new(0_u32);
    let request = LocalResource::new(move || {
        reload.track();
        api::request(id.get())
    });
    // Kept here: sending reloads the request (a new view), and the notice stays.
    let notice = RwSignal::new(None::<String>);
    let body = move |r: PortalRequest| view! { <RequestView r=r reload=reload notice=notice/> };
    view! {
        <p class="breadcrumb"><a href=links::REQUESTS>"All requests"</a></p>
        <Show when=move || allowed.get() != Some(false) fallback=|| view! { <PageTitle text="Request"/> <NotAllowed/> }>
            <Loaded resource=request loading="Loading the request…" redirect=use_auth_redirect() subject="request" back=(links::REQUESTS, "All requests") children=body/>
        </Show>
    }
}

#[component]
fn RequestView(
    r: PortalRequest,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let id = r.summary.id.clone();
    let status = r.summary.status;
    let reply = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let errors = FieldErrors::new(error);
    let uploads = Uploads::new();
    let send = {
        let redirect = redirect.clone();
        action(
            |(id, body): &(String, RequestReply)| api::reply_to_request(id.clone(), body.clone()),
            move |answer| match answer {
                Ok(_) => {
                    reply.set(String::new());
                    uploads.clear();
                    notice.set(Some("Your message was sent.".to_owned()));
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set((!redirect(&e)).then_some(e)),
            },
        )
    };
    let on_reply = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut problems = Vec::new();
            if let Err(m) = message_body(&reply.get_untracked(), "Write a message.") {
                problems.push(("body", m.to_owned()));
            }
            if uploads.busy() {
                problems.push(("file_ids", "Wait for the uploads to finish.".to_owned()));
            }
            if !errors.check(problems) {
                return;
            }
            notice.set(None);
            send.dispatch((
                id.clone(),
                RequestReply {
                    body: reply.get_untracked(),
                    file_ids: uploads.file_ids(),
                },
            ));
        }
    };
    let close_error = RwSignal::new(None::<ApiError>);
    let close = action(
        |id: &String| api::close_request(id.clone()),
        move |answer| match answer {
            Ok(_) => reload.update(|n| *n += 1),
            Err(e) => close_error.set((!redirect(&e)).then_some(e)),
        },
    );
    let upload: UploadFn =
        Arc::new(|file, progress, slot| Box::pin(api::upload_file(file, progress, slot)));
    let due = due_line(&r.summary.due);
    let reopens = matches!(
        status,
        RequestStatus::WaitingOnClient | RequestStatus::Resolved
    );
    let closed = status == RequestStatus::Closed;
    let pending = Signal::derive(move || send.pending().get() || uploads.busy());
    let close_id = id.clone();
    view! {
        <div class="title-row">
            <PageTitle text=r.summary.title.clone() tab="Request"/>
            <RequestBadge status=status/>
        </div>
        <p class="muted" data-test-id="request-meta">
            {format!("{} · {} · opened {}", r.summary.request_type.label(), r.summary.category.label(), when(&r.summary.created_at))}
            {r.summary.from.clone().map(|f| format!(" by {f}"))}
            {r.project.clone().map(|p| view! { " · " <a href=links::project(&p.id)>{p.name.clone()}</a> })}
        </p>
        <p><PriorityBadge priority=r.summary.priority/></p>
        {due.map(|d| view! { <p class="banner banner-info" data-test-id="request-due">{d}</p> })}
        <section class="panel" aria-labelledby="description-heading">
            <h2 id="description-heading">"Description"</h2>
            <p class="message-body" data-test-id="request-description">{r.description.clone()}</p>
            {attachments(r.attachments.clone())}
        </section>
        <section class="panel" aria-labelledby="thread-heading">
            <h2 id="thread-heading">"Conversation"</h2>
            {if r.messages.is_empty() {
                view! { <p class="muted" data-test-id="thread-empty">"No replies yet. Your agency's answer will appear here, and you will get an email."</p> }.into_any()
            } else {
                view! {
                    <ol class="thread" data-test-id="request-thread">
                        {r.messages.into_iter().map(|m| view! { <Message m=m/> }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
            {if closed {
                view! { <p class="muted" data-test-id="request-closed">"This request is closed. If you need more help, send a new request."</p> }.into_any()
            } else {
                view! {
                    <form class="form form-wide" on:submit=on_reply novalidate data-test-id="reply-form">
                        <ErrorBanner error=errors.general(&["body", "file_ids"])/>
                        <Toast message=notice/>
                        <TextAreaField
                            id="reply-body"
                            label=if reopens { "Reply (this opens the request again)" } else { "Reply" }
                            value=reply
                            error=errors.field("body")
                            test_id="reply-body"
                            rows=4
                        />
                        <FileUploader upload=upload.clone() uploads=uploads id="reply-files" label="Attachments (optional)" error=errors.field("file_ids") redirect=use_auth_redirect()/>
                        <SubmitButton label="Send reply" busy_label="Sending…" pending=pending test_id="reply-submit"/>
                    </form>
                }
                .into_any()
            }}
        </section>
        {(!closed).then(|| view! {
            <section class="panel" aria-labelledby="close-heading">
                <h2 id="close-heading">"All sorted?"</h2>
                <p class="muted">"If this is resolved, close the request. You can always send a new one."</p>
                <ErrorBanner error=close_error/>
                <ConfirmButton
                    label="Mark resolved"
                    class="btn btn-secondary"
                    question="Close this request? Your agency will see it as resolved, and replies will no longer be possible."
                    yes="Yes, close it"
                    test_id="request-close"
                    on_confirm=Callback::new(move |()| { close.dispatch(close_id.clone()); })
                />
            </section>
        })}
    }
}
