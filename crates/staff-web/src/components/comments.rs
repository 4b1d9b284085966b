//! The whole comment thread of an approval as staff see it: staff and client comments with their
//! version, timecode (mm:ss) or image region, replies under their comment, and internal
//! (staff-only) comments marked with an "Internal" badge and their own style. The form posts a
//! comment or a reply, optionally internal.

use crate::api;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::approvals::{self as rules, Approval, Comment, Region, StaffCommentCreate};
use web_ui::action::action;
use web_ui::components::{
    Badge, CheckboxField, ErrorBanner, Field, SelectField, TextAreaField, Tone,
};
use web_ui::format::{parse_timecode, timecode};
use web_ui::player::PlayerCtl;
use web_ui::{format, ApiError};

fn region_text(r: &Region) -> String {
    let pct = |v: f64| (v * 100.0).round();
    format!(
        "Region {}%, {}% · {}×{}%",
        pct(r.x),
        pct(r.y),
        pct(r.w),
        pct(r.h)
    )
}

/// A comment's time: on the version the player shows, a button that seeks there (as in the
/// portal); on older versions, just the time.
fn timecode_view(c: &Comment, player: Option<(PlayerCtl, i32)>) -> Option<AnyView> {
    let ms = c.timecode_ms?;
    let text = timecode(ms);
    Some(match player {
        Some((ctl, shown)) if shown == c.version => {
            let id = c.id.clone();
            view! {
                <button
                    type="button"
                    class="btn btn-link btn-small timecode"
                    aria-label=format!("Play from {text}")
                    data-test-id="comment-timecode"
                    on:click=move |_| {
                        ctl.active.set(Some(id.clone()));
                        ctl.seek(ms);
                    }
                >
                    {text.clone()}
                </button>
            }
            .into_any()
        }
        _ => view! { <span class="timecode" data-test-id="comment-timecode">{text}</span> }
            .into_any(),
    })
}

fn comment_view(
    c: &Comment,
    reply_to: RwSignal<Option<(String, String)>>,
    is_reply: bool,
    player: Option<(PlayerCtl, i32)>,
) -> AnyView {
    let who = if c.author_kind == "staff" {
        "Staff"
    } else {
        "Client"
    };
    let target = (c.id.clone(), c.author_name.clone());
    let class = match (c.internal, is_reply) {
        (true, true) => "comment comment-internal reply",
        (true, false) => "comment comment-internal",
        (false, true) => "comment reply",
        (false, false) => "comment",
    };
    view! {
        <div class=class data-test-id="comment" data-internal=c.internal.to_string()>
            <p class="comment-meta">
                <strong data-test-id="comment-author">{c.author_name.clone()}</strong>
                <span class="muted">{who}</span>
                {c.internal.then(|| view! { <Badge text="Internal" tone=Tone::Warn test_id="comment-internal"/> })}
                <span class="muted">{format!("v{}", c.version)}</span>
                {timecode_view(c, player)}
                {c.region.as_ref().map(|r| view! { <span class="muted" data-test-id="comment-region">{region_text(r)}</span> })}
                <span class="muted">{format::when(&c.created_at)}</span>
            </p>
            <p class="comment-body" data-test-id="comment-body">{c.body.clone()}</p>
            {(!is_reply).then(|| view! {
                <button
                    type="button"
                    class="btn btn-link btn-small"
                    aria-label=format!("Reply to {}", c.author_name)
                    data-test-id="comment-reply"
                    on:click=move |_| reply_to.set(Some(target.clone()))
                >
                    "Reply"
                </button>
            })}
        </div>
    }
    .into_any()
}

