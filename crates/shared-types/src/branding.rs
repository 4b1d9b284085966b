//! The organization's branding and portal domain (`/api/v1/settings/...`, owners and admins), and
//! the contrast guard both the server and the staff SPA's live preview apply to an accent colour.

use crate::patch_body;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// WCAG AA for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

/// What staff see and edit in Settings → Branding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BrandingSettings {
    pub display_name: String,
    /// `#rrggbb`, readable on white and under white text (see `accent_check`).
    pub accent_color: String,
    /// The stored logo (a PNG Atrium drew from the upload), if any.
    pub logo_url: Option<String>,
    pub favicon_url: Option<String>,
    /// The portal's browser tab title; empty uses the display name.
    pub portal_title: String,
    /// The name emails come from; empty uses the display name.
    pub email_from_name: String,
    /// Where replies to the organization's emails go; none keeps the instance's address.
    pub email_reply_to: Option<String>,
    pub domain: Option<PortalDomain>,
}

/// The organization's own portal host and what it takes to use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalDomain {
    /// e.g. `portal.studio.example`
    pub domain: String,
    /// When Atrium last reached itself through the domain; until then emails keep linking to
    /// the instance's own address.
    pub verified_at: Option<DateTime<Utc>>,
    /// The DNS record to create (a CNAME to the instance's host).
    pub dns_record: DnsRecord,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DnsRecord {
    /// `CNAME`
    pub kind: String,
    pub name: String,
    pub value: String,
}

patch_body! {
    /// `PATCH /api/v1/settings/branding`: only the fields sent change.
    pub struct BrandingUpdate {
        pub display_name: Option<String>,
        /// A colour too light to read is darkened (same hue) until it reads; the response says so.
        pub accent_color: Option<String>,
        pub portal_title: Option<String>,
        pub email_from_name: Option<String>,
        /// `null` clears it.
        pub email_reply_to: Option<Option<String>>,
        /// `null` removes the custom domain; a new domain starts unverified.
        pub portal_domain: Option<Option<String>>,
    }
}

/// The answer to a branding change: the settings as saved, and what Atrium changed on the way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BrandingSaved {
    pub settings: BrandingSettings,
    /// Present when the accent sent was too light and a darker shade was saved.
    pub accent_adjustment: Option<AccentCheck>,
}

/// An accent colour checked against white (links on white, white text on buttons).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccentCheck {
    pub requested: String,
    /// The requested colour if it reads; else the lightest shade of its hue that does.
    pub applied: String,
    /// Contrast against white, e.g. 3.1 for 3.1:1.
    pub requested_ratio: f64,
    pub applied_ratio: f64,
}

impl AccentCheck {
    pub fn adjusted(&self) -> bool {
        self.applied != self.requested
    }

    /// What to tell the person who chose the colour.
    pub fn explanation(&self) -> String {
        if self.adjusted() {
            format!(
                "{} has a contrast of {:.1}:1 with white, below the {MIN_CONTRAST}:1 that text needs to be readable. {} (the same hue, darker, {:.1}:1) is used instead.",
                self.requested, self.requested_ratio, self.applied, self.applied_ratio
            )
        } else {
            format!(
                "{} has a contrast of {:.1}:1 with white: readable.",
                self.applied, self.applied_ratio
            )
        }
    }
}

/// `#rrggbb` → (r, g, b).
pub fn parse_hex(color: &str) -> Option<(u8, u8, u8)> {
    crate::validate::hex_color(color).ok()?;
    let channel = |i: usize| u8::from_str_radix(&color[i..i + 2], 16).ok();
    Some((channel(1)?, channel(3)?, channel(5)?))
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// WCAG 2 relative luminance.
pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

const WHITE: (u8, u8, u8) = (255, 255, 255);

/// Checks `color` (`#rrggbb`, any case) against white; a colour that falls short is darkened in
/// HSL lightness, keeping its hue and saturation, until it reaches `MIN_CONTRAST`.
pub fn accent_check(color: &str) -> Result<AccentCheck, &'static str> {
    let color = color.trim().to_ascii_lowercase();
    let rgb = parse_hex(&color).ok_or("Use a colour like #3355ff.")?;
    let requested_ratio = contrast(rgb, WHITE);
    let mut applied = rgb;
    if requested_ratio < MIN_CONTRAST {
        let (h, s, l) = to_hsl(rgb);
        // Lightness 0 is black (21:1), so the search always ends.
        let mut lightness = l;
        while lightness > 0.0 {
            lightness = (lightness - 0.005).max(0.0);
            applied = from_hsl(h, s, lightness);
            if contrast(applied, WHITE) >= MIN_CONTRAST {
                break;
            }
        }
    }
    Ok(AccentCheck {
        requested: color,
        applied: hex(applied),
        requested_ratio: round1(requested_ratio),
        applied_ratio: round1(contrast(applied, WHITE)),
    })
}

/// Rounded down to one decimal, so a ratio shown as 4.5 is never really 4.49.
fn round1(x: f64) -> f64 {
    (x * 10.0).floor() / 10.0
}

