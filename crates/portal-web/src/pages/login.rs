//! Sign-in: a password form and, underneath, the "email me a sign-in link" form.

use crate::components::magic_link_form::MagicLinkForm;
use crate::components::public_shell::PublicShell;
use crate::state::use_portal;
use crate::{api, links};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::portal::LoginRequest;
use web_ui::nav::{after_sign_in, go};
use web_ui::sign_in::PasswordSignInForm;

#[component]
pub fn LoginPage() -> impl IntoView {
    let state = use_portal();
    let navigate = use_navigate();
    let on_signed_in = move |me| {
        state.signed_in(me);
        go(&navigate, &after_sign_in(links::BASE, links::HOME), false);
    };
    view! {
        <PublicShell>
            <h1 data-test-id="page-title">"Sign in"</h1>
            <p class="muted">
                {move || format!("Welcome to the {} client portal.", state.display_name())}
            </p>
            <PasswordSignInForm
                login=|email, password| api::login(LoginRequest { email, password })
                on_signed_in=on_signed_in
            />
            <section class="alt-sign-in" aria-labelledby="magic-heading">
                <h2 id="magic-heading">"No password? Get a sign-in link"</h2>
                <p class="muted">"We will email you a link that signs you in with one click."</p>
                <MagicLinkForm/>
            </section>
        </PublicShell>
    }
}
