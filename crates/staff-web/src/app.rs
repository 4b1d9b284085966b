//! The router: the sign-in page, and the dashboard pages nested under [`StaffLayout`].

use crate::components::layout::StaffLayout;
use crate::pages::{
    api_keys, approval_audit, approval_detail, approval_new, approvals, client_detail, clients,
    login, not_found, project_detail, projects, stages,
};
use crate::state;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    state::provide();
    view! {
        <Router base="/staff">
            <Routes fallback=not_found::NotFound>
                <Route path=path!("/login") view=login::LoginPage/>
                <ParentRoute path=path!("") view=StaffLayout>
                    <Route path=path!("") view=clients::ClientsPage/>
                    <Route path=path!("/clients/:id") view=client_detail::ClientDetailPage/>
                    <Route path=path!("/projects") view=projects::ProjectsPage/>
                    <Route path=path!("/projects/:id") view=project_detail::ProjectDetailPage/>
                    <Route path=path!("/approvals") view=approvals::ApprovalsPage/>
                    <Route path=path!("/approvals/new") view=approval_new::NewApprovalPage/>
                    <Route path=path!("/approvals/:id") view=approval_detail::ApprovalDetailPage/>
                    <Route path=path!("/approvals/:id/audit") view=approval_audit::ApprovalAuditPage/>
                    <Route path=path!("/stages") view=stages::StagesPage/>
                    <Route path=path!("/api-keys") view=api_keys::ApiKeysPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
