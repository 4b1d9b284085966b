//! The Security section of Settings: every device signed in to this account, with sign-out for
//! one other device or all of them.

use crate::api;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use web_ui::components::{ErrorBanner, Spinner, Toast};
use web_ui::sessions::SessionsTable;
use web_ui::ApiError;

#[component]
pub fn SecuritySection() -> impl IntoView {
    let redirect = use_auth_redirect();
    let sessions = LocalResource::new(api::sessions);
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);

    let end_one = Action::new_local(|id: &String| api::end_session(id.clone()));
    let end_others = Action::new_local(|_: &()| api::end_other_sessions());
    let busy = Signal::derive(move || end_one.pending().get() || end_others.pending().get());

    let report = move |result: Result<Option<String>, ApiError>| match result {
        Ok(message) => {
            error.set(None);
            notice.set(message);
            sessions.refetch();
        }
        Err(e) => error.set((!redirect(&e)).then_some(e)),
    };
    let report_one = report.clone();
    Effect::new(move |_| {
        if let Some(result) = end_one.value().get() {
            report_one(result.map(|()| Some("That device has been signed out.".to_owned())));
        }
    });
    Effect::new(move |_| {
        if let Some(result) = end_others.value().get() {
            report(result.map(|r| {
                Some(match r.sessions_ended {
                    1 => "Signed out 1 other device.".to_owned(),
                    n => format!("Signed out {n} other devices."),
                })
            }));
        }
    });

    let redirect_on_load = use_auth_redirect();
    let list = move || {
        sessions.get().map(|result| match result {
            Ok(list) => {
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
                        disabled=move || busy.get() || others == 0
                        on:click=move |_| {
                            end_others.dispatch(());
                        }
                    >
                        "Sign out all other devices"
                    </button>
                }
                .into_any()
            }
            Err(e) => {
                redirect_on_load(&e);
                let e = Some(e);
                view! { <ErrorBanner error=Signal::derive(move || e.clone())/> }.into_any()
            }
        })
    };

    view! {
        <section class="panel" aria-labelledby="security-heading" data-test-id="security-section">
            <h2 id="security-heading">"Security"</h2>
            <p class="muted">
                "These devices are signed in to your account. If you do not recognise one, sign it out and change your password."
            </p>
            <ErrorBanner error=error/>
            <Toast message=notice/>
            <Transition fallback=|| view! { <Spinner label="Loading your devices…"/> }>{list}</Transition>
        </section>
    }
}
