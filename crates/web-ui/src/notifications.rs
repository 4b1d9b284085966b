//! What both apps show of notifications: one notification in a list (its title links to the
//! item; opening it marks it read through the app's own API call, then goes there) and the email
//! choices per category.

use crate::action::action;
use crate::components::{EmptyState, ErrorBanner};
use crate::format::when;
use crate::live::use_live;
use crate::load::Loaded;
use crate::nav::go;
use crate::ApiError;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::notifications::{
    CategoryPreference, EmailDelivery, MarkRead, Notification, NotificationCategory,
    NotificationPage, NotificationPreferences, UnreadCount,
};
use std::future::Future;

/// `mark_read(id)` marks the notification read and answers the unread count left (`None` if
/// the call failed; the link is followed anyway). It is not called where `WritesOff` says
/// changes are off.
#[component]
pub fn NotificationItem<M, Fut>(n: Notification, mark_read: M) -> impl IntoView
where
    M: Fn(String) -> Fut + Clone + 'static,
    Fut: Future<Output = Option<i64>> + 'static,
{
    let navigate = use_navigate();
    let id = n.id.clone();
    let link = n.link.clone();
    // Where nothing may change (a staff preview), the link opens and the notification stays
    // unread for its owner.
    let writes_off = crate::form::writes_off();
    let open = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        let marked = writes_off
            .get_untracked()
            .is_none()
            .then(|| mark_read(id.clone()));
        let link = link.clone();
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            if let Some(marked) = marked {
                marked.await;
            }
            go(&navigate, &link, false);
        });
    };
    view! {
        <li class="notification" class:unread=!n.read data-test-id="notification" data-read=n.read.to_string()>
            <a href=n.link.clone() on:click=open data-test-id="notification-link">
                {(!n.read).then(|| view! { <span class="visually-hidden">"Unread: "</span> })}
                {n.title.clone()}
            </a>
            {(!n.body.is_empty()).then(|| view! { <p class="muted notification-body">{n.body.clone()}</p> })}
            <span class="muted notification-time">{when(&n.created_at)}</span>
        </li>
    }
}

fn delivery_label(d: EmailDelivery) -> &'static str {
    match d {
        EmailDelivery::Instant => "As it happens",
        EmailDelivery::Daily => "Daily digest",
        EmailDelivery::Off => "Off",
    }
}

/// The email choice per category (as it happens, a daily digest, or off), the same in both
/// apps. Each change is saved at once and changes only that category (`save` sends a PATCH with
/// that one category). `section_id` is the anchor emails' "choose your emails" links point to.
#[component]
pub fn EmailChoices<L, LF, S, SF, R>(
    load: L,
    save: S,
    redirect: R,
    section_id: &'static str,
    #[prop(optional)] intro: Option<&'static str>,
) -> impl IntoView
where
    L: Fn() -> LF + 'static,
    LF: Future<Output = Result<NotificationPreferences, ApiError>> + 'static,
    S: Fn(NotificationPreferences) -> SF + Copy + Send + Sync + 'static,
    SF: Future<Output = Result<NotificationPreferences, ApiError>> + 'static,
    R: Fn(&ApiError) -> bool + Send + Sync + 'static,
{
    let prefs = LocalResource::new(load);
    let off = crate::form::writes_off();
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let choose = move |category: NotificationCategory, email: EmailDelivery| {
        status.set(None);
        error.set(None);
        let saved = save(NotificationPreferences {
            categories: vec![CategoryPreference { category, email }],
        });
        leptos::task::spawn_local(async move {
            match saved.await {
                Ok(_) => status.set(Some(format!(
                    "Saved: “{}” — {}.",
                    category.label(),
                    delivery_label(email).to_lowercase()
                ))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let rows = move |p: NotificationPreferences| {
        p.categories
            .into_iter()
            .map(|c| {
                let id = format!("email-{}", c.category);
                view! {
                    <div class="field">
                        <label for=id.clone()>{c.category.label()}</label>
                        <select
                            id=id.clone()
                            data-test-id=id
                            disabled=move || off.with(Option::is_some)
                            title=move || off.get()
                            on:change=move |ev| {
                                if let Ok(email) = event_target_value(&ev).parse::<EmailDelivery>() {
                                    choose(c.category, email);
                                }
                            }
                        >
                            {EmailDelivery::ALL
                                .iter()
                                .map(|d| {
                                    view! {
                                        <option value=d.as_str() selected=*d == c.email>
                                            {delivery_label(*d)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel" id=section_id aria-labelledby="emails-heading" data-test-id="email-preferences">
            <h2 id="emails-heading">"Emails"</h2>
            {intro.map(|text| view! { <p class="muted">{text}</p> })}
            <Loaded resource=prefs loading="Loading your email choices…" redirect=redirect children=rows/>
            <p role="status" class="muted" data-test-id="email-preferences-status">{move || status.get()}</p>
            <ErrorBanner error=error/>
        </section>
    }
}

/// The notifications page's body, the same in both apps: "Mark all as read" (disabled, saying
/// why, when nothing is unread), the list (reloaded whenever the live stream brings news, each
/// item marked read when opened), or `empty` when there is nothing. `load` and `mark` are the
/// app's own API calls.
#[component]
pub fn NotificationsView<L, LF, M, MF, R>(
    load: L,
    mark: M,
    redirect: R,
    empty: &'static str,
) -> impl IntoView
where
    L: Fn() -> LF + 'static,
    LF: Future<Output = Result<NotificationPage, ApiError>> + 'static,
    M: Fn(MarkRead) -> MF + Copy + Send + Sync + 'static,
    MF: Future<Output = Result<UnreadCount, ApiError>> + 'static,
    R: Fn(&ApiError) -> bool + Send + Sync + 'static,
{
    let live = use_live();
    let off = crate::form::writes_off();
    let page = LocalResource::new(move || {
        live.tick.track();
        load()
    });
    let mark_all = action(
        move |_: &()| {
            mark(MarkRead {
                ids: Vec::new(),
                all: true,
            })
        },
        move |answer| {
            if let Ok(count) = answer {
                live.unread.set(count.unread);
                page.refetch();
            }
        },
    );
    let error = Signal::derive(move || mark_all.value().get().and_then(Result::err));
    let mark_one = move |id: String| async move {
        let count = mark(MarkRead {
            ids: vec![id],
            all: false,
        })
        .await
        .ok()?;
        live.unread.set(count.unread);
        Some(count.unread)
    };
    let list = move |page: NotificationPage| {
        live.unread.set(page.unread);
        if page.items.is_empty() {
            return view! { <EmptyState title="You are all caught up" body=empty/> }.into_any();
        }
        view! {
            <ul class="notification-list" data-test-id="notification-list">
                {page
                    .items
                    .into_iter()
                    .map(|n| view! { <NotificationItem n=n mark_read=mark_one/> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <div class="toolbar">
            <button
                type="button"
                class="btn btn-secondary"
                data-test-id="mark-all-read"
                disabled=move || {
                    live.unread.get() == 0 || mark_all.pending().get() || off.with(Option::is_some)
                }
                title=move || {
                    off.get().or_else(|| {
                        (live.unread.get() == 0).then(|| "Everything is already read.".to_owned())
                    })
                }
                on:click=move |_| {
                    mark_all.dispatch(());
                }
            >
                "Mark all as read"
            </button>
        </div>
        <ErrorBanner error=error/>
        <Loaded resource=page loading="Loading notifications…" redirect=redirect children=list/>
    }
}
