//! The frame of the signed-out pages: the organization's name and logo, then the page.

use crate::state::use_portal;
use leptos::prelude::*;

/// Header with branding and a centred `<main>` card for sign-in style pages.
#[component]
pub fn PublicShell(children: Children) -> impl IntoView {
    let state = use_portal();
    let logo = move || {
        state.branding.with(|b| {
            b.as_ref()
                .and_then(|b| b.logo_url.clone())
                .map(|src| view! { <img class="logo" src=src alt="" data-test-id="org-logo"/> })
        })
    };
    view! {
        <a class="skip-link" href="#main">"Skip to main content"</a>
        <header class="public-header">
            {logo}
            <span class="org-name" data-test-id="org-name">
                {move || state.display_name()}
            </span>
        </header>
        <main id="main" class="public-main" tabindex="-1">
            <div class="card">{children()}</div>
        </main>
    }
}
