//! The signed-in home page. Its widgets fill in as projects, approvals and requests arrive.

use crate::state::use_portal;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = use_portal();
    let greeting = move || {
        state.me.with(|m| {
            m.as_ref()
                .map(|m| {
                    let first = m.contact.name.split_whitespace().next().unwrap_or("there");
                    format!("Welcome, {first}")
                })
                .unwrap_or_else(|| "Welcome".to_owned())
        })
    };
    let client = move || state.me.with(|m| m.as_ref().map(|m| m.client.name.clone()));
    view! {
        <h1 data-test-id="page-title">{greeting}</h1>
        <p class="muted" data-test-id="client-name">{client}</p>
        <div class="widgets">
            <section class="widget" data-test-id="widget-approvals" aria-labelledby="w-approvals">
                <h2 id="w-approvals">"Waiting for your review"</h2>
                <p>"Nothing needs your review right now. When your agency shares work for approval, it appears here."</p>
                <A href="/portal/approvals">"All approvals"</A>
            </section>
            <section class="widget" data-test-id="widget-projects" aria-labelledby="w-projects">
                <h2 id="w-projects">"Your projects"</h2>
                <p>"No projects yet — when your agency shares a project, it appears here."</p>
                <A href="/portal/projects">"All projects"</A>
            </section>
            <section class="widget" data-test-id="widget-activity" aria-labelledby="w-activity">
                <h2 id="w-activity">"Recent activity"</h2>
                <p>"No activity yet. Updates from your agency will show up here."</p>
                <A href="/portal/notifications">"All notifications"</A>
            </section>
        </div>
    }
}
