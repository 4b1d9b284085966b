//! The clients list: search, keyset "Load more", and the "New client" form.

use crate::api;
use crate::components::permissions::{PermissionChecks, PermissionSignals};
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use leptos_router::components::A;
use shared_types::portal::Permissions;
use shared_types::staff::{Client, ClientCreate};
use shared_types::{validate, ClientStatus, Page};
use web_ui::components::{Badge, CheckboxField, ErrorBanner, Field, Spinner, Toast, Tone};
use web_ui::{format, ApiError};

/// `(query, cursor)`: a new query replaces the list, a cursor appends to it.
type PageRequest = (String, Option<String>);

#[component]
pub fn ClientsPage() -> impl IntoView {
    let redirect = use_auth_redirect();
    let search = RwSignal::new(String::new());
    let items = RwSignal::new(Vec::<Client>::new());
    let next = RwSignal::new(None::<String>);
    let query = RwSignal::new(String::new());
    let loaded = RwSignal::new(false);

    // The result carries whether it was a "Load more", to append rather than replace.
    let load = Action::new_local(|(q, cursor): &PageRequest| {
        let appending = cursor.is_some();
        let request = api::list_clients(q.clone(), cursor.clone());
        async move { (appending, request.await) }
    });
    load.dispatch((String::new(), None));
    let error = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| {
        let Some((appending, result)) = load.value().get() else {
            return;
        };
        match result {
            Ok(Page {
                items: page,
                next_cursor,
            }) => {
                if appending {
                    items.update(|list| list.extend(page));
                } else {
                    items.set(page);
                }
                next.set(next_cursor);
                error.set(None);
                loaded.set(true);
            }
            Err(e) => error.set((!redirect(&e)).then_some(e)),
        }
    });

    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = search.get_untracked();
        query.set(q.clone());
        load.dispatch((q, None));
    };

    let rows = move || {
        items
            .get()
            .into_iter()
            .map(|c| view! { <ClientRow client=c/> })
            .collect_view()
    };

    view! {
        <h1 data-test-id="page-title">"Clients"</h1>
        <NewClientForm on_created=Callback::new(move |c: Client| {
            items.update(|list| list.insert(0, c));
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
            <ErrorBanner error=error/>
            <Show when=move || loaded.get() fallback=|| view! { <Spinner label="Loading clients…"/> }>
                <Show
                    when=move || !items.with(Vec::is_empty)
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
                    <div class="table-wrap">
                        <table data-test-id="clients-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Name"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col">"Portal"</th>
                                    <th scope="col">"Contacts"</th>
                                    <th scope="col">"Created"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </Show>
            </Show>
            <Show when=move || next.with(Option::is_some)>
                <button
                    type="button"
                    class="btn btn-secondary"
                    data-test-id="clients-load-more"
                    disabled=move || load.pending().get()
                    on:click=move |_| {
                        load.dispatch((query.get_untracked(), next.get_untracked()));
                    }
                >
                    {move || if load.pending().get() { "Loading…" } else { "Load more" }}
                </button>
            </Show>
        </section>
    }
}

/// One client in the list, linking to its detail page.
#[component]
fn ClientRow(client: Client) -> impl IntoView {
    let href = format!("/staff/clients/{}", client.id);
    let (status, tone) = match client.status {
        ClientStatus::Active => ("Active", Tone::Good),
        ClientStatus::Archived => ("Archived", Tone::Neutral),
    };
    let (portal, portal_tone) = if client.portal_enabled {
        ("Portal on", Tone::Good)
    } else {
        ("Portal off", Tone::Warn)
    };
    view! {
        <tr data-test-id="client-row" data-client-id=client.id.clone()>
            <td>
                <A href=href attr:data-test-id="client-link">{client.name.clone()}</A>
            </td>
            <td><Badge text=status tone=tone test_id="client-status"/></td>
            <td><Badge text=portal tone=portal_tone/></td>
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

    let create = Action::new_local(|body: &ClientCreate| api::create_client(body.clone()));
    let error = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| match create.value().get() {
        Some(Ok(client)) => {
            notice.set(Some(format!("Client “{}” created.", client.name)));
            name.set(String::new());
            error.set(None);
            on_created.run(client);
        }
        Some(Err(e)) => {
            name_error.set(e.field("name"));
            error.set((!redirect(&e)).then_some(e));
        }
        None => {}
    });
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
        <section class="panel" aria-labelledby="new-client-heading">
            <h2 id="new-client-heading">"New client"</h2>
            <form class="form" on:submit=on_submit novalidate>
                <ErrorBanner error=error/>
                <Toast message=notice/>
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
                <button
                    type="submit"
                    class="btn btn-primary"
                    data-test-id="client-create"
                    disabled=move || create.pending().get()
                >
                    "Create client"
                </button>
            </form>
        </section>
    }
}
