//! Video: dimensions and duration from the MP4/QuickTime container (`mp4parse`), read with a
//! few ranged reads: the top-level boxes are walked by their headers and only `moov` (the
//! index, small next to the media data) is fetched, wherever it sits in the file.
//!
//! No poster frame: that needs decoding H.264/HEVC video, and no maintained pure-Rust decoder
//! for those exists (see docs/ARCHITECTURE.md, "Media worker"); system binaries such as ffmpeg
//! are ruled out. Video files are therefore `ready` without a thumbnail.

use super::blocking;
use crate::db::files::{FileRow, MediaUpdate};
use crate::state::AppState;
use crate::storage::Storage;
use anyhow::{bail, Context};
use object_store::ObjectStoreExt;

/// Largest `moov` box read (the index of a long, many-track film is a few MB).
const MAX_MOOV_BYTES: u64 = 64 * 1024 * 1024;
/// Most top-level boxes walked before giving up.
const MAX_TOP_LEVEL_BOXES: usize = 10_000;

/// MIME types (as sniffed) whose container is ISO base media (MP4, QuickTime, M4V, 3GP).
fn is_iso_bmff(content_type: &str) -> bool {
    matches!(
        content_type,
        "video/mp4" | "video/quicktime" | "video/x-m4v" | "video/3gpp" | "video/3gpp2"
    )
}

pub async fn process(state: &AppState, row: &FileRow) -> anyhow::Result<MediaUpdate> {
    if !is_iso_bmff(&row.content_type) {
        return Ok(MediaUpdate::nothing());
    }
    let size = u64::try_from(row.size_bytes).unwrap_or(0);
    let moov = read_moov(state, &row.storage_key, size).await?;
    let info = blocking(move || parse_moov(&moov)).await?;
    Ok(MediaUpdate {
        width: info.width,
        height: info.height,
        duration_ms: info.duration_ms,
        ..MediaUpdate::ready()
    })
}

/// The bytes of the top-level `moov` box.
async fn read_moov(state: &AppState, key: &str, size: u64) -> anyhow::Result<Vec<u8>> {
    let path = Storage::path(key)?;
    let store = state.storage.store();
    let mut offset = 0u64;
    for _ in 0..MAX_TOP_LEVEL_BOXES {
        if offset + 8 > size {
            break;
        }
        let head = store
            .get_range(&path, offset..(offset + 16).min(size))
            .await
            .context("reading the video")?;
        let (box_len, box_type) = box_header(&head, size - offset)?;
        if &box_type == b"moov" {
            if box_len > MAX_MOOV_BYTES {
                bail!("the video index is larger than {MAX_MOOV_BYTES} bytes");
            }
            let bytes = store
                .get_range(&path, offset..offset + box_len)
                .await
                .context("reading the video index")?;
            return Ok(bytes.to_vec());
        }
        offset += box_len;
    }
    bail!("no movie box (`moov`) in the video")
}

/// A box's total length and type from its first 8 (or 16) bytes; `remaining` is what is left
/// of the file from the box's start.
fn box_header(head: &[u8], remaining: u64) -> anyhow::Result<(u64, [u8; 4])> {
    if head.len() < 8 {
        bail!("truncated box header");
    }
    let short = u64::from(u32::from_be_bytes([head[0], head[1], head[2], head[3]]));
    let box_type = [head[4], head[5], head[6], head[7]];
    let len = match short {
        // Extends to the end of the file.
        0 => remaining,
        // A 64-bit size follows the type.
        1 => {
            let Some(large) = head.get(8..16) else {
                bail!("truncated box header");
            };
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(large);
            u64::from_be_bytes(bytes)
        }
        n => n,
    };
    if len < 8 || len > remaining {
        bail!("invalid box size");
    }
    Ok((len, box_type))
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct VideoInfo {
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub duration_ms: Option<i64>,
}

/// Dimensions (as displayed, from the track header) and duration of the first video track.
pub fn parse_moov(moov: &[u8]) -> anyhow::Result<VideoInfo> {
    let context = mp4parse::read_mp4(&mut std::io::Cursor::new(moov))
        .map_err(|e| anyhow::anyhow!("reading the video index: {e:?}"))?;
    let track = context
        .tracks
        .iter()
        .find(|t| t.track_type == mp4parse::TrackType::Video)
        .context("the file has no video track")?;
    let (mut width, mut height) = match &track.tkhd {
        // 16.16 fixed point.
        Some(tkhd) => (tkhd.width >> 16, tkhd.height >> 16),
        None => (0, 0),
    };
    if width == 0 || height == 0 {
        if let Some(mp4parse::SampleEntry::Video(entry)) = track
            .stsd
            .as_ref()
            .and_then(|stsd| stsd.descriptions.first())
        {
            width = u32::from(entry.width);
            height = u32::from(entry.height);
        }
    }
    let duration_ms = match (track.duration, track.timescale) {
        (Some(d), Some(scale)) if scale.0 > 0 => {
            i64::try_from(u128::from(d.0) * 1000 / u128::from(scale.0)).ok()
        }
        _ => None,
    };
    let nonzero = |v: u32| i32::try_from(v).ok().filter(|v| *v > 0);
    Ok(VideoInfo {
        width: nonzero(width),
        height: nonzero(height),
        duration_ms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_headers() {
        let mut h = vec![0, 0, 0, 24];
        h.extend_from_slice(b"ftyp");
        assert_eq!(box_header(&h, 100).unwrap(), (24, *b"ftyp"));
        assert!(box_header(&h, 20).is_err(), "longer than the file");
        let mut large = vec![0, 0, 0, 1];
        large.extend_from_slice(b"mdat");
        large.extend_from_slice(&5_000_000_000u64.to_be_bytes());
        assert_eq!(
            box_header(&large, 6_000_000_000).unwrap(),
            (5_000_000_000, *b"mdat")
        );
        let mut to_end = vec![0, 0, 0, 0];
        to_end.extend_from_slice(b"mdat");
        assert_eq!(box_header(&to_end, 77).unwrap(), (77, *b"mdat"));
        let mut tiny = vec![0, 0, 0, 4];
        tiny.extend_from_slice(b"free");
        assert!(box_header(&tiny, 100).is_err());
    }

    #[test]
    fn garbage_is_not_a_movie() {
        assert!(parse_moov(b"\0\0\0\x10moovgarbage!").is_err());
    }
}
