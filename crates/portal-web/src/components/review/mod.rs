//! One approval under review: its header, the version switcher with each version's notes,
//! decision and files, the comment thread with its form, the decision panel and the history.
//!
//! The page keeps the approval in a signal and reloads it in place after a comment or a
//! decision, so forms, notices and the player's position survive the refresh. The review player
//! (`web_ui::player`) shows the selected version's image, audio or video with the comments as
//! markers; the thread and the player share a [`PlayerCtl`].

mod comments;
mod respond;
mod versions;

use crate::components::status::{kind_label, maybe_date, ApprovalBadge};
use crate::state::use_auth_redirect;
use crate::{api, links};
use leptos::prelude::*;
use shared_types::approvals::{AuditSummary, PortalApproval};
use shared_types::AuditAction;
use web_ui::components::{ErrorBanner, Toast};
use web_ui::format;
use web_ui::load::Loaded;
use web_ui::player::PlayerCtl;
use web_ui::title::PageTitle;
use web_ui::ApiError;

/// What the review components share: the approval, the version on screen, and page notices.
#[derive(Clone, Copy)]
pub(crate) struct Review {
    pub id: StoredValue<String>,
    pub detail: RwSignal<Option<PortalApproval>>,
    pub selected: RwSignal<i32>,
    pub error: RwSignal<Option<ApiError>>,
    pub notice: RwSignal<Option<String>>,
    pub player: PlayerCtl,
}

impl Review {
    /// Reads the approval (it is always loaded once the review components exist).
    pub fn with<T: Default>(&self, f: impl FnOnce(&PortalApproval) -> T) -> T {
        self.detail.with(|d| d.as_ref().map(f).unwrap_or_default())
    }

    pub fn latest(&self) -> i32 {
        self.with(|d| d.versions.last().map(|v| v.number).unwrap_or(1))
    }

    /// Fetch the approval again and show it, keeping the selected version when it still exists.
    pub fn reload(self) {
        let id = self.id.get_value();
        leptos::task::spawn_local(async move {
            match api::approval(id).await {
                Ok(a) => self.show(a),
                Err(e) => self.error.set(Some(e)),
            }
        });
    }

    /// Replace the approval on screen; a newer latest version becomes the selected one.
    /// Untracked, so callers inside effects or views do not subscribe to the approval.
    pub fn show(self, a: PortalApproval) {
        untrack(move || {
            let first = self.detail.with(Option::is_none);
            let before = self.latest();
            let latest = a.versions.last().map(|v| v.number).unwrap_or(1);
            let keep = a.versions.iter().any(|v| v.number == self.selected.get());
            self.player.can_compose.set(a.can_comment);
            self.detail.set(Some(a));
            if first || !keep || latest != before {
                self.selected.set(latest);
            }
        });
    }
}

/// Who decided `version`, and when, from the audit summary.
pub(crate) fn decision_entry(audit: &[AuditSummary], version: i32) -> Option<&AuditSummary> {
    audit.iter().rev().find(|e| {
        e.version == version
            && matches!(
                e.action,
                AuditAction::Approved | AuditAction::ChangesRequested
            )
    })
}

fn action_label(a: AuditAction) -> &'static str {
    match a {
        AuditAction::Submitted => "Submitted",
        AuditAction::Viewed => "Viewed",
        AuditAction::Approved => "Approved",
        AuditAction::ChangesRequested => "Requested changes",
        AuditAction::Commented => "Commented",
        AuditAction::Resubmitted => "Submitted a new version",
        AuditAction::StatusChanged => "Changed the status",
        AuditAction::Archived => "Archived",
        AuditAction::CommentEdited => "Edited a comment",
        AuditAction::CommentDeleted => "Deleted a comment",
    }
}

#[component]
pub fn ReviewPage(id: String) -> impl IntoView {
    let review = Review {
        id: StoredValue::new(id.clone()),
        detail: RwSignal::new(None),
        selected: RwSignal::new(1),
        error: RwSignal::new(None),
        notice: RwSignal::new(None),
        player: PlayerCtl::new(),
    };
    let resource = LocalResource::new(move || api::approval(id.clone()));
    view! {
        <Loaded
            resource=resource
            loading="Loading the approval…"
            redirect=use_auth_redirect()
            subject="Approval"
            children=move |a| {
                review.show(a);
                view! { <ReviewBody review=review/> }
            }
        />
    }
}

