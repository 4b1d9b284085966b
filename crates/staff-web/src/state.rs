//! App-wide state: the signed-in staff member, refreshed by the layout on every navigation.

use crate::links;
use leptos::prelude::*;
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
    web_ui::nav::auth_redirect(use_staff().me, links::LOGIN)
}
