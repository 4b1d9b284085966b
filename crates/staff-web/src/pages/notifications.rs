//! The staff member's notifications (newest first; opening one marks it read) and their email
//! choice for client activity.

use crate::api;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::notifications::{
    CategoryPreference, EmailDelivery, MarkRead, NotificationPage, NotificationPreferences,
};
use web_ui::action::action;
use web_ui::components::{EmptyState, ErrorBanner};
use web_ui::load::Loaded;
use web_ui::notifications::NotificationItem;
use web_ui::title::PageTitle;
use web_ui::ApiError;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let redirect = use_auth_redirect();
    let page = LocalResource::new(api::notifications);
    let unread = RwSignal::new(0_i64);
    let mark_all = action(
        |_: &()| {
            api::mark_read(MarkRead {
                ids: Vec::new(),
                all: true,
            })
        },
        move |answer| {
            if answer.is_ok() {
                page.refetch();
            }
        },
    );
    let error = Signal::derive(move || mark_all.value().get().and_then(Result::err));
    let mark_one = |id: String| async move {
        let marked = api::mark_read(MarkRead {
            ids: vec![id],
            all: false,
        });
        marked.await.ok().map(|c| c.unread)
    };
    let list = move |page: NotificationPage| {
        unread.set(page.unread);
        if page.items.is_empty() {
            return view! {
                <EmptyState
                    title="You are all caught up"
                    body="When a client approves, asks for changes or comments on work you manage, you will hear about it here and by email."
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
                disabled=move || unread.get() == 0 || mark_all.pending().get()
                title=move || (unread.get() == 0).then_some("Everything is already read.")
                on:click=move |_| {
                    mark_all.dispatch(());
                }
            >
                "Mark all as read"
            </button>
        </div>
        <ErrorBanner error=error/>
        <Loaded resource=page loading="Loading notifications…" redirect=redirect children=list/>
        <EmailChoice/>
    }
}

/// The email choice for each category staff receive, saved on change.
#[component]
fn EmailChoice() -> impl IntoView {
    let prefs = LocalResource::new(api::notification_preferences);
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
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
                            on:change=move |ev| {
                                let Ok(email) = event_target_value(&ev).parse::<EmailDelivery>() else {
                                    return;
                                };
                                status.set(None);
                                error.set(None);
                                leptos::task::spawn_local(async move {
                                    let body = NotificationPreferences {
                                        categories: vec![CategoryPreference { category: c.category, email }],
                                    };
                                    match api::update_notification_preferences(body).await {
                                        Ok(_) => status.set(Some("Saved.".to_owned())),
                                        Err(e) => error.set(Some(e)),
                                    }
                                });
                            }
                        >
                            <option value="instant" selected=c.email == EmailDelivery::Instant>"As it happens"</option>
                            <option value="daily" selected=c.email == EmailDelivery::Daily>"Daily digest"</option>
                            <option value="off" selected=c.email == EmailDelivery::Off>"Off"</option>
                        </select>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel" id="settings" aria-labelledby="emails-heading" data-test-id="email-preferences">
            <h2 id="emails-heading">"Emails"</h2>
            <Loaded resource=prefs loading="Loading your email choices…" redirect=use_auth_redirect() children=rows/>
            <p role="status" class="muted">{move || status.get()}</p>
            <ErrorBanner error=error/>
        </section>
    }
}
