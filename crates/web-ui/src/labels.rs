//! Words and badges both SPAs show for the same things: dates, statuses, kinds and decisions.
//! Every badge carries its meaning as text; colour only reinforces it.

use crate::components::{Badge, Tone};
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use shared_types::requests::{RequestPriority, RequestStatus};
use shared_types::{ApprovalKind, ApprovalStatus, Decision, WorkStatus};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date as `4 Mar 2026` (built by hand: chrono's formatter is heavy in WASM).
pub fn date(d: NaiveDate) -> String {
    let month = MONTHS.get(d.month0() as usize).copied().unwrap_or_default();
    format!("{} {month} {}", d.day(), d.year())
}

pub fn work_tone(s: WorkStatus) -> Tone {
    match s {
        WorkStatus::InProgress => Tone::Neutral,
        WorkStatus::ReadyForReview | WorkStatus::OnHold => Tone::Warn,
        WorkStatus::Approved | WorkStatus::Published | WorkStatus::Completed => Tone::Good,
    }
}

/// The client-facing status of a project or milestone as a text badge.
#[component]
pub fn WorkBadge(
    status: WorkStatus,
    /// `data-test-id`; `work-status` when not given.
    #[prop(into, optional)]
    test_id: Option<String>,
) -> impl IntoView {
    let test_id = test_id.unwrap_or_else(|| "work-status".to_owned());
    view! { <Badge text=status.label() tone=work_tone(status) test_id=test_id/> }
}

pub fn approval_label(s: ApprovalStatus) -> &'static str {
    match s {
        ApprovalStatus::Pending => "Awaiting review",
        ApprovalStatus::InReview => "In review",
        ApprovalStatus::Approved => "Approved",
        ApprovalStatus::ChangesRequested => "Changes requested",
    }
}

pub fn approval_tone(s: ApprovalStatus) -> Tone {
    match s {
        ApprovalStatus::Pending | ApprovalStatus::InReview => Tone::Warn,
        ApprovalStatus::Approved => Tone::Good,
        ApprovalStatus::ChangesRequested => Tone::Bad,
    }
}

/// An approval's status as a text badge (`data-test-id="approval-status"`).
#[component]
pub fn ApprovalBadge(status: ApprovalStatus) -> impl IntoView {
    view! { <Badge text=approval_label(status) tone=approval_tone(status) test_id="approval-status"/> }
}

pub fn kind_label(k: ApprovalKind) -> &'static str {
    match k {
        ApprovalKind::Image => "Image",
        ApprovalKind::Video => "Video",
        ApprovalKind::Audio => "Audio",
        ApprovalKind::Document => "Document",
        ApprovalKind::Copy => "Copy",
        ApprovalKind::Other => "Other",
    }
}

pub fn decision_label(d: Decision) -> &'static str {
    match d {
        Decision::Approved => "Approved",
        Decision::ChangesRequested => "Changes requested",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_like_a_person_writes_them() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap_or_default();
        assert_eq!(date(d), "4 Mar 2026");
    }
}

fn request_tone(s: RequestStatus) -> Tone {
    match s {
        RequestStatus::Open | RequestStatus::InProgress => Tone::Neutral,
        RequestStatus::WaitingOnClient => Tone::Warn,
        RequestStatus::Resolved | RequestStatus::Closed => Tone::Good,
    }
}

/// A request's status as a text badge (`data-test-id="request-status"`), in the client's words
/// ("Waiting on you") or, with `staff`, the agency's ("Waiting on client").
#[component]
pub fn RequestBadge(status: RequestStatus, #[prop(optional)] staff: bool) -> impl IntoView {
    let text = if staff {
        status.staff_label()
    } else {
        status.label()
    };
    view! { <Badge text=text tone=request_tone(status) test_id="request-status"/> }
}

/// A request's priority as a text badge; urgent and high stand out.
#[component]
pub fn PriorityBadge(priority: RequestPriority) -> impl IntoView {
    let tone = match priority {
        RequestPriority::Urgent => Tone::Bad,
        RequestPriority::High => Tone::Warn,
        _ => Tone::Neutral,
    };
    view! { <Badge text=format!("{} priority", priority.label()) tone=tone test_id="request-priority"/> }
}
