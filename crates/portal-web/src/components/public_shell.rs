//! The organization's logo and name, shown above the signed-out pages and in the signed-in header.

use crate::state::use_portal;
use leptos::prelude::*;
use web_ui::shell::PublicPage;

/// The organization's logo (once branding has loaded, when it has one) and display name.
#[component]
pub fn OrgBrand() -> impl IntoView {
    let state = use_portal();
    let logo = move || {
        state.branding.with(|b| {
            b.as_ref()
                .and_then(|b| b.logo_url.clone())
                .map(|src| view! { <img class="logo" src=src alt="" data-test-id="org-logo"/> })
        })
    };
    view! {
        {logo}
        <span class="org-name" data-test-id="org-name">
            {move || state.display_name()}
        </span>
    }
}

/// The signed-out frame with the organization's branding as its header, for sign-in style pages.
#[component]
pub fn PublicShell(children: Children) -> impl IntoView {
    view! { <PublicPage header=|| view! { <OrgBrand/> }>{children()}</PublicPage> }
}
