//! An approval's versions, newest first: notes, files (through [`MediaView`]) and the client's
//! decision on each; and "Upload new version" (resubmission) with upload progress.

use crate::api;
use crate::components::media::MediaView;
use crate::components::status::decision_label;
use crate::components::uploader::{FileUploader, Uploads};
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::approvals::{Approval, ApprovalVersion, VersionCreate};
use shared_types::{Decision, FileKind};
use web_ui::action::action;
use web_ui::components::{Badge, ErrorBanner, TextAreaField, Toast, Tone};
use web_ui::player::Marker;
use web_ui::{format, ApiError};

fn decision_view(v: &ApprovalVersion) -> AnyView {
    let Some(d) = v.decision else {
        return view! { <p class="muted" data-test-id="version-undecided">"No decision on this version yet."</p> }.into_any();
    };
    let tone = if d == Decision::Approved {
        Tone::Good
    } else {
        Tone::Bad
    };
    let who = v
        .decided_by_name
        .clone()
        .unwrap_or_else(|| "the client".to_owned());
    let when = format::maybe_datetime(v.decided_at.as_ref());
    let note = v.decision_note.clone().filter(|n| !n.trim().is_empty());
    view! {
        <div class="decision" data-test-id="version-decision">
            <Badge text=decision_label(d) tone=tone/>
            <span>{format!(" by {who}, {when}")}</span>
            {note.map(|n| view! { <blockquote class="decision-note">{n}</blockquote> })}
        </div>
    }
    .into_any()
}

/// The comments of `version` shown on the player (internal ones labelled as such).
fn markers_for(approval: RwSignal<Option<Approval>>, version: i32) -> Vec<Marker> {
    approval.with(|a| {
        a.as_ref()
            .map(|a| Marker::for_version(&a.comments, version))
            .unwrap_or_default()
    })
}

#[component]
pub fn VersionsSection(approval: RwSignal<Option<Approval>>) -> impl IntoView {
    // Only a change of versions re-renders them (and re-fetches their media), not a new comment.
    let versions = Memo::new(move |_| {
        approval.with(|a| {
            a.as_ref()
                .map(|a| (a.summary.current_version, a.versions.clone()))
        })
    });
    let list = move || {
        versions.with(|v| {
            let Some((current, versions)) = v else { return ().into_any() };
            let current = *current;
            versions
                .iter()
                .rev()
                .map(|v| {
                    // The current version's first image, audio or video gets the review player.
                    let player_file = (v.number == current)
                        .then(|| {
                            v.files.iter().position(|f| {
                                matches!(f.kind, FileKind::Image | FileKind::Audio | FileKind::Video)
                            })
                        })
                        .flatten();
                    let number = v.number;
                    let files = v
                        .files
                        .iter()
                        .enumerate()
                        .map(|(i, f)| {
                            if Some(i) == player_file {
                                let markers = Signal::derive(move || markers_for(approval, number));
                                view! { <MediaView file=f.clone() version=number markers=markers/> }.into_any()
                            } else {
                                view! { <MediaView file=f.clone() version=number/> }.into_any()
                            }
                        })
                        .collect_view();
                    let heading_id = format!("version-{}-heading", v.number);
                    view! {
                        <article class="version" aria-labelledby=heading_id.clone() data-test-id="version">
                            <h3 id=heading_id.clone()>
                                {format!("Version {}", v.number)}
                                {(v.number == current).then(|| view! { " " <Badge text="Current" tone=Tone::Neutral/> })}
                            </h3>
                            <p class="muted">{format!("Submitted {}", format::when(&v.created_at))}</p>
                            {(!v.notes.trim().is_empty()).then(|| view! { <p class="version-notes" data-test-id="version-notes">{v.notes.clone()}</p> })}
                            <div class="media-grid">{files}</div>
                            {decision_view(v)}
                        </article>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <section class="panel" aria-labelledby="versions-heading" data-test-id="versions">
            <h2 id="versions-heading">"Versions"</h2>
            <NewVersionForm approval=approval/>
            {list}
        </section>
    }
}

/// Resubmission: notes and new files; the approval goes back to the client as pending.
#[component]
fn NewVersionForm(approval: RwSignal<Option<Approval>>) -> impl IntoView {
    let redirect = use_auth_redirect();
    let open = RwSignal::new(false);
    let notes = RwSignal::new(String::new());
    let uploads = Uploads::new();
    let error = RwSignal::new(None::<ApiError>);
    let files_error = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let ids = move || {
        approval.with_untracked(|a| {
            a.as_ref()
                .map(|a| (a.summary.id.clone(), a.summary.client_id.clone()))
                .unwrap_or_default()
        })
    };
    let client_id = Signal::derive(move || {
        approval.with(|a| {
            a.as_ref()
                .map(|a| a.summary.client_id.clone())
                .unwrap_or_default()
        })
    });
    let submit = action(
        move |body: &VersionCreate| api::create_version(ids().0, body.clone()),
        move |answer| match answer {
            Ok(a) => {
                notice.set(Some(format!(
                    "Version {} sent to the client for review.",
                    a.summary.current_version
                )));
                approval.set(Some(a));
                notes.set(String::new());
                uploads.clear();
                error.set(None);
                open.set(false);
            }
            Err(e) => {
                files_error.set(e.field("file_ids"));
                error.set((!redirect(&e)).then_some(e));
            }
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        let file_ids = uploads.file_ids();
        let problem = if uploads.busy() {
            Some("Wait for the uploads to finish.")
        } else if file_ids.is_empty() {
            Some("Attach at least one file.")
        } else {
            None
        };
        files_error.set(problem.map(str::to_owned));
        if problem.is_none() {
            submit.dispatch(VersionCreate {
                notes: notes.get_untracked(),
                file_ids,
            });
        }
    };
    let uploading = move || uploads.busy();
    view! {
        <Toast message=notice/>
        <Show
            when=move || open.get()
            fallback=move || view! {
                <button type="button" class="btn btn-primary" data-test-id="new-version-open" on:click=move |_| open.set(true)>
                    "Upload new version"
                </button>
            }
        >
            <form class="form form-wide sub-form" on:submit=on_submit novalidate data-test-id="new-version-form" aria-label="New version">
                <h3>"New version"</h3>
                <ErrorBanner error=error/>
                <TextAreaField id="new-version-notes" label="What changed (optional)" value=notes test_id="new-version-notes"/>
                <FileUploader client_id=client_id uploads=uploads id="new-version-files" label="Files" error=files_error/>
                <div class="actions">
                    <button type="submit" class="btn btn-primary" data-test-id="new-version-submit" disabled=move || submit.pending().get() || uploading()>
                        {move || if submit.pending().get() { "Sending…" } else if uploading() { "Uploading…" } else { "Send new version" }}
                    </button>
                    <button type="button" class="btn btn-secondary" on:click=move |_| { uploads.clear(); open.set(false); }>"Cancel"</button>
                </div>
            </form>
        </Show>
    }
}
