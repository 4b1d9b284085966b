//! The router: the sign-in page, and the dashboard pages nested under [`StaffLayout`].

use crate::components::layout::StaffLayout;
use crate::pages::{api_keys, client_detail, clients, login, not_found};
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
                    <Route path=path!("/api-keys") view=api_keys::ApiKeysPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
