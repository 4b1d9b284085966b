//! Staff sign-in with email and password.

use crate::api;
use crate::state::go_home;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::staff::LoginRequest;
use shared_types::validate;
use web_ui::components::{ErrorBanner, Field};

#[component]
pub fn LoginPage() -> impl IntoView {
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let email_error = RwSignal::new(None::<String>);
    let password_error = RwSignal::new(None::<String>);

    let login = Action::new_local(|req: &LoginRequest| api::login(req.clone()));
    let error = Signal::derive(move || login.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(())) = login.value().get() {
            go_home(&navigate, false);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let e = validate::email(&email.get_untracked()).err();
        let p = password
            .with_untracked(String::is_empty)
            .then_some("Enter your password.");
        email_error.set(e.map(str::to_owned));
        password_error.set(p.map(str::to_owned));
        if e.is_none() && p.is_none() {
            login.dispatch(LoginRequest {
                email: email.get_untracked().trim().to_owned(),
                password: password.get_untracked(),
            });
        }
    };

    view! {
        <header class="public-header">
            <span class="product">"Atrium"</span>
            <span class="muted">"Staff dashboard"</span>
        </header>
        <main id="main" class="public-main">
            <div class="card">
                <h1 data-test-id="page-title">"Staff sign in"</h1>
                <form class="form" on:submit=on_submit novalidate>
                    <ErrorBanner error=error/>
                    <Field
                        id="login-email"
                        label="Email address"
                        input_type="email"
                        autocomplete="username"
                        value=email
                        error=email_error
                        required=true
                        test_id="login-email"
                    />
                    <Field
                        id="login-password"
                        label="Password"
                        input_type="password"
                        autocomplete="current-password"
                        value=password
                        error=password_error
                        required=true
                        test_id="login-password"
                    />
                    <button
                        type="submit"
                        class="btn btn-primary"
                        data-test-id="login-submit"
                        disabled=move || login.pending().get()
                    >
                        {move || if login.pending().get() { "Signing in…" } else { "Sign in" }}
                    </button>
                </form>
            </div>
        </main>
    }
}
