//! The layout shell both SPAs share: the main navigation, the signed-in user's name with "Sign
//! out", the frame of the signed-out pages, and the page for addresses that match no route.

use crate::action::action;
use crate::nav::go;
use crate::title::PageTitle;
use crate::ApiError;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use std::future::Future;

/// One entry of the main navigation.
#[derive(Clone, Copy)]
pub struct NavItem {
    /// `data-test-id` is `nav-{id}`.
    pub id: &'static str,
    /// A full path.
    pub href: &'static str,
    pub label: &'static str,
    /// For an entry the router's own matching gets wrong (the app's home, whose canonical address
    /// ends in a slash, or one that covers several routes): which paths it is current on. The
    /// entry is then a plain link that still goes through the router.
    pub current: Option<fn(&str) -> bool>,
    /// A count shown beside the label when above zero (unread notifications).
    pub badge: Option<Signal<i64>>,
}

impl NavItem {
    pub const fn new(id: &'static str, href: &'static str, label: &'static str) -> Self {
        Self {
            id,
            href,
            label,
            current: None,
            badge: None,
        }
    }

    /// The same entry with a count beside its label.
    pub fn with_badge(self, badge: Signal<i64>) -> Self {
        Self {
            badge: Some(badge),
            ..self
        }
    }

    /// The same entry, current on the paths `current` accepts.
    pub const fn current_on(self, current: fn(&str) -> bool) -> Self {
        Self {
            current: Some(current),
            ..self
        }
    }
}

/// The main navigation: a list of links, the current one marked with `aria-current="page"`;
/// behind a "Menu" button on narrow screens.
#[component]
pub fn MainNav(#[prop(into)] items: Signal<Vec<NavItem>>) -> impl IntoView {
    let location = use_location();
    let links = move || {
        items
            .get()
            .into_iter()
            .map(|item| {
                let test_id = format!("nav-{}", item.id);
                let badge = item.badge.map(|count| {
                    let id = format!("nav-{}-badge", item.id);
                    move || {
                        let n = count.get();
                        (n > 0).then(|| {
                            view! {
                                <span class="nav-badge" data-test-id=id.clone()>
                                    {n.min(99).to_string()}
                                    <span class="visually-hidden">" unread"</span>
                                </span>
                            }
                        })
                    }
                });
                match item.current {
                    Some(current) => view! {
                        <li>
                            <a
                                href=item.href
                                data-test-id=test_id
                                aria-current=move || {
                                    location.pathname.with(|p| current(p)).then_some("page")
                                }
                            >
                                {item.label}
                                {badge}
                            </a>
                        </li>
                    }
                    .into_any(),
                    None => view! {
                        <li>
                            <A href=item.href attr:data-test-id=test_id>
                                {item.label}
                                {badge}
                            </A>
                        </li>
                    }
                    .into_any(),
                }
            })
            .collect_view()
    };
    // On a phone the list folds behind a "Menu" button (the stylesheet hides the button on
    // wider screens); choosing a page folds it again.
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    view! {
        <nav class="app-nav" class:open=move || open.get() aria-label="Main">
            <button
                type="button"
                class="nav-toggle btn btn-secondary btn-small"
                aria-expanded=move || open.get().to_string()
                aria-controls="main-nav-list"
                data-test-id="nav-toggle"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Menu"
            </button>
            <ul id="main-nav-list">{links}</ul>
        </nav>
    }
}

/// Who is signed in (`who`) and the "Sign out" button. Whatever `logout` answers (even 401:
/// already signed out), the user is signed out here: `me` is cleared and the app goes to `login`.
#[component]
pub fn AccountMenu<T, L, Fut>(
    #[prop(into)] who: Signal<Option<String>>,
    logout: L,
    me: RwSignal<Option<T>>,
    login: &'static str,
    /// Where the signed-in name links to (one's own account page), if anywhere.
    #[prop(optional)]
    account: Option<&'static str>,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    L: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<(), ApiError>> + 'static,
{
    let navigate = use_navigate();
    let sign_out = action(
        move |_: &()| logout(),
        move |_| {
            me.set(None);
            go(&navigate, login, true);
        },
    );
    view! {
        <div class="account">
            {match account {
                Some(href) => view! { <a class="who" href=href data-test-id="signed-in-as">{move || who.get()}</a> }.into_any(),
                None => view! { <span class="who" data-test-id="signed-in-as">{move || who.get()}</span> }.into_any(),
            }}
            <button
                type="button"
                class="btn btn-secondary btn-small"
                data-test-id="sign-out"
                disabled=move || sign_out.pending().get()
                on:click=move |_| {
                    sign_out.dispatch(());
                }
            >
                "Sign out"
            </button>
        </div>
    }
}

/// The frame of the pages shown signed out (sign-in, invitation, not found): a skip link, the
/// `header` when given, and the page in a centred card.
#[component]
pub fn PublicPage(
    #[prop(optional, into)] header: Option<ViewFn>,
    children: Children,
) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Skip to main content"</a>
        {header.map(|h| view! { <header class="public-header">{h.run()}</header> })}
        <main id="main" class="public-main" tabindex="-1">
            <div class="card">{children()}</div>
        </main>
    }
}

/// The page for addresses that match no route, with a link to the app's home page.
#[component]
pub fn NotFound(home: &'static str, home_label: &'static str) -> impl IntoView {
    view! {
        <PublicPage>
            <NotFoundContent home=home home_label=home_label/>
        </PublicPage>
    }
}

/// What the not-found page says, for a frame of the caller's (the portal's signed-in layout
/// keeps its header and navigation around it).
#[component]
pub fn NotFoundContent(home: &'static str, home_label: &'static str) -> impl IntoView {
    view! {
        <PageTitle text="Page not found"/>
        <p>"There is nothing at this address."</p>
        <p>
            <a href=home data-test-id="not-found-home">
                {home_label}
            </a>
        </p>
    }
}
