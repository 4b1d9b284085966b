//! The review player both SPAs put above an approval's comment thread.
//!
//! - Images: click or drag on the picture to mark a spot for a comment; each comment with a
//!   region shows as a numbered box on the picture.
//! - Audio: a waveform from the server's peak summary (a flat line until it is computed) that is
//!   also the seek bar, with a numbered marker at every timecoded comment.
//! - Video: the same timeline under the picture.
//!
//! Keyboard (audio and video, ignored while typing in a field): Space plays or pauses, ← and →
//! step five seconds, `C` starts a comment at the current time.
//!
//! The page and the player talk through [`PlayerCtl`]: the player reports the position, the page
//! asks it to seek (a comment's timecode was clicked) and learns where the next comment points.

mod image;
mod timeline;

use leptos::prelude::*;
use shared_types::approvals::{Comment, FileMeta, Region};
use shared_types::FileKind;
use wasm_bindgen::JsCast;

/// How far ← and → move, in milliseconds.
pub const STEP_MS: i64 = 5_000;

/// A comment shown on the player: a numbered box on an image or a numbered tick on a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub id: String,
    /// 1-based, in thread order; the thread shows the same number beside the comment.
    pub number: usize,
    /// Who said what, for the marker's accessible name and tooltip.
    pub label: String,
    pub timecode_ms: Option<i64>,
    pub region: Option<Region>,
}

impl Marker {
    /// The comments of `version` that point at a moment or a region, numbered in thread order
    /// (the thread shows the same numbers); internal comments (staff views only) say so.
    pub fn for_version(comments: &[Comment], version: i32) -> Vec<Marker> {
        comments
            .iter()
            .filter(|c| c.version == version && (c.timecode_ms.is_some() || c.region.is_some()))
            .enumerate()
            .map(|(i, c)| {
                let mut excerpt: String = c.body.chars().take(80).collect();
                if c.body.chars().count() > 80 {
                    excerpt.push('…');
                }
                let internal = if c.internal { "Internal · " } else { "" };
                Marker {
                    id: c.id.clone(),
                    number: i + 1,
                    label: format!("{internal}{}: {excerpt}", c.author_name),
                    timecode_ms: c.timecode_ms,
                    region: c.region,
                }
            })
            .collect()
    }
}

/// Where the next comment points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    Time(i64),
    Region(Region),
}

/// Shared state between the player and the page around it. `Copy`, so any component can hold it.
#[derive(Clone, Copy)]
pub struct PlayerCtl {
    /// Playback position, updated as the media plays.
    pub time_ms: RwSignal<i64>,
    /// Length of the media: the server's figure, or the browser's once it has read the file.
    pub duration_ms: RwSignal<i64>,
    pub playing: RwSignal<bool>,
    /// Where the next comment attaches; cleared by the page after posting.
    pub target: RwSignal<Option<Target>>,
    /// Bumped each time the user asks to comment (`C`, a drawn region): the form takes focus.
    pub compose: RwSignal<u32>,
    /// The comment to highlight (its marker or its entry in the thread was clicked).
    pub active: RwSignal<Option<String>>,
    /// Whether the viewer may comment: without it the player offers no "Comment at", `C` does
    /// nothing and the image takes no pins (the page says why instead).
    pub can_compose: RwSignal<bool>,
    media: RwSignal<Option<web_sys::HtmlMediaElement>, LocalStorage>,
}

impl Default for PlayerCtl {
    fn default() -> Self {
        Self::new()
    }
}

impl PlayerCtl {
    pub fn new() -> Self {
        PlayerCtl {
            time_ms: RwSignal::new(0),
            duration_ms: RwSignal::new(0),
            playing: RwSignal::new(false),
            target: RwSignal::new(None),
            compose: RwSignal::new(0),
            active: RwSignal::new(None),
            can_compose: RwSignal::new(true),
            media: RwSignal::new_local(None),
        }
    }

