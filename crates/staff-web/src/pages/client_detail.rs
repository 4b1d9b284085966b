//! One client: its settings and portal access, and its contacts.

use crate::components::client_billing::ClientBilling;
use crate::components::client_settings::ClientSettings;
use crate::components::contacts::ContactsSection;
use crate::components::status::{ClientStatusBadge, PortalBadge};
use crate::state::use_auth_redirect;
use crate::{api, links};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared_types::staff::Client;
use web_ui::load::Loaded;
use web_ui::title::PageTitle;

#[component]
pub fn ClientDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let resource = LocalResource::new(move || api::get_client(id.get()));
    let client = RwSignal::new(None::<Client>);
    // Bumped after a change that affects contacts (revoking access), so they reload.
    let contacts_version = RwSignal::new(0_u32);
    let on_change = Callback::new(move |c: Client| client.set(Some(c)));
    // Reload the client in place (not through `resource`, which would rebuild the page and
    // drop its notices), and reload the contacts whose sessions just ended.
    let reload_client = move || {
        let id = id.get_untracked();
        leptos::task::spawn_local(async move {
            if let Ok(c) = api::get_client(id).await {
                client.set(Some(c));
            }
        });
    };
    let on_revoked = Callback::new(move |()| {
        contacts_version.update(|v| *v += 1);
        reload_client();
    });
    // A new contact changes the client's contact count.
    let on_contact_added = Callback::new(move |()| reload_client());
    // Created here, not inside `body`, so it outlives any re-render of the page body.
    let defaults = Signal::derive(move || {
        client
            .with(|c| c.as_ref().map(|c| c.default_permissions))
            .unwrap_or_default()
    });

    let body = move |initial: Client| {
        let client_id = initial.id.clone();
        let billing_id = initial.id.clone();
        // The settings form reads its initial values from `client` as it is built.
        client.set(Some(initial));
        view! {
            <p class="breadcrumb">
                <a href=links::CLIENTS>"Clients"</a>
            </p>
            <PageTitle text=Signal::derive(move || {
                client.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default())
            })/>
            <p class="actions">{move || client.get().map(status_badges)}</p>
            <ClientSettings client=client on_change=on_change on_revoked=on_revoked/>
            <ContactsSection
                client_id=client_id
                defaults=defaults
                version=contacts_version
                on_added=on_contact_added
            />
            <ClientBilling client_id=billing_id/>
        }
    };
    view! {
        <Loaded
            resource=resource
            loading="Loading client…"
            redirect=use_auth_redirect()
            subject="Client"
            back=(links::CLIENTS, "Back to clients")
            children=body
        />
    }
}

fn status_badges(c: Client) -> impl IntoView {
    view! {
        <ClientStatusBadge status=c.status/>
        <PortalBadge enabled=c.portal_enabled/>
        <span class="muted">{format!("{} contacts", c.contact_count)}</span>
    }
}
