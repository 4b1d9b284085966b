//! A client's settings (name, default permissions, team visibility, portal on/off) and the
//! danger zone: archive, and revoke every contact's portal access at once.

use crate::api;
use crate::components::permissions::{PermissionChecks, PermissionSignals};
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::staff::{Client, ClientUpdate};
use shared_types::{validate, ClientStatus};
use web_ui::action::action;
use web_ui::components::{CheckboxField, ErrorBanner, Field, Toast};
use web_ui::ApiError;

/// What the danger-zone buttons do once confirmed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Danger {
    Archive,
    RevokeAccess,
}

#[component]
pub fn ClientSettings(
    client: RwSignal<Option<Client>>,
    on_change: Callback<Client>,
    on_revoked: Callback<()>,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let initial = client.get_untracked();
    let id = initial.as_ref().map(|c| c.id.clone()).unwrap_or_default();
    let name = RwSignal::new(initial.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let perms = PermissionSignals::new(
        initial
            .as_ref()
            .map(|c| c.default_permissions)
            .unwrap_or_default(),
    );
    let show_team = RwSignal::new(initial.as_ref().is_some_and(|c| c.show_team_members));
    let portal_enabled = RwSignal::new(initial.as_ref().is_some_and(|c| c.portal_enabled));
    let name_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(None::<Danger>);

    // Keep the form in step with the client after any change (including the danger zone).
    Effect::new(move |_| {
        if let Some(c) = client.get() {
            portal_enabled.set(c.portal_enabled);
            perms.set(c.default_permissions);
            show_team.set(c.show_team_members);
        }
    });

    let fail = move |e: ApiError| {
        name_error.set(e.field("name"));
        error.set((!redirect(&e)).then_some(e));
    };
    // A saved or archived client: show it everywhere, with what happened.
    let changed = {
        let fail = fail.clone();
        move |answer: Result<Client, ApiError>, text: &str| match answer {
            Ok(c) => {
                error.set(None);
                notice.set(Some(text.to_owned()));
                on_change.run(c);
            }
            Err(e) => fail(e),
        }
    };
    let save = {
        let (id, changed) = (id.clone(), changed.clone());
        action(
            move |body: &ClientUpdate| api::update_client(id.clone(), body.clone()),
            move |answer| changed(answer, "Settings saved."),
        )
    };
    let archive = {
        let id = id.clone();
        action(
            move |_: &()| api::archive_client(id.clone()),
            move |answer| changed(answer, "Client archived."),
        )
    };
    let revoke = action(
        move |_: &()| api::revoke_client_access(id.clone()),
        move |answer| match answer {
            Ok(r) => {
                error.set(None);
                notice.set(Some(format!(
                    "Portal access revoked. {} signed-in session(s) ended.",
                    r.sessions_ended
                )));
                on_revoked.run(());
            }
            Err(e) => fail(e),
        },
    );

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        let n = validate::name(&name.get_untracked()).err();
        name_error.set(n.map(str::to_owned));
        if n.is_none() {
            save.dispatch(ClientUpdate {
                name: Some(name.get_untracked().trim().to_owned()),
                default_permissions: Some(perms.get_untracked()),
                show_team_members: Some(show_team.get_untracked()),
                portal_enabled: Some(portal_enabled.get_untracked()),
            });
        }
    };
    let archived = move || {
        client.with(|c| {
            c.as_ref()
                .is_some_and(|c| c.status == ClientStatus::Archived)
        })
    };
    let busy = move || save.pending().get() || archive.pending().get() || revoke.pending().get();
    let confirm = move |what: Danger| {
        confirming.set(None);
        notice.set(None);
        match what {
            Danger::Archive => archive.dispatch(()),
            Danger::RevokeAccess => revoke.dispatch(()),
        };
    };

    view! {
        <section class="panel" aria-labelledby="settings-heading" data-test-id="client-settings">
            <h2 id="settings-heading">"Settings"</h2>
            <ErrorBanner error=error/>
            <Toast message=notice/>
            <form class="form" on:submit=on_submit novalidate>
                <Field
                    id="client-edit-name"
                    label="Client name"
                    value=name
                    error=name_error
                    required=true
                    test_id="client-edit-name"
                />
                <PermissionChecks perms=perms id_prefix="client-perm" legend="Contacts can, by default"/>
                <CheckboxField
                    id="client-show-team"
                    label="Show our team members to this client"
                    checked=show_team
                    test_id="client-show-team"
                />
                <CheckboxField
                    id="client-portal-enabled"
                    label="Portal access enabled (turning it off signs every contact out)"
                    checked=portal_enabled
                    test_id="client-portal-enabled"
                />
                <button type="submit" class="btn btn-primary" data-test-id="client-save" disabled=busy>
                    "Save settings"
                </button>
            </form>
        </section>
        <section class="panel danger-zone" aria-labelledby="danger-heading">
            <h2 id="danger-heading">"Access and archiving"</h2>
            <div class="actions">
                <button
                    type="button"
                    class="btn btn-danger"
                    data-test-id="client-revoke-access"
                    disabled=busy
                    on:click=move |_| confirming.set(Some(Danger::RevokeAccess))
                >
                    "Revoke all portal access"
                </button>
                <Show when=move || !archived()>
                    <button
                        type="button"
                        class="btn btn-secondary"
                        data-test-id="client-archive"
                        disabled=busy
                        on:click=move |_| confirming.set(Some(Danger::Archive))
                    >
                        "Archive client"
                    </button>
                </Show>
            </div>
            {move || {
                confirming
                    .get()
                    .map(|what| {
                        let (text, label, test_id) = match what {
                            Danger::RevokeAccess => (
                                "Every contact of this client will be signed out and the portal turned off.",
                                "Yes, revoke access",
                                "client-revoke-access-confirm",
                            ),
                            Danger::Archive => (
                                "The client will be archived and hidden from the active list.",
                                "Yes, archive",
                                "client-archive-confirm",
                            ),
                        };
                        view! {
                            <div class="banner banner-warn confirm" role="alert">
                                <p>{text}</p>
                                <div class="actions">
                                    <button
                                        type="button"
                                        class="btn btn-danger"
                                        data-test-id=test_id
                                        on:click=move |_| confirm(what)
                                    >
                                        {label}
                                    </button>
                                    <button
                                        type="button"
                                        class="btn btn-secondary"
                                        data-test-id="confirm-cancel"
                                        on:click=move |_| confirming.set(None)
                                    >
                                        "Cancel"
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
        </section>
    }
}
