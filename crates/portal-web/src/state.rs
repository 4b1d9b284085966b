//! App-wide state: the organization's branding (fetched once, public) and the signed-in
//! contact (`Me`, refreshed on every route change by the signed-in layout).

use crate::api;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use shared_types::portal::{Branding, Me};
use web_ui::theme;
use web_ui::ApiError;

/// The home page's canonical address, with the trailing slash the server serves the app at
/// (the router's base-relative "/" would drop it).
pub const HOME: &str = "/portal/";

/// The sign-in page.
pub const LOGIN: &str = "/portal/login";

/// Navigate to a full path such as [`HOME`] or [`LOGIN`]. Links and navigations in this app
/// always use full paths (`/portal/…`): the router's `<A>` does not prefix its base, so mixing
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

/// Shared through context from [`provide`].
#[derive(Clone, Copy)]
pub struct PortalState {
    /// `None` until `/branding` answers (or if it fails: pages fall back to a neutral name).
    pub branding: RwSignal<Option<Branding>>,
    /// The signed-in contact, `None` when signed out or not yet known.
    pub me: RwSignal<Option<Me>>,
}

impl PortalState {
    /// The organization's display name, or a neutral one before branding loads.
    pub fn display_name(&self) -> String {
        self.branding
            .with(|b| b.as_ref().map(|b| b.display_name.clone()))
            .unwrap_or_else(|| "Client portal".to_owned())
    }

    /// Record a fresh sign-in: remember the contact and apply their organization's theme.
    pub fn signed_in(&self, me: Me) {
        theme::apply_accent(&me.branding.accent_color);
        self.branding.set(Some(me.branding.clone()));
        self.me.set(Some(me));
    }
}

/// Create the state, start loading branding, and keep the accent colour applied.
pub fn provide() -> PortalState {
    let state = PortalState {
        branding: RwSignal::new(None),
        me: RwSignal::new(None),
    };
    provide_context(state);
    leptos::task::spawn_local(async move {
        if let Ok(branding) = api::branding().await {
            theme::apply_accent(&branding.accent_color);
            // A sign-in may have answered first with the same branding; either is fine.
            state.branding.set(Some(branding));
        }
    });
    state
}

pub fn use_portal() -> PortalState {
    expect_context::<PortalState>()
}

/// A function pages call with any API error: a 401 means the session is gone (expired, signed
/// out elsewhere, or revoked by the agency), so forget the contact and go to sign-in.
/// Returns true when it handled the error that way.
pub fn use_auth_redirect() -> impl Fn(&ApiError) -> bool + Clone + 'static {
    let navigate = use_navigate();
    let state = use_portal();
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
