//! The page for addresses that match no route.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main id="main" class="page">
            <h1 data-test-id="page-title">"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <p>
                <A href="/" attr:data-test-id="not-found-home">"Back to clients"</A>
            </p>
        </main>
    }
}
