//! The staff member's notifications (newest first; opening one marks it read) and their email
//! choice for client activity.

use crate::api;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use web_ui::notifications::{EmailChoices, NotificationsView};
use web_ui::title::PageTitle;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    view! {
        <PageTitle text="Notifications"/>
        <NotificationsView
            load=api::notifications
            mark=api::mark_read
            redirect=use_auth_redirect()
            empty="When a client approves, asks for changes, comments or writes about a request you look after, you will hear about it here and by email."
        />
        <EmailChoices
            load=api::notification_preferences
            save=api::update_notification_preferences
            redirect=use_auth_redirect()
            section_id="settings"
        />
    }
}
