//! The approval certificate: proof of a decision, assembled once from the database and served as
//! JSON (staff) or rendered as a PDF (staff and portal).
//!
//! The PDF uses three of the standard 14 fonts (Helvetica, Helvetica-Bold, Courier) with
//! WinAnsiEncoding, so no font file is embedded and the document stays a few kilobytes. Text is
//! converted to WinAnsi; a character it cannot encode (emoji, most non-Latin scripts) is printed
//! as `?`, never dropped silently and never allowed to break the document.

use crate::db::approvals::{self, ApprovalRow};
use crate::db::{audit, clients, contacts, orgs, projects, DbConn};
use crate::error::{ApiError, ApiResult};
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::HttpResponse;
use chrono::{Datelike, NaiveDateTime, Timelike};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use shared_types::approvals::{Certificate, CertificateFile};
use shared_types::{AuditAction, Decision};

/// 409 `not_decided`: the approval has no decided version yet.
pub fn not_decided() -> ApiError {
    ApiError::conflict(
        "not_decided",
        "No version has been decided yet, so there is no certificate.",
    )
}

/// The certificate of `row`'s latest decided version (the caller found `row` in its own scope).
pub fn load(conn: &mut DbConn, row: &ApprovalRow) -> ApiResult<Certificate> {
    let versions = approvals::versions(conn, &row.client_id, &row.id)?;
    let version = versions
        .iter()
        .rev()
        .find(|v| v.decision.is_some())
        .ok_or_else(not_decided)?;
    let decision = version.decision().ok_or_else(not_decided)?;
    let (Some(contact_id), Some(decided_at)) = (&version.decided_by_contact, version.decided_at)
    else {
        return Err(not_decided());
    };
    let contact = contacts::get(conn, &row.org_id, &row.client_id, contact_id)?;
    let client = clients::get(conn, &row.org_id, &row.client_id)?;
    let project = projects::get(conn, &row.org_id, &row.project_id)?;
    let org = orgs::by_id(conn, &row.org_id)?;
    let files = approvals::files_of_version(conn, &row.client_id, &version.id)?;
    let entries = audit::list(conn, &row.id)?;
    let action = match decision {
        Decision::Approved => AuditAction::Approved,
        Decision::ChangesRequested => AuditAction::ChangesRequested,
    };
    let decided = entries
        .iter()
        .find(|e| e.action == action.as_str() && e.version_number == version.number);
    Ok(Certificate {
        approval_id: row.id.clone(),
        agency_name: org.display_name,
        title: row.title.clone(),
        client_name: client.name,
        project_name: project.name,
        version: version.number,
        files: files
            .iter()
            .map(|f| CertificateFile {
                filename: f.filename.clone(),
                size_bytes: f.size_bytes,
                sha256: f.sha256.clone(),
            })
            .collect(),
        decision,
        decision_note: version.decision_note.clone(),
        decided_by_name: contact.name,
        decided_by_email: contact.email,
        decided_at,
        ip: decided.and_then(|e| e.ip.clone()),
        session_id: decided.and_then(|e| e.session_id.clone()),
        audit_head_hash: entries.last().map(|e| e.hash.clone()).unwrap_or_default(),
        audit_verified: audit::first_broken(&entries).is_none(),
    })
}

/// `200 application/pdf` as an attachment named after the approval and version.
pub fn pdf_response(cert: &Certificate, pdf: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(download_name(cert))],
        })
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(pdf)
}

/// `certificate-<title as ASCII slug>-v<n>.pdf`: only `[a-z0-9-]`, whatever the title holds.
pub fn download_name(cert: &Certificate) -> String {
    let mut slug = String::new();
    for c in cert.title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("certificate-v{}.pdf", cert.version)
    } else {
        format!("certificate-{slug}-v{}.pdf", cert.version)
    }
}

/// What the PDF shows besides the certificate itself.
pub struct RenderOptions {
    /// Staff copies show the decider's IP address and session id; the client's copy does not.
    pub include_origin: bool,
    pub generated_at: NaiveDateTime,
}

