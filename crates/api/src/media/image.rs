//! Images: dimensions (after EXIF orientation) and a JPEG thumbnail that fits in 480×480.
//! Decoding is bounded: files over `ATRIUM_MEDIA_MAX_IMAGE_BYTES` are skipped, and the decoder
//! refuses images wider or taller than `MAX_SIDE` or needing more than `MAX_ALLOC` bytes, so a
//! small file that claims huge dimensions (a decompression bomb) fails instead of exhausting
//! memory.

use super::blocking;
use crate::db::files::{FileRow, MediaUpdate};
use crate::state::AppState;
use crate::storage::Storage;
use anyhow::Context;
use image::codecs::jpeg::JpegEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, GenericImageView, ImageDecoder, ImageReader, Limits, RgbImage};
use object_store::{ObjectStoreExt, PutPayload};
use std::io::Cursor;

/// The thumbnail fits in a square of this side.
pub const THUMB_SIDE: u32 = 480;
const MAX_SIDE: u32 = 16_384;
const MAX_ALLOC: u64 = 512 * 1024 * 1024;
const JPEG_QUALITY: u8 = 82;

pub struct Thumbnail {
    pub width: u32,
    pub height: u32,
    pub jpeg: Vec<u8>,
}

pub async fn process(state: &AppState, row: &FileRow) -> anyhow::Result<MediaUpdate> {
    if row.size_bytes > state.config.media_max_image_bytes {
        return Ok(MediaUpdate::nothing());
    }
    let path = Storage::path(&row.storage_key)?;
    let bytes = state
        .storage
        .store()
        .get(&path)
        .await
        .context("reading the stored image")?
        .bytes()
        .await
        .context("reading the stored image")?;
    let thumb = blocking(move || thumbnail(&bytes)).await?;
    let key = Storage::thumbnail_key(&row.org_id, &row.id);
    state
        .storage
        .store()
        .put(&Storage::path(&key)?, PutPayload::from(thumb.jpeg))
        .await
        .context("storing the thumbnail")?;
    Ok(MediaUpdate {
        width: i32::try_from(thumb.width).ok(),
        height: i32::try_from(thumb.height).ok(),
        thumbnail_key: Some(key),
        ..MediaUpdate::ready()
    })
}

/// Decodes `bytes` (JPEG, PNG, GIF or WebP) and makes its thumbnail.
pub fn thumbnail(bytes: &[u8]) -> anyhow::Result<Thumbnail> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .context("reading the image header")?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().context("reading the image header")?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut decoded = DynamicImage::from_decoder(decoder).context("decoding the image")?;
    decoded.apply_orientation(orientation);
    let (width, height) = decoded.dimensions();
    let small = if width > THUMB_SIDE || height > THUMB_SIDE {
        decoded.thumbnail(THUMB_SIDE, THUMB_SIDE)
    } else {
        decoded
    };
    let rgb = flatten(&small);
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
        .encode_image(&rgb)
        .context("encoding the thumbnail")?;
    Ok(Thumbnail {
        width,
        height,
        jpeg,
    })
}

/// RGB pixels with any transparency composited over white (JPEG has no alpha).
fn flatten(img: &DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.to_rgb8();
    }
    let rgba = img.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([over(r), over(g), over(b)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageFormat, RgbaImage};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = RgbaImage::from_fn(width, height, |x, y| {
            image::Rgba([(x % 256) as u8, (y % 256) as u8, 128, 200])
        });
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn large_images_shrink_to_fit_and_keep_their_shape() {
        let thumb = thumbnail(&png(1200, 600)).unwrap();
        assert_eq!((thumb.width, thumb.height), (1200, 600));
        let decoded = image::load_from_memory(&thumb.jpeg).unwrap();
        assert_eq!(decoded.dimensions(), (480, 240));
    }

    #[test]
    fn small_images_are_not_enlarged() {
        let thumb = thumbnail(&png(40, 30)).unwrap();
        let decoded = image::load_from_memory(&thumb.jpeg).unwrap();
        assert_eq!(decoded.dimensions(), (40, 30));
    }

    #[test]
    fn a_header_claiming_huge_dimensions_is_refused() {
        // A valid PNG header for 100000×100000 pixels followed by nothing: must fail fast.
        let mut data = png(1, 1);
        // IHDR width/height live at bytes 16..24.
        data[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        data[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        assert!(thumbnail(&data).is_err());
    }

    #[test]
    fn garbage_after_a_png_signature_fails() {
        let mut data = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        data.extend((0..5000).map(|i| (i * 7 % 251) as u8));
        assert!(thumbnail(&data).is_err());
    }
}