fn to_hsl((r, g, b): (u8, u8, u8)) -> (f64, f64, f64) {
    let (r, g, b) = (
        f64::from(r) / 255.0,
        f64::from(g) / 255.0,
        f64::from(b) / 255.0,
    );
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let l = (max + min) / 2.0;
    if max == min {
        return (0.0, 0.0, l);
    }
    let d = max - min;
    let s = if l > 0.5 {
        d / (2.0 - max - min)
    } else {
        d / (max + min)
    };
    let h = if max == r {
        (g - b) / d + if g < b { 6.0 } else { 0.0 }
    } else if max == g {
        (b - r) / d + 2.0
    } else {
        (r - g) / d + 4.0
    };
    (h / 6.0, s, l)
}

fn from_hsl(h: f64, s: f64, l: f64) -> (u8, u8, u8) {
    let to_byte = |v: f64| (v * 255.0).round().clamp(0.0, 255.0) as u8;
    if s == 0.0 {
        return (to_byte(l), to_byte(l), to_byte(l));
    }
    let q = if l < 0.5 {
        l * (1.0 + s)
    } else {
        l + s - l * s
    };
    let p = 2.0 * l - q;
    let hue = |mut t: f64| {
        if t < 0.0 {
            t += 1.0;
        }
        if t > 1.0 {
            t -= 1.0;
        }
        if t < 1.0 / 6.0 {
            p + (q - p) * 6.0 * t
        } else if t < 0.5 {
            q
        } else if t < 2.0 / 3.0 {
            p + (q - p) * (2.0 / 3.0 - t) * 6.0
        } else {
            p
        }
    };
    (
        to_byte(hue(h + 1.0 / 3.0)),
        to_byte(hue(h)),
        to_byte(hue(h - 1.0 / 3.0)),
    )
}

/// A portal domain as staff type it: a lower-case host name of at least two labels, no scheme,
/// port or path.
pub fn portal_domain(input: &str) -> Result<String, &'static str> {
    let domain = input.trim().trim_end_matches('.').to_ascii_lowercase();
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if domain.len() > 253 || domain.split('.').count() < 2 || !domain.split('.').all(label_ok) {
        return Err("Enter a host name like portal.yourstudio.com (no https:// and no path).");
    }
    Ok(domain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_known_ratios() {
        let ratio = |a: &str, b: &str| contrast(parse_hex(a).unwrap(), parse_hex(b).unwrap());
        assert!((ratio("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((ratio("#ffffff", "#ffffff") - 1.0).abs() < 1e-9);
        // The classic pair either side of AA: #767676 passes (4.54:1), #777777 fails (4.48:1).
        assert!((ratio("#767676", "#ffffff") - 4.54).abs() < 0.01);
        assert!((ratio("#777777", "#ffffff") - 4.48).abs() < 0.01);
        // Pure primaries.
        assert!((ratio("#ff0000", "#ffffff") - 4.00).abs() < 0.01);
        assert!((ratio("#0000ff", "#ffffff") - 8.59).abs() < 0.01);
        assert!((ratio("#00ff00", "#ffffff") - 1.37).abs() < 0.01);
    }

    #[test]
    fn readable_accents_are_kept_and_light_ones_darkened_to_aa() {
        for keep in ["#0000ff", "#767676", "#1d4ed8", "#000000"] {
            let check = accent_check(keep).unwrap();
            assert!(
                !check.adjusted(),
                "{keep} reads and must be kept: {check:?}"
            );
        }
        for light in [
            "#777777", "#ff0000", "#00ff00", "#ffff00", "#ffffff", "#77AAFF",
        ] {
            let check = accent_check(light).unwrap();
            assert!(check.adjusted(), "{light}");
            let applied = parse_hex(&check.applied).unwrap();
            let ratio = contrast(applied, WHITE);
            assert!(
                ratio >= MIN_CONTRAST,
                "{light} → {} is {ratio}",
                check.applied
            );
            // The lightest shade that reads, not just any dark one.
            assert!(
                ratio < 5.0,
                "{light} → {} went too dark ({ratio})",
                check.applied
            );
            assert!(check.explanation().contains(&check.applied));
        }
        // The hue survives: a light blue stays blue.
        let blue = parse_hex(&accent_check("#77aaff").unwrap().applied).unwrap();
        assert!(blue.2 > blue.0 && blue.2 > blue.1, "{blue:?}");
        assert_eq!(accent_check("#77AAFF").unwrap().requested, "#77aaff");
        assert!(accent_check("red").is_err());
    }

    #[test]
    fn portal_domains_are_host_names() {
        assert_eq!(
            portal_domain(" Portal.Studio.Example. ").unwrap(),
            "portal.studio.example"
        );
        for bad in [
            "https://portal.example",
            "portal",
            "portal.example/x",
            "a..b",
            "-a.example",
            "portal.example:8080",
            "",
        ] {
            assert!(portal_domain(bad).is_err(), "{bad}");
        }
    }
}
