//! The organization's own portal domain: the form, the DNS record to create and the check that
//! verifies it.

use crate::api;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::branding::{BrandingSettings, BrandingUpdate};
use web_ui::action::action;
use web_ui::components::Field;
use web_ui::form::{FormPanel, SubmitButton};
use web_ui::{format, ApiError};

/// The organization's own portal domain: set it, create the DNS record shown, verify.
#[component]
pub(super) fn Domain(
    saved: RwSignal<BrandingSettings>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
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
