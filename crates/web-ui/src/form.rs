//! What the apps' forms share: the panel a form sits in, field errors found in the browser or
//! sent back by the server, and the submit button that says when it is busy.

use crate::components::{ErrorBanner, Toast};
use crate::ApiError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// A form's field errors: the ones the browser found before sending, else the server's for the
/// same field (its `fields` map), so each input shows one message.
#[derive(Clone, Copy)]
pub struct FieldErrors {
    local: RwSignal<Vec<(&'static str, String)>>,
    server: Signal<Option<ApiError>>,
}

impl FieldErrors {
    /// `server` holds the form's last API error.
    pub fn new(server: impl Into<Signal<Option<ApiError>>>) -> Self {
        Self {
            local: RwSignal::new(Vec::new()),
            server: server.into(),
        }
    }

    /// Record the browser's findings as `(field, message)`; true when there are none (send).
    pub fn check(&self, problems: Vec<(&'static str, String)>) -> bool {
        let ok = problems.is_empty();
        self.local.set(problems);
        ok
    }

    /// Forget the browser's findings.
    pub fn clear(&self) {
        self.local.set(Vec::new());
    }

    /// The message to show under the input named `name`, if any.
    pub fn field(&self, name: &'static str) -> Signal<Option<String>> {
        let (local, server) = (self.local, self.server);
        Signal::derive(move || {
            local
                .with(|l| l.iter().find(|(f, _)| *f == name).map(|(_, m)| m.clone()))
                .or_else(|| server.with(|e| e.as_ref().and_then(|e| e.field(name))))
        })
    }

    /// The server's error when no field shows it (for a banner above the form), else `None`.
    pub fn general(&self, fields: &'static [&'static str]) -> Signal<Option<ApiError>> {
        let server = self.server;
        Signal::derive(move || {
            server
                .get()
                .filter(|e| fields.iter().all(|f| e.field(f).is_none()))
        })
    }
}

/// Why this page's changes are off, if they are (a staff member previewing the portal as a
/// contact). The app's layout provides it; `SubmitButton` and `ConfirmButton` then render
/// disabled with the reason as their title, instead of failing when clicked.
#[derive(Clone, Copy)]
pub struct WritesOff(pub Signal<Option<String>>);

/// The reason changes are off here, if any (`WritesOff`; none when no layout provides it).
pub fn writes_off() -> Signal<Option<String>> {
    use_context::<WritesOff>()
        .map(|w| w.0)
        .unwrap_or_else(|| Signal::stored(None))
}

/// A form's submit button, disabled while `pending` (the action is on its way, or the form is not
/// ready) and then saying `busy_label` when given; off, with the reason, where `WritesOff` says
/// so.
#[component]
pub fn SubmitButton(
    label: &'static str,
    #[prop(optional)] busy_label: Option<&'static str>,
    #[prop(into)] pending: Signal<bool>,
    test_id: &'static str,
    #[prop(default = "btn btn-primary")] class: &'static str,
) -> impl IntoView {
    let off = writes_off();
    view! {
        <button type="submit" class=class data-test-id=test_id
            disabled=move || pending.get() || off.with(Option::is_some) title=move || off.get()>
            {move || match busy_label {
                Some(busy) if pending.get() => busy,
                _ => label,
            }}
        </button>
    }
}

/// A panel holding one form: its heading (`{id}-heading`, which names the panel), then the form
/// with the error banner, the success notice when the form has one, and the fields (children).
/// The browser's own validation is off (`novalidate`): the form checks its fields itself.
#[component]
pub fn FormPanel<S>(
    id: &'static str,
    heading: &'static str,
    #[prop(optional)] test_id: Option<&'static str>,
    #[prop(into)] error: Signal<Option<ApiError>>,
    #[prop(optional, into)] notice: Option<Signal<Option<String>>>,
    on_submit: S,
    children: Children,
) -> impl IntoView
where
    S: FnMut(SubmitEvent) + 'static,
{
    view! {
        <section class="panel" aria-labelledby=format!("{id}-heading") data-test-id=test_id>
            <h2 id=format!("{id}-heading")>{heading}</h2>
            <form class="form" on:submit=on_submit novalidate>
                <ErrorBanner error=error/>
                {notice.map(|n| view! { <Toast message=n/> })}
                {children()}
            </form>
        </section>
    }
}
