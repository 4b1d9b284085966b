//! The clients list: search, keyset "Load more", and the "New client" form.

use crate::api;
use crate::components::permissions::{PermissionChecks, PermissionSignals};
use crate::components::status::{ClientStatusBadge, PortalBadge};
use crate::links;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use leptos_router::components::A;
use shared_types::portal::Permissions;
use shared_types::staff::{Client, ClientCreate};
use shared_types::validate;
use web_ui::action::action;
use web_ui::components::{CheckboxField, ErrorBanner, Field, Spinner};
use web_ui::form::{FormPanel, SubmitButton};
use web_ui::paged::{LoadMore, Paged};
use web_ui::table::DataTable;
use web_ui::title::PageTitle;
use web_ui::{format, ApiError};

#[component]
pub fn ClientsPage() -> impl IntoView {
    let search = RwSignal::new(String::new());
    // The search the list shows (the box may have changed since).
    let query = RwSignal::new(String::new());
    let clients = Paged::new(api::list_clients, use_auth_redirect());
    clients.load(String::new());

    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = search.get_untracked();
        query.set(q.clone());
        clients.load(q);
    };

    let rows = move || {
        clients
            .items
            .get()
            .into_iter()
            .map(|c| view! { <ClientRow client=c/> })
            .collect_view()
    };

    view! {
        <PageTitle text="Clients"/>
        <NewClientForm on_created=Callback::new(move |c: Client| {
            clients.items.update(|list| list.insert(0, c));
        })/>
        <section class="panel" aria-labelledby="list-heading">
            <h2 id="list-heading">"All clients"</h2>
            <form class="form form-inline" role="search" on:submit=on_search>
                <Field
                    id="client-search"
                    label="Search clients"
                    input_type="search"
                    value=search
                    test_id="client-search"
                />
                <button type="submit" class="btn btn-secondary" data-test-id="client-search-submit">
                    "Search"
                </button>
            </form>
            <ErrorBanner error=clients.error/>
            <Show
                when=move || clients.loaded.get()
                fallback=|| view! { <Spinner label="Loading clients…"/> }
            >
                <Show
                    when=move || !clients.items.with(Vec::is_empty)
                    fallback=move || {
                        view! {
                            <p class="muted" data-test-id="clients-empty">
                                {move || {
                                    if query.with(String::is_empty) {
                                        "No clients yet. Add your first client above.".to_owned()
                                    } else {
                                        format!("No clients match “{}”.", query.get())
                                    }
                                }}
                            </p>
                        }
                    }
                >
                    <DataTable
                        test_id="clients-table"
                        columns=&["Name", "Status", "Portal", "Contacts", "Created"]
                    >
                        <tbody>{rows}</tbody>
                    </DataTable>
                </Show>
            </Show>
            <LoadMore list=clients test_id="clients-load-more"/>
        </section>
    }
}

/// One client in the list, linking to its detail page.
#[component]
fn ClientRow(client: Client) -> impl IntoView {
    view! {
        <tr data-test-id="client-row" data-client-id=client.id.clone()>
            <td>
                <A href=links::client(&client.id) attr:data-test-id="client-link">
                    {client.name.clone()}
                </A>
            </td>
            <td>
                <ClientStatusBadge status=client.status/>
            </td>
            <td>
                <PortalBadge enabled=client.portal_enabled/>
            </td>
            <td>{client.contact_count}</td>
            <td>{format::datetime(&client.created_at)}</td>
        </tr>
    }
}

/// "New client": a name, default permissions for its contacts, and team visibility.
#[component]
fn NewClientForm(on_created: Callback<Client>) -> impl IntoView {
    let redirect = use_auth_redirect();
    let name = RwSignal::new(String::new());
    let name_error = RwSignal::new(None::<String>);
    let perms = PermissionSignals::new(Permissions::default());
    let show_team = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);

    let create = action(
        |body: &ClientCreate| api::create_client(body.clone()),
        move |answer| match answer {
            Ok(client) => {
                notice.set(Some(format!("Client “{}” created.", client.name)));
                name.set(String::new());
                error.set(None);
                on_created.run(client);
            }
            Err(e) => {
                name_error.set(e.field("name"));
                error.set((!redirect(&e)).then_some(e));
            }
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        let n = validate::name(&name.get_untracked()).err();
        name_error.set(n.map(str::to_owned));
        if n.is_none() {
            create.dispatch(ClientCreate {
                name: name.get_untracked().trim().to_owned(),
                default_permissions: perms.get_untracked(),
                show_team_members: show_team.get_untracked(),
            });
        }
    };
    view! {
        <FormPanel
            id="new-client"
            heading="New client"
            error=error
            notice=notice
            on_submit=on_submit
        >
            <Field
                id="client-name-input"
                label="Client name"
                value=name
                error=name_error
                required=true
                test_id="client-name-input"
            />
            <PermissionChecks
                perms=perms
                id_prefix="new-client-perm"
                legend="Contacts can, by default"
            />
            <CheckboxField
                id="new-client-show-team"
                label="Show our team members to this client"
                checked=show_team
                test_id="new-client-show-team"
            />
            <SubmitButton label="Create client" pending=create.pending() test_id="client-create"/>
        </FormPanel>
    }
}
