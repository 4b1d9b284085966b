//! A client's contacts: the table (one [`ContactRow`] each) and the "Add contact" form.

use crate::api;
use crate::components::contact_form::ContactForm;
use crate::components::contact_row::ContactRow;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::portal::Permissions;
use web_ui::components::{ErrorBanner, Spinner};

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
    let table = move || {
        let client_id = table_client.clone();
        contacts.get().map(|result| match result {
            Err(e) => {
                redirect(&e);
                let e = Some(e);
                view! { <ErrorBanner error=Signal::derive(move || e.clone())/> }.into_any()
            }
            Ok(list) if list.is_empty() => view! {
                <p class="muted" data-test-id="contacts-empty">
                    "No contacts yet. Add the people at this client who should use the portal."
                </p>
            }
            .into_any(),
            Ok(list) => view! {
                <div class="table-wrap">
                    <table data-test-id="contacts-table">
                        <thead>
                            <tr>
                                <th scope="col">"Name"</th>
                                <th scope="col">"Email"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Last sign-in"</th>
                                <th scope="col">"Actions"</th>
                            </tr>
                        </thead>
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
                    </table>
                </div>
            }
            .into_any(),
        })
    };

    view! {
        <section class="panel" aria-labelledby="contacts-heading" data-test-id="contacts-section">
            <h2 id="contacts-heading">"Contacts"</h2>
            <Transition fallback=|| view! { <Spinner label="Loading contacts…"/> }>{table}</Transition>
        </section>
        <ContactForm client_id=client_id on_created=reload/>
    }
}
