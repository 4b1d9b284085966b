//! The page for addresses that match no route.

use crate::state::HOME;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main id="main" class="page">
            <h1 data-test-id="page-title">"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <p>
                <a href=HOME data-test-id="not-found-home">"Back to clients"</a>
            </p>
        </main>
    }
}
