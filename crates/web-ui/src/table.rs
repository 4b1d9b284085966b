//! The table shell both SPAs use for lists: a wrapper, an optional caption for screen readers,
//! and a header row of column headings. Under 40rem (a phone) the stylesheet turns each row into
//! a stacked card; every cell then shows its column's heading, which this component copies into
//! the cell's `data-label` whenever rows are added.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Labels every body cell with its column's heading (`data-label`). A cell spanning several
/// columns (a row's expanded details) gets an empty label and the whole width.
fn label_cells(table: &web_sys::Element, columns: &[&str]) {
    let Ok(rows) = table.query_selector_all(":scope > tbody > tr") else {
        return;
    };
    for i in 0..rows.length() {
        let Some(row) = rows
            .item(i)
            .and_then(|r| r.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let cells = row.children();
        for c in 0..cells.length() {
            let Some(cell) = cells.item(c) else { continue };
            let spans = cell.get_attribute("colspan").is_some_and(|n| n != "1");
            let label = if spans {
                ""
            } else {
                usize::try_from(c)
                    .ok()
                    .and_then(|c| columns.get(c))
                    .copied()
                    .unwrap_or("")
            };
            if cell.get_attribute("data-label").as_deref() != Some(label) {
                let _ = cell.set_attribute("data-label", label);
            }
        }
    }
}

/// Keeps the cells of `table` labelled as rows come and go.
fn keep_cells_labelled(table: web_sys::Element, columns: &'static [&'static str]) {
    label_cells(&table, columns);
    let target = table.clone();
    let relabel = Closure::<dyn FnMut()>::new(move || label_cells(&target, columns));
    let Ok(observer) = web_sys::MutationObserver::new(relabel.as_ref().unchecked_ref()) else {
        return;
    };
    let options = web_sys::MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    if observer.observe_with_options(&table, &options).is_err() {
        return;
    }
    // The closure must outlive every call the observer makes: both go when the table does.
    let kept = StoredValue::new_local(Some((observer, relabel)));
    on_cleanup(move || {
        kept.try_update_value(|kept| {
            if let Some((observer, _)) = kept.take() {
                observer.disconnect();
            }
        });
    });
}

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
    let table = NodeRef::<html::Table>::new();
    table.on_load(move |t| keep_cells_labelled(t.into(), columns));
    view! {
        <div class="table-wrap">
            <table data-test-id=test_id node_ref=table>
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
