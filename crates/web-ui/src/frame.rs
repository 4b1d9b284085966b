//! The signed-in frame both SPAs share: it loads who is signed in on every navigation (so a
//! revoked account lands on sign-in at its next click, and permission changes show at once), shows
//! a spinner or the load error until then, and then the app's header above the routed page.

use crate::components::{ErrorBanner, Spinner};
use crate::nav::auth_redirect;
use crate::ApiError;
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_location;
use std::future::Future;

/// The signed-in gate: `load` (who is signed in) is called on every route change and its answer
/// stored in `me` (or handed to `on_load`, which then stores it); a 401 clears `me` and goes to
/// `login`, another error is shown in place of the page. The header (the children) and the page
/// show once `me` holds someone.
#[component]
pub fn SignedInFrame<T, Fut, L>(
    load: L,
    me: RwSignal<Option<T>>,
    login: &'static str,
    #[prop(optional)] on_load: Option<Callback<T>>,
    children: ChildrenFn,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
    L: Fn() -> Fut + 'static,
{
    let redirect = auth_redirect(me, login);
    let location = use_location();
    let load_error = RwSignal::new(None::<ApiError>);
    // Reading `pathname` inside the fetcher makes every navigation load again.
    let who = LocalResource::new(move || {
        location.pathname.track();
        load()
    });
    Effect::new(move |_| match who.get() {
        Some(Ok(answer)) => {
            load_error.set(None);
            match on_load {
                Some(on_load) => on_load.run(answer),
                None => me.set(Some(answer)),
            }
        }
        Some(Err(e)) => load_error.set((!redirect(&e)).then_some(e)),
        None => {}
    });
    view! {
        <a class="skip-link" href="#main">"Skip to main content"</a>
        <Show
            when=move || me.with(Option::is_some)
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
