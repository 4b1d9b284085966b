//! Labels, badges and formats the pages share. Every badge carries its
//! meaning as text; colour only reinforces it.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use shared_types::{ClientStatus, ContactStatus, TaskStatus};
use web_ui::components::{Badge, Tone};
pub use web_ui::labels::{
    approval_label, date, decision_label, kind_label, ApprovalBadge, WorkBadge,
};

/// An optional date, or an em dash.
pub fn maybe_date(d: Option<NaiveDate>) -> String {
    d.map(date).unwrap_or_else(|| "—".to_owned())
}

/// A date input's value (`YYYY-MM-DD`, or empty) as an optional date.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    // By hand too: chrono's parser pulls in the same formatting machinery.
    let mut parts = text.trim().splitn(3, '-').map(str::parse::<u32>);
    let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// An optional date as a date input's value.
pub fn date_value(d: Option<NaiveDate>) -> String {
    d.map(|d| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
        .unwrap_or_default()
}

/// The first and last characters of a long hash: `1a2b3c4d…9f8e`.
pub fn short_hash(hash: &str) -> String {
    if hash.len() <= 14 {
        return hash.to_owned();
    }
    format!("{}…{}", &hash[..8], &hash[hash.len() - 4..])
}

pub fn task_label(s: TaskStatus) -> &'static str {
    match s {
        TaskStatus::Todo => "To do",
        TaskStatus::InProgress => "In progress",
        TaskStatus::Done => "Done",
    }
}

/// A client's status as a badge (`data-test-id="client-status"`).
#[component]
pub fn ClientStatusBadge(status: ClientStatus) -> impl IntoView {
    let (text, tone) = match status {
        ClientStatus::Active => ("Active", Tone::Good),
        ClientStatus::Archived => ("Archived", Tone::Neutral),
    };
    view! { <Badge text=text tone=tone test_id="client-status"/> }
}

/// Whether a client's portal is on, as a badge (`data-test-id="client-portal-status"`).
#[component]
pub fn PortalBadge(enabled: bool) -> impl IntoView {
    let (text, tone) = if enabled {
        ("Portal on", Tone::Good)
    } else {
        ("Portal off", Tone::Warn)
    };
    view! { <Badge text=text tone=tone test_id="client-portal-status"/> }
}

/// A contact's status as a badge (`data-test-id="contact-status"`).
#[component]
pub fn ContactStatusBadge(status: ContactStatus) -> impl IntoView {
    let (text, tone) = match status {
        ContactStatus::Invited => ("Invited", Tone::Warn),
        ContactStatus::Active => ("Active", Tone::Good),
        ContactStatus::Revoked => ("Revoked", Tone::Bad),
    };
    view! { <Badge text=text tone=tone test_id="contact-status"/> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 4);
        assert_eq!(maybe_date(d), "4 Mar 2026");
        assert_eq!(date_value(d), "2026-03-04");
        assert_eq!(parse_date("2026-03-04"), d);
        assert_eq!(parse_date(""), None);
        assert_eq!(short_hash(&"a".repeat(64)), "aaaaaaaa…aaaa");
    }
}
