//! App-wide state: the organization's branding (fetched once, public) and the signed-in
//! contact (`Me`, refreshed on every route change by the signed-in layout).

use crate::{api, links};
use leptos::prelude::*;
use shared_types::portal::{Branding, Me};
use web_ui::theme;
use web_ui::ApiError;

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

    /// The browser tab's suffix: the agency's chosen title, else its name.
    pub fn tab_title(&self) -> String {
        self.branding
            .with(|b| b.as_ref().map(|b| b.portal_title.clone()))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| self.display_name())
    }

    /// Record a fresh sign-in: remember the contact and apply their organization's theme.
    pub fn signed_in(&self, me: Me) {
        apply(&me.branding);
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
            apply(&branding);
            // A sign-in may have answered first with the same branding; either is fine.
            state.branding.set(Some(branding));
        }
    });
    state
}

/// The organization's accent colour and favicon, on the page.
fn apply(branding: &Branding) {
    theme::apply_accent(&branding.accent_color);
    if let Some(href) = &branding.favicon_url {
        theme::set_favicon(href);
    }
}

pub fn use_portal() -> PortalState {
    expect_context::<PortalState>()
}

/// A function pages call with any API error: a 401 means the session is gone (expired, signed
/// out elsewhere, or revoked by the agency), so forget the contact and go to sign-in.
/// Returns true when it handled the error that way.
pub fn use_auth_redirect() -> impl Fn(&ApiError) -> bool + Clone + 'static {
    web_ui::nav::auth_redirect(use_portal().me, links::LOGIN)
}
