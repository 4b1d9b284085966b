//! Sign-in: email and password, and underneath a button that emails a sign-in link to the
//! same address instead.

use crate::components::magic_link_form::MagicLinkForm;
use crate::components::public_shell::PublicShell;
use crate::state::use_portal;
use crate::{api, links};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::portal::LoginRequest;
use web_ui::nav::{after_sign_in, go};
use web_ui::sign_in::PasswordSignInForm;
use web_ui::title::PageTitle;

#[component]
pub fn LoginPage() -> impl IntoView {
    let state = use_portal();
    let navigate = use_navigate();
    // One email field serves both ways of signing in.
    let email = RwSignal::new(String::new());
    let on_signed_in = move |me| {
        state.signed_in(me);
        go(&navigate, &after_sign_in(links::BASE, links::HOME), false);
    };
    view! {
        <PublicShell>
            <PageTitle text="Sign in"/>
            <p class="muted">
                {move || format!("Welcome to the {} client portal.", state.display_name())}
            </p>
            <PasswordSignInForm
                login=|email, password| api::login(LoginRequest { email, password })
                on_signed_in=on_signed_in
                email=email
            />
            <section class="alt-sign-in" aria-labelledby="magic-heading">
                <h2 id="magic-heading">"No password? Get a sign-in link"</h2>
                <p class="muted">
                    "We will email a link to the address above that signs you in with one click."
                </p>
                <MagicLinkForm shared=(email, "login-email")/>
            </section>
        </PublicShell>
    }
}
