//! Navigation both SPAs share: going to a full path, and the 401 handler that sends a signed-out
//! user to the sign-in page.

use crate::ApiError;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// Navigate to a full path (`/portal/…`, `/staff/…`). Links and navigations in both apps always
/// use full paths: the router's `<A>` does not prefix its base, so mixing base-relative and full
/// paths would be a trap. `replace` keeps the current entry out of history.
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

/// The function pages call with any API error: a 401 means the session is over (expired, signed
/// out elsewhere, revoked), so forget who was signed in (`me`) and go to `login`. Returns true
/// when it handled the error that way (the caller then shows nothing).
pub fn auth_redirect<T>(
    me: RwSignal<Option<T>>,
    login: &'static str,
) -> impl Fn(&ApiError) -> bool + Clone + 'static
where
    T: Send + Sync + 'static,
{
    let navigate = use_navigate();
    move |error: &ApiError| {
        if error.is_unauthorized() {
            me.set(None);
            go(&navigate, login, true);
            true
        } else {
            false
        }
    }
}
