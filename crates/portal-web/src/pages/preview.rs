//! Where a staff member's "Preview as contact" link lands: the token (in the fragment, never sent
//! to a server by the browser) opens a read-only session, then the dashboard shows with the
//! preview banner (`components::layout`).

use crate::components::public_shell::PublicShell;
use crate::state::use_portal;
use crate::{api, links};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::portal::{Me, TokenRedeem};
use web_ui::action::action;
use web_ui::components::Spinner;
use web_ui::link_token::{clear_hash, token_from_hash};
use web_ui::nav::go;
use web_ui::title::PageTitle;
use web_ui::ApiError;

#[component]
pub fn PreviewPage() -> impl IntoView {
    let state = use_portal();
    let navigate = use_navigate();
    let token = token_from_hash();
    clear_hash();
    let open = action(
        |token: &String| {
            api::open_preview(TokenRedeem {
                token: token.clone(),
            })
        },
        move |answer: Result<Me, ApiError>| {
            if let Ok(me) = answer {
                state.signed_in(me);
                go(&navigate, links::HOME, true);
            }
        },
    );
    let has_token = token.is_some();
    if let Some(token) = token {
        open.dispatch(token);
    }
    let body = move || {
        if !has_token {
            return view! {
                <p class="banner banner-error" role="alert" data-test-id="preview-invalid">
                    "This preview link is incomplete. Open the preview again from the staff app."
                </p>
            }
            .into_any();
        }
        match open.value().get() {
            None | Some(Ok(_)) => view! { <Spinner label="Opening the preview…"/> }.into_any(),
            Some(Err(e)) if e.status() == Some(400) => view! {
                <p class="banner banner-error" role="alert" data-test-id="preview-invalid">
                    "This preview link has expired or was already used (each works once, for two minutes). Open the preview again from the staff app."
                </p>
            }
            .into_any(),
            Some(Err(e)) => view! {
                <p class="banner banner-error" role="alert" data-test-id="error-banner">{e.message()}</p>
            }
            .into_any(),
        }
    };
    view! {
        <PublicShell>
            <PageTitle text="Preview"/>
            {body}
        </PublicShell>
    }
}
