//! The comment thread of the selected version (replies indented under their comment) and the
//! form to add a comment or a reply.

mod form;
mod own;

use super::Review;
use form::CommentForm;
use leptos::prelude::*;
use own::OwnComment;
use shared_types::approvals::Comment;
use std::collections::HashMap;
use web_ui::format;
use web_ui::format::timecode;
use web_ui::player::{Marker, PlayerCtl};

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
