//! The token an emailed link (sign-in link, invitation) carries in its URL fragment, which never
//! reaches a server.

/// Read `token` from `#token=…` in the current URL.
pub fn token_from_hash() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Drop the fragment from the address bar (and history) so the token is not left lying around.
pub fn clear_hash() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        // Failing to rewrite the address only leaves an already-used token visible.
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}
