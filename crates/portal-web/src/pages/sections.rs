//! The portal's list pages whose features have not landed yet: a friendly empty state, never
//! sample data, within the contact's permissions (Invoices).

use crate::state::use_portal;
use leptos::prelude::*;
use shared_types::portal::Permissions;
use web_ui::components::EmptyState;
use web_ui::title::PageTitle;

/// A page heading plus an empty state, shown only when the contact holds the permission
/// `allowed` checks (when given).
#[component]
fn SectionPage(
    title: &'static str,
    empty_title: &'static str,
    empty_body: &'static str,
    #[prop(optional)] allowed: Option<fn(&Permissions) -> bool>,
) -> impl IntoView {
    let state = use_portal();
    let ok = move || {
        allowed.is_none_or(|allowed| {
            state
                .me
                .with(|m| m.as_ref().is_some_and(|m| allowed(&m.permissions)))
        })
    };
    view! {
        <PageTitle text=title/>
        <Show
            when=ok
            fallback=|| {
                view! {
                    <p class="banner banner-error" role="alert" data-test-id="no-permission">
                        "Your account does not have access to this page. Ask your agency contact if you need it."
                    </p>
                }
            }
        >
            <EmptyState title=empty_title body=empty_body/>
        </Show>
    }
}

#[component]
pub fn InvoicesPage() -> impl IntoView {
    view! {
        <SectionPage
            title="Invoices"
            allowed=|p| p.can_view_invoices
            empty_title="No invoices yet"
            empty_body="No invoices yet — when your agency sends you an invoice, it appears here."
        />
    }
}
