//! The signed-in devices table, shown to a contact in portal Settings and to staff on a contact.

use crate::components::{Badge, Tone};
use crate::format;
use crate::table::DataTable;
use leptos::prelude::*;
use shared_types::portal::SessionInfo;

/// Lists sessions with device, IP and times. Every session but the current one gets a
/// "Sign out" button that calls `on_end` with the session id.
#[component]
pub fn SessionsTable(
    sessions: Vec<SessionInfo>,
    on_end: Callback<String>,
    #[prop(into)] busy: Signal<bool>,
    /// Label for the per-row button ("Sign out" for the contact, "End session" for staff).
    #[prop(into, default = "Sign out".to_owned())]
    end_label: String,
) -> impl IntoView {
    if sessions.is_empty() {
        return view! {
            <p class="muted" data-test-id="sessions-list">
                "No active sessions."
            </p>
        }
        .into_any();
    }
    let rows = sessions
        .into_iter()
        .map(|s| {
            let device = format::device(s.user_agent.as_deref());
            let aria = format!(
                "{end_label}: {device}, last seen {}",
                format::when(&s.last_seen_at)
            );
            let id = s.id.clone();
            let action = if s.current {
                view! { <Badge text="This device" tone=Tone::Good test_id="session-current"/> }
                    .into_any()
            } else {
                view! {
                    <button
                        type="button"
                        class="btn btn-secondary btn-small"
                        aria-label=aria
                        data-test-id="session-sign-out"
                        disabled=move || busy.get()
                        on:click=move |_| on_end.run(id.clone())
                    >
                        {end_label.clone()}
                    </button>
                }
                .into_any()
            };
            view! {
                <tr data-test-id="session-row" data-current=s.current.to_string()>
                    <td>{device}</td>
                    <td>{s.ip.clone().unwrap_or_else(|| "—".to_owned())}</td>
                    <td>{format::datetime(&s.created_at)}</td>
                    <td>{format::when(&s.last_seen_at)}</td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable test_id="sessions-list" columns=&["Device", "IP address", "Signed in", "Last seen"] actions=true>
            <tbody>{rows}</tbody>
        </DataTable>
    }
    .into_any()
}
