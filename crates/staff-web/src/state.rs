//! App-wide state: the signed-in staff member, refreshed by the layout on every navigation.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use shared_types::staff::StaffMe;
use web_ui::ApiError;

/// The home page's canonical address, with the trailing slash the server serves the app at
/// (the router's base-relative "/" would drop it).
pub const HOME: &str = "/staff/";

/// The sign-in page.
pub const LOGIN: &str = "/staff/login";

/// Navigate to a full path such as [`HOME`] or [`LOGIN`]. Links and navigations in this app
/// always use full paths (`/staff/…`): the router's `<A>` does not prefix its base, so mixing
/// base-relative and full paths would be a trap. `replace` keeps the current entry out of history.
pub fn go(navigate: &impl Fn(&str, NavigateOptions), path: &str, replace: bool) {
    navigate(
        path,
        NavigateOptions {
            resolve: false,
            replace,
            ..Default::default()
        },
    );
}

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
            go(&navigate, LOGIN, true);
            true
        } else {
            false
        }
    }
}

/// Navigate to [`HOME`].
pub fn go_home(navigate: &impl Fn(&str, NavigateOptions), replace: bool) {
    go(navigate, HOME, replace);
}
