//! Settings (owners and admins): the portal's branding with a live preview beside the form, the
//! logo and favicon, the email sender, and the organization's own portal domain (the DNS record to
//! create, then a check that Atrium answers there). Members see why the page is not theirs.

use crate::api;
use crate::state::{use_auth_redirect, use_staff};
use leptos::prelude::*;
use shared_types::branding::{accent_check, BrandingSettings, BrandingUpdate};
use wasm_bindgen::JsCast;
use web_ui::action::action;
use web_ui::components::{ErrorBanner, Field, Toast};
use web_ui::confirm::ConfirmButton;
use web_ui::form::{FormPanel, SubmitButton};
use web_ui::load::Loaded;
use web_ui::theme::text_on;
use web_ui::title::PageTitle;
use web_ui::{format, ApiError};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let me = use_staff().me;
    let may_manage = move || me.with(|m| m.as_ref().is_some_and(|m| m.role.is_admin()));
    let settings = LocalResource::new(api::branding_settings);
    let body = move |s: BrandingSettings| view! { <Branding initial=s/> };
    view! {
        <PageTitle text="Settings"/>
        <Show
            when=may_manage
            fallback=|| view! {
                <p class="banner banner-info" data-test-id="settings-not-admin">
                    "Only owners and admins change the portal's branding and domain. Ask one of them; your own profile is under Your account."
                </p>
            }
        >
            <Loaded resource=settings loading="Loading settings…" redirect=use_auth_redirect() children=body/>
        </Show>
    }
}

/// The form, the images, the preview and the domain, sharing the saved settings.
#[component]
fn Branding(initial: BrandingSettings) -> impl IntoView {
    let saved = RwSignal::new(initial.clone());
    let notice = RwSignal::new(None::<String>);
    let name = RwSignal::new(initial.display_name.clone());
    let accent = RwSignal::new(initial.accent_color.clone());
    let title = RwSignal::new(initial.portal_title.clone());
    let sender = RwSignal::new(initial.email_from_name.clone());
    let reply_to = RwSignal::new(initial.email_reply_to.clone().unwrap_or_default());
    view! {
        <Toast message=notice/>
        <div class="settings-grid">
            <div>
                <BrandingForm saved=saved notice=notice name=name accent=accent title=title sender=sender reply_to=reply_to/>
                <Images saved=saved notice=notice/>
            </div>
            <LivePreview saved=saved name=name accent=accent title=title/>
        </div>
        <Domain saved=saved notice=notice/>
    }
}

#[component]
fn BrandingForm(
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

/// The logo and the favicon: upload (drawn again by Atrium as a PNG) or remove (asked first).
#[component]
fn Images(saved: RwSignal<BrandingSettings>, notice: RwSignal<Option<String>>) -> impl IntoView {
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

/// The portal's sign-in card and tab as clients will see them, following the form as it is
/// typed (the accent as the contrast guard will save it).
#[component]
fn LivePreview(
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

/// The organization's own portal domain: set it, create the DNS record shown, verify.
#[component]
fn Domain(saved: RwSignal<BrandingSettings>, notice: RwSignal<Option<String>>) -> impl IntoView {
    let redirect = use_auth_redirect();
    let domain = RwSignal::new(saved.with_untracked(|s| {
        s.domain
            .as_ref()
            .map(|d| d.domain.clone())
            .unwrap_or_default()
    }));
    let domain_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let save = action(
        |body: &BrandingUpdate| api::update_branding(body.clone()),
        {
            let redirect = redirect.clone();
            move |answer: Result<shared_types::branding::BrandingSaved, ApiError>| match answer {
                Ok(result) => {
                    error.set(None);
                    saved.set(result.settings);
                    notice.set(Some(
                        "Portal domain saved. Create the DNS record below, then verify.".into(),
                    ));
                }
                Err(e) => {
                    domain_error.set(e.field("portal_domain"));
                    error.set((!redirect(&e)).then_some(e));
                }
            }
        },
    );
    let verify = action(
        |(): &()| api::verify_portal_domain(),
        move |answer| match answer {
            Ok(s) => {
                error.set(None);
                saved.set(s);
                notice.set(Some("Verified: emails now link to your own domain.".into()));
            }
            Err(e) => error.set((!redirect(&e)).then_some(e)),
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = domain.get_untracked();
        save.dispatch(BrandingUpdate {
            portal_domain: Some(Some(value).filter(|d| !d.trim().is_empty())),
            ..Default::default()
        });
    };
    let status = move || {
        saved.with(|s| {
            s.domain.clone().map(|d| {
                let record = d.dns_record.clone();
                let state = match &d.verified_at {
                    Some(at) => format!("Verified {}. Clients' emails link to https://{}.", format::datetime(at), d.domain),
                    None => "Not verified yet: emails keep linking to Atrium's own address until it is.".to_owned(),
                };
                view! {
                    <p data-test-id="domain-status">{state}</p>
                    <table class="table dns-record" data-test-id="domain-record">
                        <caption>"Create this DNS record at your domain's provider"</caption>
                        <thead><tr><th scope="col">"Type"</th><th scope="col">"Name"</th><th scope="col">"Value"</th></tr></thead>
                        <tbody><tr><td>{record.kind}</td><td>{record.name}</td><td>{record.value}</td></tr></tbody>
                    </table>
                    <p class="muted">"Your Atrium's reverse proxy (Caddy, nginx…) must also answer for this name with a certificate; Atrium itself does not serve TLS."</p>
                    <button type="button" class="btn btn-secondary" data-test-id="domain-verify"
                        disabled=move || verify.pending().get() on:click=move |_| { verify.dispatch(()); }>
                        {move || if verify.pending().get() { "Checking…" } else { "Verify" }}
                    </button>
                }
            })
        })
    };
    view! {
        <FormPanel id="domain" heading="Portal domain" error=error on_submit=on_submit>
            <p class="muted">"Serve your clients' portal on your own address, e.g. portal.yourstudio.com. Sign-in and every link then stay on it."</p>
            <Field id="domain-name" label="Domain" value=domain error=domain_error test_id="domain-name"
                hint="A host name only: no https:// and no path. Empty removes it."/>
            <SubmitButton label="Save domain" pending=save.pending() test_id="domain-save"/>
            {status}
        </FormPanel>
    }
}
