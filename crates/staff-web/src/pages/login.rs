//! Staff sign-in with email and password.

use crate::api;
use crate::state::go_home;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::staff::LoginRequest;
use web_ui::sign_in::PasswordSignInForm;

#[component]
pub fn LoginPage() -> impl IntoView {
    let navigate = use_navigate();
    view! {
        <header class="public-header">
            <span class="product">"Atrium"</span>
            <span class="muted">"Staff dashboard"</span>
        </header>
        <main id="main" class="public-main">
            <div class="card">
                <h1 data-test-id="page-title">"Staff sign in"</h1>
                <PasswordSignInForm
                    login=|email, password| api::login(LoginRequest { email, password })
                    on_signed_in=move |()| go_home(&navigate, false)
                />
            </div>
        </main>
    }
}
