//! The form under the thread that adds a comment or a reply, with the moment or the marked area
//! taken from the player.

use crate::api;
use crate::components::review::Review;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::approvals::PortalCommentCreate;
use web_ui::action::action;
use web_ui::components::{ErrorBanner, TextAreaField};
use web_ui::form::writes_off;
use web_ui::form::FieldErrors;
use web_ui::format::{parse_timecode, timecode};
use web_ui::player::Target;
use web_ui::ApiError;

#[component]
pub(super) fn CommentForm(
    review: Review,
    reply_to: RwSignal<Option<(String, String)>>,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    // Off in a staff preview, saying why.
    let off = writes_off();
    let body = RwSignal::new(String::new());
    let time = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let errors = FieldErrors::new(error);
    let has_timeline = move || review.with(|a| a.summary.kind.has_timeline());
    let ctl = review.player;
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    // `C` on the player or a region drawn on the image: fill in the moment, focus the box.
    Effect::new(move |seen: Option<u32>| {
        let n = ctl.compose.get();
        if seen.is_some_and(|s| s != n) {
            if let Some(Target::Time(ms)) = ctl.target.get_untracked() {
                time.set(timecode(ms));
            }
            if let Some(t) = textarea.get_untracked() {
                let _ = t.focus();
            }
        }
        n
    });
    // "Reply" puts the cursor in the box, which now answers that comment.
    Effect::new(move |_| {
        if reply_to.with(Option::is_some) {
            if let Some(t) = textarea.get_untracked() {
                let _ = t.focus();
            }
        }
    });
    let region_chip = move || {
        matches!(ctl.target.get(), Some(Target::Region(_))).then(|| {
            view! {
                <p class="target-chip" data-test-id="comment-target">
                    "This comment points at the marked area of the image. "
                    <button
                        type="button"
                        class="btn btn-link btn-small"
                        on:click=move |_| ctl.target.set(None)
                    >
                        "Remove the mark"
                    </button>
                </p>
            }
        })
    };
    let send = action(
        move |c: &PortalCommentCreate| api::comment(review.id.get_value(), c.clone()),
        move |answer| match answer {
            Ok(()) => {
                error.set(None);
                body.set(String::new());
                time.set(String::new());
                reply_to.set(None);
                ctl.target.set(None);
                review
                    .notice
                    .set(Some("Your comment was added.".to_owned()));
                review.reload();
            }
            Err(e) => error.set((!redirect(&e)).then_some(e)),
        },
    );
    let time_error = errors.field("timecode_ms");
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let text = body.get_untracked();
        if let Err(m) = shared_types::approvals::comment_body(&text) {
            errors.check(vec![("body", m.to_owned())]);
            return;
        }
        let t = time.get_untracked();
        let timecode_ms = if t.trim().is_empty() {
            None
        } else if let Some(ms) = parse_timecode(&t) {
            Some(ms)
        } else {
            errors.check(vec![(
                "timecode_ms",
                "Use minutes:seconds, like 1:05.".to_owned(),
            )]);
            return;
        };
        send.dispatch(PortalCommentCreate {
            body: text,
            version: review.selected.get_untracked(),
            timecode_ms,
            region: match ctl.target.get_untracked() {
                Some(Target::Region(r)) => Some(r),
                _ => None,
            },
            parent_id: reply_to.get_untracked().map(|(id, _)| id),
        });
    };
    let label = move || {
        let n = review.selected.get();
        match reply_to.get() {
            Some((_, who)) => format!("Your reply to {who} (version {n})"),
            None => format!("Your comment on version {n}"),
        }
    };
    view! {
        <form class="form comment-form" on:submit=on_submit novalidate=true>
            <h3>"Add a comment"</h3>
            <ErrorBanner error=errors.general(&["body", "timecode_ms"])/>
            <TextAreaField
                id="comment-input"
                label=label
                value=body
                error=errors.field("body")
                rows=4
                test_id="comment-input"
                node_ref=textarea
            />
            {region_chip}
            <Show when=has_timeline>
                <div class="field">
                    <label for="comment-time">"Time in the file (optional)"</label>
                    <p class="hint" id="comment-time-hint">"Minutes and seconds, like 1:05."</p>
                    <input
                        id="comment-time"
                        type="text"
                        inputmode="numeric"
                        data-test-id="comment-timecode-input"
                        aria-describedby="comment-time-hint"
                        aria-invalid=move || time_error.get().is_some().then_some("true")
                        bind:value=time
                    />
                    {move || time_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
            </Show>
            <div class="actions">
                <button
                    type="submit"
                    class="btn btn-primary"
                    data-test-id="comment-submit"
                    title=move || off.get()
                    disabled=move || send.pending().get() || off.with(Option::is_some)
                >
                    {move || if reply_to.with(Option::is_some) { "Post reply" } else { "Post comment" }}
                </button>
                <Show when=move || reply_to.with(Option::is_some)>
                    <button
                        type="button"
                        class="btn btn-secondary"
                        on:click=move |_| reply_to.set(None)
                    >
                        "Cancel reply"
                    </button>
                </Show>
            </div>
        </form>
    }
}
