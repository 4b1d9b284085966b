//! A list read a page at a time with the API's keyset cursor: a new query replaces the rows, "Load
//! more" appends the next page.

use crate::action::action;
use crate::ApiError;
use leptos::prelude::*;
use shared_types::Page;
use std::future::Future;

/// One page's answer, and whether it was a "Load more" (append rather than replace).
type Answer<T> = (bool, Result<Page<T>, ApiError>);

/// The rows loaded so far and where the list stands. `Q` is what selects the rows (a search, a
/// filter); [`Paged::load`] starts over with one, [`Paged::more`] fetches the next page of it.
pub struct Paged<T: 'static, Q: 'static> {
    pub items: RwSignal<Vec<T>>,
    /// The cursor of the next page; `None` on the last one.
    pub next: RwSignal<Option<String>>,
    /// False until the first page has arrived.
    pub loaded: RwSignal<bool>,
    /// The last failure (a 401 goes to sign-in instead and is not kept).
    pub error: RwSignal<Option<ApiError>>,
    query: StoredValue<Option<Q>>,
    fetch: Action<(Q, Option<String>), Answer<T>>,
}

impl<T, Q> Clone for Paged<T, Q> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, Q> Copy for Paged<T, Q> {}

impl<T, Q> Paged<T, Q>
where
    T: Clone + Send + Sync + 'static,
    Q: Clone + Send + Sync + 'static,
{
    /// `fetch(query, cursor)` reads one page; `redirect` sees every error first.
    pub fn new<Fut>(
        fetch: impl Fn(Q, Option<String>) -> Fut + 'static,
        redirect: impl Fn(&ApiError) -> bool + 'static,
    ) -> Self
    where
        Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
    {
        let items = RwSignal::new(Vec::new());
        let next = RwSignal::new(None);
        let loaded = RwSignal::new(false);
        let error = RwSignal::new(None);
        let fetch = action(
            move |(query, cursor): &(Q, Option<String>)| {
                let appending = cursor.is_some();
                let request = fetch(query.clone(), cursor.clone());
                async move { (appending, request.await) }
            },
            move |(appending, result): Answer<T>| match result {
                Ok(page) => {
                    if appending {
                        items.update(|l| l.extend(page.items));
                    } else {
                        items.set(page.items);
                    }
                    next.set(page.next_cursor);
                    error.set(None);
                    loaded.set(true);
                }
                Err(e) => error.set((!redirect(&e)).then_some(e)),
            },
        );
        Self {
            items,
            next,
            loaded,
            error,
            query: StoredValue::new(None),
            fetch,
        }
    }

    /// Read the first page for `query`, replacing the rows.
    pub fn load(&self, query: Q) {
        self.query.set_value(Some(query.clone()));
        self.fetch.dispatch((query, None));
    }

    /// Read the next page of the last query, appending its rows.
    pub fn more(&self) {
        if let (Some(query), Some(cursor)) = (self.query.get_value(), self.next.get_untracked()) {
            self.fetch.dispatch((query, Some(cursor)));
        }
    }

    /// True while a page is on its way.
    pub fn pending(&self) -> bool {
        self.fetch.pending().get()
    }
}

/// The "Load more" button, shown while the list has another page.
#[component]
pub fn LoadMore<T, Q>(
    list: Paged<T, Q>,
    test_id: &'static str,
    #[prop(default = "Load more")] label: &'static str,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Q: Clone + Send + Sync + 'static,
{
    view! {
        <Show when=move || list.next.with(Option::is_some)>
            <div class="actions">
                <button
                    type="button"
                    class="btn btn-secondary"
                    data-test-id=test_id
                    disabled=move || list.pending()
                    on:click=move |_| list.more()
                >
                    {move || if list.pending() { "Loading…" } else { label }}
                </button>
            </div>
        </Show>
    }
}
