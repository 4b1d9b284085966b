//! "Email me a sign-in link": used on the sign-in page and when a link has expired.

use crate::{api, links};
use leptos::prelude::*;
use shared_types::portal::MagicLinkRequest;
use shared_types::validate;
use web_ui::action::action;
use web_ui::components::{ErrorBanner, Field};
use web_ui::form::{FieldErrors, SubmitButton};
use web_ui::nav::requested_return;

const SENT: &str =
    "If that address has a portal account, a sign-in link is on its way. It works for 15 minutes.";

/// A one-field form that requests a magic link. The answer is the same whether or not the
/// address has an account, so the confirmation never reveals who is a client.
#[component]
pub fn MagicLinkForm(
    /// Prefix for DOM ids, so two forms can share a page.
    #[prop(into, default = "magic".to_owned())]
    id_prefix: String,
    /// The address typed in another form of the page, and the DOM id of that field (the sign-in
    /// page's): the form is then just its button, and asks for the address up there.
    #[prop(optional)]
    shared: Option<(RwSignal<String>, &'static str)>,
) -> impl IntoView {
    let email = shared.map_or_else(|| RwSignal::new(String::new()), |(e, _)| e);
    let sent = RwSignal::new(false);
    let request = action(
        |email: &String| {
            api::request_magic_link(MagicLinkRequest {
                email: email.trim().to_owned(),
                // The emailed link opens the page the sign-in page was asked to return to.
                next: requested_return(links::BASE),
            })
        },
        move |answer| {
            if answer.is_ok() {
                sent.set(true);
            }
        },
    );
    let error = Signal::derive(move || request.value().get().and_then(Result::err));
    let errors = FieldErrors::new(error);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let problem = validate::email(&email.get_untracked()).err();
        if errors.check(
            problem
                .map(|m| ("email", m.to_owned()))
                .into_iter()
                .collect(),
        ) {
            request.dispatch(email.get_untracked());
        }
    };
    view! {
        <form class="form" on:submit=on_submit novalidate>
            <ErrorBanner error=error/>
            <Show when=move || sent.get()>
                <p class="banner banner-ok" role="status" data-test-id="magic-sent">
                    {SENT}
                </p>
            </Show>
            {match shared {
                None => {
                    view! {
                        <Field
                            id=format!("{id_prefix}-email")
                            label="Email address"
                            input_type="email"
                            autocomplete="email"
                            value=email
                            error=errors.field("email")
                            required=true
                            test_id="magic-email"
                        />
                    }
                        .into_any()
                }
                Some((_, field)) => {
                    let problem = errors.field("email");
                    view! {
                        {move || {
                            problem
                                .get()
                                .map(|m| {
                                    view! {
                                        <p class="field-error" role="alert" data-test-id="magic-email-error">
                                            {m}
                                            " "
                                            <a href=format!("#{field}")>"Enter it in the email field above."</a>
                                        </p>
                                    }
                                })
                        }}
                    }
                        .into_any()
                }
            }}
            <SubmitButton
                label="Email me a sign-in link"
                busy_label="Sending…"
                pending=request.pending()
                test_id="magic-submit"
                class="btn btn-secondary"
            />
        </form>
    }
}
