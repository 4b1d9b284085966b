//! The signed-in frame: header with the organization's logo and name, the navigation, and the
//! page. It re-checks `/me` on every route change, so a contact whose access was revoked lands on
//! the sign-in page on their next navigation, and permission changes show up straight away.

use crate::api;
use crate::state::{go, use_auth_redirect, use_portal, HOME, LOGIN};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use shared_types::portal::Permissions;
use web_ui::frame::SignedInFrame;

/// One navigation entry: test id suffix, path, label, and whether the contact may see it.
fn nav_items(p: &Permissions) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut items = vec![
        ("dashboard", HOME, "Dashboard"),
        ("projects", "/portal/projects", "Projects"),
        ("approvals", "/portal/approvals", "Approvals"),
    ];
    if p.can_submit_requests {
        items.push(("requests", "/portal/requests", "Requests"));
    }
    if p.can_view_invoices {
        items.push(("invoices", "/portal/invoices", "Invoices"));
    }
    items.extend([
        ("gallery", "/portal/gallery", "Gallery"),
        ("notifications", "/portal/notifications", "Notifications"),
        ("settings", "/portal/settings", "Settings"),
    ]);
    items
}

#[component]
pub fn SignedInLayout() -> impl IntoView {
    let state = use_portal();
    view! {
        <SignedInFrame
            load=api::me
            on_load=move |me| state.signed_in(me)
            redirect=use_auth_redirect()
            signed_in=Signal::derive(move || state.me.with(Option::is_some))
        >
            <Header/>
        </SignedInFrame>
    }
}

/// Branding, navigation and the sign-out button.
#[component]
fn Header() -> impl IntoView {
    let state = use_portal();
    let navigate = use_navigate();
    let sign_out = Action::new_local(|_: &()| api::logout());
    Effect::new(move |_| {
        // Whatever the answer (even 401: already signed out), the contact is now signed out here.
        if sign_out.value().get().is_some() {
            state.me.set(None);
            go(&navigate, LOGIN, true);
        }
    });
    let logo = move || {
        state.branding.with(|b| {
            b.as_ref()
                .and_then(|b| b.logo_url.clone())
                .map(|src| view! { <img class="logo" src=src alt="" data-test-id="org-logo"/> })
        })
    };
    let location = use_location();
    let on_home = move || {
        location
            .pathname
            .with(|p| p == "/portal" || p == "/portal/")
    };
    let nav = move || {
        let perms = state
            .me
            .with(|m| m.as_ref().map(|m| m.permissions))
            .unwrap_or_default();
        nav_items(&perms)
            .into_iter()
            .map(|(id, href, label)| {
                if id == "dashboard" {
                    // A plain link to the canonical `/portal/`; the router still handles it.
                    view! {
                        <li>
                            <a
                                href=HOME
                                data-test-id="nav-dashboard"
                                aria-current=move || on_home().then_some("page")
                            >
                                {label}
                            </a>
                        </li>
                    }
                    .into_any()
                } else {
                    view! {
                        <li>
                            <A href=href attr:data-test-id=format!("nav-{id}")>
                                {label}
                            </A>
                        </li>
                    }
                    .into_any()
                }
            })
            .collect_view()
    };
    let who = move || {
        state.me.with(|m| {
            m.as_ref()
                .map(|m| format!("{} · {}", m.contact.name, m.client.name))
        })
    };
    view! {
        <header class="app-header">
            <div class="brand">
                {logo}
                <span class="org-name" data-test-id="org-name">
                    {move || state.display_name()}
                </span>
            </div>
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
        <nav class="app-nav" aria-label="Main">
            <ul>{nav}</ul>
        </nav>
    }
}
