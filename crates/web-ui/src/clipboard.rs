//! A "Copy" button for text the user must take elsewhere (a new API key's secret).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Puts `text` on the clipboard (`navigator.clipboard.writeText`, reached through `Reflect` so
/// no unstable web-sys API is needed). Fails where the browser has no clipboard or refuses.
async fn write_clipboard(text: &str) -> Result<(), JsValue> {
    let navigator = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))?;
    let write: js_sys::Function =
        js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))?.dyn_into()?;
    let promise: js_sys::Promise = write
        .call1(&clipboard, &JsValue::from_str(text))?
        .dyn_into()?;
    JsFuture::from(promise).await.map(|_| ())
}

#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Not,
    Yes,
    Failed,
}

/// A button that copies `text`, then says whether it worked (in a live region, so screen
/// readers hear it too); when the browser refuses, it says how to copy by hand.
#[component]
pub fn CopyButton(
    text: String,
    /// What is copied, for screen readers: "Copy the secret key".
    aria_label: &'static str,
    test_id: &'static str,
) -> impl IntoView {
    let state = RwSignal::new(Copied::Not);
    let text = StoredValue::new(text);
    let copy = move |_| {
        let value = text.get_value();
        leptos::task::spawn_local(async move {
            let answer = write_clipboard(&value).await;
            state.set(if answer.is_ok() {
                Copied::Yes
            } else {
                Copied::Failed
            });
        });
    };
    view! {
        <button
            type="button"
            class="btn btn-secondary btn-small"
            aria-label=aria_label
            data-test-id=test_id
            on:click=copy
        >
            "Copy"
        </button>
        <span role="status" class="copy-status" data-test-id=format!("{test_id}-status")>
            {move || match state.get() {
                Copied::Not => "",
                Copied::Yes => "Copied to the clipboard.",
                Copied::Failed => "This browser did not allow copying: select the text and press Ctrl+C (⌘C on a Mac).",
            }}
        </span>
    }
}
