//! The signed-in frame: header with the organization and the staff member, navigation, and the
//! page. It loads `/auth/me` on every navigation; the API client refreshes the access token as
//! needed (on a reload that restores the session), and a final 401 sends the user to sign-in.

use crate::state::use_staff;
use crate::{api, links};
use leptos::prelude::*;
use std::rc::Rc;
use web_ui::frame::SignedInFrame;
use web_ui::live::{keep_open, use_live, Stream, StreamUrl};
use web_ui::shell::{AccountMenu, MainNav, NavItem};

fn nav(unread: Signal<i64>) -> Vec<NavItem> {
    vec![
        NavItem::new("overview", links::HOME, "Overview").current_on(links::is_home),
        NavItem::new("clients", links::CLIENTS, "Clients"),
        NavItem::new("projects", links::PROJECTS, "Projects"),
        NavItem::new("approvals", links::APPROVALS, "Approvals"),
        NavItem::new("requests", links::REQUESTS, "Requests"),
        NavItem::new("invoices", links::INVOICES, "Invoices"),
        NavItem::new("stages", links::STAGES, "Stages"),
        NavItem::new("team", links::TEAM, "Team"),
        NavItem::new("settings", links::SETTINGS, "Settings"),
        NavItem::new("api-keys", links::API_KEYS, "API keys"),
        NavItem::new("notifications", links::NOTIFICATIONS, "Notifications").with_badge(unread),
    ]
}

#[component]
pub fn StaffLayout() -> impl IntoView {
    let state = use_staff();
    let live = use_live();
    // The live stream runs while someone is signed in: it moves the unread badge and makes the
    // overview and the notifications page reload.
    let connection = StoredValue::new_local(None::<Stream>);
    Effect::new(move |_| {
        let signed_in = state.me.with(|m| m.is_some());
        if signed_in && connection.with_value(|c| c.is_none()) {
            let url: StreamUrl = Rc::new(|last| Box::pin(api::stream_url(last)));
            connection.set_value(Some(keep_open(url, live)));
            leptos::task::spawn_local(async move {
                if let Ok(page) = api::notifications().await {
                    live.unread.set(page.unread);
                }
            });
        } else if !signed_in {
            connection.set_value(None);
        }
    });
    on_cleanup(move || connection.set_value(None));
    view! {
        <SignedInFrame load=api::me me=use_staff().me login=links::LOGIN>
            <Header/>
        </SignedInFrame>
    }
}

#[component]
fn Header() -> impl IntoView {
    let state = use_staff();
    let org = move || state.me.with(|m| m.as_ref().map(|m| m.org.name.clone()));
    let who = Signal::derive(move || {
        state
            .me
            .with(|m| m.as_ref().map(|m| format!("{} ({})", m.name, m.role)))
    });
    view! {
        <header class="app-header">
            <div class="brand">
                <span class="product">"Atrium"</span>
                <span class="org-name" data-test-id="org-name">{org}</span>
            </div>
            <MainNav items=nav(use_live().unread.into())/>
            <AccountMenu who=who logout=api::logout me=state.me login=links::LOGIN account=links::ACCOUNT/>
        </header>
    }
}
