//! Settings (owners and admins): the portal's branding with a live preview beside the form, the
//! logo and favicon, the email sender, and the organization's own portal domain (the DNS record to
//! create, then a check that Atrium answers there). Members see why the page is not theirs.

mod domain;
mod form;
mod images;
mod preview;

use crate::api;
use crate::state::{use_auth_redirect, use_staff};
use domain::Domain;
use form::BrandingForm;
use images::Images;
use leptos::prelude::*;
use preview::LivePreview;
use shared_types::branding::BrandingSettings;
use web_ui::components::Toast;
use web_ui::load::Loaded;
use web_ui::title::PageTitle;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let me = use_staff().me;
    let may_manage = move || me.with(|m| m.as_ref().is_some_and(|m| m.role.is_admin()));
    let settings = LocalResource::new(api::branding_settings);
    let body = move |s: BrandingSettings| view! { <Branding initial=s/> };
    view! {
        <PageTitle text="Settings"/>
        <Show
            when=may_manage
            fallback=|| view! {
                <p class="banner banner-info" data-test-id="settings-not-admin">
                    "Only owners and admins change the portal's branding and domain. Ask one of them; your own profile is under Your account."
                </p>
            }
        >
            <Loaded resource=settings loading="Loading settings…" redirect=use_auth_redirect() children=body/>
        </Show>
    }
}

/// The form, the images, the preview and the domain, sharing the saved settings.
#[component]
fn Branding(initial: BrandingSettings) -> impl IntoView {
    let saved = RwSignal::new(initial.clone());
    let notice = RwSignal::new(None::<String>);
    let name = RwSignal::new(initial.display_name.clone());
    let accent = RwSignal::new(initial.accent_color.clone());
    let title = RwSignal::new(initial.portal_title.clone());
    let sender = RwSignal::new(initial.email_from_name.clone());
    let reply_to = RwSignal::new(initial.email_reply_to.clone().unwrap_or_default());
    view! {
        <Toast message=notice/>
        <div class="settings-grid">
            <div>
                <BrandingForm saved=saved notice=notice name=name accent=accent title=title sender=sender reply_to=reply_to/>
                <Images saved=saved notice=notice/>
            </div>
            <LivePreview saved=saved name=name accent=accent title=title/>
        </div>
        <Domain saved=saved notice=notice/>
    }
}
