//! The decision on the latest version: approve it, or request changes with a note. A stale or
//! already-decided version (409) shows the server's message and reloads the approval.

use super::Review;
use crate::api;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::approvals::RespondBody;
use shared_types::ResponseChoice;
use web_ui::action::action;
use web_ui::components::{ErrorBanner, TextAreaField};
use web_ui::form::writes_off;
use web_ui::form::FieldErrors;
use web_ui::ApiError;

#[component]
pub(super) fn RespondPanel(review: Review) -> impl IntoView {
    let redirect = use_auth_redirect();
    let choice = RwSignal::new(None::<ResponseChoice>);
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let errors = FieldErrors::new(error);
    let send = action(
        move |b: &RespondBody| api::respond(review.id.get_value(), b.clone()),
        move |answer| match answer {
            Ok(approval) => {
                error.set(None);
                note.set(String::new());
                choice.set(None);
                review.error.set(None);
                review.notice.set(Some(
                    "Thank you — your decision has been recorded.".to_owned(),
                ));
                review.show(approval);
            }
            Err(e) if e.status() == Some(409) => {
                // Someone decided first, or a newer version arrived: show why and what is current.
                review.error.set(Some(e));
                review.reload();
            }
            Err(e) => error.set((!redirect(&e)).then_some(e)),
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let Some(decision) = choice.get_untracked() else {
            return;
        };
        let text = note.get_untracked();
        if decision == ResponseChoice::RequestChanges && text.trim().is_empty() {
            errors.check(vec![("note", "Say what should change.".to_owned())]);
            return;
        }
        send.dispatch(RespondBody {
            version: review.latest(),
            decision,
            note: text,
        });
    };
    let pick = move |c: ResponseChoice| {
        move |_| {
            errors.clear();
            error.set(None);
            choice.set(Some(c));
        }
    };
    // Off in a staff preview, saying why.
    let off = writes_off();
    let choices = [
        (ResponseChoice::Approve, "respond-approve", "Approve"),
        (
            ResponseChoice::RequestChanges,
            "respond-request-changes",
            "Request changes",
        ),
    ]
    .map(|(c, test_id, label)| {
        view! {
            <button
                type="button"
                class="btn btn-secondary choice"
                data-test-id=test_id
                aria-pressed=move || (choice.get() == Some(c)).to_string()
                on:click=pick(c)
            >
                {label}
            </button>
        }
    });
    let submit_label = move || match choice.get() {
        Some(ResponseChoice::Approve) => format!("Approve version {}", review.latest()),
        Some(ResponseChoice::RequestChanges) => "Send change request".to_owned(),
        None => "Choose approve or request changes".to_owned(),
    };
    let note_label = move || match choice.get() {
        Some(ResponseChoice::RequestChanges) => "What should change? (required)",
        _ => "Note for your agency (optional)",
    };
    view! {
        <section class="panel respond" aria-labelledby="respond-heading" data-test-id="respond-panel">
            <h2 id="respond-heading">"Your decision"</h2>
            <p>
                {move || format!("You are reviewing version {}, the latest.", review.latest())}
            </p>
            <form class="form" on:submit=on_submit novalidate=true>
                <ErrorBanner error=errors.general(&["note"])/>
                <div class="actions" role="group" aria-label="Decision">{choices}</div>
                <TextAreaField
                    id="respond-note"
                    label=note_label
                    value=note
                    error=errors.field("note")
                    rows=4
                    test_id="respond-note"
                />
                <button
                    type="submit"
                    class="btn btn-primary"
                    data-test-id="respond-submit"
                    title=move || off.get()
                    disabled=move || {
                        choice.with(Option::is_none) || send.pending().get() || off.with(Option::is_some)
                    }
                >
                    {submit_label}
                </button>
            </form>
        </section>
    }
}