#[component]
pub fn CommentsSection(approval: RwSignal<Option<Approval>>) -> impl IntoView {
    let reply_to = RwSignal::new(None::<(String, String)>);
    // The page's player (it shows the current version), for timecodes that seek.
    let ctl = use_context::<PlayerCtl>();
    let thread = move || {
        approval.with(|a| {
            let player = ctl.zip(a.as_ref().map(|a| a.summary.current_version));
            let comments = a.as_ref().map(|a| a.comments.as_slice()).unwrap_or_default();
            if comments.is_empty() {
                return view! { <p class="muted" data-test-id="comments-empty">"No comments yet. Start the conversation below; tick “Internal” for notes the client must not see."</p> }.into_any();
            }
            let is_top = |c: &Comment| c.parent_id.as_ref().is_none_or(|p| !comments.iter().any(|o| &o.id == p));
            let rows = comments
                .iter()
                .filter(|c| is_top(c))
                .map(|c| {
                    let replies = comments
                        .iter()
                        .filter(|r| r.parent_id.as_deref() == Some(c.id.as_str()))
                        .map(|r| view! { <li>{comment_view(r, reply_to, true, player)}</li> })
                        .collect_view();
                    view! {
                        <li class="comment-row" data-test-id="comment-row">
                            {comment_view(c, reply_to, false, player)}
                            <ul class="replies">{replies}</ul>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="comments" data-test-id="comment-list">{rows}</ul> }.into_any()
        })
    };
    view! {
        <section class="panel" aria-labelledby="comments-heading" data-test-id="comments">
            <h2 id="comments-heading">"Comments"</h2>
            {thread}
            <CommentForm approval=approval reply_to=reply_to/>
        </section>
    }
}

#[component]
fn CommentForm(
    approval: RwSignal<Option<Approval>>,
    reply_to: RwSignal<Option<(String, String)>>,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let body = RwSignal::new(String::new());
    let internal = RwSignal::new(false);
    let time = RwSignal::new(String::new());
    let current = move || approval.with(|a| a.as_ref().map_or(1, |a| a.summary.current_version));
    let version = RwSignal::new(current().to_string());
    // A new version becomes the one comments go to.
    Effect::new(move |_| version.set(current().to_string()));
    let error = RwSignal::new(None::<ApiError>);
    let body_error = RwSignal::new(None::<String>);
    let time_error = RwSignal::new(None::<String>);
    let timeline =
        move || approval.with(|a| a.as_ref().is_some_and(|a| a.summary.kind.has_timeline()));
    let post = action(
        move |c: &StaffCommentCreate| {
            let id = approval
                .with_untracked(|a| a.as_ref().map(|a| a.summary.id.clone()).unwrap_or_default());
            api::create_comment(id, c.clone())
        },
        move |answer| match answer {
            Ok(c) => {
                approval.update(|a| {
                    if let Some(a) = a {
                        a.comments.push(c);
                    }
                });
                body.set(String::new());
                time.set(String::new());
                reply_to.set(None);
                error.set(None);
            }
            Err(e) => {
                body_error.set(e.field("body"));
                time_error.set(e.field("timecode_ms"));
                error.set((!redirect(&e)).then_some(e));
            }
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let b = body.get_untracked();
        let be = rules::comment_body(&b).err().map(str::to_owned);
        let t = time.get_untracked();
        let tc = (!t.trim().is_empty()).then(|| parse_timecode(&t));
        let te = matches!(tc, Some(None)).then(|| "Use minutes and seconds, like 1:05.".to_owned());
        body_error.set(be.clone());
        time_error.set(te.clone());
        if be.is_some() || te.is_some() {
            return;
        }
        post.dispatch(StaffCommentCreate {
            body: b.trim().to_owned(),
            version: version.get_untracked().parse().unwrap_or(1),
            internal: internal.get_untracked(),
            timecode_ms: tc.flatten(),
            region: None,
            parent_id: reply_to.get_untracked().map(|(id, _)| id),
        });
    };
    let version_opts = Signal::derive(move || {
        approval.with(|a| {
            a.as_ref()
                .map(|a| {
                    a.versions
                        .iter()
                        .rev()
                        .map(|v| (v.number.to_string(), format!("Version {}", v.number)))
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <form class="form form-wide sub-form" on:submit=on_submit novalidate aria-label="Add a comment" data-test-id="comment-form">
            <h3>"Add a comment"</h3>
            <ErrorBanner error=error/>
            {move || reply_to.get().map(|(_, name)| view! {
                <p class="replying" data-test-id="replying-to">
                    {format!("Replying to {name}. ")}
                    <button type="button" class="btn btn-link btn-small" on:click=move |_| reply_to.set(None)>"Cancel reply"</button>
                </p>
            })}
            <TextAreaField id="comment-body" label="Comment" value=body error=body_error test_id="comment-input"/>
            <div class="field-row">
                <SelectField id="comment-version" label="On version" value=version options=version_opts/>
                <Show when=timeline>
                    <Field id="comment-time" label="At time (mm:ss, optional)" value=time error=time_error test_id="comment-time"/>
                </Show>
            </div>
            <CheckboxField id="comment-internal" label="Internal (staff only)" checked=internal test_id="comment-internal-check"/>
            <button type="submit" class="btn btn-primary" data-test-id="comment-submit" disabled=move || post.pending().get()>
                {move || if post.pending().get() { "Posting…" } else if internal.get() { "Post internal comment" } else { "Post comment" }}
            </button>
        </form>
    }
}
