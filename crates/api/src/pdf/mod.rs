//! Documents Atrium hands out as PDF (invoices, statements of account), drawn with krilla: fonts
//! are embedded and subset, so any name prints (「株式会社」, "Zoë Ångström"). Nothing in a
//! document's content decides what is read from disk or the network: fonts come from the
//! configured font directories, a logo from the organization's own stored bytes.
//!
//! A document is laid out first as pages of drawing operations ([`Layout`]), then drawn; laying
//! out first is what lets each page say "Page 2 of 3".

pub mod fonts;
pub mod invoice;

use fonts::Fonts;
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::TextDirection;
use krilla::Document;

pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const MARGIN: f32 = 48.0;
/// Where the footer's baseline sits; content stops above it.
const FOOTER_Y: f32 = PAGE_HEIGHT - 28.0;
const CONTENT_BOTTOM: f32 = PAGE_HEIGHT - 56.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const TEXT: Rgb = Rgb(0x1f, 0x29, 0x37);
    pub const MUTED: Rgb = Rgb(0x4b, 0x55, 0x63);
    pub const RULE: Rgb = Rgb(0xd1, 0xd5, 0xdb);
    pub const SHADE: Rgb = Rgb(0xf3, 0xf4, 0xf6);
    pub const ALERT: Rgb = Rgb(0xb9, 0x1c, 0x1c);
    pub const ALERT_SHADE: Rgb = Rgb(0xfe, 0xf2, 0xf2);

    /// `#rrggbb` (as stored for an organization's accent); anything else is `None`.
    pub fn parse_hex(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    fn paint(self) -> rgb::Color {
        rgb::Color::new(self.0, self.1, self.2)
    }
}

/// How a piece of text looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub color: Rgb,
}

impl Style {
    pub const fn new(size: f32) -> Style {
        Style {
            size,
            bold: false,
            color: Rgb::TEXT,
        }
    }
    pub const fn bold(self) -> Style {
        Style { bold: true, ..self }
    }
    pub const fn color(self, color: Rgb) -> Style {
        Style { color, ..self }
    }
}

/// An image already decoded to RGBA, with the size it is drawn at.
#[derive(Clone)]
pub struct Picture {
    pub rgba: std::sync::Arc<Vec<u8>>,
    pub pixels: (u32, u32),
}

enum Op {
    Text {
        at: (f32, f32),
        text: String,
        style: Style,
    },
    Rect {
        rect: (f32, f32, f32, f32),
        color: Rgb,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        color: Rgb,
    },
    Link {
        rect: (f32, f32, f32, f32),
        url: String,
    },
    Image {
        rect: (f32, f32, f32, f32),
        picture: Picture,
    },
}

/// Pages being laid out, top to bottom, with a cursor `y` (points from the top of the page).
pub struct Layout<'f> {
    pub fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    pub y: f32,
}

