//! Accept Invite: the page the 7-day invitation email opens (`#token=…`). The contact confirms
//! their name, may set a password, and is signed in.

use crate::components::magic_link_form::MagicLinkForm;
use crate::components::public_shell::PublicShell;
use crate::state::use_portal;
use crate::{api, links};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::portal::{InviteAccept, InvitePreview, TokenRedeem};
use shared_types::{validate, ErrorCode};
use web_ui::action::action;
use web_ui::components::{ErrorBanner, Field};
use web_ui::form::{FieldErrors, SubmitButton};
use web_ui::link_token::{clear_hash, token_from_hash};
use web_ui::nav::{after_sign_in, go};
use web_ui::title::PageTitle;

#[component]
pub fn AcceptInvitePage() -> impl IntoView {
    let state = use_portal();
    let navigate = use_navigate();
    let token = token_from_hash();
    let destination = after_sign_in(links::BASE, links::HOME);
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // Who the invitation is for: the name staff entered (pre-filled) and the address accepted.
    let invited = RwSignal::new(None::<InvitePreview>);
    let unusable = RwSignal::new(false);
    if let Some(token) = token.clone() {
        leptos::task::spawn_local(async move {
            match api::preview_invite(TokenRedeem { token }).await {
                Ok(preview) => {
                    if name.get_untracked().is_empty() {
                        name.set(preview.name.clone());
                    }
                    invited.set(Some(preview));
                }
                Err(e) if e.code() == ErrorCode::InvalidToken => unusable.set(true),
                Err(_) => {}
            }
        });
    }

    let accept = action(
        |req: &InviteAccept| api::accept_invite(req.clone()),
        move |answer| {
            if let Ok(me) = answer {
                clear_hash();
                state.signed_in(me);
                go(&navigate, &destination, true);
            }
        },
    );
    let error = Signal::derive(move || accept.value().get().and_then(Result::err));
    let errors = FieldErrors::new(error);
    let expired = move || {
        unusable.get()
            || error.with(|e| {
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
        let pw = password.get_untracked();
        let mut problems = Vec::new();
        if let Err(m) = validate::name(&name.get_untracked()) {
            problems.push(("name", m.to_owned()));
        }
        // The password is optional; one given must be acceptable.
        match validate::password(&pw) {
            Err(m) if !pw.is_empty() => problems.push(("password", m.to_owned())),
            _ => {}
        }
        if errors.check(problems) {
            accept.dispatch(InviteAccept {
                token,
                name: name.get_untracked().trim().to_owned(),
                password: (!pw.is_empty()).then_some(pw),
            });
        }
    };

    let form = view! {
        {move || match invited.get() {
            Some(invite) => view! {
                <p class="muted" data-test-id="invite-for">
                    "You are accepting the invitation for " <strong>{invite.email}</strong>
                    " to the " {invite.organization} " client portal."
                </p>
            }
                .into_any(),
            None => view! {
                <p class="muted">
                    {format!("You have been invited to the {} client portal.", state.display_name())}
                </p>
            }
                .into_any(),
        }}
        <form class="form" on:submit=on_submit novalidate>
            <ErrorBanner error=error/>
            <Show when=expired>
                <p class="muted" data-test-id="invite-expired">
                    "Ask your contact at the agency to send a new invitation, or request a sign-in link if you already have an account:"
                </p>
            </Show>
            // A link known to be unusable offers only the way forward, not a form that can't work.
            <Show when=move || !unusable.get()>
                <Field
                    id="invite-name"
                    label="Your name"
                    autocomplete="name"
                    value=name
                    error=errors.field("name")
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
                    error=errors.field("password")
                    test_id="invite-password"
                />
                <SubmitButton
                    label="Accept invitation"
                    busy_label="Joining…"
                    pending=accept.pending()
                    test_id="invite-submit"
                />
            </Show>
        </form>
        <Show when=expired>
            <MagicLinkForm id_prefix="invite-magic"/>
        </Show>
    };

    view! {
        <PublicShell>
            <PageTitle text="Accept your invitation"/>
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
