//! The email + password sign-in form both SPAs use; each app supplies the call and what happens
//! once signed in.

use crate::action::action;
use crate::components::{ErrorBanner, Field};
use crate::form::{FieldErrors, SubmitButton};
use crate::ApiError;
use leptos::prelude::*;
use shared_types::validate;
use std::future::Future;

/// Checks the fields in the browser first (a clear message per field, nothing sent), then calls
/// `login(email, password)`; its error is shown above the form, its success goes to `on_signed_in`.
#[component]
pub fn PasswordSignInForm<T, Fut, L, S>(
    login: L,
    on_signed_in: S,
    /// The address, when the page shares it with another form (the portal's sign-in link).
    #[prop(optional)]
    email: Option<RwSignal<String>>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
    L: Fn(String, String) -> Fut + 'static,
    S: Fn(T) + 'static,
{
    let email = email.unwrap_or_else(|| RwSignal::new(String::new()));
    let password = RwSignal::new(String::new());

    let sign_in = action(
        move |(e, p): &(String, String)| login(e.clone(), p.clone()),
        move |answer| {
            if let Ok(who) = answer {
                on_signed_in(who);
            }
        },
    );
    let error = Signal::derive(move || sign_in.value().get().and_then(Result::err));
    let errors = FieldErrors::new(error);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = Vec::new();
        if let Err(m) = validate::email(&email.get_untracked()) {
            problems.push(("email", m.to_owned()));
        }
        if password.with_untracked(String::is_empty) {
            problems.push(("password", "Enter your password.".to_owned()));
        }
        if errors.check(problems) {
            sign_in.dispatch((
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
                error=errors.field("email")
                required=true
                test_id="login-email"
            />
            <Field
                id="login-password"
                label="Password"
                input_type="password"
                autocomplete="current-password"
                value=password
                error=errors.field("password")
                required=true
                test_id="login-password"
            />
            <SubmitButton
                label="Sign in"
                busy_label="Signing in…"
                pending=sign_in.pending()
                test_id="login-submit"
            />
        </form>
    }
}
