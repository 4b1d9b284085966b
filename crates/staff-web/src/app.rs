//! The routes: the sign-in page, and the dashboard pages nested under [`StaffLayout`] (the
//! signed-in gate).

use crate::components::layout::StaffLayout;
use crate::pages::{
    account, api_keys, approval_audit, approval_detail, approval_new, approvals, client_detail,
    clients, invoice_detail, invoices, login, notifications, overview, project_detail, projects,
    request_detail, request_metrics, requests, set_password, settings, stages, team,
};
use crate::{links, state};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::path;
use web_ui::router::AppRouter;

#[component]
pub fn App() -> impl IntoView {
    state::provide();
    web_ui::live::Live::provide();
    // Browser tabs read "Approvals · Lumen Creative · Atrium" once signed in.
    let me = state::use_staff().me;
    web_ui::title::provide_title_suffix(Signal::derive(move || {
        me.with(|m| m.as_ref().map(|m| format!("{} · Atrium", m.org.name)))
            .unwrap_or_else(|| "Atrium".to_owned())
    }));
    view! {
        <AppRouter base=links::BASE home=links::HOME home_label="Back to the overview">
            <Route path=path!("/login") view=login::LoginPage/>
            <Route path=path!("/join") view=|| view! { <set_password::SetPasswordPage reset=false/> }/>
            <Route path=path!("/reset-password") view=|| view! { <set_password::SetPasswordPage reset=true/> }/>
            <Route path=path!("/forgot-password") view=set_password::ForgotPasswordPage/>
            <ParentRoute path=path!("") view=StaffLayout>
                <Route path=path!("") view=overview::OverviewPage/>
                <Route path=path!("/clients") view=clients::ClientsPage/>
                <Route path=path!("/clients/:id") view=client_detail::ClientDetailPage/>
                <Route path=path!("/projects") view=projects::ProjectsPage/>
                <Route path=path!("/projects/:id") view=project_detail::ProjectDetailPage/>
                <Route path=path!("/approvals") view=approvals::ApprovalsPage/>
                <Route path=path!("/approvals/new") view=approval_new::NewApprovalPage/>
                <Route path=path!("/approvals/:id") view=approval_detail::ApprovalDetailPage/>
                <Route path=path!("/approvals/:id/audit") view=approval_audit::ApprovalAuditPage/>
                <Route path=path!("/invoices") view=invoices::InvoicesPage/>
                <Route path=path!("/invoices/:id") view=invoice_detail::InvoiceDetailPage/>
                <Route path=path!("/requests") view=requests::RequestsPage/>
                <Route path=path!("/requests/metrics") view=request_metrics::RequestMetricsPage/>
                <Route path=path!("/requests/:id") view=request_detail::RequestDetailPage/>
                <Route path=path!("/stages") view=stages::StagesPage/>
                <Route path=path!("/api-keys") view=api_keys::ApiKeysPage/>
                <Route path=path!("/team") view=team::TeamPage/>
                <Route path=path!("/settings") view=settings::SettingsPage/>
                <Route path=path!("/account") view=account::AccountPage/>
                <Route path=path!("/notifications") view=notifications::NotificationsPage/>
            </ParentRoute>
        </AppRouter>
    }
}