/// Renders the certificate as a PDF document.
pub fn render_pdf(cert: &Certificate, options: &RenderOptions) -> Vec<u8> {
    let mut doc = Layout::new();
    doc.text(Font::Bold, 10.0, GREY, MARGIN, &cert.agency_name, WIDTH);
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
        ("Decided at", utc(cert.decided_at)),
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

// ---- layout ----

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;
const TOP: f32 = PAGE_H - MARGIN;
const BOTTOM: f32 = MARGIN + 24.0;
const LABEL_W: f32 = 96.0;
const INK: (f32, f32, f32) = (0.1, 0.1, 0.12);
const GREY: (f32, f32, f32) = (0.4, 0.4, 0.45);

#[derive(Clone, Copy)]
enum Font {
    Regular,
    Bold,
    Mono,
}

impl Font {
    fn resource(self) -> Name<'static> {
        match self {
            Font::Regular => Name(b"F1"),
            Font::Bold => Name(b"F2"),
            Font::Mono => Name(b"F3"),
        }
    }

    /// Width of WinAnsi `text` in points. Helvetica's metrics for ASCII; other bytes, and the
    /// bold face (slightly wider), are estimated on the generous side so lines never overflow.
    fn width(self, text: &[u8], size: f32) -> f32 {
        let units: u32 = match self {
            Font::Mono => 600 * text.len() as u32,
            Font::Regular => text.iter().map(|&b| helvetica_width(b)).sum(),
            Font::Bold => text.iter().map(|&b| helvetica_width(b) * 11 / 10).sum(),
        };
        units as f32 * size / 1000.0
    }
}

/// Helvetica's advance widths (AFM, 1/1000 em) for printable ASCII; 600 for anything else.
fn helvetica_width(b: u8) -> u32 {
    const ASCII: [u16; 95] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
        278, // ' '../
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
        278, 278, 584, 584, 584, 556, 1015, // :;<=>?@
        667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A-M
        722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N-Z
        278, 278, 278, 469, 556, 333, // [\]^_`
        556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a-m
        556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n-z
        334, 260, 334, 584, // {|}~
    ];
    match b {
        32..=126 => u32::from(ASCII[usize::from(b - 32)]),
        _ => 600,
    }
}

/// `text` in WinAnsiEncoding (Windows-1252): Latin-1 and the typographic punctuation of
/// 0x80–0x9F; control characters become spaces, anything else `?`.
pub fn winansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{A0}'..='\u{FF}' => c as u32 as u8,
            '€' => 0x80,
            '‚' => 0x82,
            'ƒ' => 0x83,
            '„' => 0x84,
            '…' => 0x85,
            '†' => 0x86,
            '‡' => 0x87,
            'ˆ' => 0x88,
            '‰' => 0x89,
            'Š' => 0x8A,
            '‹' => 0x8B,
            'Œ' => 0x8C,
            'Ž' => 0x8E,
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201C}' => 0x93,
            '\u{201D}' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            '˜' => 0x98,
            '™' => 0x99,
            'š' => 0x9A,
            '›' => 0x9B,
            'œ' => 0x9C,
            'ž' => 0x9E,
            'Ÿ' => 0x9F,
            c if c.is_control() || c.is_whitespace() => b' ',
            _ => b'?',
        })
        .collect()
}

