//! The signed-in frame: header with the organization and the staff member, navigation, and the
//! page. It loads `/auth/me` on every navigation; the API client refreshes the access token as
//! needed (on a reload that restores the session), and a final 401 sends the user to sign-in.

use crate::state::use_staff;
use crate::{api, links};
use leptos::prelude::*;
use web_ui::frame::SignedInFrame;
use web_ui::shell::{AccountMenu, MainNav, NavItem};

const NAV: [NavItem; 6] = [
    // The clients list and each client's page count as "Clients".
    NavItem::new("clients", links::HOME, "Clients").current_on(links::is_clients),
    NavItem::new("projects", links::PROJECTS, "Projects"),
    NavItem::new("approvals", links::APPROVALS, "Approvals"),
    NavItem::new("stages", links::STAGES, "Stages"),
    NavItem::new("api-keys", links::API_KEYS, "API keys"),
    NavItem::new("notifications", links::NOTIFICATIONS, "Notifications"),
];

#[component]
pub fn StaffLayout() -> impl IntoView {
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
            <MainNav items=NAV.to_vec()/>
            <AccountMenu who=who logout=api::logout me=state.me login=links::LOGIN/>
        </header>
    }
}
