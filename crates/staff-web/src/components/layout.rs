//! The signed-in frame: header with the organization and the staff member, navigation, and the
//! page. It loads `/auth/me` on every navigation; the API client refreshes the access token as
//! needed (on a reload that restores the session), and a final 401 sends the user to sign-in.

use crate::api;
use crate::state::{go, use_auth_redirect, use_staff, HOME, LOGIN};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use web_ui::frame::SignedInFrame;

#[component]
pub fn StaffLayout() -> impl IntoView {
    let state = use_staff();
    view! {
        <SignedInFrame
            load=api::me
            on_load=move |me| state.me.set(Some(me))
            redirect=use_auth_redirect()
            signed_in=Signal::derive(move || state.me.with(Option::is_some))
        >
            <Header/>
        </SignedInFrame>
    }
}

#[component]
fn Header() -> impl IntoView {
    let state = use_staff();
    let navigate = use_navigate();
    let sign_out = Action::new_local(|_: &()| api::logout());
    Effect::new(move |_| {
        if sign_out.value().get().is_some() {
            state.me.set(None);
            go(&navigate, LOGIN, true);
        }
    });
    let location = use_location();
    // The clients list and each client's page count as "Clients" in the navigation.
    let on_clients = move || {
        location
            .pathname
            .with(|p| p == "/staff" || p == "/staff/" || p.starts_with("/staff/clients"))
    };
    let org = move || state.me.with(|m| m.as_ref().map(|m| m.org.name.clone()));
    let who = move || {
        state
            .me
            .with(|m| m.as_ref().map(|m| format!("{} ({})", m.name, m.role)))
    };
    view! {
        <header class="app-header">
            <div class="brand">
                <span class="product">"Atrium"</span>
                <span class="org-name" data-test-id="org-name">{org}</span>
            </div>
            <nav aria-label="Main" class="app-nav">
                <ul>
                    <li>
                        <a
                            href=HOME
                            data-test-id="nav-clients"
                            aria-current=move || on_clients().then_some("page")
                        >
                            "Clients"
                        </a>
                    </li>
                    <li>
                        <A href="/staff/projects" attr:data-test-id="nav-projects">"Projects"</A>
                    </li>
                    <li>
                        <A href="/staff/approvals" attr:data-test-id="nav-approvals">"Approvals"</A>
                    </li>
                    <li>
                        <A href="/staff/stages" attr:data-test-id="nav-stages">"Stages"</A>
                    </li>
                    <li>
                        <A href="/staff/api-keys" attr:data-test-id="nav-api-keys">"API keys"</A>
                    </li>
                </ul>
            </nav>
            <div class="account">
                <span class="who" data-test-id="signed-in-as">{who}</span>
                <button
                    type="button"
                    class="btn btn-secondary btn-small"
                    data-test-id="sign-out"
                    disabled=move || sign_out.pending().get()
                    on:click=move |_| {
                        sign_out.dispatch(());
                    }
                >
                    "Sign out"
                </button>
            </div>
        </header>
    }
}
