//! The contact's own comment in the thread: its text with "Edit" and "Delete", or the box that
//! edits it.

use crate::api;
use crate::components::review::Review;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::approvals::Comment;
use web_ui::action::action;
use web_ui::components::{ErrorBanner, TextAreaField};
use web_ui::confirm::ConfirmButton;
use web_ui::form::{FieldErrors, SubmitButton};
use web_ui::ApiError;

/// The text of the contact's own comment, with "Edit" (the text becomes a box with Save and
/// Cancel) and "Delete" (asks first); both go while its version is undecided.
#[component]
pub(super) fn OwnComment(review: Review, comment: Comment) -> impl IntoView {
    let redirect = use_auth_redirect();
    let editing = RwSignal::new(false);
    let text = RwSignal::new(comment.body.clone());
    let error = RwSignal::new(None::<ApiError>);
    let errors = FieldErrors::new(error);
    let id = StoredValue::new(comment.id.clone());
    let body = comment.body.clone();
    let save = action(
        move |t: &String| api::edit_comment(review.id.get_value(), id.get_value(), t.clone()),
        {
            let redirect = redirect.clone();
            move |answer| match answer {
                Ok(()) => {
                    editing.set(false);
                    review
                        .notice
                        .set(Some("Your comment was updated.".to_owned()));
                    review.reload();
                }
                Err(e) => error.set((!redirect(&e)).then_some(e)),
            }
        },
    );
    let remove = action(
        move |(): &()| api::delete_comment(review.id.get_value(), id.get_value()),
        move |answer| match answer {
            Ok(()) => {
                review
                    .notice
                    .set(Some("Your comment was deleted.".to_owned()));
                review.reload();
            }
            Err(e) => {
                if !redirect(&e) {
                    review.error.set(Some(e));
                }
            }
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let t = text.get_untracked();
        if let Err(m) = shared_types::approvals::comment_body(&t) {
            errors.check(vec![("body", m.to_owned())]);
            return;
        }
        save.dispatch(t);
    };
    let box_id = format!("edit-{}", comment.id);
    view! {
        <Show
            when=move || editing.get()
            fallback=move || {
                view! {
                    <p class="comment-body" data-test-id="comment-body">{body.clone()}</p>
                    <div class="actions">
                        <button
                            type="button"
                            class="btn btn-link btn-small"
                            data-test-id="comment-edit"
                            on:click=move |_| editing.set(true)
                        >
                            "Edit"
                        </button>
                        <ConfirmButton
                            label="Delete"
                            aria_label="Delete your comment"
                            question="Your comment will be deleted. This can't be undone."
                            yes="Yes, delete it"
                            class="btn btn-link btn-small danger-link"
                            test_id="comment-delete"
                            disabled=Signal::derive(move || remove.pending().get())
                            on_confirm=Callback::new(move |()| {
                                remove.dispatch(());
                            })
                        />
                    </div>
                }
            }
        >
            <form class="form" on:submit=on_submit novalidate=true data-test-id="comment-edit-form">
                <ErrorBanner error=errors.general(&["body"])/>
                <TextAreaField
                    id=box_id.clone()
                    label="Edit your comment"
                    value=text
                    error=errors.field("body")
                    rows=3
                    test_id="comment-edit-input"
                />
                <div class="actions">
                    <SubmitButton
                        label="Save"
                        busy_label="Saving…"
                        pending=save.pending()
                        test_id="comment-edit-save"
                        class="btn btn-primary btn-small"
                    />
                    <button
                        type="button"
                        class="btn btn-secondary btn-small"
                        on:click=move |_| editing.set(false)
                    >
                        "Cancel"
                    </button>
                </div>
            </form>
        </Show>
    }
}
