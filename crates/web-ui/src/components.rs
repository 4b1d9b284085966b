//! Small presentational components used by both SPAs: form fields (input, select, text area,
//! checkbox), banners, badges, spinner, empty state. They take signals and render accessible
//! markup (labels bound with `for`, `role="alert"`/`role="status"` live regions, text badges).

use crate::error::ApiError;
use leptos::prelude::*;

/// `error` while `value` still holds what was refused: once the user edits the field, its
/// message (and red border) goes, and comes back only if the form refuses it again.
pub fn until_edited(
    error: Signal<Option<String>>,
    value: RwSignal<String>,
) -> Signal<Option<String>> {
    // The value at the moment the error appeared (or was given again).
    let refused = Memo::new(move |_| error.with(Option::is_some).then(|| value.get_untracked()));
    Signal::derive(move || {
        let message = error.get()?;
        refused
            .with(|r| value.with(|v| r.as_deref() == Some(v.as_str())))
            .then_some(message)
    })
}

/// A labelled text input bound to `value`, with an optional hint and a field error underneath.
/// `id` doubles as the DOM id the label points at; `test_id` lands on the `<input>`.
#[component]
pub fn Field(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(into, default = "text".to_owned())] input_type: String,
    #[prop(into, optional)] autocomplete: Option<String>,
    #[prop(into, optional)] hint: Option<String>,
    #[prop(into, optional)] error: Signal<Option<String>>,
    #[prop(optional)] required: bool,
    #[prop(optional)] readonly: bool,
    #[prop(into, optional)] test_id: Option<String>,
) -> impl IntoView {
    let error = until_edited(error, value);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    let described_by = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input
                id=id
                type=input_type
                autocomplete=autocomplete
                required=required
                readonly=readonly
                data-test-id=test_id
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
                bind:value=value
            />
            <FieldError id=error_id error=error/>
        </div>
    }
}

/// A field's error message under it while `error` holds one; `id` is what the input's
/// `aria-describedby` names.
#[component]
pub fn FieldError(id: String, error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error
            .get()
            .map(|m| view! { <p class="field-error" id=id.clone()>{m}</p> })
    }
}

/// `aria-describedby` for a control whose only description is its error.
fn described_by(error_id: &str, error: Signal<Option<String>>) -> impl Fn() -> Option<String> {
    let error_id = error_id.to_owned();
    move || error.get().is_some().then(|| error_id.clone())
}

/// A labelled `<select>` over `(value, label)` options, bound to `value`.
#[component]
pub fn SelectField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into, optional)] error: Signal<Option<String>>,
    #[prop(into, optional)] test_id: Option<String>,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let error = until_edited(error, value);
    let error_id = format!("{id}-error");
    let opts = move || {
        let current = value.get();
        options
            .get()
            .into_iter()
            .map(|(v, l)| {
                let selected = v == current;
                view! { <option value=v selected=selected>{l}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                data-test-id=test_id
                disabled=move || disabled.get()
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by(&error_id, error)
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {opts}
            </select>
            <FieldError id=error_id error=error/>
        </div>
    }
}

/// A labelled `<textarea>` bound to `value`. The label may change (`TextProp` takes a closure).
#[component]
pub fn TextAreaField(
    #[prop(into)] id: String,
    #[prop(into)] label: TextProp,
    value: RwSignal<String>,
    #[prop(into, optional)] error: Signal<Option<String>>,
    #[prop(into, optional)] test_id: Option<String>,
    #[prop(default = 3)] rows: u32,
    /// For a caller that moves the focus into the box.
    #[prop(optional)]
    node_ref: NodeRef<leptos::html::Textarea>,
) -> impl IntoView {
    let error = until_edited(error, value);
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id.clone()>{move || label.get()}</label>
            <textarea
                id=id
                node_ref=node_ref
                rows=rows
                data-test-id=test_id
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by(&error_id, error)
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <FieldError id=error_id error=error/>
        </div>
    }
}

/// A labelled checkbox bound to `checked`.
#[component]
pub fn CheckboxField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    checked: RwSignal<bool>,
    #[prop(into, optional)] test_id: Option<String>,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="field field-check">
            <input
                type="checkbox"
                id=id.clone()
                data-test-id=test_id
                disabled=move || disabled.get()
                bind:checked=checked
            />
            <label for=id>{label}</label>
        </div>
    }
}

/// Shows the error's message in an alert region while `error` holds one.
#[component]
pub fn ErrorBanner(#[prop(into)] error: Signal<Option<ApiError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! {
                <div class="banner banner-error" role="alert" data-test-id="error-banner">
                    {e.message()}
                </div>
            }
        })
    }
}

/// A polite status message (success notices, "link sent"), shown while `message` holds one.
#[component]
pub fn Toast(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div class="toast-region" role="status" aria-live="polite">
            {move || {
                message
                    .get()
                    .map(|m| {
                        view! {
                            <p class="banner banner-ok" data-test-id="toast">
                                {m}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// Tones a [`Badge`] can take; each maps to a CSS class with contrast-checked colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Neutral,
    Good,
    Warn,
    Bad,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Neutral => "badge badge-neutral",
            Tone::Good => "badge badge-good",
            Tone::Warn => "badge badge-warn",
            Tone::Bad => "badge badge-bad",
        }
    }
}

/// A status pill that always carries its meaning as text, never colour alone.
#[component]
pub fn Badge(
    #[prop(into)] text: String,
    #[prop(optional)] tone: Option<Tone>,
    #[prop(into, optional)] test_id: Option<String>,
) -> impl IntoView {
    view! {
        <span class=tone.unwrap_or(Tone::Neutral).class() data-test-id=test_id>
            {text}
        </span>
    }
}

/// A loading indicator announced to screen readers.
#[component]
pub fn Spinner(#[prop(into, default = "Loading…".to_owned())] label: String) -> impl IntoView {
    view! {
        <div class="spinner-wrap" role="status" data-test-id="loading">
            <span class="spinner" aria-hidden="true"></span>
            <span class="visually-hidden">{label}</span>
        </div>
    }
}

/// The friendly placeholder for a list with nothing in it yet.
#[component]
pub fn EmptyState(
    #[prop(into)] title: String,
    #[prop(into)] body: String,
    #[prop(into, optional)] test_id: Option<String>,
) -> impl IntoView {
    view! {
        <section class="empty" data-test-id=test_id.unwrap_or_else(|| "empty-state".to_owned())>
            <h2>{title}</h2>
            <p>{body}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::until_edited;
    use leptos::prelude::*;

    #[test]
    fn a_field_error_goes_once_the_field_is_edited() {
        let owner = Owner::new();
        owner.set();
        let value = RwSignal::new(String::new());
        let error = RwSignal::new(None::<String>);
        let shown = until_edited(error.into(), value);
        assert_eq!(shown.get_untracked(), None);
        error.set(Some("Enter a title.".to_owned()));
        assert_eq!(shown.get_untracked().as_deref(), Some("Enter a title."));
        value.set("Poster".to_owned());
        assert_eq!(shown.get_untracked(), None, "edited: the message goes");
        // Refused again with the new value: shown again.
        error.set(Some("Too long.".to_owned()));
        assert_eq!(shown.get_untracked().as_deref(), Some("Too long."));
    }
}
