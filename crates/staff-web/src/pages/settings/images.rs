//! The logo and the favicon, each with its current image, an upload button and a remove button.

use crate::api;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::branding::BrandingSettings;
use wasm_bindgen::JsCast;
use web_ui::components::ErrorBanner;
use web_ui::confirm::ConfirmButton;
use web_ui::ApiError;

/// The logo and the favicon: upload (drawn again by Atrium as a PNG) or remove (asked first).
#[component]
pub(super) fn Images(
    saved: RwSignal<BrandingSettings>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="images-heading">
            <h2 id="images-heading">"Logo and favicon"</h2>
            <p class="muted">"PNG, JPEG or SVG, up to 2 MB. Atrium redraws each as a PNG (an SVG's scripts never run). The logo fits 512×512; the favicon is 64×64."</p>
            <ImageSlot asset="logo" label="Logo" saved=saved notice=notice/>
            <ImageSlot asset="favicon" label="Favicon" saved=saved notice=notice/>
        </section>
    }
}

#[component]
fn ImageSlot(
    asset: &'static str,
    label: &'static str,
    saved: RwSignal<BrandingSettings>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let current = move || {
        saved.with(|s| {
            if asset == "logo" {
                s.logo_url.clone()
            } else {
                s.favicon_url.clone()
            }
        })
    };
    let finish = {
        let redirect = redirect.clone();
        move |answer: Result<BrandingSettings, ApiError>, done: &'static str| {
            pending.set(false);
            match answer {
                Ok(s) => {
                    error.set(None);
                    saved.set(s);
                    notice.set(Some(done.to_owned()));
                }
                Err(e) => error.set((!redirect(&e)).then_some(e)),
            }
        }
    };
    let on_file = {
        let finish = finish.clone();
        move |ev: leptos::ev::Event| {
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            pending.set(true);
            let finish = finish.clone();
            leptos::task::spawn_local(async move {
                let answer = api::upload_branding_image(asset, file).await;
                finish(
                    answer,
                    if asset == "logo" {
                        "Logo uploaded."
                    } else {
                        "Favicon uploaded."
                    },
                );
            });
        }
    };
    let remove = move |()| {
        pending.set(true);
        let finish = finish.clone();
        leptos::task::spawn_local(async move {
            let answer = api::remove_branding_image(asset).await;
            finish(
                answer,
                if asset == "logo" {
                    "Logo removed."
                } else {
                    "Favicon removed."
                },
            );
        });
    };
    let input_id = format!("branding-{asset}-file");
    view! {
        <div class="image-slot" data-test-id=format!("branding-{asset}")>
            <div class="image-well">
                {move || match current() {
                    Some(src) => view! { <img src=src alt=format!("Current {}", label.to_lowercase()) data-test-id=format!("branding-{asset}-image")/> }.into_any(),
                    None => view! { <span class="muted">{format!("No {}", label.to_lowercase())}</span> }.into_any(),
                }}
            </div>
            <div class="actions">
                <label class="btn btn-secondary btn-small" for=input_id.clone()>
                    {move || if pending.get() { "Working…".to_owned() } else { format!("Upload {}", label.to_lowercase()) }}
                </label>
                <input id=input_id class="visually-hidden" type="file" accept="image/png,image/jpeg,image/svg+xml,.svg"
                    disabled=move || pending.get() on:change=on_file data-test-id=format!("branding-{asset}-input")/>
                <Show when=move || current().is_some()>
                    <ConfirmButton
                        label=format!("Remove {}", label.to_lowercase())
                        question=format!("Remove the {}? The portal and emails go back to showing the name.", label.to_lowercase())
                        yes="Yes, remove it"
                        test_id=if asset == "logo" { "branding-logo-remove" } else { "branding-favicon-remove" }
                        class="btn btn-link btn-small"
                        disabled=Signal::derive(move || pending.get())
                        on_confirm=Callback::new(remove.clone())
                    />
                </Show>
            </div>
            <ErrorBanner error=error/>
        </div>
    }
}