    /// Moves playback to `ms` (clamped to the media); a no-op when no audio or video is shown.
    pub fn seek(&self, ms: i64) {
        let duration = self.duration_ms.get_untracked();
        let ms = if duration > 0 {
            ms.clamp(0, duration)
        } else {
            ms.max(0)
        };
        self.media.with_untracked(|m| {
            if let Some(m) = m {
                #[allow(clippy::cast_precision_loss)] // media times are far below 2^52 ms
                m.set_current_time(ms as f64 / 1000.0);
            }
        });
        self.time_ms.set(ms);
    }

    pub fn toggle(&self) {
        self.media.with_untracked(|m| {
            if let Some(m) = m {
                if m.paused() {
                    // The promise rejects only when the browser refuses to play; the state
                    // then simply stays "paused".
                    let _ = m.play();
                } else {
                    let _ = m.pause();
                }
            }
        });
    }

    /// Starts a comment at the current position: pauses, points the form at this moment.
    pub fn comment_here(&self) {
        if !self.can_compose.get_untracked() {
            return;
        }
        self.media.with_untracked(|m| {
            if let Some(m) = m {
                let _ = m.pause();
            }
        });
        self.target
            .set(Some(Target::Time(self.time_ms.get_untracked())));
        self.compose.update(|n| *n += 1);
    }

    /// Forgets the media element and the position (the player is about to show another file).
    fn reset(&self, duration_ms: Option<i64>) {
        self.media.set(None);
        self.time_ms.set(0);
        self.playing.set(false);
        self.duration_ms.set(duration_ms.unwrap_or(0));
    }
}

/// Whether a key press belongs to a form control rather than to the player.
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
}

/// Space / ← / → / C for the timeline players, on the whole window while the player is shown.
fn keyboard_shortcuts(ctl: PlayerCtl) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing(&ev) {
            return;
        }
        let on_button = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "BUTTON" | "A"));
        match ev.key().as_str() {
            // On a focused button Space already clicks it.
            " " if !on_button => ctl.toggle(),
            "ArrowLeft" => ctl.seek(ctl.time_ms.get_untracked() - STEP_MS),
            "ArrowRight" => ctl.seek(ctl.time_ms.get_untracked() + STEP_MS),
            "c" | "C" => ctl.comment_here(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || handle.remove());
}

/// The player for one file. Documents and other files get nothing (the file list links them).
#[component]
pub fn ReviewPlayer(
    file: FileMeta,
    /// Where the browser fetches the bytes (the portal and staff APIs differ).
    #[prop(into)]
    src: String,
    /// A still image shown before a video plays, when the server has one.
    #[prop(optional_no_strip)]
    poster: Option<String>,
    #[prop(into)] markers: Signal<Vec<Marker>>,
    ctl: PlayerCtl,
) -> impl IntoView {
    ctl.reset(file.duration_ms);
    match file.kind {
        FileKind::Image => {
            view! { <image::ImageStage file=file src=src markers=markers ctl=ctl/> }.into_any()
        }
        FileKind::Audio | FileKind::Video => {
            keyboard_shortcuts(ctl);
            view! { <timeline::TimelinePlayer file=file src=src poster=poster markers=markers ctl=ctl/> }
                .into_any()
        }
        FileKind::Document | FileKind::Other => ().into_any(),
    }
}

/// The share of the media before `ms`, as a CSS percentage (0 when the length is unknown).
pub(crate) fn percent(ms: i64, duration_ms: i64) -> f64 {
    if duration_ms <= 0 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)] // display only
    let p = ms as f64 / duration_ms as f64 * 100.0;
    p.clamp(0.0, 100.0)
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percentages() {
        assert!((percent(500, 1000) - 50.0).abs() < f64::EPSILON);
        assert!(percent(5, 0).abs() < f64::EPSILON);
        assert!((percent(2000, 1000) - 100.0).abs() < f64::EPSILON);
    }
}
