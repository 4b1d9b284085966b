//! The email + password sign-in form both SPAs use; each app supplies the call and what happens
//! once signed in.

use crate::components::{ErrorBanner, Field};
use crate::ApiError;
use leptos::prelude::*;
use shared_types::validate;
use std::future::Future;

/// Checks the fields in the browser first (a clear message per field, nothing sent), then calls
/// `login(email, password)`; its error is shown above the form, its success goes to `on_signed_in`.
#[component]
pub fn PasswordSignInForm<T, Fut, L, S>(login: L, on_signed_in: S) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
    L: Fn(String, String) -> Fut + 'static,
    S: Fn(T) + 'static,
{
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let email_error = RwSignal::new(None::<String>);
    let password_error = RwSignal::new(None::<String>);

    let action = Action::new_local(move |(e, p): &(String, String)| login(e.clone(), p.clone()));
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(who)) = action.value().get() {
            on_signed_in(who);
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
            action.dispatch((
                email.get_untracked().trim().to_owned(),
                password.get_untracked(),
            ));
        }
    };

    view! {
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
                disabled=move || action.pending().get()
            >
                {move || if action.pending().get() { "Signing in…" } else { "Sign in" }}
            </button>
        </form>
    }
}
