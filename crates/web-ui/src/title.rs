//! The page's title: its `<h1>`, the browser tab's `document.title` ("Approvals · Northwind
//! Studio"), and where keyboard focus goes after a navigation.
//!
//! After the app moves to another page (a link, a sign-in, a redirect), focus moves to the new
//! page's heading, so a screen reader announces the page and the next Tab starts from it rather
//! than from `<body>` or a link that is gone. The first page of a load keeps the browser's own
//! start, and a heading drawn again on the same page (its data reloaded) never steals focus.

use leptos::html;
use leptos::prelude::*;
use std::cell::RefCell;

/// What follows the page's name in `document.title`: the agency's name in the portal, the
/// product's in the staff app. Provided once by each app with [`provide_title_suffix`].
#[derive(Clone, Copy)]
struct TitleSuffix(Signal<String>);

pub fn provide_title_suffix(suffix: Signal<String>) {
    provide_context(TitleSuffix(suffix));
}

/// `document.title` for a page: "Approvals · Northwind Studio".
pub fn document_title(page: &str, suffix: &str) -> String {
    match (page.trim(), suffix.trim()) {
        ("", s) => s.to_owned(),
        (p, "") => p.to_owned(),
        (p, s) => format!("{p} · {s}"),
    }
}

thread_local! {
    /// The path whose heading last took focus; `None` before the first page.
    static FOCUSED_PATH: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

/// Whether a heading mounting on `path` should take focus: not on the first page of a load,
/// not again on the same page.
fn focus_due(path: &str) -> bool {
    FOCUSED_PATH.with(|last| {
        let mut last = last.borrow_mut();
        let due = last.as_deref().is_some_and(|l| l != path);
        *last = Some(path.to_owned());
        due
    })
}

/// The page's `<h1>` (`data-test-id="page-title"`), which also names the browser tab (as `tab`
/// when the heading is not a page name, "Welcome, Ana" on the dashboard) and takes focus after
/// a navigation.
#[component]
pub fn PageTitle(
    #[prop(into)] text: Signal<String>,
    #[prop(optional)] tab: Option<&'static str>,
) -> impl IntoView {
    let suffix = use_context::<TitleSuffix>().map(|s| s.0);
    Effect::new(move |_| {
        let page = tab.map_or_else(|| text.get(), str::to_owned);
        let title = document_title(&page, &suffix.map(|s| s.get()).unwrap_or_default());
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&title);
        }
    });
    let heading = NodeRef::<html::H1>::new();
    heading.on_load(|h1| {
        if focus_due(&current_path()) {
            // After mount, so the heading is in the document when it is focused.
            request_animation_frame(move || {
                let _ = h1.focus();
            });
        }
    });
    view! {
        <h1 data-test-id="page-title" tabindex="-1" node_ref=heading>
            {move || text.get()}
        </h1>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tab_is_named_page_first_then_suffix() {
        assert_eq!(
            document_title("Approvals", "Northwind Studio"),
            "Approvals · Northwind Studio"
        );
        assert_eq!(document_title("", "Northwind Studio"), "Northwind Studio");
        assert_eq!(document_title("Approvals", " "), "Approvals");
    }

    #[test]
    fn focus_moves_only_when_the_page_changes() {
        assert!(
            !focus_due("/portal/"),
            "the first page keeps the browser's start"
        );
        assert!(
            !focus_due("/portal/"),
            "a heading drawn again does not steal focus"
        );
        assert!(focus_due("/portal/approvals"), "a new page takes focus");
        assert!(!focus_due("/portal/approvals"));
        assert!(focus_due("/portal/"));
    }
}
