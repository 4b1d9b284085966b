//! The contact's email choices per category (as it happens, a daily digest, or off). Each change
//! is saved at once and changes only that category.

use crate::api;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::notifications::{
    CategoryPreference, EmailDelivery, NotificationCategory, NotificationPreferences,
};
use web_ui::components::ErrorBanner;
use web_ui::load::Loaded;
use web_ui::ApiError;

fn delivery_label(d: EmailDelivery) -> &'static str {
    match d {
        EmailDelivery::Instant => "As it happens",
        EmailDelivery::Daily => "Daily digest",
        EmailDelivery::Off => "Off",
    }
}

#[component]
pub fn EmailPreferences() -> impl IntoView {
    let prefs = LocalResource::new(api::notification_preferences);
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let save = move |category: NotificationCategory, email: EmailDelivery| {
        status.set(None);
        error.set(None);
        leptos::task::spawn_local(async move {
            let body = NotificationPreferences {
                categories: vec![CategoryPreference { category, email }],
            };
            match api::update_notification_preferences(body).await {
                Ok(_) => status.set(Some(format!(
                    "Saved: “{}” — {}.",
                    category.label(),
                    delivery_label(email).to_lowercase()
                ))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let rows = move |p: NotificationPreferences| {
        p.categories
            .into_iter()
            .map(|c| {
                let id = format!("email-{}", c.category);
                view! {
                    <div class="field">
                        <label for=id.clone()>{c.category.label()}</label>
                        <select
                            id=id.clone()
                            data-test-id=id
                            on:change=move |ev| {
                                if let Ok(email) = event_target_value(&ev).parse::<EmailDelivery>() {
                                    save(c.category, email);
                                }
                            }
                        >
                            {EmailDelivery::ALL
                                .iter()
                                .map(|d| {
                                    view! {
                                        <option value=d.as_str() selected=*d == c.email>
                                            {delivery_label(*d)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel" id="notifications" aria-labelledby="emails-heading" data-test-id="email-preferences">
            <h2 id="emails-heading">"Emails"</h2>
            <p class="muted">
                "You always see notifications in the portal. Choose which ones also reach you by email; several within a few minutes arrive as one email."
            </p>
            <Loaded resource=prefs loading="Loading your email choices…" redirect=use_auth_redirect() children=rows/>
            <p role="status" class="muted" data-test-id="email-preferences-status">{move || status.get()}</p>
            <ErrorBanner error=error/>
        </section>
    }
}
