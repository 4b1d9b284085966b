//! Audio: duration and a waveform summary (`WAVEFORM_POINTS` peak levels in 0..1) for the
//! review player. The file is copied from the store to a temporary file (formats such as MP4
//! need to seek) and decoded packet by packet; only one packet's samples and the peak buckets
//! are held, so a three-hour podcast needs no more memory than a jingle.

use super::{blocking, download_to_temp};
use crate::db::files::{FileRow, MediaUpdate};
use crate::state::AppState;
use anyhow::{bail, Context};
use symphonia::core::codecs::audio::AudioDecoderOptions;
use symphonia::core::errors::Error as SymphoniaError;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::{FormatOptions, TrackType};
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;

/// How many peak levels the waveform has.
pub const WAVEFORM_POINTS: usize = 200;
/// Corrupt packets tolerated before the file counts as unreadable.
const MAX_BAD_PACKETS: u32 = 100;

pub async fn process(state: &AppState, row: &FileRow) -> anyhow::Result<MediaUpdate> {
    let file = download_to_temp(state, &row.storage_key).await?;
    let analysis = blocking(move || analyse(file)).await?;
    Ok(MediaUpdate {
        duration_ms: Some(analysis.duration_ms),
        waveform: Some(serde_json::to_string(&analysis.peaks)?),
        ..MediaUpdate::ready()
    })
}

#[derive(Debug)]
pub struct Analysis {
    pub duration_ms: i64,
    pub peaks: Vec<f32>,
}

/// Decodes the whole first audio track of `file`.
pub fn analyse(file: std::fs::File) -> anyhow::Result<Analysis> {
    let source = MediaSourceStream::new(Box::new(file), Default::default());
    let mut format = symphonia::default::get_probe()
        .probe(
            &Hint::new(),
            source,
            FormatOptions::default(),
            MetadataOptions::default(),
        )
        .context("recognising the audio format")?;
    let track = format
        .default_track(TrackType::Audio)
        .context("the file has no audio track")?;
    let track_id = track.id;
    let expected_frames = track.num_frames;
    let params = track
        .codec_params
        .as_ref()
        .and_then(|p| p.audio())
        .context("the audio track has no codec parameters")?
        .clone();
    let mut decoder = symphonia::default::get_codecs()
        .make_audio_decoder(&params, &AudioDecoderOptions::default())
        .context("no decoder for this audio codec")?;
    let mut rate = params.sample_rate.unwrap_or(0);
    let mut peaks = Peaks::new(WAVEFORM_POINTS, expected_frames);
    let mut samples: Vec<f32> = Vec::new();
    let mut bad_packets = 0u32;
    loop {
        let packet = match format.next_packet() {
            Ok(Some(packet)) => packet,
            Ok(None) => break,
            // A truncated file: keep what was decoded.
            Err(SymphoniaError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                break
            }
            Err(e) => return Err(anyhow::Error::new(e).context("reading the audio")),
        };
        if packet.track_id != track_id {
            continue;
        }
        let buffer = match decoder.decode(&packet) {
            Ok(buffer) => buffer,
            Err(SymphoniaError::DecodeError(_) | SymphoniaError::IoError(_)) => {
                bad_packets += 1;
                if bad_packets > MAX_BAD_PACKETS {
                    bail!("too many undecodable audio packets");
                }
                continue;
            }
            Err(e) => return Err(anyhow::Error::new(e).context("decoding the audio")),
        };
        let channels = buffer.spec().channels().count().max(1);
        if rate == 0 {
            rate = buffer.spec().rate();
        }
        buffer.copy_to_vec_interleaved(&mut samples);
        for frame in samples.chunks(channels) {
            peaks.push(frame.iter().fold(0.0f32, |m, s| m.max(s.abs())));
        }
    }
    if peaks.frames() == 0 || rate == 0 {
        bail!("no audio could be decoded");
    }
    let duration_ms = i64::try_from(peaks.frames().saturating_mul(1000) / u64::from(rate))?;
    Ok(Analysis {
        duration_ms,
        peaks: peaks.finish(),
    })
}

