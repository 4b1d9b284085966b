//! App-wide state: the signed-in staff member, refreshed by the layout on every navigation.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use shared_types::staff::StaffMe;
use web_ui::ApiError;

#[derive(Clone, Copy)]
pub struct StaffState {
    pub me: RwSignal<Option<StaffMe>>,
}

pub fn provide() {
    provide_context(StaffState {
        me: RwSignal::new(None),
    });
}

pub fn use_staff() -> StaffState {
    expect_context::<StaffState>()
}

/// A function pages call with API errors: a 401 that survived a refresh means the staff
/// session is over, so go to sign-in. Returns true when it handled the error.
pub fn use_auth_redirect() -> impl Fn(&ApiError) -> bool + Clone + 'static {
    let navigate = use_navigate();
    let state = use_staff();
    move |error: &ApiError| {
        if error.is_unauthorized() {
            state.me.set(None);
            navigate(
                "/login",
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
            true
        } else {
            false
        }
    }
}
