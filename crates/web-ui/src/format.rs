//! Plain-text formatting shared by both SPAs.

use chrono::{DateTime, FixedOffset, TimeDelta, Timelike, Utc};

/// The viewer's offset from UTC at `at` (daylight saving included), from the browser.
#[cfg(target_arch = "wasm32")]
fn local_offset(at: &DateTime<Utc>) -> FixedOffset {
    let ms = at.timestamp_millis() as f64;
    // `getTimezoneOffset` is minutes *behind* UTC: -60 in Paris in winter.
    let behind = js_sys::Date::new(&ms.into()).get_timezone_offset() as i32;
    FixedOffset::west_opt(behind * 60).unwrap_or(FixedOffset::east_opt(0).expect("zero offset"))
}

#[cfg(not(target_arch = "wasm32"))]
fn local_offset(_at: &DateTime<Utc>) -> FixedOffset {
    FixedOffset::east_opt(0).expect("zero offset")
}

/// Now, by the browser's clock (the system clock off the browser).
pub fn now() -> DateTime<Utc> {
    #[cfg(target_arch = "wasm32")]
    {
        DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Utc::now()
    }
}

/// A moment in the viewer's time zone, as `4 Mar 2025, 14:05`. Built by hand: chrono's `format`
/// machinery costs tens of kilobytes of WASM.
pub fn datetime(at: &DateTime<Utc>) -> String {
    datetime_at(at, local_offset(at))
}

fn datetime_at(at: &DateTime<Utc>, offset: FixedOffset) -> String {
    let local = at.with_timezone(&offset);
    format!(
        "{}, {:02}:{:02}",
        crate::labels::date(local.date_naive()),
        local.hour(),
        local.minute()
    )
}

/// The day of a moment in the viewer's time zone, as `4 Mar 2025`.
pub fn day(at: &DateTime<Utc>) -> String {
    crate::labels::date(at.with_timezone(&local_offset(at)).date_naive())
}

/// An optional moment, or an em dash when there is none.
pub fn maybe_datetime(at: Option<&DateTime<Utc>>) -> String {
    at.map(datetime).unwrap_or_else(|| "—".to_owned())
}

/// A recent moment relative to now ("just now", "5 minutes ago", "2 hours ago", "yesterday",
/// "3 days ago", "in 2 days"); anything a week or more away as `datetime`.
pub fn when(at: &DateTime<Utc>) -> String {
    relative(at, now()).unwrap_or_else(|| datetime(at))
}

/// `when`, or an em dash.
pub fn maybe_when(at: Option<&DateTime<Utc>>) -> String {
    at.map(when).unwrap_or_else(|| "—".to_owned())
}

fn relative(at: &DateTime<Utc>, now: DateTime<Utc>) -> Option<String> {
    let delta = now.signed_duration_since(*at);
    let (past, span) = if delta >= TimeDelta::zero() {
        (true, delta)
    } else {
        (false, -delta)
    };
    let unit = |n: i64, one: &str| {
        let words = if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        };
        if past {
            format!("{words} ago")
        } else {
            format!("in {words}")
        }
    };
    Some(if span < TimeDelta::minutes(1) {
        "just now".to_owned()
    } else if span < TimeDelta::hours(1) {
        unit(span.num_minutes(), "minute")
    } else if span < TimeDelta::days(1) {
        unit(span.num_hours(), "hour")
    } else if span < TimeDelta::days(2) && past {
        "yesterday".to_owned()
    } else if span < TimeDelta::days(7) {
        unit(span.num_days(), "day")
    } else {
        return None;
    })
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

/// `text` on one line, cut to at most `max` characters at a word boundary with "…".
pub fn excerpt(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_keep_short_text_and_cut_long_text_at_a_word() {
        assert_eq!(excerpt("Logo  larger,\nplease", 80), "Logo larger, please");
        let long = "The headline should sit in this area and the logo should be larger";
        let short = excerpt(long, 30);
        assert!(
            short.ends_with('…') && short.chars().count() <= 30,
            "{short}"
        );
        assert_eq!(short, "The headline should sit in…");
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("valid moment")
            .to_utc()
    }

    #[test]
    fn datetimes_in_the_viewers_zone() {
        let moment = at("2025-03-04T23:05:09Z");
        let utc = FixedOffset::east_opt(0).expect("offset");
        let paris = FixedOffset::east_opt(3600).expect("offset");
        let new_york = FixedOffset::west_opt(5 * 3600).expect("offset");
        assert_eq!(datetime_at(&moment, utc), "4 Mar 2025, 23:05");
        assert_eq!(datetime_at(&moment, paris), "5 Mar 2025, 00:05");
        assert_eq!(datetime_at(&moment, new_york), "4 Mar 2025, 18:05");
    }

    #[test]
    fn relative_times() {
        let now = at("2026-12-04T12:00:00Z");
        let rel = |text: &str| relative(&at(text), now);
        assert_eq!(rel("2026-12-04T11:59:30Z").as_deref(), Some("just now"));
        assert_eq!(rel("2026-12-04T11:59:00Z").as_deref(), Some("1 minute ago"));
        assert_eq!(
            rel("2026-12-04T11:15:00Z").as_deref(),
            Some("45 minutes ago")
        );
        assert_eq!(rel("2026-12-04T10:00:00Z").as_deref(), Some("2 hours ago"));
        assert_eq!(rel("2026-12-03T09:00:00Z").as_deref(), Some("yesterday"));
        assert_eq!(rel("2026-11-30T12:00:00Z").as_deref(), Some("4 days ago"));
        assert_eq!(rel("2026-12-06T12:00:00Z").as_deref(), Some("in 2 days"));
        assert_eq!(rel("2026-11-20T12:00:00Z"), None);
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
