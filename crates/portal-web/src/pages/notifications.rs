//! The Notifications page (newest first, unread marked, live), and the page an email's
//! unsubscribe link opens (no sign-in needed).

use crate::api;
use crate::components::link_token::{clear_hash, token_from_hash};
use crate::components::public_shell::PublicShell;
use crate::links;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::notifications::{MarkRead, NotificationPage};
use web_ui::action::action;
use web_ui::components::{EmptyState, ErrorBanner, Spinner};
use web_ui::live::use_live;
use web_ui::load::Loaded;
use web_ui::notifications::NotificationItem;
use web_ui::title::PageTitle;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let live = use_live();
    let redirect = use_auth_redirect();
    // Reloads whenever the live stream brings something new.
    let page = LocalResource::new(move || {
        live.tick.track();
        api::notifications(None)
    });
    let mark_all = action(
        |_: &()| {
            api::mark_read(MarkRead {
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
        let count = api::mark_read(MarkRead {
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
            return view! {
                <EmptyState
                    title="You are all caught up"
                    body="When your agency shares work for review, replies to you, or your projects move on, you will hear about it here — and by email, as you choose in Settings."
                />
            }
            .into_any();
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
        <PageTitle text="Notifications"/>
        <div class="toolbar">
            <button
                type="button"
                class="btn btn-secondary"
                data-test-id="mark-all-read"
                disabled=move || live.unread.get() == 0 || mark_all.pending().get()
                title=move || (live.unread.get() == 0).then_some("Everything is already read.")
                on:click=move |_| {
                    mark_all.dispatch(());
                }
            >
                "Mark all as read"
            </button>
        </div>
        <ErrorBanner error=error/>
        <Loaded
            resource=page
            loading="Loading notifications…"
            redirect=redirect
            children=list
        />
    }
}

/// `/portal/unsubscribe#token=…`: turns one category's emails off after the person confirms
/// (a mail scanner that merely opens the link changes nothing).
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let token = token_from_hash();
    clear_hash();
    let unsubscribe = action(|token: &String| api::unsubscribe(token.clone()), |_| {});
    let body = move || {
        let Some(token) = token.clone() else {
            return view! {
                <p class="banner banner-error" role="alert" data-test-id="unsubscribe-invalid">
                    "This unsubscribe link is incomplete. You can choose your emails in Settings after signing in."
                </p>
            }
            .into_any();
        };
        match unsubscribe.value().get() {
            Some(Ok(done)) => view! {
                <p class="banner banner-success" role="status" data-test-id="unsubscribed">
                    {format!("Done: {} will no longer get emails about “{}”.", done.email, done.label)}
                </p>
                <p>
                    "You will still see these in the portal. To turn emails back on, go to "
                    <a href=format!("{}?tab=notifications", links::SETTINGS)>"Settings"</a> "."
                </p>
            }
            .into_any(),
            Some(Err(e)) => view! {
                <ErrorBanner error=Signal::stored(Some(e))/>
                <p><a href=links::LOGIN>"Sign in to choose your emails"</a></p>
            }
            .into_any(),
            None if unsubscribe.pending().get() => view! { <Spinner label="Unsubscribing…"/> }.into_any(),
            None => {
                let token = token.clone();
                view! {
                    <p>"Stop getting these emails? You will still see the notifications in the portal."</p>
                    <button
                        type="button"
                        class="btn btn-primary"
                        data-test-id="unsubscribe-confirm"
                        on:click=move |_| {
                            unsubscribe.dispatch(token.clone());
                        }
                    >
                        "Unsubscribe"
                    </button>
                }
                .into_any()
            }
        }
    };
    view! {
        <PublicShell>
            <PageTitle text="Email preferences"/>
            {body}
        </PublicShell>
    }
}
