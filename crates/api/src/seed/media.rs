//! Bytes for the demo deliverables, made on the spot (no binary files in the repository): a
//! poster-like PNG and a spoken-word-like WAV with loud and quiet passages, so the demo's review
//! player has a picture to mark and a waveform to scrub.

use image::{ImageFormat, Rgb, RgbImage};
use std::io::Cursor;

/// A 1200×800 PNG: a warm diagonal gradient with a dark title band and a lighter "product" disc.
pub fn poster_png() -> Vec<u8> {
    let (w, h) = (1200u32, 800u32);
    let img = RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (f64::from(x) / f64::from(w), f64::from(y) / f64::from(h));
        let (dx, dy) = (fx - 0.68, (fy - 0.45) * 1.5);
        if (0.72..0.86).contains(&fy) {
            return Rgb([28, 30, 46]);
        }
        if dx * dx + dy * dy < 0.04 {
            return Rgb([250, 236, 210]);
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        // 0..=255 by construction
        let channel = |v: f64| (v.clamp(0.0, 1.0) * 255.0) as u8;
        Rgb([
            channel(0.95 - 0.25 * fy),
            channel(0.55 + 0.25 * fx),
            channel(0.35 + 0.3 * fx * fy),
        ])
    });
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Png)
        .expect("encoding a PNG in memory cannot fail");
    out.into_inner()
}

/// Length of the demo episode.
pub const EPISODE_SECONDS: u32 = 45;

/// A mono 16-bit 8 kHz WAV of [`EPISODE_SECONDS`]: tones whose loudness moves like speech, with
/// a quiet gap every eleven seconds.
pub fn episode_wav() -> Vec<u8> {
    const RATE: u32 = 8_000;
    let frames = RATE * EPISODE_SECONDS;
    let mut out = Vec::with_capacity(44 + frames as usize * 2);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + frames * 2).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&RATE.to_le_bytes());
    out.extend_from_slice(&(RATE * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&(frames * 2).to_le_bytes());
    for i in 0..frames {
        let t = f64::from(i) / f64::from(RATE);
        let gap = (t % 11.0) > 10.2;
        let syllables = 0.5 + 0.5 * (t * 3.1).sin().abs();
        let phrase = 0.35 + 0.65 * (t * 0.37).sin().abs();
        let level = if gap { 0.02 } else { 0.85 * syllables * phrase };
        let pitch = 180.0 + 40.0 * (t * 0.9).sin();
        let s = (std::f64::consts::TAU * pitch * t).sin() * 0.7
            + (std::f64::consts::TAU * pitch * 2.0 * t).sin() * 0.3;
        #[allow(clippy::cast_possible_truncation)] // |s * level| ≤ 1
        let sample = (s * level * 32_000.0) as i16;
        out.extend_from_slice(&sample.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_media_are_what_they_claim() {
        let png = poster_png();
        assert_eq!(infer::get(&png).map(|t| t.mime_type()), Some("image/png"));
        let wav = episode_wav();
        assert_eq!(wav.len(), 44 + 8_000 * EPISODE_SECONDS as usize * 2);
        assert!(infer::get(&wav).is_some_and(|t| t.mime_type().contains("wav")));
    }
}
