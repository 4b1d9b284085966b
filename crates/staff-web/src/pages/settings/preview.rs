//! The live preview beside the branding form: the portal's sign-in card and browser tab.

use leptos::prelude::*;
use shared_types::branding::{accent_check, BrandingSettings};
use web_ui::theme::text_on;

/// The portal's sign-in card and tab as clients will see them, following the form as it is
/// typed (the accent as the contrast guard will save it).
#[component]
pub(super) fn LivePreview(
    saved: RwSignal<BrandingSettings>,
    name: RwSignal<String>,
    accent: RwSignal<String>,
    title: RwSignal<String>,
) -> impl IntoView {
    let applied = move || {
        accent_check(&accent.get())
            .map(|c| c.applied)
            .unwrap_or_else(|_| saved.with(|s| s.accent_color.clone()))
    };
    let tab = move || {
        let t = title.get();
        if t.trim().is_empty() {
            name.get()
        } else {
            t
        }
    };
    let button_style = move || {
        let a = applied();
        format!("background:{a};color:{};border-color:{a}", text_on(&a))
    };
    view! {
        <aside class="panel brand-preview" aria-label="Live preview of the portal" data-test-id="branding-preview">
            <h2>"Preview"</h2>
            <div class="preview-tab">
                {move || saved.with(|s| s.favicon_url.clone()).map(|src| view! { <img src=src alt="" width="16" height="16"/> })}
                <span data-test-id="branding-preview-tab">{move || format!("Sign in · {}", tab())}</span>
            </div>
            <div class="preview-card" style=move || format!("border-top:4px solid {}", applied())>
                {move || match saved.with(|s| s.logo_url.clone()) {
                    Some(src) => view! { <img class="preview-logo" src=src alt=""/> }.into_any(),
                    None => view! { <strong style=move || format!("color:{}", applied())>{move || name.get()}</strong> }.into_any(),
                }}
                <p class="preview-heading">{move || format!("Sign in to {}", name.get())}</p>
                <div class="preview-input">"you@client.com"</div>
                <span class="preview-button" style=button_style data-test-id="branding-preview-button">"Email me a sign-in link"</span>
                <span class="preview-link" style=move || format!("color:{}", applied())>"Use a password instead"</span>
            </div>
        </aside>
    }
}
