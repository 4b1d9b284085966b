//! The certificate as a PDF. It uses three of the standard 14 fonts (Helvetica, Helvetica-Bold,
//! Courier) with WinAnsiEncoding, so no font file is embedded and the document stays a few
//! kilobytes. Text is converted to WinAnsi; a character it cannot encode (emoji, most non-Latin
//! scripts) is printed as `?`, never dropped silently and never allowed to break the document.

use chrono::NaiveDateTime;
use shared_types::approvals::Certificate;
use shared_types::Decision;

use super::layout::{Font, Image, Layout, GREY, INK, MARGIN, WIDTH};
use crate::pdf::{Picture, Rgb};

/// What the PDF shows besides the certificate itself.
pub struct RenderOptions {
    /// Staff copies show the decider's IP address and session id; the client's copy does not.
    pub include_origin: bool,
    pub generated_at: NaiveDateTime,
    /// The agency's accent colour (its name is printed in it) and stored logo.
    pub accent: Option<Rgb>,
    pub logo: Option<Picture>,
}

/// The logo as PDF image samples, no bigger than needed for 160×40 points at 2× resolution.
fn logo_image(picture: &Picture) -> Option<Image> {
    let rgba = image::RgbaImage::from_raw(
        picture.pixels.0,
        picture.pixels.1,
        picture.rgba.as_ref().clone(),
    )?;
    let rgba = if rgba.width() > 320 || rgba.height() > 80 {
        image::DynamicImage::ImageRgba8(rgba)
            .resize(320, 80, image::imageops::FilterType::Lanczos3)
            .to_rgba8()
    } else {
        rgba
    };
    let pixels = rgba.dimensions();
    let mut rgb = Vec::with_capacity(rgba.len() / 4 * 3);
    let mut alpha = Vec::with_capacity(rgba.len() / 4);
    for p in rgba.pixels() {
        rgb.extend_from_slice(&p.0[..3]);
        alpha.push(p.0[3]);
    }
    Some(Image { rgb, alpha, pixels })
}

/// Renders the certificate as a PDF document.
pub fn render_pdf(cert: &Certificate, options: &RenderOptions) -> Vec<u8> {
    let mut doc = Layout::new();
    if let Some(image) = options.logo.as_ref().and_then(logo_image) {
        doc.image(image, 40.0, 160.0);
        doc.gap(6.0);
    }
    let accent = options.accent.map_or(GREY, |Rgb(r, g, b)| {
        (
            f32::from(r) / 255.0,
            f32::from(g) / 255.0,
            f32::from(b) / 255.0,
        )
    });
    doc.text(Font::Bold, 10.0, accent, MARGIN, &cert.agency_name, WIDTH);
    doc.gap(4.0);
    doc.text(Font::Bold, 20.0, INK, MARGIN, "Approval certificate", WIDTH);
    doc.gap(2.0);
    doc.rule();
    doc.gap(8.0);

    let decision = match cert.decision {
        Decision::Approved => "Approved",
        Decision::ChangesRequested => "Changes requested",
    };
    let mut rows: Vec<(&str, String)> = vec![
        ("Client", cert.client_name.clone()),
        ("Project", cert.project_name.clone()),
        ("Approval", cert.title.clone()),
        ("Approval id", cert.approval_id.clone()),
        ("Version", cert.version.to_string()),
        ("Decision", decision.to_owned()),
        ("Decided by", cert.decided_by_name.clone()),
        ("Email", cert.decided_by_email.clone()),
        ("Decided at", utc(cert.decided_at.naive_utc())),
        (
            "Note",
            cert.decision_note
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| "(none)".into()),
        ),
    ];
    if options.include_origin {
        let or_unknown = |v: &Option<String>| v.clone().unwrap_or_else(|| "(not recorded)".into());
        rows.push(("IP address", or_unknown(&cert.ip)));
        rows.push(("Session", or_unknown(&cert.session_id)));
    }
    for (label, value) in &rows {
        doc.field(label, value);
    }

    doc.gap(10.0);
    doc.heading(&format!("Files of version {}", cert.version));
    if cert.files.is_empty() {
        doc.text(Font::Regular, 10.0, INK, MARGIN, "(no files)", WIDTH);
    }
    for (i, f) in cert.files.iter().enumerate() {
        doc.keep(44.0);
        let name = format!("{}. {}", i + 1, f.filename);
        doc.text(Font::Bold, 10.0, INK, MARGIN, &name, WIDTH);
        let size = format!("Size: {}", human_size(f.size_bytes));
        doc.text(Font::Regular, 9.0, GREY, MARGIN + 14.0, &size, WIDTH - 14.0);
        doc.text(
            Font::Regular,
            9.0,
            GREY,
            MARGIN + 14.0,
            "SHA-256:",
            WIDTH - 14.0,
        );
        doc.text(Font::Mono, 8.5, INK, MARGIN + 14.0, &f.sha256, WIDTH - 14.0);
        doc.gap(5.0);
    }

    doc.gap(8.0);
    doc.heading("Audit trail");
    let verified = if cert.audit_verified {
        "Verified: every entry of the approval's audit trail is intact and links to the one before it."
    } else {
        "NOT verified: the approval's audit trail has been altered since it was written."
    };
    doc.text(Font::Regular, 10.0, INK, MARGIN, verified, WIDTH);
    doc.gap(3.0);
    doc.text(
        Font::Regular,
        9.0,
        GREY,
        MARGIN,
        "Hash of the latest audit entry (it commits to the whole trail):",
        WIDTH,
    );
    doc.text(Font::Mono, 8.5, INK, MARGIN, &cert.audit_head_hash, WIDTH);

    let footer = format!("Generated {} by Atrium", utc(options.generated_at));
    doc.finish(&cert.title, &footer, options.generated_at)
}

fn utc(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// `1.2 MB (1,234,567 bytes)`.
fn human_size(bytes: i64) -> String {
    let digits = bytes.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let unit = |n: f64, u: &str| format!("{n:.1} {u} ({grouped} bytes)");
    match bytes {
        b if b >= 1 << 30 => unit(b as f64 / f64::from(1u32 << 30), "GiB"),
        b if b >= 1 << 20 => unit(b as f64 / f64::from(1u32 << 20), "MiB"),
        b if b >= 1 << 10 => unit(b as f64 / 1024.0, "KiB"),
        _ => format!("{grouped} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_person_would_write_them() {
        assert_eq!(human_size(999), "999 bytes");
        assert_eq!(human_size(1_234_567), "1.2 MiB (1,234,567 bytes)");
    }
}