#[component]
fn ReviewBody(review: Review) -> impl IntoView {
    let title = move || review.with(|a| a.summary.title.clone());
    let status = move || {
        review
            .detail
            .with(|d| d.as_ref().map(|a| a.summary.status))
            .map(|s| view! { <ApprovalBadge status=s/> })
    };
    // The approval carries only its project's id; the name comes from the project list.
    let projects = LocalResource::new(api::projects);
    let meta = move || {
        review.with(|a| {
            let s = &a.summary;
            let id = s.project_id.clone();
            let project_name = move || {
                projects
                    .get()
                    .and_then(Result::ok)
                    .and_then(|p| p.items.into_iter().find(|p| p.id == id))
                    .map_or_else(|| "Open the project".to_owned(), |p| p.name)
            };
            Some(view! {
                <dl class="details">
                    <dt>"Kind"</dt>
                    <dd>{kind_label(s.kind)}</dd>
                    <dt>"Project"</dt>
                    <dd>
                        <a href=links::project(&s.project_id) data-test-id="approval-project">
                            {project_name}
                        </a>
                    </dd>
                    <dt>"Due date"</dt>
                    <dd>{maybe_date(s.due_date)}</dd>
                    <dt>"Latest version"</dt>
                    <dd>{s.current_version.to_string()}</dd>
                </dl>
            })
        })
    };
    let description = move || {
        review.with(|a| {
            (!a.description.trim().is_empty())
                .then(|| view! { <p class="approval-description">{a.description.clone()}</p> })
        })
    };
    let undecided =
        move || review.with(|a| a.versions.last().is_some_and(|v| v.decision.is_none()));
    let can_respond = move || undecided() && review.with(|a| a.can_respond);
    // The latest version waits for a decision this contact may not make: say so where the
    // buttons would be.
    let not_allowed = move || undecided() && !review.with(|a| a.can_respond);
    // Once a version is decided, the signed record of that decision.
    let certificate = move || {
        review.with(|a| {
            a.versions.iter().any(|v| v.decision.is_some()).then(|| {
                view! {
                    <p>
                        <a
                            href=api::certificate_pdf_url(&a.summary.id)
                            download=""
                            data-test-id="certificate-pdf"
                        >
                            "Download the decision certificate (PDF)"
                        </a>
                    </p>
                }
            })
        })
    };
    let history = move || {
        review.with(|a| {
            a.audit
                .iter()
                .filter(|e| e.action != AuditAction::Viewed)
                .map(|e| {
                    view! {
                        <li data-test-id="audit-row">
                            {format!(
                                "{} · {} · version {} · {}",
                                action_label(e.action),
                                e.actor_name,
                                e.version,
                                format::datetime(&e.at),
                            )}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="title-row">
            <PageTitle text=Signal::derive(title)/>
            {status}
        </div>
        <ErrorBanner error=review.error/>
        <Toast message=review.notice/>
        {meta}
        {description}
        // Wide screens: the media on the left, the decision and the thread beside it (sticky, so
        // a pin placed on the image stays in view while its comment is written). Phones: one
        // column, the decision straight after the media.
        <div class="review-layout">
        <div class="review-media">
            <versions::Versions review=review/>
        </div>
        <div class="review-side" data-test-id="review-side">
        <Show when=can_respond>
            <respond::RespondPanel review=review/>
        </Show>
        <Show when=not_allowed>
            <section class="panel" aria-labelledby="decision-heading" data-test-id="decision-not-allowed">
                <h2 id="decision-heading">"Your decision"</h2>
                <p>
                    "Your account manager has not enabled approvals for you, so someone else at your company makes the decision on this work. "
                    "Ask your agency if you should be able to approve it."
                </p>
            </section>
        </Show>
        <comments::Comments review=review/>
        </div>
        </div>
        <section class="panel" aria-labelledby="history-heading" data-test-id="approval-history">
            <h2 id="history-heading">"History"</h2>
            <ul class="history">{history}</ul>
            {certificate}
        </section>
    }
}
