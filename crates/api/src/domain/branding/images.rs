//! The logo and favicon. Whatever is uploaded (PNG, JPEG or SVG), Atrium draws it again itself
//! and keeps only that PNG: an SVG is rendered by resvg, so no script, event handler or external
//! reference in it can ever run or be fetched — the file served is pixels. Raster uploads are
//! decoded with bounds (dimensions and memory), which also drops any metadata or trailing bytes.

use crate::db::orgs::Asset;
use crate::error::{ApiError, ApiResult};
use image::{imageops, DynamicImage, ImageFormat, ImageReader, Limits, RgbaImage};
use std::io::Cursor;
use std::path::PathBuf;

/// The largest upload accepted.
pub const MAX_UPLOAD_BYTES: usize = 2 * 1024 * 1024;
const MAX_SIDE: u32 = 8_192;
const MAX_ALLOC: u64 = 256 * 1024 * 1024;

impl Asset {
    /// The box the stored image fits in (a favicon is centred in a transparent square).
    fn side(self) -> u32 {
        match self {
            Asset::Logo => 512,
            Asset::Favicon => 64,
        }
    }
}

fn unsupported() -> ApiError {
    ApiError::bad_request(
        shared_types::ErrorCode::UnsupportedMediaType,
        "Upload a PNG, JPEG or SVG image.",
    )
}

fn unreadable(what: &str) -> ApiError {
    ApiError::bad_request(
        shared_types::ErrorCode::UnsupportedMediaType,
        format!("This {what} could not be read as an image. Try exporting it again as PNG."),
    )
}

/// Whether `bytes` look like SVG markup.
fn is_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    (head.starts_with("<?xml") || head.starts_with("<svg") || head.starts_with("<!--"))
        && String::from_utf8_lossy(bytes)
            .to_ascii_lowercase()
            .contains("<svg")
}

/// The PNG Atrium keeps for an upload of `bytes` as `asset`. `font_dirs` let text in an SVG
/// render (the same directories the PDFs use).
pub fn draw(asset: Asset, bytes: &[u8], font_dirs: &[PathBuf]) -> ApiResult<Vec<u8>> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(ApiError::PayloadTooLarge);
    }
    let image = match infer::get(bytes).map(|t| t.mime_type()) {
        Some("image/png" | "image/jpeg") => decode_raster(bytes)?,
        _ if is_svg(bytes) => render_svg(bytes, asset.side(), font_dirs)?,
        _ => return Err(unsupported()),
    };
    encode(fit(image, asset))
}

fn decode_raster(bytes: &[u8]) -> ApiResult<RgbaImage> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| unreadable("file"))?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let image = reader.decode().map_err(|_| unreadable("file"))?;
    Ok(image.to_rgba8())
}

/// Renders an SVG so its longer side is `side` pixels. External references (files, URLs) are
/// never resolved; only `data:` images inside the file are seen, and raster images are not drawn.
fn render_svg(bytes: &[u8], side: u32, font_dirs: &[PathBuf]) -> ApiResult<RgbaImage> {
    use resvg::{tiny_skia, usvg};
    let mut fonts = usvg::fontdb::Database::new();
    for dir in font_dirs {
        fonts.load_fonts_dir(dir);
    }
    let options = usvg::Options {
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        fontdb: std::sync::Arc::new(fonts),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(bytes, &options).map_err(|_| unreadable("SVG"))?;
    let size = tree.size();
    let (w, h) = (size.width(), size.height());
    if !(w.is_finite() && h.is_finite()) || w <= 0.0 || h <= 0.0 {
        return Err(unreadable("SVG"));
    }
    let scale = side as f32 / w.max(h);
    let width = ((w * scale).round() as u32).clamp(1, side);
    let height = ((h * scale).round() as u32).clamp(1, side);
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or_else(|| unreadable("SVG"))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // tiny-skia keeps premultiplied alpha; the image crate wants it straight.
    let pixels: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    RgbaImage::from_raw(width, height, pixels).ok_or_else(|| unreadable("SVG"))
}

/// Shrinks to the asset's box (never enlarges a logo); a favicon becomes a centred square.
fn fit(image: RgbaImage, asset: Asset) -> RgbaImage {
    let side = asset.side();
    let image = if image.width() > side || image.height() > side {
        DynamicImage::ImageRgba8(image)
            .resize(side, side, imageops::FilterType::Lanczos3)
            .to_rgba8()
    } else {
        image
    };
    match asset {
        Asset::Logo => image,
        Asset::Favicon => {
            let mut square = RgbaImage::new(side, side);
            let x = (side - image.width()) / 2;
            let y = (side - image.height()) / 2;
            imageops::overlay(&mut square, &image, i64::from(x), i64::from(y));
            square
        }
    }
}

fn encode(image: RgbaImage) -> ApiResult<Vec<u8>> {
    let mut out = Cursor::new(Vec::new());
    image
        .write_to(&mut out, ImageFormat::Png)
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("encoding a logo")))?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        encode(RgbaImage::from_pixel(
            width,
            height,
            image::Rgba([10, 20, 200, 255]),
        ))
        .unwrap()
    }

    fn dims(png: &[u8]) -> (u32, u32) {
        let img = image::load_from_memory_with_format(png, ImageFormat::Png).unwrap();
        (img.width(), img.height())
    }

    #[test]
    fn raster_logos_shrink_to_fit_and_favicons_are_square() {
        assert_eq!(
            dims(&draw(Asset::Logo, &png(2000, 500), &[]).unwrap()),
            (512, 128)
        );
        assert_eq!(
            dims(&draw(Asset::Logo, &png(200, 50), &[]).unwrap()),
            (200, 50)
        );
        assert_eq!(
            dims(&draw(Asset::Favicon, &png(300, 100), &[]).unwrap()),
            (64, 64)
        );
    }

    #[test]
    fn an_svg_is_drawn_as_pixels_without_its_script() {
        let svg = br##"<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" onload="alert(1)">
  <script>alert(document.cookie)</script>
  <image href="file:///etc/passwd" width="10" height="10"/>
  <rect width="200" height="100" fill="#ff0000"/>
</svg>"##;
        let out = draw(Asset::Logo, svg, &[]).unwrap();
        assert!(out.starts_with(b"\x89PNG"), "a PNG");
        assert_eq!(dims(&out), (512, 256));
        let text = String::from_utf8_lossy(&out).to_ascii_lowercase();
        assert!(!text.contains("script") && !text.contains("alert"));
        let img = image::load_from_memory(&out).unwrap().to_rgba8();
        assert_eq!(
            img.get_pixel(10, 10).0,
            [255, 0, 0, 255],
            "the drawing survives"
        );
    }

    #[test]
    fn other_files_are_refused() {
        for bytes in [
            &b"GIF89a\x01\x00\x01\x00"[..],
            b"<html><script>alert(1)</script></html>",
            b"%PDF-1.7",
            b"<svg",
        ] {
            let err = draw(Asset::Logo, bytes, &[]).unwrap_err();
            assert!(matches!(err, ApiError::BadRequest { .. }), "{err:?}");
        }
        let big = vec![0u8; MAX_UPLOAD_BYTES + 1];
        assert!(matches!(
            draw(Asset::Logo, &big, &[]),
            Err(ApiError::PayloadTooLarge)
        ));
    }
}
