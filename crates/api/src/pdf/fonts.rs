//! The fonts PDFs are set in: a sans-serif family (regular and bold) for everything it covers, and
//! fallback faces for what it does not (CJK names such as 「株式会社」). Found by file name under
//! the configured font directories (`ATRIUM_FONT_DIRS`; Debian's `fonts-dejavu-core` and
//! `fonts-droid-fallback` by default), read once, on the first PDF, and shared after that.
//!
//! Text is split into runs by which face has the glyph; widths are measured from the face's own
//! advance widths, so right-aligned amounts and wrapped descriptions land where the layout says.

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// File names tried in order for each role; the first found wins.
const REGULAR: &[&str] = &[
    "DejaVuSans.ttf",
    "NotoSans-Regular.ttf",
    "LiberationSans-Regular.ttf",
];
const BOLD: &[&str] = &[
    "DejaVuSans-Bold.ttf",
    "NotoSans-Bold.ttf",
    "LiberationSans-Bold.ttf",
];
const FALLBACK: &[&str] = &[
    "DroidSansFallbackFull.ttf",
    "NotoSansCJK-Regular.ttc",
    "wqy-microhei.ttc",
    "DejaVuSans.ttf",
];

/// One loaded face: krilla's handle for drawing and the bytes for measuring.
#[derive(Clone)]
pub struct Face {
    pub font: krilla::text::Font,
    data: Arc<Vec<u8>>,
}

impl Face {
    fn load(path: &Path) -> Option<Face> {
        let data = Arc::new(std::fs::read(path).ok()?);
        FontRef::from_index(&data, 0).ok()?;
        let font = krilla::text::Font::new(data.clone().into(), 0)?;
        Some(Face { font, data })
    }

    fn font_ref(&self) -> FontRef<'_> {
        FontRef::from_index(&self.data, 0).expect("checked when loaded")
    }

    fn has(&self, c: char) -> bool {
        self.font_ref()
            .charmap()
            .map(c)
            .is_some_and(|g| g.to_u32() != 0)
    }

    /// Width of `text` at `size` points (advance widths, no kerning).
    fn width(&self, text: &str, size: f32) -> f32 {
        let font = self.font_ref();
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .filter_map(|c| charmap.map(c))
            .filter_map(|g| metrics.advance_width(g))
            .sum()
    }
}

/// The faces a document is set in.
pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
    fallback: Vec<Face>,
}

/// A stretch of text one face draws.
pub struct Run<'a> {
    pub face: &'a Face,
    pub text: &'a str,
}

impl Fonts {
    /// Looks for the faces under `dirs`; `None` names the role nothing was found for.
    pub fn discover(dirs: &[PathBuf]) -> Result<Fonts, String> {
        let mut files = Vec::new();
        for dir in dirs {
            collect(dir, 0, &mut files);
        }
        let find = |names: &[&str]| -> Vec<Face> {
            names
                .iter()
                .filter_map(|name| {
                    files
                        .iter()
                        .find(|p| p.file_name().is_some_and(|f| f == *name))
                })
                .filter_map(|p| Face::load(p))
                .collect()
        };
        let regular = find(REGULAR).into_iter().next().ok_or_else(|| {
            format!(
                "no regular font found (looked for {} under {:?}); install Debian's fonts-dejavu-core or set ATRIUM_FONT_DIRS",
                REGULAR.join(", "),
                dirs
            )
        })?;
        let bold = find(BOLD)
            .into_iter()
            .next()
            .unwrap_or_else(|| regular.clone());
        Ok(Fonts {
            regular,
            bold,
            fallback: find(FALLBACK),
        })
    }

    /// `text` cut into runs, each drawn by the first face (primary, then the fallbacks) that has
    /// its characters. Spaces and marks stay with the run they are in.
    pub fn runs<'a>(&'a self, text: &'a str, bold: bool) -> Vec<Run<'a>> {
        let primary = if bold { &self.bold } else { &self.regular };
        let pick = |c: char| -> &'a Face {
            if c.is_whitespace() || primary.has(c) {
                return primary;
            }
            self.fallback.iter().find(|f| f.has(c)).unwrap_or(primary)
        };
        let mut runs: Vec<Run<'a>> = Vec::new();
        let mut start = 0;
        let mut current: Option<&'a Face> = None;
        for (i, c) in text.char_indices() {
            let face = if c.is_whitespace() {
                current.unwrap_or(primary)
            } else {
                pick(c)
            };
            match current {
                Some(f) if std::ptr::eq(f, face) => {}
                Some(f) => {
                    runs.push(Run {
                        face: f,
                        text: &text[start..i],
                    });
                    start = i;
                    current = Some(face);
                }
                None => current = Some(face),
            }
        }
        if let Some(f) = current {
            runs.push(Run {
                face: f,
                text: &text[start..],
            });
        }
        runs
    }

    /// Width of `text` as it would be drawn.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.runs(text, bold)
            .iter()
            .map(|r| r.face.width(r.text, size))
            .sum()
    }
}

/// Every regular file under `dir`, a few levels deep (font packages nest one or two).
fn collect(dir: &Path, depth: u32, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() && depth < 4 => collect(&path, depth + 1, out),
            Ok(t) if t.is_file() || t.is_symlink() => out.push(path),
            _ => {}
        }
    }
}

/// The fonts, found and read on first use (startup stays fast; a server that never renders a PDF
/// never reads them).
pub struct FontCache {
    dirs: Vec<PathBuf>,
    fonts: OnceLock<Result<Arc<Fonts>, String>>,
}

impl FontCache {
    pub fn new(dirs: Vec<PathBuf>) -> FontCache {
        FontCache {
            dirs,
            fonts: OnceLock::new(),
        }
    }

    pub fn get(&self) -> Result<Arc<Fonts>, String> {
        self.fonts
            .get_or_init(|| Fonts::discover(&self.dirs).map(Arc::new))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::discover(&[PathBuf::from("/usr/share/fonts")])
            .expect("scripts/setup.sh installs the fonts")
    }

    #[test]
    fn latin_stays_in_the_primary_face_and_cjk_falls_back() {
        let fonts = fonts();
        let runs = fonts.runs("Zoë Ångström 株式会社 Ltd", false);
        let texts: Vec<&str> = runs.iter().map(|r| r.text).collect();
        assert_eq!(texts, ["Zoë Ångström ", "株式会社 ", "Ltd"]);
        assert!(std::ptr::eq(runs[0].face, &fonts.regular));
        assert!(
            !std::ptr::eq(runs[1].face, &fonts.regular),
            "CJK needs the fallback"
        );
    }

    #[test]
    fn widths_grow_with_text_and_size() {
        let fonts = fonts();
        let one = fonts.width("1,234.00", 10.0, false);
        assert!(one > 20.0 && one < 60.0, "{one}");
        assert!((fonts.width("1,234.00", 20.0, false) - 2.0 * one).abs() < 0.01);
        assert!(fonts.width("Total", 10.0, true) > fonts.width("Total", 10.0, false));
        assert_eq!(fonts.width("", 10.0, false), 0.0);
    }
}
