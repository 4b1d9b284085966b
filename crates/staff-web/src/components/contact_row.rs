//! One contact in the client's table: status, invite/resend, revoke, and an expandable panel
//! with permission overrides and the contact's signed-in sessions.

use crate::api;
use crate::components::permissions::{OverrideSelects, OverrideSignals};
use crate::components::status::ContactStatusBadge;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::portal::{Permissions, SessionInfo};
use shared_types::staff::{Contact, ContactUpdate, Revoked};
use shared_types::ContactStatus;
use web_ui::action::action;
use web_ui::components::ErrorBanner;
use web_ui::confirm::ConfirmButton;
use web_ui::load::Loaded;
use web_ui::sessions::SessionsTable;
use web_ui::{format, ApiError};

#[component]
pub fn ContactRow(
    client_id: String,
    contact: Contact,
    #[prop(into)] defaults: Signal<Permissions>,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let cid = contact.id.clone();
    let status = RwSignal::new(contact.status);
    let invited = RwSignal::new(contact.invited_at.is_some());
    let open = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let overrides = OverrideSignals::new(contact.permission_overrides);

    let ids = (client_id.clone(), cid.clone());
    let fail = move |e: ApiError| error.set((!redirect(&e)).then_some(e));
    let invite = action(
        {
            let ids = ids.clone();
            move |_: &()| api::invite_contact(ids.0.clone(), ids.1.clone())
        },
        {
            let fail = fail.clone();
            move |answer| match answer {
                Ok(sent) => {
                    invited.set(true);
                    status.update(|s| {
                        if *s == ContactStatus::Revoked {
                            *s = ContactStatus::Invited;
                        }
                    });
                    error.set(None);
                    notice.set(Some(format!(
                        "Invitation sent. The link works until {}.",
                        format::datetime(&sent.expires_at)
                    )));
                }
                Err(e) => fail(e),
            }
        },
    );
    let revoke = action(
        {
            let ids = ids.clone();
            move |_: &()| api::revoke_contact(ids.0.clone(), ids.1.clone())
        },
        {
            let fail = fail.clone();
            move |answer| match answer {
                Ok(r) => {
                    status.set(ContactStatus::Revoked);
                    error.set(None);
                    notice.set(Some(format!(
                        "Access revoked. {} session(s) ended.",
                        r.sessions_ended
                    )));
                }
                Err(e) => fail(e),
            }
        },
    );
    let save = action(
        {
            let ids = ids.clone();
            move |body: &ContactUpdate| {
                api::update_contact(ids.0.clone(), ids.1.clone(), body.clone())
            }
        },
        move |answer| match answer {
            Ok(c) => {
                status.set(c.status);
                error.set(None);
                notice.set(Some("Permissions saved.".to_owned()));
            }
            Err(e) => fail(e),
        },
    );
    let busy = Signal::derive(move || {
        invite.pending().get() || revoke.pending().get() || save.pending().get()
    });

    let badge = move || view! { <ContactStatusBadge status=status.get()/> };
    let name = contact.name.clone();
    let revoke_name = name.clone();
    let toggle_name = name.clone();
    let details_id = format!("contact-details-{}", contact.id);
    let perm_prefix = format!("contact-{}-perm", contact.id);
    let details = {
        let details_id = details_id.clone();
        let ids = ids.clone();
        move || {
            open.get().then(|| {
                let defaults = defaults.get();
                let perm_prefix = perm_prefix.clone();
                view! {
                    <tr class="contact-details" id=details_id.clone()>
                        <td colspan="5">
                            <div class="details-grid">
                                <form
                                    class="form"
                                    on:submit=move |ev: leptos::ev::SubmitEvent| {
                                        ev.prevent_default();
                                        notice.set(None);
                                        save.dispatch(ContactUpdate {
                                            permissions: Some(overrides.get_untracked()),
                                            ..Default::default()
                                        });
                                    }
                                >
                                    <OverrideSelects
                                        overrides=overrides
                                        defaults=defaults
                                        id_prefix=perm_prefix
                                    />
                                    <button
                                        type="submit"
                                        class="btn btn-primary btn-small"
                                        data-test-id="contact-perm-save"
                                        disabled=move || busy.get()
                                    >
                                        "Save permissions"
                                    </button>
                                </form>
                                <ContactSessions client_id=ids.0.clone() contact_id=ids.1.clone()/>
                            </div>
                        </td>
                    </tr>
                }
            })
        }
    };

    view! {
        <tbody data-test-id="contact-group">
            <tr data-test-id="contact-row" data-contact-id=contact.id.clone()>
                <td data-test-id="contact-row-name">{contact.name.clone()}</td>
                <td data-test-id="contact-row-email">{contact.email.clone()}</td>
                <td>{badge}</td>
                <td>{format::maybe_datetime(contact.last_sign_in_at.as_ref())}</td>
                <td>
                    <div class="actions">
                        <Show when=move || status.get() != ContactStatus::Active>
                            <button
                                type="button"
                                class="btn btn-secondary btn-small"
                                data-test-id="contact-invite"
                                disabled=move || busy.get()
                                on:click=move |_| {
                                    notice.set(None);
                                    invite.dispatch(());
                                }
                            >
                                {move || if invited.get() { "Resend invite" } else { "Send invite" }}
                            </button>
                        </Show>
                        <Show when=move || status.get() != ContactStatus::Revoked>
                            <ConfirmButton
                                label="Revoke access"
                                aria_label=format!("Revoke access for {revoke_name}")
                                question=format!(
                                    "{revoke_name} will be signed out everywhere and can no longer sign in. Their comments and decisions stay."
                                )
                                yes="Yes, revoke access"
                                test_id="contact-revoke"
                                disabled=Signal::derive(move || busy.get())
                                on_confirm=Callback::new(move |()| {
                                    notice.set(None);
                                    revoke.dispatch(());
                                })
                            />
                        </Show>
                        <PreviewButton ids=ids.clone() name=name.clone() status=status error=error/>
                        <button
                            type="button"
                            class="btn btn-link btn-small"
                            data-test-id="contact-manage"
                            aria-expanded=move || open.get().to_string()
                            aria-controls=details_id.clone()
                            aria-label=move || {
                                if open.get() {
                                    format!("Hide details of {toggle_name}")
                                } else {
                                    format!("Permissions and sessions for {toggle_name}")
                                }
                            }
                            on:click=move |_| open.update(|o| *o = !*o)
                        >
                            {move || if open.get() { "Hide details" } else { "Permissions and sessions" }}
                        </button>
                    </div>
                    <ErrorBanner error=error/>
                    {move || {
                        notice
                            .get()
                            .map(|n| view! { <p class="row-notice" role="status" data-test-id="contact-notice">{n}</p> })
                    }}
                </td>
            </tr>
            {details}
        </tbody>
    }
}

