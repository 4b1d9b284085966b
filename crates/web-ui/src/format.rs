//! Plain-text formatting shared by both SPAs.

use chrono::{Datelike, NaiveDateTime, Timelike};

/// A server timestamp (naive UTC) as `2025-03-04 14:05 UTC`. Built by hand: chrono's `format`
/// machinery costs tens of kilobytes of WASM.
pub fn datetime(at: &NaiveDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute()
    )
}

/// An optional timestamp, or an em dash when there is none.
pub fn maybe_datetime(at: Option<&NaiveDateTime>) -> String {
    at.map(datetime).unwrap_or_else(|| "—".to_owned())
}

/// Milliseconds as `m:ss` (minutes keep counting past 59).
pub fn timecode(ms: i64) -> String {
    let secs = ms.max(0) / 1000;
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// `m:ss` (or plain seconds) back to milliseconds; `None` when it is not a time.
pub fn parse_timecode(text: &str) -> Option<i64> {
    let text = text.trim();
    let (m, s) = match text.split_once(':') {
        Some((m, s)) => (m.trim().parse::<i64>().ok()?, s.trim().parse::<i64>().ok()?),
        None => (0, text.parse::<i64>().ok()?),
    };
    (m >= 0 && (0..60).contains(&s) || (m == 0 && s >= 0)).then_some((m * 60 + s) * 1000)
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

/// A short, readable name for a browser user agent ("Firefox on Linux").
pub fn device(user_agent: Option<&str>) -> String {
    let Some(ua) = user_agent.filter(|ua| !ua.trim().is_empty()) else {
        return "Unknown device".to_owned();
    };
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    let os = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    match (browser, os) {
        (Some(b), Some(o)) => format!("{b} on {o}"),
        (Some(b), None) => b.to_owned(),
        (None, Some(o)) => o.to_owned(),
        (None, None) => ua.chars().take(60).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes() {
        let at = chrono::NaiveDate::from_ymd_opt(2025, 3, 4)
            .and_then(|d| d.and_hms_opt(14, 5, 9))
            .expect("valid date");
        assert_eq!(datetime(&at), "2025-03-04 14:05 UTC");
    }

    #[test]
    fn sizes_and_timecodes() {
        assert_eq!(size(512.0), "512 B");
        assert_eq!(size(1536.0), "1.5 KB");
        assert_eq!(timecode(83_400), "1:23");
        assert_eq!(parse_timecode("1:23"), Some(83_000));
        assert_eq!(parse_timecode("45"), Some(45_000));
        assert_eq!(parse_timecode("x"), None);
        assert_eq!(parse_timecode("1:75"), None);
    }

    #[test]
    fn devices() {
        let ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
        assert_eq!(device(Some(ua)), "Chrome on Linux");
        assert_eq!(device(None), "Unknown device");
        assert_eq!(device(Some("curl/8.0")), "curl/8.0");
    }
}
