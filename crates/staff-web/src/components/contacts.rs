//! A client's contacts: the table (one [`ContactRow`] each) and the "Add contact" form.

use crate::api;
use crate::components::contact_form::ContactForm;
use crate::components::contact_row::ContactRow;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::portal::Permissions;
use shared_types::staff::Contact;
use web_ui::load::Loaded;
use web_ui::table::DataTable;

#[component]
pub fn ContactsSection(
    client_id: String,
    #[prop(into)] defaults: Signal<Permissions>,
    /// Bump to reload the list (after revoking the whole client's access, say).
    version: RwSignal<u32>,
    /// Called after a contact is added.
    on_added: Callback<()>,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let contacts = LocalResource::new({
        let client_id = client_id.clone();
        move || {
            version.track();
            api::list_contacts(client_id.clone())
        }
    });
    let reload = Callback::new(move |()| {
        contacts.refetch();
        on_added.run(());
    });

    let table_client = client_id.clone();
    let table = move |list: Vec<Contact>| {
        if list.is_empty() {
            return view! {
                <p class="muted" data-test-id="contacts-empty">
                    "No contacts yet. Add the people at this client who should use the portal."
                </p>
            }
            .into_any();
        }
        let client_id = table_client.clone();
        view! {
            <DataTable
                test_id="contacts-table"
                columns=&["Name", "Email", "Status", "Last sign-in", "Actions"]
            >
                <For
                    each=move || list.clone()
                    key=|c| c.id.clone()
                    children=move |contact| {
                        view! {
                            <ContactRow
                                client_id=client_id.clone()
                                contact=contact
                                defaults=defaults
                            />
                        }
                    }
                />
            </DataTable>
        }
        .into_any()
    };

    view! {
        <section class="panel" aria-labelledby="contacts-heading" data-test-id="contacts-section">
            <h2 id="contacts-heading">"Contacts"</h2>
            <Loaded resource=contacts loading="Loading contacts…" redirect=redirect children=table/>
        </section>
        <ContactForm client_id=client_id on_created=reload/>
    }
}
