//! The decision on the latest version: approve it, or request changes with a note. A stale or
//! already-decided version (409) shows the server's message and reloads the approval.

use super::Review;
use crate::api;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::approvals::RespondBody;
use shared_types::ResponseChoice;
use web_ui::error::field_error;
use web_ui::ApiError;

#[component]
pub(super) fn RespondPanel(review: Review) -> impl IntoView {
    let redirect = use_auth_redirect();
    let choice = RwSignal::new(None::<ResponseChoice>);
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let local = RwSignal::new(None::<String>);
    let send =
        Action::new_local(move |b: &RespondBody| api::respond(review.id.get_value(), b.clone()));
    Effect::new(move |_| match send.value().get() {
        Some(Ok(approval)) => {
            error.set(None);
            note.set(String::new());
            choice.set(None);
            review.error.set(None);
            review.notice.set(Some(
                "Thank you — your decision has been recorded.".to_owned(),
            ));
            review.show(approval);
        }
        Some(Err(e)) if e.status() == Some(409) => {
            // Someone decided first, or a newer version arrived: show why and what is current.
            review.error.set(Some(e));
            review.reload();
        }
        Some(Err(e)) => error.set((!redirect(&e)).then_some(e)),
        None => {}
    });
    let note_error = Signal::derive(move || {
        local
            .get()
            .or_else(|| error.with(|e| field_error(e.as_ref(), "note")))
    });
    let general = move || {
        error.with(|e| {
            e.as_ref()
                .filter(|e| e.field("note").is_none())
                .map(|e| view! { <p class="banner banner-error" role="alert">{e.message()}</p> })
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        local.set(None);
        let Some(decision) = choice.get_untracked() else {
            return;
        };
        let text = note.get_untracked();
        if decision == ResponseChoice::RequestChanges && text.trim().is_empty() {
            local.set(Some("Say what should change.".to_owned()));
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
            local.set(None);
            error.set(None);
            choice.set(Some(c));
        }
    };
    let pressed = move |c: ResponseChoice| move || (choice.get() == Some(c)).to_string();
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
                {general}
                <div class="actions" role="group" aria-label="Decision">
                    <button
                        type="button"
                        class="btn btn-secondary choice"
                        data-test-id="respond-approve"
                        aria-pressed=pressed(ResponseChoice::Approve)
                        on:click=pick(ResponseChoice::Approve)
                    >
                        "Approve"
                    </button>
                    <button
                        type="button"
                        class="btn btn-secondary choice"
                        data-test-id="respond-request-changes"
                        aria-pressed=pressed(ResponseChoice::RequestChanges)
                        on:click=pick(ResponseChoice::RequestChanges)
                    >
                        "Request changes"
                    </button>
                </div>
                <div class="field">
                    <label for="respond-note">{note_label}</label>
                    <textarea
                        id="respond-note"
                        rows="4"
                        data-test-id="respond-note"
                        aria-invalid=move || note_error.get().is_some().then_some("true")
                        aria-describedby=move || note_error.get().is_some().then_some("respond-note-error")
                        bind:value=note
                    ></textarea>
                    {move || note_error.get().map(|m| view! { <p class="field-error" id="respond-note-error">{m}</p> })}
                </div>
                <button
                    type="submit"
                    class="btn btn-primary"
                    data-test-id="respond-submit"
                    disabled=move || choice.with(Option::is_none) || send.pending().get()
                >
                    {submit_label}
                </button>
            </form>
        </section>
    }
}
