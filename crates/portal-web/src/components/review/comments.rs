//! The comment thread of the selected version (replies indented under their comment) and the
//! form to add a comment or a reply.

use super::Review;
use crate::api;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::approvals::{Comment, PortalCommentCreate};
use std::collections::HashMap;
use web_ui::action::action;
use web_ui::components::{ErrorBanner, TextAreaField};
use web_ui::confirm::ConfirmButton;
use web_ui::form::{FieldErrors, SubmitButton};
use web_ui::format;
use web_ui::format::{parse_timecode, timecode};
use web_ui::player::{Marker, PlayerCtl, Target};
use web_ui::ApiError;

fn dom_id(comment_id: &str) -> String {
    format!("comment-{comment_id}")
}

/// Where a comment points: its timecode (a button that seeks there) or its region (a button
/// that highlights the box on the image), with the marker's number.
fn anchor(c: &Comment, number: Option<usize>, ctl: PlayerCtl) -> Option<AnyView> {
    let tag = number.map(|n| format!("#{n} ")).unwrap_or_default();
    if let Some(ms) = c.timecode_ms {
        let id = c.id.clone();
        return Some(
            view! {
                <button
                    type="button"
                    class="btn btn-link btn-small timecode"
                    title="Play from here"
                    data-test-id="comment-timecode"
                    on:click=move |_| {
                        ctl.seek(ms);
                        ctl.active.set(Some(id.clone()));
                    }
                >
                    <span class="visually-hidden">"Go to "</span>
                    {format!("{tag}{}", timecode(ms))}
                </button>
            }
            .into_any(),
        );
    }
    c.region.map(|_| {
        let id = c.id.clone();
        view! {
            <button
                type="button"
                class="btn btn-link btn-small timecode"
                data-test-id="comment-region"
                on:click=move |_| ctl.active.set(Some(id.clone()))
            >
                {format!("{tag}Show on the image")}
            </button>
        }
        .into_any()
    })
}

/// The text of the contact's own comment, with "Edit" (the text becomes a box with Save and
/// Cancel) and "Delete" (asks first); both go while its version is undecided.
#[component]
fn OwnComment(review: Review, comment: Comment) -> impl IntoView {
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

fn comment_view(
    c: &Comment,
    number: Option<usize>,
    ctl: PlayerCtl,
    reply_to: Option<RwSignal<Option<(String, String)>>>,
    review: Review,
) -> AnyView {
    let time = anchor(c, number, ctl);
    let reply = reply_to.map(|signal| {
        let target = (c.id.clone(), c.author_name.clone());
        let label = format!("Reply to {}", c.author_name);
        view! {
            <button
                type="button"
                class="btn btn-link btn-small"
                aria-label=label
                data-test-id="comment-reply"
                on:click=move |_| signal.set(Some(target.clone()))
            >
                "Reply"
            </button>
        }
    });
    view! {
        <div class="comment">
            <p class="comment-meta">
                <span class="comment-author" data-test-id="comment-author">{c.author_name.clone()}</span>
                <span class="muted">{format::when(&c.created_at)}</span>
                {c.edited_at.map(|_| view! { <span class="muted" data-test-id="comment-edited">"(edited)"</span> })}
                {time}
            </p>
            {if c.editable {
                view! { <OwnComment review=review comment=c.clone()/> }.into_any()
            } else {
                view! { <p class="comment-body" data-test-id="comment-body">{c.body.clone()}</p> }
                    .into_any()
            }}
            {reply}
        </div>
    }
    .into_any()
}

#[component]
pub(super) fn Comments(review: Review) -> impl IntoView {
    let reply_to = RwSignal::new(None::<(String, String)>);
    let ctl = review.player;
    // A marker clicked on the player brings its comment into view.
    Effect::new(move |_| {
        if let Some(id) = ctl.active.get() {
            if let Some(el) = document().get_element_by_id(&dom_id(&id)) {
                el.scroll_into_view_with_bool(false);
            }
        }
    });
    let row_class = move |id: String| {
        move || {
            if ctl.active.with(|a| a.as_deref() == Some(id.as_str())) {
                "comment-row active"
            } else {
                "comment-row"
            }
        }
    };
    let thread = move || {
        let n = review.selected.get();
        let can_comment = review.with(|a| a.can_comment);
        review.with(|a| {
            let numbers: HashMap<String, usize> = Marker::for_version(&a.comments, n)
                .into_iter()
                .map(|m| (m.id, m.number))
                .collect();
            let number = |c: &Comment| numbers.get(&c.id).copied();
            let on_version: Vec<&Comment> = a.comments.iter().filter(|c| c.version == n).collect();
            if on_version.is_empty() {
                return Some(
                    view! { <p class="muted" data-test-id="comments-empty">"No comments on this version yet."</p> }
                        .into_any(),
                );
            }
            let is_top = |c: &Comment| {
                c.parent_id
                    .as_ref()
                    .is_none_or(|p| !on_version.iter().any(|o| &o.id == p))
            };
            let rows = on_version
                .iter()
                .filter(|c| is_top(c))
                .map(|c| {
                    let replies = on_version
                        .iter()
                        .filter(|r| r.parent_id.as_deref() == Some(c.id.as_str()))
                        .map(|r| {
                            view! {
                                <li class=row_class(r.id.clone()) class:reply=true id=dom_id(&r.id) data-test-id="comment-row">
                                    {comment_view(r, number(r), ctl, None, review)}
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <li class=row_class(c.id.clone()) id=dom_id(&c.id) data-test-id="comment-row">
                            {comment_view(c, number(c), ctl, can_comment.then_some(reply_to), review)}
                            <ul class="replies">{replies}</ul>
                        </li>
                    }
                })
                .collect_view();
            Some(view! { <ul class="comments" data-test-id="comment-list">{rows}</ul> }.into_any())
        })
    };
    let can_comment = move || review.with(|a| a.can_comment);
    view! {
        <section class="panel" aria-labelledby="comments-heading">
            <h2 id="comments-heading">"Comments"</h2>
            {thread}
            <Show
                when=can_comment
                fallback=|| {
                    view! {
                        <p class="muted" data-test-id="comments-not-allowed">
                            "Your account manager has not enabled comments for you, so you can read them but not add your own."
                        </p>
                    }
                }
            >
                <CommentForm review=review reply_to=reply_to/>
            </Show>
        </section>
    }
}

#[component]
fn CommentForm(review: Review, reply_to: RwSignal<Option<(String, String)>>) -> impl IntoView {
    let redirect = use_auth_redirect();
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
                    disabled=move || send.pending().get()
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
