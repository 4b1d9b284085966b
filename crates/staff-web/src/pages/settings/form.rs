//! The branding form: display name, accent colour (with what the contrast guard will do to it),
//! tab title and email sender; only the changed fields are sent.

use crate::api;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::branding::{accent_check, BrandingSettings, BrandingUpdate};
use wasm_bindgen::JsCast;
use web_ui::action::action;
use web_ui::components::Field;
use web_ui::form::{FormPanel, SubmitButton};
use web_ui::ApiError;

#[component]
pub(super) fn BrandingForm(
    saved: RwSignal<BrandingSettings>,
    notice: RwSignal<Option<String>>,
    name: RwSignal<String>,
    accent: RwSignal<String>,
    title: RwSignal<String>,
    sender: RwSignal<String>,
    reply_to: RwSignal<String>,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let error = RwSignal::new(None::<ApiError>);
    let field = || RwSignal::new(None::<String>);
    let (name_error, accent_error, title_error, sender_error, reply_error) =
        (field(), field(), field(), field(), field());
    let save = action(
        |body: &BrandingUpdate| api::update_branding(body.clone()),
        move |answer| match answer {
            Ok(result) => {
                error.set(None);
                accent.set(result.settings.accent_color.clone());
                saved.set(result.settings);
                notice.set(Some(match result.accent_adjustment {
                    Some(check) => format!("Branding saved. {}", check.explanation()),
                    None => "Branding saved.".to_owned(),
                }));
            }
            Err(e) => {
                name_error.set(e.field("display_name"));
                accent_error.set(e.field("accent_color"));
                title_error.set(e.field("portal_title"));
                sender_error.set(e.field("email_from_name"));
                reply_error.set(e.field("email_reply_to"));
                error.set((!redirect(&e)).then_some(e));
            }
        },
    );
    // What the contrast guard will do with the colour as typed, before saving.
    let check = move || {
        let color = accent.get();
        match accent_check(&color) {
            Ok(c) => (c.adjusted(), c.explanation()),
            Err(message) => (true, message.to_owned()),
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let was = saved.get_untracked();
        let changed = |now: String, before: &str| (now.trim() != before.trim()).then_some(now);
        let body = BrandingUpdate {
            display_name: changed(name.get_untracked(), &was.display_name),
            accent_color: changed(
                accent.get_untracked().to_ascii_lowercase(),
                &was.accent_color,
            ),
            portal_title: changed(title.get_untracked(), &was.portal_title),
            email_from_name: changed(sender.get_untracked(), &was.email_from_name),
            email_reply_to: changed(
                reply_to.get_untracked(),
                was.email_reply_to.as_deref().unwrap_or_default(),
            )
            .map(|r| Some(r).filter(|r| !r.trim().is_empty())),
            portal_domain: None,
        };
        let nothing = body.display_name.is_none()
            && body.accent_color.is_none()
            && body.portal_title.is_none()
            && body.email_from_name.is_none()
            && body.email_reply_to.is_none();
        if nothing {
            notice.set(Some("Nothing to save: the branding is unchanged.".into()));
        } else {
            save.dispatch(body);
        }
    };
    let on_color = move |ev: leptos::ev::Event| {
        if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            accent.set(input.value());
        }
    };
    view! {
        <FormPanel id="branding" heading="Branding" error=error on_submit=on_submit>
            <Field id="branding-name" label="Display name" value=name error=name_error required=true test_id="branding-name"
                hint="Shown on the portal, in emails and on invoices."/>
            <div class="field">
                <label for="branding-accent">"Accent colour"</label>
                <div class="color-row">
                    <input type="color" aria-label="Pick the accent colour" prop:value=move || accent.get() on:input=on_color data-test-id="branding-accent-picker"/>
                    <input id="branding-accent" type="text" class="input" maxlength="7" bind:value=accent
                        aria-describedby="branding-accent-check" data-test-id="branding-accent"/>
                </div>
                <p id="branding-accent-check" class=move || if check().0 { "hint warn" } else { "hint" } data-test-id="branding-accent-check">
                    {move || {
                        let (adjusted, text) = check();
                        if adjusted && accent_check(&accent.get()).is_ok() {
                            format!("{text} Saving keeps it readable for every client.")
                        } else {
                            text
                        }
                    }}
                </p>
                {move || accent_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            <Field id="branding-title" label="Browser tab title" value=title error=title_error test_id="branding-title"
                hint="Empty uses the display name."/>
            <Field id="branding-sender" label="Email sender name" value=sender error=sender_error test_id="branding-sender"
                hint="Emails come from this name at Atrium's own address. Empty uses the display name."/>
            <Field id="branding-reply" label="Reply-to address" input_type="email" value=reply_to error=reply_error test_id="branding-reply"
                hint="Where clients' replies to emails go. Empty keeps Atrium's address."/>
            <SubmitButton label="Save branding" pending=save.pending() test_id="branding-save"/>
        </FormPanel>
    }
}
