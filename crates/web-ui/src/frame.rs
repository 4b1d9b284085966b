//! The signed-in frame both SPAs share: it loads who is signed in on every navigation (so a
//! revoked account lands on sign-in at its next click, and permission changes show at once), shows
//! a spinner or the load error until then, and then the app's header above the routed page.

use crate::components::{ErrorBanner, Spinner};
use crate::ApiError;
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_location;
use std::future::Future;

/// `load` is called on every route change; `on_load` receives its answer; `redirect` handles an
/// error (returning true when it navigated away, e.g. to sign-in on a 401), otherwise the error is
/// shown in place of the page; `signed_in` says when the header and page may show. The children
/// are the app's header.
#[component]
pub fn SignedInFrame<T, Fut, L, O, R>(
    load: L,
    on_load: O,
    redirect: R,
    #[prop(into)] signed_in: Signal<bool>,
    children: ChildrenFn,
) -> impl IntoView
where
    T: Clone + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
    L: Fn() -> Fut + 'static,
    O: Fn(T) + 'static,
    R: Fn(&ApiError) -> bool + 'static,
{
    let location = use_location();
    let load_error = RwSignal::new(None::<ApiError>);
    // Reading `pathname` inside the fetcher makes every navigation load again.
    let who = LocalResource::new(move || {
        location.pathname.track();
        load()
    });
    Effect::new(move |_| match who.get() {
        Some(Ok(me)) => {
            load_error.set(None);
            on_load(me);
        }
        Some(Err(e)) => load_error.set((!redirect(&e)).then_some(e)),
        None => {}
    });
    view! {
        <a class="skip-link" href="#main">"Skip to main content"</a>
        <Show
            when=move || signed_in.get()
            fallback=move || {
                view! {
                    <main id="main" class="page">
                        <ErrorBanner error=load_error/>
                        <Show when=move || load_error.with(Option::is_none)>
                            <Spinner/>
                        </Show>
                    </main>
                }
            }
        >
            {children()}
            <main id="main" class="page" tabindex="-1">
                <ErrorBanner error=load_error/>
                <Outlet/>
            </main>
        </Show>
    }
}
