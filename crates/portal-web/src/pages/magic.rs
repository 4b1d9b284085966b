//! The magic-link landing page. The emailed link carries its token in the URL fragment, which
//! never reaches a server, and the token is redeemed with a POST: mail scanners that merely open
//! (GET) the link cannot burn it.

use crate::components::magic_link_form::MagicLinkForm;
use crate::components::public_shell::PublicShell;
use crate::state::use_portal;
use crate::{api, links};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::portal::TokenRedeem;
use shared_types::ErrorCode;
use web_ui::action::action;
use web_ui::components::Spinner;
use web_ui::link_token::{clear_hash, token_from_hash};
use web_ui::nav::{after_sign_in, go};
use web_ui::title::PageTitle;

#[component]
pub fn MagicLinkPage() -> impl IntoView {
    let state = use_portal();
    let navigate = use_navigate();
    let token = token_from_hash();
    // Read before the fragment (token and all) is cleared: the page the link was sent for.
    let destination = after_sign_in(links::BASE, links::HOME);
    clear_hash();

    let redeem = action(
        |token: &String| {
            api::redeem_magic_link(TokenRedeem {
                token: token.clone(),
            })
        },
        {
            let navigate = navigate.clone();
            let destination = destination.clone();
            move |answer: Result<shared_types::portal::Me, web_ui::ApiError>| match answer {
                Ok(me) => {
                    state.signed_in(me);
                    go(&navigate, &destination, true);
                }
                // An old or used link from an email: someone already signed in in this browser
                // goes straight to the page the link was for.
                Err(_) => {
                    let navigate = navigate.clone();
                    let destination = destination.clone();
                    leptos::task::spawn_local(async move {
                        if let Ok(me) = api::me().await {
                            state.signed_in(me);
                            go(&navigate, &destination, true);
                        }
                    });
                }
            }
        },
    );
    if let Some(token) = token.clone() {
        redeem.dispatch(token);
    }

    let has_token = token.is_some();
    let body = move || {
        if !has_token {
            return view! {
                <p class="banner banner-error" role="alert" data-test-id="magic-invalid">
                    "This sign-in link is incomplete. Request a new one below."
                </p>
                <MagicLinkForm/>
            }
            .into_any();
        }
        match redeem.value().get() {
            None | Some(Ok(_)) => view! { <Spinner label="Signing you in…"/> }.into_any(),
            Some(Err(e))
                if e.code() == ErrorCode::InvalidToken || matches!(e.status(), Some(400 | 410)) =>
            {
                view! {
                    <p class="banner banner-error" role="alert" data-test-id="magic-invalid">
                        "This sign-in link has expired or was already used."
                    </p>
                    <h2>"Get a new link"</h2>
                    <MagicLinkForm/>
                }
                .into_any()
            }
            Some(Err(e)) => {
                let retry = token.clone();
                view! {
                    <p class="banner banner-error" role="alert" data-test-id="error-banner">
                        {e.message()}
                    </p>
                    <button
                        type="button"
                        class="btn btn-primary"
                        data-test-id="magic-retry"
                        on:click=move |_| {
                            if let Some(t) = retry.clone() {
                                redeem.dispatch(t);
                            }
                        }
                    >
                        "Try again"
                    </button>
                }
                .into_any()
            }
        }
    };
    view! {
        <PublicShell>
            <PageTitle text="Signing in"/>
            {body}
        </PublicShell>
    }
}
