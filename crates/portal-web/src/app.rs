//! The routes: public sign-in pages, and the signed-in pages nested under [`SignedInLayout`]
//! (the signed-in gate).

use crate::components::layout::SignedInLayout;
use crate::pages::{
    approvals, dashboard, gallery, invite, invoices, login, magic, notifications, preview,
    projects, requests, settings,
};
use crate::{links, state};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::path;
use web_ui::router::AppRouter;
use web_ui::shell::NotFoundContent;

#[component]
pub fn App() -> impl IntoView {
    let state = state::provide();
    web_ui::live::Live::provide();
    // Browser tabs read "Approvals · Northwind Studio" (or the agency's own tab title).
    web_ui::title::provide_title_suffix(Signal::derive(move || state.tab_title()));
    view! {
        <AppRouter base=links::BASE home=links::HOME home_label="Go to your dashboard">
            <Route path=path!("/login") view=login::LoginPage/>
            <Route path=path!("/auth/magic") view=magic::MagicLinkPage/>
            <Route path=path!("/unsubscribe") view=notifications::UnsubscribePage/>
            <Route path=path!("/invite") view=invite::AcceptInvitePage/>
            <Route path=path!("/preview") view=preview::PreviewPage/>
            <ParentRoute path=path!("") view=SignedInLayout>
                <Route path=path!("") view=dashboard::DashboardPage/>
                <Route path=path!("/projects") view=projects::ProjectsPage/>
                <Route path=path!("/projects/:id") view=projects::ProjectDetailPage/>
                <Route path=path!("/approvals") view=approvals::ApprovalsPage/>
                <Route path=path!("/approvals/:id") view=approvals::ApprovalDetailPage/>
                <Route path=path!("/requests") view=requests::RequestsPage/>
                <Route path=path!("/requests/new") view=requests::NewRequestPage/>
                <Route path=path!("/requests/:id") view=requests::RequestDetailPage/>
                <Route path=path!("/invoices") view=invoices::InvoicesPage/>
                <Route path=path!("/invoices/:id") view=invoices::InvoicesPage/>
                <Route path=path!("/gallery") view=gallery::GalleryPage/>
                <Route path=path!("/notifications") view=notifications::NotificationsPage/>
                <Route path=path!("/settings") view=settings::SettingsPage/>
                // An unknown address inside the portal keeps the header and navigation.
                <Route path=path!("/*any") view=PortalNotFound/>
            </ParentRoute>
        </AppRouter>
    }
}

#[component]
fn PortalNotFound() -> impl IntoView {
    view! { <NotFoundContent home=links::HOME home_label="Go to your dashboard"/> }
}