impl<'f> Layout<'f> {
    pub fn new(fonts: &'f Fonts) -> Layout<'f> {
        Layout {
            fonts,
            pages: vec![Vec::new()],
            y: MARGIN,
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("there is always a page")
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Starts a new page with the cursor at its top margin.
    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Whether `height` more points fit above the footer on this page.
    pub fn fits(&self, height: f32) -> bool {
        self.y + height <= CONTENT_BOTTOM
    }

    /// `text` with its baseline at `(x, y)`.
    pub fn text(&mut self, x: f32, y: f32, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        self.ops().push(Op::Text {
            at: (x, y),
            text: text.to_owned(),
            style,
        });
    }

    /// `text` ending at `right`.
    pub fn text_right(&mut self, right: f32, y: f32, text: &str, style: Style) {
        let x = right - self.width(text, style);
        self.text(x, y, text, style);
    }

    pub fn width(&self, text: &str, style: Style) -> f32 {
        self.fonts.width(text, style.size, style.bold)
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.ops().push(Op::Rect {
            rect: (x, y, w, h),
            color,
        });
    }

    pub fn rule(&mut self, x1: f32, x2: f32, y: f32, color: Rgb) {
        self.ops().push(Op::Line {
            from: (x1, y),
            to: (x2, y),
            color,
        });
    }

    /// A clickable area opening `url` (the caller checked it is `https`).
    pub fn link(&mut self, x: f32, y: f32, w: f32, h: f32, url: &str) {
        self.ops().push(Op::Link {
            rect: (x, y, w, h),
            url: url.to_owned(),
        });
    }

    pub fn image(&mut self, x: f32, y: f32, w: f32, h: f32, picture: &Picture) {
        self.ops().push(Op::Image {
            rect: (x, y, w, h),
            picture: picture.clone(),
        });
    }

    /// `text` broken into lines no wider than `width`: at spaces where it can, inside a word
    /// (CJK has no spaces) where it must; explicit line breaks are kept.
    pub fn wrap(&self, text: &str, width: f32, style: Style) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ') {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, style) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for c in word.chars() {
                    line.push(c);
                    if self.width(&line, style) > width && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    }
                }
            }
            lines.push(line);
        }
        lines
    }

    /// Draws every page with `footer(page, pages)` at its foot and returns the PDF's bytes.
    pub fn finish(
        mut self,
        title: &str,
        footer: impl Fn(usize, usize) -> String,
    ) -> Result<Vec<u8>, String> {
        let pages = self.pages.len();
        let small = Style::new(8.0).color(Rgb::MUTED);
        for index in 0..pages {
            let text = footer(index + 1, pages);
            let x = (PAGE_WIDTH - self.width(&text, small)) / 2.0;
            self.pages[index].push(Op::Text {
                at: (x, FOOTER_Y),
                text,
                style: small,
            });
        }
        let mut document = Document::new();
        document.set_metadata(
            Metadata::new()
                .title(title.to_owned())
                .creator("Atrium".to_owned())
                .language("en".to_owned()),
        );
        for ops in &self.pages {
            draw_page(&mut document, self.fonts, ops)?;
        }
        document.finish().map_err(|e| format!("{e:?}"))
    }
}

fn draw_page(document: &mut Document, fonts: &Fonts, ops: &[Op]) -> Result<(), String> {
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or("page size")?;
    let mut page = document.start_page_with(settings);
    let mut links = Vec::new();
    let mut surface = page.surface();
    for op in ops {
        match op {
            Op::Text { at, text, style } => {
                fill(&mut surface, style.color);
                let mut x = at.0;
                for run in fonts.runs(text, style.bold) {
                    surface.draw_text(
                        Point::from_xy(x, at.1),
                        run.face.font.clone(),
                        style.size,
                        run.text,
                        false,
                        TextDirection::Auto,
                    );
                    x += fonts.width(run.text, style.size, style.bold);
                }
            }
            Op::Rect { rect, color } => {
                let mut path = PathBuilder::new();
                path.push_rect(rect_of(*rect)?);
                fill(&mut surface, *color);
                surface.set_stroke(None);
                surface.draw_path(&path.finish().ok_or("empty rectangle")?);
            }
            Op::Line { from, to, color } => {
                let mut path = PathBuilder::new();
                path.move_to(from.0, from.1);
                path.line_to(to.0, to.1);
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: color.paint().into(),
                    width: 0.6,
                    ..Default::default()
                }));
                surface.draw_path(&path.finish().ok_or("empty line")?);
                surface.set_stroke(None);
            }
            Op::Link { rect, url } => links.push((rect_of(*rect)?, url.clone())),
            Op::Image { rect, picture } => {
                let image = krilla::image::Image::from_rgba8(
                    picture.rgba.as_ref().clone(),
                    picture.pixels.0,
                    picture.pixels.1,
                );
                surface.push_transform(&Transform::from_translate(rect.0, rect.1));
                surface.draw_image(image, Size::from_wh(rect.2, rect.3).ok_or("image size")?);
                surface.pop();
            }
        }
    }
    surface.finish();
    for (rect, url) in links {
        page.add_annotation(Annotation::new_link(
            LinkAnnotation::new(rect, Target::Action(LinkAction::new(url.clone()).into())),
            Some(url),
        ));
    }
    page.finish();
    Ok(())
}

fn fill(surface: &mut krilla::surface::Surface<'_>, color: Rgb) {
    surface.set_fill(Some(Fill {
        paint: color.paint().into(),
        ..Default::default()
    }));
}

fn rect_of((x, y, w, h): (f32, f32, f32, f32)) -> Result<Rect, String> {
    Rect::from_xywh(x, y, w, h).ok_or_else(|| "bad rectangle".to_owned())
}

/// A date as people read it on paper: `5 Dec 2026`.
pub fn date(d: chrono::NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}
