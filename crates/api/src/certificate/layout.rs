//! A small page layout engine for the certificate: the standard fonts' widths, WinAnsi text, word
//! wrap, and pages filled top to bottom.

use chrono::{Datelike, NaiveDateTime, Timelike};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

pub(super) const PAGE_W: f32 = 595.0;
pub(super) const PAGE_H: f32 = 842.0;
pub(super) const MARGIN: f32 = 56.0;
pub(super) const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;
pub(super) const TOP: f32 = PAGE_H - MARGIN;
pub(super) const BOTTOM: f32 = MARGIN + 24.0;
pub(super) const LABEL_W: f32 = 96.0;
pub(super) const INK: (f32, f32, f32) = (0.1, 0.1, 0.12);
pub(super) const GREY: (f32, f32, f32) = (0.4, 0.4, 0.45);

#[derive(Clone, Copy)]
pub(super) enum Font {
    Regular,
    Bold,
    Mono,
}

impl Font {
    pub(super) fn resource(self) -> Name<'static> {
        match self {
            Font::Regular => Name(b"F1"),
            Font::Bold => Name(b"F2"),
            Font::Mono => Name(b"F3"),
        }
    }

    /// Width of WinAnsi `text` in points. Helvetica's metrics for ASCII; other bytes, and the
    /// bold face (slightly wider), are estimated on the generous side so lines never overflow.
    pub(super) fn width(self, text: &[u8], size: f32) -> f32 {
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
pub(super) fn winansi(text: &str) -> Vec<u8> {
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
pub(super) fn wrap(text: &[u8], font: Font, size: f32, width: f32) -> Vec<Vec<u8>> {
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

/// An image for the first page: RGB samples, their alpha, and the pixel size.
pub(super) struct Image {
    pub rgb: Vec<u8>,
    pub alpha: Vec<u8>,
    pub pixels: (u32, u32),
}

const IMAGE: Name<'static> = Name(b"Im1");

/// Pages of text laid out top to bottom; a new page starts when one is full.
pub(super) struct Layout {
    pages: Vec<Content>,
    y: f32,
    image: Option<Image>,
}

impl Layout {
    pub(super) fn new() -> Self {
        Layout {
            pages: vec![Content::new()],
            y: TOP,
            image: None,
        }
    }

    /// Draws `image` at the cursor, `h` points tall (at most `max_w` wide), and moves below it.
    pub(super) fn image(&mut self, image: Image, h: f32, max_w: f32) {
        let (pw, ph) = (image.pixels.0 as f32, image.pixels.1 as f32);
        let scale = (h / ph).min(max_w / pw);
        let (w, h) = (pw * scale, ph * scale);
        self.y -= h;
        let y = self.y;
        self.page()
            .save_state()
            .transform([w, 0.0, 0.0, h, MARGIN, y])
            .x_object(IMAGE)
            .restore_state();
        self.image = Some(image);
    }

    pub(super) fn page(&mut self) -> &mut Content {
        self.pages.last_mut().expect("at least one page")
    }

    /// Starts a new page unless `height` more points fit on this one.
    pub(super) fn keep(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.pages.push(Content::new());
            self.y = TOP;
        }
    }

    pub(super) fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    pub(super) fn show(
        &mut self,
        font: Font,
        size: f32,
        color: (f32, f32, f32),
        x: f32,
        line: &[u8],
    ) {
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
    pub(super) fn text(
        &mut self,
        font: Font,
        size: f32,
        color: (f32, f32, f32),
        x: f32,
        text: &str,
        w: f32,
    ) {
        for paragraph in text.split('\n') {
            for line in wrap(&winansi(paragraph), font, size, w) {
                self.show(font, size, color, x, &line);
            }
        }
    }

    /// A label and its (wrapped) value side by side.
    pub(super) fn field(&mut self, label: &str, value: &str) {
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

    pub(super) fn heading(&mut self, title: &str) {
        self.keep(60.0);
        self.text(Font::Bold, 12.0, INK, MARGIN, title, WIDTH);
        self.gap(4.0);
    }

    pub(super) fn rule(&mut self) {
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
    pub(super) fn finish(
        mut self,
        title: &str,
        footer: &str,
        generated_at: NaiveDateTime,
    ) -> Vec<u8> {
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let fonts = [Ref::new(3), Ref::new(4), Ref::new(5)];
        let info = Ref::new(6);
        let n = self.pages.len();
        let page_ids: Vec<Ref> = (0..n).map(|i| Ref::new(7 + 2 * i as i32)).collect();
        let image_id = Ref::new(7 + 2 * n as i32);
        let mask_id = Ref::new(8 + 2 * n as i32);

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

        let pages = std::mem::take(&mut self.pages);
        for (i, mut content) in pages.into_iter().enumerate() {
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
            if i == 0 && self.image.is_some() {
                resources.x_objects().pair(IMAGE, image_id);
            }
            resources.finish();
            page.finish();
            pdf.stream(content_id, &content.finish());
        }
        if let Some(image) = &self.image {
            let (w, h) = (image.pixels.0 as i32, image.pixels.1 as i32);
            let mut xobject = pdf.image_xobject(image_id, &image.rgb);
            xobject.width(w).height(h).bits_per_component(8);
            xobject.color_space().device_rgb();
            xobject.s_mask(mask_id);
            xobject.finish();
            let mut mask = pdf.image_xobject(mask_id, &image.alpha);
            mask.width(w).height(h).bits_per_component(8);
            mask.color_space().device_gray();
            mask.finish();
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
}
