//! Set a first password (contacts invited without one) or change the current one.

use crate::api;
use crate::state::{use_auth_redirect, use_portal};
use leptos::prelude::*;
use shared_types::portal::PasswordChange;
use shared_types::validate;
use web_ui::components::{ErrorBanner, Field, Toast};

#[component]
pub fn PasswordForm() -> impl IntoView {
    let state = use_portal();
    let redirect = use_auth_redirect();
    let has_password = Memo::new(move |_| {
        state
            .me
            .with(|m| m.as_ref().is_some_and(|m| m.contact.has_password))
    });
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let current_error = RwSignal::new(None::<String>);
    let new_error = RwSignal::new(None::<String>);
    let confirm_error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);

    let change = Action::new_local(|req: &PasswordChange| api::change_password(req.clone()));
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    Effect::new(move |_| match change.value().get() {
        Some(Ok(())) => {
            current.set(String::new());
            new.set(String::new());
            confirm.set(String::new());
            state.me.update(|m| {
                if let Some(m) = m {
                    m.contact.has_password = true;
                }
            });
            done.set(Some("Your password has been saved.".to_owned()));
        }
        Some(Err(e)) => {
            redirect(&e);
            current_error.set(e.field("current_password"));
            new_error.set(e.field("new_password"));
        }
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let needs_current = has_password.get_untracked();
        let c = (needs_current && current.with_untracked(String::is_empty))
            .then_some("Enter your current password.");
        let n = validate::password(&new.get_untracked()).err();
        let m = (new.get_untracked() != confirm.get_untracked())
            .then_some("The two passwords do not match.");
        current_error.set(c.map(str::to_owned));
        new_error.set(n.map(str::to_owned));
        confirm_error.set(m.map(str::to_owned));
        if c.is_none() && n.is_none() && m.is_none() {
            change.dispatch(PasswordChange {
                current_password: needs_current.then(|| current.get_untracked()),
                new_password: new.get_untracked(),
            });
        }
    };

    view! {
        <section class="panel" aria-labelledby="password-heading" data-test-id="password-section">
            <h2 id="password-heading">
                {move || if has_password.get() { "Change password" } else { "Set a password" }}
            </h2>
            <Show when=move || !has_password.get()>
                <p class="muted">
                    "You sign in with emailed links. Set a password to sign in without waiting for an email."
                </p>
            </Show>
            <form class="form" on:submit=on_submit novalidate>
                <ErrorBanner error=error/>
                <Toast message=done/>
                <Show when=move || has_password.get()>
                    <Field
                        id="password-current"
                        label="Current password"
                        input_type="password"
                        autocomplete="current-password"
                        value=current
                        error=current_error
                        test_id="password-current"
                    />
                </Show>
                <Field
                    id="password-new"
                    label="New password"
                    input_type="password"
                    autocomplete="new-password"
                    hint="At least 12 characters. Common passwords are refused."
                    value=new
                    error=new_error
                    test_id="password-new"
                />
                <Field
                    id="password-confirm"
                    label="Repeat new password"
                    input_type="password"
                    autocomplete="new-password"
                    value=confirm
                    error=confirm_error
                    test_id="password-confirm"
                />
                <button
                    type="submit"
                    class="btn btn-primary"
                    data-test-id="password-submit"
                    disabled=move || change.pending().get()
                >
                    "Save password"
                </button>
            </form>
        </section>
    }
}
