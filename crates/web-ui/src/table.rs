//! The table shell both SPAs use for lists: a scrolling wrapper, an optional caption for screen
//! readers, and a header row of column headings.

use leptos::prelude::*;

/// A table with `columns` as its headings; `actions` adds a last column for row buttons whose
/// heading only screen readers hear. The children are the body (`<tbody>`, one or several).
#[component]
pub fn DataTable(
    /// `data-test-id` of the `<table>`.
    test_id: &'static str,
    columns: &'static [&'static str],
    /// A caption only screen readers hear.
    #[prop(optional)]
    caption: Option<&'static str>,
    #[prop(optional)] actions: bool,
    children: Children,
) -> impl IntoView {
    let headings = columns
        .iter()
        .map(|c| view! { <th scope="col">{*c}</th> })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table data-test-id=test_id>
                {caption.map(|c| view! { <caption class="visually-hidden">{c}</caption> })}
                <thead>
                    <tr>
                        {headings}
                        {actions
                            .then(|| {
                                view! {
                                    <th scope="col">
                                        <span class="visually-hidden">"Actions"</span>
                                    </th>
                                }
                            })}
                    </tr>
                </thead>
                {children()}
            </table>
        </div>
    }
}
