//! One approval: summary with edit (title, description, due date, kind) and archive; its versions
//! with files and decisions, "Upload new version"; the comment thread; links to the audit trail
//! and the decision certificate.

use crate::components::comments::CommentsSection;
use crate::components::media::save_object_url;
use crate::components::status::{date_value, kind_label, maybe_date, parse_date, ApprovalBadge};
use crate::components::versions::VersionsSection;
use crate::state::use_auth_redirect;
use crate::{api, links};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared_types::approvals::{Approval, ApprovalUpdate};
use shared_types::{validate, ApprovalKind};
use web_ui::action::action;
use web_ui::components::{Badge, ErrorBanner, Field, SelectField, TextAreaField, Toast};
use web_ui::load::Loaded;
use web_ui::player::PlayerCtl;
use web_ui::title::PageTitle;
use web_ui::{format, ApiError};

#[component]
pub fn ApprovalDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let resource = LocalResource::new(move || api::get_approval(id.get()));
    let approval = RwSignal::new(None::<Approval>);
    // One player state for the page: the current version's player and the comments' timecodes.
    provide_context(PlayerCtl::new());
    view! {
        <Loaded
            resource=resource
            loading="Loading approval…"
            redirect=use_auth_redirect()
            subject="Approval"
            back=(links::APPROVALS, "Back to approvals")
            children=move |a| {
                approval.set(Some(a));
                view! {
                    <p class="breadcrumb"><a href=links::APPROVALS>"Approvals"</a></p>
                    <Summary approval=approval/>
                    <VersionsSection approval=approval/>
                    <CommentsSection approval=approval/>
                }
            }
        />
    }
}

