//! A destructive action that asks first: the button opens an inline confirmation that says what
//! will be lost, with the confirming button focused and "Cancel" next to it; Escape cancels too.
//! Everything is a plain button, so it works from the keyboard.

use leptos::html;
use leptos::prelude::*;

#[component]
pub fn ConfirmButton(
    /// The button's text ("Revoke access").
    #[prop(into)]
    label: String,
    /// Its accessible name when the text alone is ambiguous ("Delete milestone Brief").
    #[prop(into, optional)]
    aria_label: Option<String>,
    /// What will be lost, in a sentence.
    #[prop(into)]
    question: String,
    /// The confirming button's text ("Yes, revoke access").
    #[prop(into)]
    yes: String,
    /// `data-test-id` of the button; the confirming button gets `{test_id}-confirm`.
    test_id: &'static str,
    #[prop(into, default = "btn btn-danger btn-small".to_owned())] class: String,
    #[prop(into, default = Signal::stored(false))] disabled: Signal<bool>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let yes_button = NodeRef::<html::Button>::new();
    // Focus moves to the confirming button when the question appears.
    Effect::new(move |_| {
        if asking.get() {
            if let Some(button) = yes_button.get() {
                let _ = button.focus();
            }
        }
    });
    let question_label = question.clone();
    let off = crate::form::writes_off();
    view! {
        <button
            type="button"
            class=class
            data-test-id=test_id
            aria-label=aria_label
            aria-expanded=move || asking.get().to_string()
            title=move || off.get()
            disabled=move || disabled.get() || asking.get() || off.with(Option::is_some)
            on:click=move |_| asking.set(true)
        >
            {label}
        </button>
        <Show when=move || asking.get()>
            <div
                class="banner banner-warn confirm"
                role="alertdialog"
                aria-label=question_label.clone()
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        asking.set(false);
                    }
                }
            >
                <p>{question.clone()}</p>
                <div class="actions">
                    <button
                        type="button"
                        class="btn btn-danger btn-small"
                        node_ref=yes_button
                        data-test-id=format!("{test_id}-confirm")
                        on:click=move |_| {
                            asking.set(false);
                            on_confirm.run(());
                        }
                    >
                        {yes.clone()}
                    </button>
                    <button
                        type="button"
                        class="btn btn-secondary btn-small"
                        data-test-id="confirm-cancel"
                        on:click=move |_| asking.set(false)
                    >
                        "Cancel"
                    </button>
                </div>
            </div>
        </Show>
    }
}
