//! Requests: the client's job requests and support tickets (filters in the address), the form
//! for a new one (type, a category that follows it, priority, an optional project, attachments
//! with progress), and one request with its thread, a reply box and "Mark resolved".

mod detail;
mod list;
mod new;

pub use detail::RequestDetailPage;
pub use list::RequestsPage;
pub use new::NewRequestPage;

use crate::state::use_portal;
use leptos::prelude::*;
use shared_types::requests::ResponseDue;
use web_ui::format::datetime;

/// Whether the signed-in contact may use requests; `None` until `/me` has answered.
fn may_request() -> Signal<Option<bool>> {
    let state = use_portal();
    Signal::derive(move || {
        state
            .me
            .with(|m| m.as_ref().map(|m| m.permissions.can_submit_requests))
    })
}

/// Said instead of the page when the contact may not use requests.
#[component]
fn NotAllowed() -> impl IntoView {
    view! {
        <p class="banner banner-error" role="alert" data-test-id="no-permission">
            "Your account manager has not enabled requests for you. Ask them to turn on “Submit requests” for your account, or ask a colleague who has it."
        </p>
    }
}

/// "We aim to reply by …" (or resolve), for an open request.
fn due_line(due: &ResponseDue) -> Option<String> {
    match (due.reply_by, due.resolve_by) {
        (Some(by), _) => Some(format!("We aim to reply by {}", datetime(&by))),
        (None, Some(by)) => Some(format!("We aim to resolve this by {}", datetime(&by))),
        _ => None,
    }
}
