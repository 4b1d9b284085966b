//! Choosing a password from an emailed link — joining the team (`/staff/join`) or resetting a
//! forgotten password (`/staff/reset-password`) — and asking for a reset
//! (`/staff/forgot-password`). The token rides in the URL fragment and is cleared once used.

use crate::{api, links};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::team::SetPassword;
use shared_types::{validate, ErrorCode};
use web_ui::action::action;
use web_ui::components::{ErrorBanner, Field};
use web_ui::form::SubmitButton;
use web_ui::link_token::{clear_hash, token_from_hash};
use web_ui::nav::go;
use web_ui::shell::PublicPage;
use web_ui::title::PageTitle;

fn header() -> impl IntoView {
    view! {
        <span class="product">"Atrium"</span>
        <span class="muted">"Staff dashboard"</span>
    }
}

/// `reset`: a reset link; otherwise an invitation.
#[component]
pub fn SetPasswordPage(reset: bool) -> impl IntoView {
    let navigate = use_navigate();
    let token = token_from_hash();
    let password = RwSignal::new(String::new());
    let password_error = RwSignal::new(None::<String>);
    let submit = action(
        move |body: &SetPassword| api::set_password(reset, body.clone()),
        move |answer| {
            if answer.is_ok() {
                clear_hash();
                go(&navigate, links::HOME, true);
            }
        },
    );
    let error = Signal::derive(move || submit.value().get().and_then(Result::err));
    Effect::new(move || {
        if let Some(e) = error.get() {
            password_error.set(e.field("password"));
        }
    });
    let missing = token.is_none();
    let expired = move || {
        missing
            || error.with(|e| {
                e.as_ref()
                    .is_some_and(|e| e.code() == ErrorCode::InvalidToken)
            })
    };
    let token_for_submit = token.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(token) = token_for_submit.clone() else {
            return;
        };
        let p = validate::password(&password.get_untracked()).err();
        password_error.set(p.map(str::to_owned));
        if p.is_none() {
            submit.dispatch(SetPassword {
                token,
                password: password.get_untracked(),
            });
        }
    };
    let (title, lead, button) = if reset {
        (
            "Choose a new password",
            "Your other sessions will be signed out.",
            "Set password and sign in",
        )
    } else {
        (
            "Join your team",
            "Choose the password you will sign in with.",
            "Join and sign in",
        )
    };
    let api_error = Signal::derive(move || {
        error
            .get()
            .filter(|e| e.field("password").is_none() && e.code() != ErrorCode::InvalidToken)
    });
    view! {
        <PublicPage header=header>
            <PageTitle text=title/>
            <Show
                when=move || !expired()
                fallback=move || view! {
                    <p class="banner banner-error" role="alert" data-test-id="link-expired">
                        "This link has expired or was already used. "
                        {if reset { "Ask for a new one below." } else { "Ask the person who invited you to send a new invitation." }}
                    </p>
                    <p><a href=links::FORGOT_PASSWORD>"Reset your password"</a>" · "<a href=links::LOGIN>"Sign in"</a></p>
                }
            >
                <form class="form panel" on:submit=on_submit.clone() novalidate data-test-id="set-password-form">
                    <p class="muted">{lead}</p>
                    <ErrorBanner error=api_error/>
                    <Field id="new-password" label="Password" input_type="password" autocomplete="new-password"
                        hint="At least 12 characters; a few unrelated words work well."
                        value=password error=password_error required=true test_id="set-password"/>
                    <SubmitButton label=button busy_label="Saving…" pending=submit.pending() test_id="set-password-submit"/>
                </form>
            </Show>
        </PublicPage>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let email_error = RwSignal::new(None::<String>);
    let sent = RwSignal::new(false);
    let ask = action(
        |email: &String| api::request_reset(email.clone()),
        move |answer: Result<(), web_ui::ApiError>| {
            if answer.is_ok() {
                sent.set(true);
            }
        },
    );
    let error = Signal::derive(move || ask.value().get().and_then(Result::err));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let e = validate::email(&validate::normalize_email(&email.get_untracked())).err();
        email_error.set(e.map(str::to_owned));
        if e.is_none() {
            ask.dispatch(email.get_untracked().trim().to_owned());
        }
    };
    view! {
        <PublicPage header=header>
            <PageTitle text="Reset your password"/>
            <Show
                when=move || !sent.get()
                fallback=move || view! {
                    <p class="banner banner-info" role="status" data-test-id="reset-sent">
                        {format!("If {} has a staff account, a link to choose a new password is on its way. It works for an hour.", email.get())}
                    </p>
                    <p><a href=links::LOGIN>"Back to sign in"</a></p>
                }
            >
                <form class="form panel" on:submit=on_submit novalidate>
                    <ErrorBanner error=error/>
                    <Field id="reset-email" label="Email" input_type="email" autocomplete="email" value=email error=email_error required=true test_id="reset-email"/>
                    <SubmitButton label="Email me a link" busy_label="Sending…" pending=ask.pending() test_id="reset-submit"/>
                </form>
                <p><a href=links::LOGIN>"Back to sign in"</a></p>
            </Show>
        </PublicPage>
    }
}
