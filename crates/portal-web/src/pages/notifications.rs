//! The Notifications page (newest first, unread marked, live), and the page an email's
//! unsubscribe link opens (no sign-in needed).

use crate::api;
use crate::components::public_shell::PublicShell;
use crate::links;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use web_ui::action::action;
use web_ui::components::{ErrorBanner, Spinner};
use web_ui::link_token::{clear_hash, token_from_hash};
use web_ui::notifications::NotificationsView;
use web_ui::title::PageTitle;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    view! {
        <PageTitle text="Notifications"/>
        <NotificationsView
            load=|| api::notifications(None)
            mark=api::mark_read
            redirect=use_auth_redirect()
            empty="When your agency shares work for review, replies to you, or your projects move on, you will hear about it here — and by email, as you choose in Settings."
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
