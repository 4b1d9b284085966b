//! The Security section of Settings: every device signed in to this account, with sign-out for
//! one other device or all of them.

use crate::api;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::portal::SessionInfo;
use shared_types::staff::Revoked;
use web_ui::action::action;
use web_ui::components::{ErrorBanner, Toast};
use web_ui::form::writes_off;
use web_ui::load::Loaded;
use web_ui::sessions::SessionsTable;
use web_ui::ApiError;

#[component]
pub fn SecuritySection() -> impl IntoView {
    let redirect = use_auth_redirect();
    // Off in a staff preview, saying why.
    let off = writes_off();
    let sessions = LocalResource::new(api::sessions);
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);

    let report = move |result: Result<Option<String>, ApiError>| match result {
        Ok(message) => {
            error.set(None);
            notice.set(message);
            sessions.refetch();
        }
        Err(e) => error.set((!redirect(&e)).then_some(e)),
    };
    let end_one = action(|id: &String| api::end_session(id.clone()), {
        let report = report.clone();
        move |result: Result<(), ApiError>| {
            report(result.map(|()| Some("That device has been signed out.".to_owned())));
        }
    });
    let end_others = action(
        |_: &()| api::end_other_sessions(),
        move |result: Result<Revoked, ApiError>| {
            report(result.map(|r| {
                Some(match r.sessions_ended {
                    1 => "Signed out 1 other device.".to_owned(),
                    n => format!("Signed out {n} other devices."),
                })
            }));
        },
    );
    let busy = Signal::derive(move || end_one.pending().get() || end_others.pending().get());

    let devices = move |list: Vec<SessionInfo>| {
        let others = list.iter().filter(|s| !s.current).count();
        view! {
            <SessionsTable
                sessions=list
                on_end=Callback::new(move |id: String| {
                    end_one.dispatch(id);
                })
                busy=busy
            />
            <button
                type="button"
                class="btn btn-danger"
                data-test-id="sign-out-others"
                title=move || off.get()
                disabled=move || busy.get() || others == 0 || off.with(Option::is_some)
                on:click=move |_| {
                    end_others.dispatch(());
                }
            >
                "Sign out all other devices"
            </button>
        }
    };

    view! {
        <section class="panel" aria-labelledby="security-heading" data-test-id="security-section">
            <h2 id="security-heading">"Security"</h2>
            <p class="muted">
                "These devices are signed in to your account. If you do not recognise one, sign it out and change your password."
            </p>
            <ErrorBanner error=error/>
            <Toast message=notice/>
            <Loaded
                resource=sessions
                loading="Loading your devices…"
                redirect=use_auth_redirect()
                children=devices
            />
        </section>
    }
}
