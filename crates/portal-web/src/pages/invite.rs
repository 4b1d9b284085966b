//! Accept Invite: the page the 7-day invitation email opens (`#token=…`). The contact confirms
//! their name, may set a password, and is signed in.

use crate::api;
use crate::components::magic_link_form::MagicLinkForm;
use crate::components::public_shell::PublicShell;
use crate::pages::magic::{clear_hash, token_from_hash};
use crate::state::{go_home, use_portal};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::portal::InviteAccept;
use shared_types::{validate, ErrorCode};
use web_ui::components::{ErrorBanner, Field};

#[component]
pub fn AcceptInvitePage() -> impl IntoView {
    let state = use_portal();
    let navigate = use_navigate();
    let token = token_from_hash();
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let name_error = RwSignal::new(None::<String>);
    let password_error = RwSignal::new(None::<String>);

    let accept = Action::new_local(|req: &InviteAccept| api::accept_invite(req.clone()));
    let error = Signal::derive(move || accept.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(me)) = accept.value().get() {
            clear_hash();
            state.signed_in(me);
            go_home(&navigate, true);
        }
    });
    let server_field = move |field: &'static str| {
        Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| e.field(field))))
    };
    let name_shown =
        Signal::derive(move || name_error.get().or_else(|| server_field("name").get()));
    let password_shown = Signal::derive(move || {
        password_error
            .get()
            .or_else(|| server_field("password").get())
    });
    let expired = move || {
        error.with(|e| {
            e.as_ref().is_some_and(|e| {
                e.code() == ErrorCode::InvalidToken || matches!(e.status(), Some(410))
            })
        })
    };

    let token_for_submit = token.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(token) = token_for_submit.clone() else {
            return;
        };
        let n = validate::name(&name.get_untracked()).err();
        let pw = password.get_untracked();
        let p = if pw.is_empty() {
            None
        } else {
            validate::password(&pw).err()
        };
        name_error.set(n.map(str::to_owned));
        password_error.set(p.map(str::to_owned));
        if n.is_none() && p.is_none() {
            accept.dispatch(InviteAccept {
                token,
                name: name.get_untracked().trim().to_owned(),
                password: (!pw.is_empty()).then_some(pw),
            });
        }
    };

    let form = view! {
        <p class="muted">
            {move || format!("You have been invited to the {} client portal.", state.display_name())}
        </p>
        <form class="form" on:submit=on_submit novalidate>
            <ErrorBanner error=error/>
            <Show when=expired>
                <p class="muted" data-test-id="invite-expired">
                    "Ask your contact at the agency to send a new invitation, or request a sign-in link if you already have an account:"
                </p>
            </Show>
            <Field
                id="invite-name"
                label="Your name"
                autocomplete="name"
                value=name
                error=name_shown
                required=true
                test_id="invite-name"
            />
            <Field
                id="invite-password"
                label="Password (optional)"
                input_type="password"
                autocomplete="new-password"
                hint="At least 12 characters. You can skip this and sign in with emailed links instead."
                value=password
                error=password_shown
                test_id="invite-password"
            />
            <button
                type="submit"
                class="btn btn-primary"
                data-test-id="invite-submit"
                disabled=move || accept.pending().get()
            >
                {move || if accept.pending().get() { "Joining…" } else { "Accept invitation" }}
            </button>
        </form>
        <Show when=expired>
            <MagicLinkForm id_prefix="invite-magic"/>
        </Show>
    };

    view! {
        <PublicShell>
            <h1 data-test-id="page-title">"Accept your invitation"</h1>
            {if token.is_some() {
                form.into_any()
            } else {
                view! {
                    <p class="banner banner-error" role="alert" data-test-id="invite-invalid">
                        "This invitation link is incomplete. Open the link from your invitation email again."
                    </p>
                }
                    .into_any()
            }}
        </PublicShell>
    }
}