#[component]
fn Summary(approval: RwSignal<Option<Approval>>) -> impl IntoView {
    let redirect = use_auth_redirect();
    let get = move |f: fn(&Approval) -> String| {
        approval.with_untracked(|a| a.as_ref().map(f).unwrap_or_default())
    };
    let id = get(|a| a.summary.id.clone());
    let editing = RwSignal::new(false);
    let title = RwSignal::new(get(|a| a.summary.title.clone()));
    let description = RwSignal::new(get(|a| a.description.clone()));
    let due = RwSignal::new(get(|a| date_value(a.summary.due_date)));
    let kind = RwSignal::new(get(|a| a.summary.kind.as_str().to_owned()));
    let title_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let cert_busy = RwSignal::new(false);
    let apply = move |r: Result<Approval, ApiError>, text: &str| match r {
        Ok(a) => {
            approval.set(Some(a));
            error.set(None);
            editing.set(false);
            notice.set(Some(text.to_owned()));
        }
        Err(e) => {
            title_error.set(e.field("title"));
            error.set((!redirect(&e)).then_some(e));
        }
    };
    let save = {
        let (id, apply) = (id.clone(), apply.clone());
        action(
            move |b: &ApprovalUpdate| api::update_approval(id.clone(), b.clone()),
            move |r| apply(r, "Approval saved."),
        )
    };
    let archive = {
        let id = id.clone();
        action(
            move |_: &()| api::archive_approval(id.clone()),
            move |r| apply(r, "Approval archived. The client no longer sees it."),
        )
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        let e = validate::title(&title.get_untracked())
            .err()
            .map(str::to_owned);
        title_error.set(e.clone());
        if e.is_none() {
            save.dispatch(ApprovalUpdate {
                title: Some(title.get_untracked().trim().to_owned()),
                description: Some(description.get_untracked()),
                due_date: Some(parse_date(&due.get_untracked())),
                kind: kind.get_untracked().parse().ok(),
            });
        }
    };
    let download_certificate = {
        let id = id.clone();
        move |pdf: bool| {
            let id = id.clone();
            cert_busy.set(true);
            leptos::task::spawn_local(async move {
                let name = format!(
                    "approval-{id}-certificate.{}",
                    if pdf { "pdf" } else { "json" }
                );
                match api::certificate_object_url(id.clone(), pdf).await {
                    Ok(url) => save_object_url(url, &name),
                    Err(e) => error.set(Some(e)),
                }
                cert_busy.set(false);
            });
        }
    };
    let download_json = {
        let download = download_certificate.clone();
        move |_| download(false)
    };
    let download_pdf = move |_| download_certificate(true);
    let s = move || approval.with(|a| a.as_ref().map(|a| a.summary.clone()));
    let decided = move || {
        approval.with(|a| {
            a.as_ref()
                .is_some_and(|a| a.versions.iter().any(|v| v.decision.is_some()))
        })
    };
    let busy = move || save.pending().get() || archive.pending().get();
    let kind_opts = Signal::derive(|| {
        ApprovalKind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), kind_label(*k).to_owned()))
            .collect::<Vec<_>>()
    });
    view! {
        <div class="page-head">
            <PageTitle text=Signal::derive(move || s().map(|s| s.title).unwrap_or_default())/>
            {move || s().map(|s| view! { <ApprovalBadge status=s.status/> })}
            {move || s().filter(|s| s.archived).map(|_| view! { <Badge text="Archived"/> })}
        </div>
        <section class="panel" aria-labelledby="summary-heading" data-test-id="approval-summary">
            <h2 id="summary-heading" class="visually-hidden">"Summary"</h2>
            <ErrorBanner error=error/>
            <Toast message=notice/>
            {move || s().map(|s| view! {
                <dl class="details">
                    <dt>"Project"</dt>
                    <dd><A href=links::project(&s.project_id)>"Open project"</A></dd>
                    <dt>"Kind"</dt><dd data-test-id="approval-kind-text">{kind_label(s.kind)}</dd>
                    <dt>"Due"</dt><dd>{maybe_date(s.due_date)}</dd>
                    <dt>"Current version"</dt><dd>{format!("Version {}", s.current_version)}</dd>
                    <dt>"Created"</dt><dd>{format::datetime(&s.created_at)}</dd>
                    <dt>"Decided"</dt><dd>{format::maybe_datetime(s.decided_at.as_ref())}</dd>
                </dl>
            })}
            {move || approval.with(|a| a.as_ref().map(|a| a.description.clone())).filter(|d| !d.trim().is_empty()).map(|d| view! { <p class="description">{d}</p> })}
            <div class="actions">
                <button type="button" class="btn btn-secondary" data-test-id="approval-edit" on:click=move |_| editing.update(|e| *e = !*e)
                    aria-expanded=move || editing.get().to_string()>
                    {move || if editing.get() { "Close editor" } else { "Edit details" }}
                </button>
                <A href=links::approval_audit(&id) attr:class="btn btn-secondary" attr:data-test-id="audit-link">"Audit trail"</A>
                <button type="button" class="btn btn-secondary" data-test-id="certificate-pdf"
                    disabled=move || !decided() || cert_busy.get() on:click=download_pdf>
                    "Certificate (PDF)"
                </button>
                <button type="button" class="btn btn-secondary" data-test-id="certificate-download"
                    disabled=move || !decided() || cert_busy.get() on:click=download_json>
                    "Certificate (JSON)"
                </button>
                <Show when=move || !s().is_some_and(|s| s.archived)>
                    <button type="button" class="btn btn-danger" data-test-id="approval-archive" disabled=busy
                        on:click=move |_| { notice.set(None); archive.dispatch(()); }>
                        "Archive"
                    </button>
                </Show>
            </div>
            <Show when=move || !decided()>
                <p class="hint">"The certificate is available once the client has approved or requested changes."</p>
            </Show>
            <Show when=move || editing.get()>
                <form class="form form-wide sub-form" on:submit=on_submit novalidate aria-label="Edit approval">
                    <Field id="edit-approval-title" label="Title" value=title error=title_error required=true test_id="edit-approval-title"/>
                    <TextAreaField id="edit-approval-description" label="Description" value=description/>
                    <div class="field-row">
                        <SelectField id="edit-approval-kind" label="Kind" value=kind options=kind_opts/>
                        <Field id="edit-approval-due" label="Due date" input_type="date" value=due/>
                    </div>
                    <button type="submit" class="btn btn-primary" data-test-id="approval-save" disabled=busy>
                        {move || if save.pending().get() { "Saving…" } else { "Save changes" }}
                    </button>
                </form>
            </Show>
        </section>
    }
}