/// "Preview as contact": the portal as they see it, read-only, in a new tab. The tab opens on
/// the click itself (a tab opened after an await would be blocked as a pop-up) and is pointed
/// at the single-use link once it arrives. A revoked contact can't be previewed, and says so.
#[component]
fn PreviewButton(
    ids: (String, String),
    name: String,
    status: RwSignal<ContactStatus>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let pending = RwSignal::new(false);
    let revoked = move || status.get() == ContactStatus::Revoked;
    let open = move |_| {
        let tab = web_sys::window().and_then(|w| w.open_with_url("about:blank").ok().flatten());
        pending.set(true);
        let ids = ids.clone();
        let redirect = redirect.clone();
        leptos::task::spawn_local(async move {
            let answer = api::preview_as_contact(ids.0, ids.1).await;
            pending.set(false);
            match answer {
                Ok(link) => {
                    error.set(None);
                    match &tab {
                        Some(tab) => {
                            let _ = tab.location().set_href(&link.url);
                        }
                        None => {
                            if let Some(w) = web_sys::window() {
                                let _ = w.location().set_href(&link.url);
                            }
                        }
                    }
                }
                Err(e) => {
                    if let Some(tab) = &tab {
                        let _ = tab.close();
                    }
                    error.set((!redirect(&e)).then_some(e));
                }
            }
        });
    };
    view! {
        <button
            type="button"
            class="btn btn-secondary btn-small"
            data-test-id="contact-preview"
            aria-label=format!("Preview the portal as {name}")
            title=move || if revoked() {
                "Their access is revoked, so there is no portal to preview."
            } else {
                "Opens the portal as this contact sees it, read-only, in a new tab."
            }
            disabled=move || pending.get() || revoked()
            on:click=open
        >
            {move || if pending.get() { "Opening…" } else { "Preview" }}
        </button>
    }
}

/// The contact's sessions, loaded when the details panel opens, with end one / end all.
#[component]
fn ContactSessions(client_id: String, contact_id: String) -> impl IntoView {
    let redirect = use_auth_redirect();
    let ids = (client_id, contact_id);
    let sessions = LocalResource::new({
        let ids = ids.clone();
        move || api::contact_sessions(ids.0.clone(), ids.1.clone())
    });
    let error = RwSignal::new(None::<ApiError>);
    let after = move |r: Result<(), ApiError>| match r {
        Ok(()) => {
            error.set(None);
            sessions.refetch();
        }
        Err(e) => error.set((!redirect(&e)).then_some(e)),
    };
    let end_one = action(
        {
            let ids = ids.clone();
            move |sid: &String| api::end_contact_session(ids.0.clone(), ids.1.clone(), sid.clone())
        },
        after.clone(),
    );
    let end_all = action(
        move |_: &()| api::end_contact_sessions(ids.0.clone(), ids.1.clone()),
        move |r: Result<Revoked, ApiError>| after(r.map(|_| ())),
    );
    let busy = Signal::derive(move || end_one.pending().get() || end_all.pending().get());
    let list = move |list: Vec<SessionInfo>| {
        let any = !list.is_empty();
        view! {
            <SessionsTable
                sessions=list
                on_end=Callback::new(move |sid: String| {
                    end_one.dispatch(sid);
                })
                busy=busy
                end_label="End session"
            />
            <Show when=move || any>
                <button
                    type="button"
                    class="btn btn-danger btn-small"
                    data-test-id="contact-sessions-end-all"
                    disabled=move || busy.get()
                    on:click=move |_| {
                        end_all.dispatch(());
                    }
                >
                    "End all sessions"
                </button>
            </Show>
        }
    };
    view! {
        <div class="contact-sessions" data-test-id="contact-sessions">
            <h3>"Signed-in sessions"</h3>
            <ErrorBanner error=error/>
            <Loaded
                resource=sessions
                loading="Loading sessions…"
                redirect=use_auth_redirect()
                children=list
            />
        </div>
    }
}
