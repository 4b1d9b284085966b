//! The staff member's notifications (newest first; opening one marks it read) and their email
//! choice for client activity.

use crate::api;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::notifications::{MarkRead, NotificationPage};
use web_ui::action::action;
use web_ui::components::{EmptyState, ErrorBanner};
use web_ui::load::Loaded;
use web_ui::notifications::{EmailChoices, NotificationItem};
use web_ui::title::PageTitle;

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
        <EmailChoices
            load=api::notification_preferences
            save=api::update_notification_preferences
            redirect=use_auth_redirect()
            section_id="settings"
        />
    }
}
