//! API keys for integrations: list, create (the secret is shown once), revoke. Members get a
//! 403 from the server, whose message is shown as is.

use crate::api;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::staff::{ApiKey, ApiKeyCreate, ApiKeyCreated};
use shared_types::{validate, StaffRole};
use web_ui::action::action;
use web_ui::clipboard::CopyButton;
use web_ui::components::{Badge, ErrorBanner, Field, Tone};
use web_ui::confirm::ConfirmButton;
use web_ui::form::{FormPanel, SubmitButton};
use web_ui::load::Loaded;
use web_ui::table::DataTable;
use web_ui::title::PageTitle;
use web_ui::{format, ApiError};

#[component]
pub fn ApiKeysPage() -> impl IntoView {
    let redirect = use_auth_redirect();
    let keys = LocalResource::new(api::list_api_keys);
    let created = RwSignal::new(None::<ApiKeyCreated>);
    let error = RwSignal::new(None::<ApiError>);

    let revoke = action(
        |id: &String| api::revoke_api_key(id.clone()),
        move |answer| match answer {
            Ok(()) => {
                error.set(None);
                keys.refetch();
            }
            Err(e) => error.set((!redirect(&e)).then_some(e)),
        },
    );
    let list = move |list: Vec<ApiKey>| {
        if list.is_empty() {
            return view! {
                <p class="muted" data-test-id="api-keys-empty">"No API keys yet."</p>
            }
            .into_any();
        }
        let rows = list
            .into_iter()
            .map(|k| view! { <KeyRow api_key=k revoke=revoke/> })
            .collect_view();
        view! {
            <DataTable
                test_id="api-keys-table"
                columns=&["Name", "Role", "Key starts with", "Created", "Last used", "Status"]
                actions=true
            >
                <tbody>{rows}</tbody>
            </DataTable>
        }
        .into_any()
    };

    view! {
        <PageTitle text="API keys"/>
        <p class="muted">
            "Integrations exchange an API key for an access token at POST /api/v1/auth/token."
        </p>
        <NewKeyForm on_created=Callback::new(move |k: ApiKeyCreated| {
            created.set(Some(k));
            keys.refetch();
        })/>
        {move || created.get().map(|k| view! { <SecretOnce created=k/> })}
        <section class="panel" aria-labelledby="keys-heading">
            <h2 id="keys-heading">"Keys"</h2>
            <ErrorBanner error=error/>
            <Loaded resource=keys loading="Loading API keys…" redirect=use_auth_redirect() children=list/>
        </section>
    }
}

#[component]
fn KeyRow(api_key: ApiKey, revoke: Action<String, Result<(), ApiError>>) -> impl IntoView {
    let id = api_key.id.clone();
    let revoked = api_key.revoked_at.is_some();
    let label = format!("Revoke API key {}", api_key.name);
    let name = api_key.name.clone();
    view! {
        <tr data-test-id="api-key-row">
            <td>{api_key.name.clone()}</td>
            <td>{api_key.role.to_string()}</td>
            <td><code>{api_key.prefix.clone()}</code></td>
            <td>{format::datetime(&api_key.created_at)}</td>
            <td>{format::maybe_datetime(api_key.last_used_at.as_ref())}</td>
            <td>
                {if revoked {
                    view! { <Badge text="Revoked" tone=Tone::Bad test_id="api-key-status"/> }
                } else {
                    view! { <Badge text="Active" tone=Tone::Good test_id="api-key-status"/> }
                }}
            </td>
            <td>
                <Show when=move || !revoked>
                    <ConfirmButton
                        label="Revoke"
                        aria_label=label.clone()
                        question=format!(
                            "Integrations using {} stop working at once. This can't be undone.",
                            name.clone(),
                        )
                        yes="Yes, revoke the key"
                        test_id="api-key-revoke"
                        disabled=Signal::derive(move || revoke.pending().get())
                        on_confirm=Callback::new({
                            let id = id.clone();
                            move |()| {
                                revoke.dispatch(id.clone());
                            }
                        })
                    />
                </Show>
            </td>
        </tr>
    }
}

/// The new key's secret, shown once with a hint to copy it now.
#[component]
fn SecretOnce(created: ApiKeyCreated) -> impl IntoView {
    view! {
        <section class="panel banner-warn" aria-labelledby="secret-heading" data-test-id="api-key-created">
            <h2 id="secret-heading">{format!("Key “{}” created", created.key.name)}</h2>
            <p>
                "Copy this key now and store it somewhere safe. It will not be shown again."
            </p>
            <p id="api-key-secret-label">
                <strong>"Secret key"</strong>
            </p>
            // The whole secret, wrapped rather than cut off at any width.
            <code class="secret" data-test-id="api-key-secret">
                {created.secret.clone()}
            </code>
            <p class="actions">
                <CopyButton text=created.secret aria_label="Copy the secret key" test_id="api-key-copy"/>
            </p>
        </section>
    }
}

#[component]
fn NewKeyForm(on_created: Callback<ApiKeyCreated>) -> impl IntoView {
    let redirect = use_auth_redirect();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new("member".to_owned());
    let name_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let create = action(
        |body: &ApiKeyCreate| api::create_api_key(body.clone()),
        move |answer| match answer {
            Ok(k) => {
                error.set(None);
                name.set(String::new());
                on_created.run(k);
            }
            Err(e) => {
                name_error.set(e.field("name"));
                error.set((!redirect(&e)).then_some(e));
            }
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = validate::name(&name.get_untracked()).err();
        name_error.set(n.map(str::to_owned));
        let role = role.get_untracked().parse().unwrap_or(StaffRole::Member);
        if n.is_none() {
            create.dispatch(ApiKeyCreate {
                name: name.get_untracked().trim().to_owned(),
                role,
            });
        }
    };
    view! {
        <FormPanel
            id="new-key"
            heading="New API key"
            error=error
            on_submit=on_submit
        >
            <Field id="api-key-name" label="Name" value=name error=name_error required=true test_id="api-key-name"/>
            <div class="field">
                <label for="api-key-role">"Role"</label>
                <select
                    id="api-key-role"
                    data-test-id="api-key-role"
                    on:change=move |ev| role.set(event_target_value(&ev))
                >
                    <option value="member" selected=true>"Member"</option>
                    <option value="admin">"Admin"</option>
                </select>
            </div>
            <SubmitButton label="Create key" pending=create.pending() test_id="api-key-create"/>
        </FormPanel>
    }
}
