//! The router both SPAs use: the app's routes under the address the server serves it at, and
//! the shared [`NotFound`] page for an address no route matches.

use crate::shell::NotFound;
use leptos::children::ToChildren;
use leptos::prelude::*;
use leptos_router::components::{RouteChildren, Router, RouterProps, Routes, RoutesProps};
use leptos_router::MatchNestedRoutes;

/// Routes the children (`<Route>`s and `<ParentRoute>`s, paths relative to `base`).
#[component]
pub fn AppRouter<Defs>(
    /// Where the server serves the app: `/portal`, `/staff`.
    base: &'static str,
    /// The home page's full path, linked from the not-found page with `home_label`.
    home: &'static str,
    home_label: &'static str,
    children: RouteChildren<Defs>,
) -> impl IntoView
where
    Defs: MatchNestedRoutes + Clone + Send + 'static,
{
    // Built without `view!`, which would take the route definitions for a view. `<Routes>` is
    // made lazily, inside the router it needs.
    let routes = move || {
        Routes(
            RoutesProps::builder()
                .fallback(move || view! { <NotFound home=home home_label=home_label/> })
                .children(children)
                .build(),
        )
    };
    Router(
        RouterProps::builder()
            .base(base)
            .children(ToChildren::to_children(routes))
            .build(),
    )
}
