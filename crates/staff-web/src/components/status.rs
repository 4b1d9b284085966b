//! Labels, badges and formats the project and approval pages share. Every badge carries its
//! meaning as text; colour only reinforces it.

use chrono::{Datelike, NaiveDate};
use shared_types::TaskStatus;
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

/// A byte count as `512 B`, `1.5 KB`, `3.2 MB`.
pub fn size(bytes: f64) -> String {
    const K: f64 = 1024.0;
    if bytes < K {
        format!("{bytes:.0} B")
    } else if bytes < K * K {
        format!("{:.1} KB", bytes / K)
    } else if bytes < K * K * K {
        format!("{:.1} MB", bytes / (K * K))
    } else {
        format!("{:.1} GB", bytes / (K * K * K))
    }
}

/// Milliseconds as `mm:ss` (minutes keep counting past 59).
pub fn timecode(ms: i64) -> String {
    let secs = ms.max(0) / 1000;
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

/// `m:ss` or plain seconds back to milliseconds; `None` when it is not a time.
pub fn parse_timecode(text: &str) -> Option<i64> {
    let text = text.trim();
    let (m, s) = match text.split_once(':') {
        Some((m, s)) => (m.trim().parse::<i64>().ok()?, s.trim().parse::<i64>().ok()?),
        None => (0, text.parse::<i64>().ok()?),
    };
    let ok = m >= 0 && (0..60).contains(&s) || (m == 0 && s >= 0);
    ok.then_some((m * 60 + s) * 1000)
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
        assert_eq!(size(1536.0), "1.5 KB");
        assert_eq!(timecode(83_400), "01:23");
        assert_eq!(parse_timecode("1:23"), Some(83_000));
        assert_eq!(parse_timecode("1:75"), None);
        assert_eq!(short_hash(&"a".repeat(64)), "aaaaaaaa…aaaa");
    }
}
