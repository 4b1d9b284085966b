//! One request: its details and attachments, the conversation, a reply box with attachments and
//! "Mark resolved".

use super::{due_line, may_request, NotAllowed};
use crate::api;
use crate::links;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared_types::approvals::FileMeta;
use shared_types::requests::{PortalRequest, RequestMessage, RequestReply, RequestStatus};
use std::sync::Arc;
use web_ui::action::action;
use web_ui::components::{ErrorBanner, TextAreaField, Toast};
use web_ui::confirm::ConfirmButton;
use web_ui::form::{FieldErrors, SubmitButton};
use web_ui::format::{size, when};
use web_ui::labels::{PriorityBadge, RequestBadge};
use web_ui::load::Loaded;
use web_ui::title::PageTitle;
use web_ui::upload::{FileUploader, UploadFn, Uploads};
use web_ui::ApiError;

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
            let problems =
                uploads.message_problems("body", &reply.get_untracked(), "Write a message.");
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
