//! The signed-in frame: header with the organization's logo and name, the navigation, and the
//! page. It re-checks `/me` on every route change, so a contact whose access was revoked lands on
//! the sign-in page on their next navigation, and permission changes show up straight away.

use crate::components::public_shell::OrgBrand;
use crate::state::use_portal;
use crate::{api, links};
use leptos::prelude::*;
use shared_types::portal::Permissions;
use std::rc::Rc;
use web_ui::form::WritesOff;
use web_ui::frame::SignedInFrame;
use web_ui::live::{keep_open, resume_at, use_live, Stream, StreamUrl};
use web_ui::shell::{AccountMenu, MainNav, NavItem};

/// The navigation entries the contact's permissions allow.
fn nav_items(p: &Permissions, unread: Signal<i64>) -> Vec<NavItem> {
    // A plain link to the canonical `/portal/`; the router still handles it.
    let mut items = vec![
        NavItem::new("dashboard", links::HOME, "Dashboard").current_on(links::is_home),
        NavItem::new("projects", links::PROJECTS, "Projects"),
        NavItem::new("approvals", links::APPROVALS, "Approvals"),
    ];
    if p.can_submit_requests {
        items.push(NavItem::new("requests", links::REQUESTS, "Requests"));
    }
    if p.can_view_invoices {
        items.push(NavItem::new("invoices", links::INVOICES, "Invoices"));
    }
    items.extend([
        NavItem::new("gallery", links::GALLERY, "Gallery"),
        NavItem::new("notifications", links::NOTIFICATIONS, "Notifications").with_badge(unread),
        NavItem::new("settings", links::SETTINGS, "Settings"),
    ]);
    items
}

#[component]
pub fn SignedInLayout() -> impl IntoView {
    let state = use_portal();
    let live = use_live();
    // In a staff preview, the forms' buttons are off and say why.
    provide_context(WritesOff(Signal::derive(move || {
        state.me.with(|m| {
            let m = m.as_ref()?;
            m.preview.as_ref().map(|_| {
                format!(
                    "Preview as {}: nothing can be changed from it.",
                    m.contact.name
                )
            })
        })
    })));
    // The live stream runs while someone is signed in: it moves the unread badge and makes the
    // pages that show notifications or activity reload.
    let connection = StoredValue::new_local(None::<Stream>);
    Effect::new(move |_| {
        let signed_in = state.me.with(|m| m.is_some());
        if signed_in && connection.with_value(|c| c.is_none()) {
            let url: StreamUrl = Rc::new(|last: Option<String>| {
                Box::pin(async move { Some(resume_at(api::EVENTS, last.as_deref())) })
            });
            connection.set_value(Some(keep_open(url, live)));
            leptos::task::spawn_local(async move {
                if let Ok(page) = api::notifications(None).await {
                    live.unread.set(page.unread);
                }
            });
        } else if !signed_in {
            connection.set_value(None);
        }
    });
    on_cleanup(move || connection.set_value(None));
    view! {
        <SignedInFrame
            load=api::me
            me=state.me
            login=links::LOGIN
            on_load=Callback::new(move |me| state.signed_in(me))
        >
            <Header/>
        </SignedInFrame>
    }
}

/// Branding, navigation and the sign-out button.
#[component]
fn Header() -> impl IntoView {
    let state = use_portal();
    let unread: Signal<i64> = use_live().unread.into();
    let nav = Signal::derive(move || {
        let perms = state.me.with(|m| m.as_ref().map(|m| m.permissions));
        nav_items(&perms.unwrap_or_default(), unread)
    });
    let who = Signal::derive(move || {
        state.me.with(|m| {
            m.as_ref()
                .map(|m| format!("{} · {}", m.contact.name, m.client.name))
        })
    });
    view! {
        <PreviewBanner/>
        <header class="app-header">
            <div class="brand">
                <OrgBrand/>
            </div>
            <AccountMenu who=who logout=api::logout me=state.me login=links::LOGIN/>
        </header>
        <MainNav items=nav/>
    }
}

/// While a staff member previews the portal as a contact: who they see it as, that nothing can
/// be changed, and one button that ends it (the preview tab closes, or shows the sign-in page).
#[component]
fn PreviewBanner() -> impl IntoView {
    let state = use_portal();
    let ending = RwSignal::new(false);
    let end = move |_| {
        ending.set(true);
        leptos::task::spawn_local(async move {
            // Whatever the answer, the preview cookie is of no more use in this tab.
            let _ = api::logout().await;
            state.me.set(None);
            if let Some(window) = web_sys::window() {
                let _ = window.close();
                let _ = window.location().set_href(links::LOGIN);
            }
        });
    };
    move || {
        state.me.with(|m| {
            m.as_ref().and_then(|m| {
                let preview = m.preview.as_ref()?;
                let text = format!(
                    "Preview: you are seeing the portal as {} ({}) sees it. Nothing can be changed here. Opened by {}.",
                    m.contact.name, m.client.name, preview.staff_name
                );
                Some(view! {
                    <div class="preview-banner" role="status" data-test-id="preview-banner">
                        <span>{text}</span>
                        <button type="button" class="btn btn-secondary" data-test-id="preview-end"
                            disabled=move || ending.get() on:click=end>
                            "End preview"
                        </button>
                    </div>
                })
            })
        })
    }
}