/// Peak levels of a recording in bounded memory. Frames fall into buckets of `per_bucket`
/// frames (sized from the expected length when the container states it); whenever twice the
/// wanted number of buckets has filled up, neighbours merge and the bucket size doubles, so an
/// unknown or wrong length still ends with between `points` and `2 × points` buckets.
#[derive(Debug)]
pub struct Peaks {
    points: usize,
    per_bucket: u64,
    in_bucket: u64,
    current: f32,
    buckets: Vec<f32>,
    frames: u64,
}

impl Peaks {
    pub fn new(points: usize, expected_frames: Option<u64>) -> Self {
        let points = points.max(1);
        let per_bucket = expected_frames
            .map(|n| n.div_ceil(points as u64))
            .unwrap_or(1)
            .max(1);
        Peaks {
            points,
            per_bucket,
            in_bucket: 0,
            current: 0.0,
            buckets: Vec::with_capacity(2 * points),
            frames: 0,
        }
    }

    /// Adds one frame, given as its loudest absolute sample.
    pub fn push(&mut self, level: f32) {
        let level = if level.is_finite() { level } else { 0.0 };
        self.current = self.current.max(level);
        self.in_bucket += 1;
        self.frames += 1;
        if self.in_bucket == self.per_bucket {
            self.buckets.push(self.current);
            self.current = 0.0;
            self.in_bucket = 0;
            if self.buckets.len() >= 2 * self.points {
                self.buckets = self
                    .buckets
                    .chunks(2)
                    .map(|pair| pair.iter().copied().fold(0.0, f32::max))
                    .collect();
                self.per_bucket *= 2;
            }
        }
    }

    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// At most `points` levels in 0..1, rounded to three decimals.
    pub fn finish(mut self) -> Vec<f32> {
        if self.in_bucket > 0 {
            self.buckets.push(self.current);
        }
        let n = self.buckets.len();
        let levels: Vec<f32> = if n <= self.points {
            self.buckets
        } else {
            (0..self.points)
                .map(|i| {
                    let (from, to) = (i * n / self.points, (i + 1) * n / self.points);
                    self.buckets[from..to.max(from + 1)]
                        .iter()
                        .copied()
                        .fold(0.0, f32::max)
                })
                .collect()
        };
        levels
            .into_iter()
            .map(|v| (v.clamp(0.0, 1.0) * 1000.0).round() / 1000.0)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels(frames: u64, expected: Option<u64>) -> Vec<f32> {
        let mut peaks = Peaks::new(200, expected);
        // Loud for the first half, silent after.
        for i in 0..frames {
            peaks.push(if i < frames / 2 { 0.8 } else { 0.0 });
        }
        peaks.finish()
    }

    #[test]
    fn known_length_gives_exactly_the_points() {
        let v = levels(44_100 * 3, Some(44_100 * 3));
        assert_eq!(v.len(), 200);
        assert!(v[..99].iter().all(|&p| p == 0.8), "{v:?}");
        assert!(v[101..].iter().all(|&p| p == 0.0), "{v:?}");
    }

    #[test]
    fn unknown_or_wrong_length_still_gives_the_points() {
        for expected in [None, Some(1000), Some(10_000_000)] {
            let v = levels(1_234_567, expected);
            assert!(!v.is_empty() && v.len() <= 200, "{expected:?}: {}", v.len());
            assert_eq!(v[0], 0.8);
            assert_eq!(*v.last().unwrap(), 0.0);
        }
    }

    #[test]
    fn levels_are_clamped() {
        let mut peaks = Peaks::new(4, Some(4));
        for level in [2.0, f32::NAN, -0.5, 0.25] {
            peaks.push(level);
        }
        assert_eq!(peaks.finish(), vec![1.0, 0.0, 0.0, 0.25]);
    }
}
