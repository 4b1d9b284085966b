//! Set a first password (contacts invited without one) or change the current one.

use crate::api;
use crate::state::{use_auth_redirect, use_portal};
use leptos::prelude::*;
use shared_types::portal::PasswordChange;
use shared_types::validate;
use web_ui::action::action;
use web_ui::components::{ErrorBanner, Field, Toast};
use web_ui::form::{FieldErrors, SubmitButton};

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
    let done = RwSignal::new(None::<String>);

    let change = action(
        |req: &PasswordChange| api::change_password(req.clone()),
        move |answer| match answer {
            Ok(()) => {
                for field in [current, new, confirm] {
                    field.set(String::new());
                }
                state.me.update(|m| {
                    if let Some(m) = m {
                        m.contact.has_password = true;
                    }
                });
                done.set(Some("Your password has been saved.".to_owned()));
            }
            Err(e) => {
                redirect(&e);
            }
        },
    );
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    let errors = FieldErrors::new(error);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let needs_current = has_password.get_untracked();
        let mut problems = Vec::new();
        if needs_current && current.with_untracked(String::is_empty) {
            problems.push((
                "current_password",
                "Enter your current password.".to_owned(),
            ));
        }
        if let Err(m) = validate::password(&new.get_untracked()) {
            problems.push(("new_password", m.to_owned()));
        }
        if new.get_untracked() != confirm.get_untracked() {
            problems.push(("confirm", "The two passwords do not match.".to_owned()));
        }
        if errors.check(problems) {
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
                        error=errors.field("current_password")
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
                    error=errors.field("new_password")
                    test_id="password-new"
                />
                <Field
                    id="password-confirm"
                    label="Repeat new password"
                    input_type="password"
                    autocomplete="new-password"
                    value=confirm
                    error=errors.field("confirm")
                    test_id="password-confirm"
                />
                <SubmitButton label="Save password" pending=change.pending() test_id="password-submit"/>
            </form>
        </section>
    }
}