/// Greedy word wrap of WinAnsi `text` to `width`; words longer than a line are cut.
fn wrap(text: &[u8], font: Font, size: f32, width: f32) -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    for word in text.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
        let mut candidate = line.clone();
        if !candidate.is_empty() {
            candidate.push(b' ');
        }
        candidate.extend_from_slice(word);
        if font.width(&candidate, size) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for &b in word {
            line.push(b);
            if font.width(&line, size) > width {
                let last = line.pop().unwrap_or(b' ');
                lines.push(std::mem::replace(&mut line, vec![last]));
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Pages of text laid out top to bottom; a new page starts when one is full.
struct Layout {
    pages: Vec<Content>,
    y: f32,
}

impl Layout {
    fn new() -> Self {
        Layout {
            pages: vec![Content::new()],
            y: TOP,
        }
    }

    fn page(&mut self) -> &mut Content {
        self.pages.last_mut().expect("at least one page")
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn keep(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.pages.push(Content::new());
            self.y = TOP;
        }
    }

    fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    fn show(&mut self, font: Font, size: f32, color: (f32, f32, f32), x: f32, line: &[u8]) {
        self.keep(size * 1.35);
        self.y -= size * 1.35;
        let y = self.y;
        self.page()
            .begin_text()
            .set_fill_rgb(color.0, color.1, color.2)
            .set_font(font.resource(), size)
            .next_line(x, y)
            .show(Str(line))
            .end_text();
    }

    /// A wrapped paragraph (its line breaks kept) starting at `x`.
    fn text(&mut self, font: Font, size: f32, color: (f32, f32, f32), x: f32, text: &str, w: f32) {
        for paragraph in text.split('\n') {
            for line in wrap(&winansi(paragraph), font, size, w) {
                self.show(font, size, color, x, &line);
            }
        }
    }

    /// A label and its (wrapped) value side by side.
    fn field(&mut self, label: &str, value: &str) {
        let size = 10.0;
        let value_x = MARGIN + LABEL_W;
        let lines: Vec<Vec<u8>> = value
            .split('\n')
            .flat_map(|p| wrap(&winansi(p), Font::Regular, size, WIDTH - LABEL_W))
            .collect();
        for (i, line) in lines.iter().enumerate() {
            self.keep(size * 1.35);
            if i == 0 {
                let y = self.y - size * 1.35;
                self.page()
                    .begin_text()
                    .set_fill_rgb(GREY.0, GREY.1, GREY.2)
                    .set_font(Font::Bold.resource(), 9.0)
                    .next_line(MARGIN, y)
                    .show(Str(&winansi(label)))
                    .end_text();
            }
            self.show(Font::Regular, size, INK, value_x, line);
        }
        self.gap(3.0);
    }

    fn heading(&mut self, title: &str) {
        self.keep(60.0);
        self.text(Font::Bold, 12.0, INK, MARGIN, title, WIDTH);
        self.gap(4.0);
    }

    fn rule(&mut self) {
        self.gap(6.0);
        let y = self.y;
        self.page()
            .set_stroke_rgb(0.75, 0.75, 0.78)
            .set_line_width(0.8)
            .move_to(MARGIN, y)
            .line_to(PAGE_W - MARGIN, y)
            .stroke();
    }

    /// Adds the footer ("page i of n") to every page and writes the document.
    fn finish(self, title: &str, footer: &str, generated_at: NaiveDateTime) -> Vec<u8> {
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let fonts = [Ref::new(3), Ref::new(4), Ref::new(5)];
        let info = Ref::new(6);
        let n = self.pages.len();
        let page_ids: Vec<Ref> = (0..n).map(|i| Ref::new(7 + 2 * i as i32)).collect();

        let mut pdf = Pdf::new();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree)
            .kids(page_ids.iter().copied())
            .count(n as i32);
        for (id, base) in fonts
            .iter()
            .zip([&b"Helvetica"[..], b"Helvetica-Bold", b"Courier"])
        {
            pdf.type1_font(*id)
                .base_font(Name(base))
                .encoding_predefined(Name(b"WinAnsiEncoding"));
        }
        let date = pdf_writer::Date::new(generated_at.year().clamp(0, 9999) as u16)
            .month(generated_at.month() as u8)
            .day(generated_at.day() as u8)
            .hour(generated_at.hour() as u8)
            .minute(generated_at.minute() as u8)
            .second(generated_at.second() as u8)
            .utc_offset_hour(0)
            .utc_offset_minute(0);
        pdf.document_info(info)
            .title(TextStr(&format!("Approval certificate: {title}")))
            .producer(TextStr("Atrium"))
            .creation_date(date);

        for (i, mut content) in self.pages.into_iter().enumerate() {
            let page_id = page_ids[i];
            let content_id = Ref::new(page_id.get() + 1);
            let footer_line = winansi(&format!("{footer}  -  page {} of {n}", i + 1));
            content
                .begin_text()
                .set_fill_rgb(GREY.0, GREY.1, GREY.2)
                .set_font(Font::Regular.resource(), 8.0)
                .next_line(MARGIN, MARGIN)
                .show(Str(&footer_line))
                .end_text();
            let mut page = pdf.page(page_id);
            page.parent(tree)
                .media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
                .contents(content_id);
            let mut resources = page.resources();
            let mut font_dict = resources.fonts();
            for (font, id) in [Font::Regular, Font::Bold, Font::Mono].iter().zip(fonts) {
                font_dict.pair(font.resource(), id);
            }
            font_dict.finish();
            resources.finish();
            page.finish();
            pdf.stream(content_id, &content.finish());
        }
        pdf.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winansi_keeps_latin1_and_replaces_the_rest() {
        assert_eq!(winansi("Zoë – 5 €"), b"Zo\xeb \x96 5 \x80");
        assert_eq!(winansi("a🎉b\tc"), b"a?b c");
        assert_eq!(winansi("日本"), b"??");
    }

    #[test]
    fn wrap_fits_the_width_and_cuts_long_words() {
        let text = winansi(&format!("short words then {}", "x".repeat(200)));
        let lines = wrap(&text, Font::Regular, 10.0, 200.0);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(Font::Regular.width(line, 10.0) <= 200.0);
        }
        assert_eq!(
            wrap(b"", Font::Regular, 10.0, 100.0),
            vec![Vec::<u8>::new()]
        );
    }

    #[test]
    fn sizes_read_like_a_person_would_write_them() {
        assert_eq!(human_size(999), "999 bytes");
        assert_eq!(human_size(1_234_567), "1.2 MiB (1,234,567 bytes)");
    }
}
