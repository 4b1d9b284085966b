//! "Email me a sign-in link": used on the sign-in page and when a link has expired.

use crate::api;
use leptos::prelude::*;
use shared_types::portal::MagicLinkRequest;
use shared_types::validate;
use web_ui::components::{ErrorBanner, Field};

const SENT: &str =
    "If that address has a portal account, a sign-in link is on its way. It works for 15 minutes.";

/// A one-field form that requests a magic link. The answer is the same whether or not the
/// address has an account, so the confirmation never reveals who is a client.
#[component]
pub fn MagicLinkForm(
    /// Prefix for DOM ids, so two forms can share a page.
    #[prop(into, default = "magic".to_owned())]
    id_prefix: String,
) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<String>);
    let sent = RwSignal::new(false);
    let action = Action::new_local(|email: &String| {
        api::request_magic_link(MagicLinkRequest {
            email: email.trim().to_owned(),
        })
    });
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(()))) {
            sent.set(true);
        }
    });
    let field_error = Signal::derive(move || {
        local_error
            .get()
            .or_else(|| error.with(|e| e.as_ref().and_then(|e| e.field("email"))))
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match validate::email(&email.get_untracked()) {
            Err(msg) => local_error.set(Some(msg.to_owned())),
            Ok(()) => {
                local_error.set(None);
                action.dispatch(email.get_untracked());
            }
        }
    };
    let input_id = format!("{id_prefix}-email");
    view! {
        <form class="form" on:submit=on_submit novalidate>
            <ErrorBanner error=error/>
            <Show when=move || sent.get()>
                <p class="banner banner-ok" role="status" data-test-id="magic-sent">
                    {SENT}
                </p>
            </Show>
            <Field
                id=input_id
                label="Email address"
                input_type="email"
                autocomplete="email"
                value=email
                error=field_error
                required=true
                test_id="magic-email"
            />
            <button
                type="submit"
                class="btn btn-secondary"
                data-test-id="magic-submit"
                disabled=move || action.pending().get()
            >
                {move || if action.pending().get() { "Sending…" } else { "Email me a sign-in link" }}
            </button>
        </form>
    }
}
