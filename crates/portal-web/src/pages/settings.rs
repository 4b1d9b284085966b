//! Settings: the contact's profile (read-only here; the agency manages it), their password, and
//! the devices signed in to their account.

use crate::api;
use crate::components::password_form::PasswordForm;
use crate::components::security::SecuritySection;
use crate::state::{use_auth_redirect, use_portal};
use leptos::prelude::*;
use web_ui::notifications::EmailChoices;
use web_ui::title::PageTitle;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_portal();
    let field = move |f: fn(&shared_types::portal::Me) -> String| {
        move || state.me.with(|m| m.as_ref().map(f).unwrap_or_default())
    };
    view! {
        <PageTitle text="Settings"/>
        <section class="panel" aria-labelledby="profile-heading" data-test-id="profile-section">
            <h2 id="profile-heading">"Profile"</h2>
            <dl class="details">
                <dt>"Name"</dt>
                <dd data-test-id="profile-name">{field(|m| m.contact.name.clone())}</dd>
                <dt>"Email"</dt>
                <dd data-test-id="profile-email">{field(|m| m.contact.email.clone())}</dd>
                <dt>"Company"</dt>
                <dd data-test-id="profile-client">{field(|m| m.client.name.clone())}</dd>
            </dl>
            <p class="muted">"To change your name or email address, ask your agency contact."</p>
        </section>
        <EmailChoices
            load=api::notification_preferences
            save=api::update_notification_preferences
            redirect=use_auth_redirect()
            section_id="notifications"
            intro="You always see notifications in the portal. Choose which ones also reach you by email; several within a few minutes arrive as one email."
        />
        <PasswordForm/>
        <SecuritySection/>
    }
}
