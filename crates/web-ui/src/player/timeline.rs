//! Audio and video: the media element, play / step / comment buttons, the timeline (a waveform
//! for audio) that seeks where it is clicked, and a numbered marker per timecoded comment.

use super::{percent, Marker, PlayerCtl, STEP_MS};
use crate::format::timecode;
use leptos::prelude::*;
use shared_types::approvals::FileMeta;
use shared_types::{FileKind, MediaState};
use wasm_bindgen::JsCast;

/// Bars drawn when the server has no peak summary yet: a flat line.
const FLAT_BARS: usize = 120;

fn media_of(ev: &web_sys::Event) -> Option<web_sys::HtmlMediaElement> {
    ev.target().and_then(|t| t.dyn_into().ok())
}

#[allow(clippy::cast_possible_truncation)] // media positions are far below i64::MAX ms
fn millis(seconds: f64) -> i64 {
    (seconds * 1000.0).round() as i64
}

/// The waveform (`peaks`, each 0..1) as SVG bars; bars before the playhead are "played".
fn waveform(peaks: Vec<f32>, ctl: PlayerCtl) -> impl IntoView {
    let n = peaks.len().max(1);
    let progress = move || percent(ctl.time_ms.get(), ctl.duration_ms.get());
    let bars = peaks
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let h = (f64::from(p.clamp(0.0, 1.0)) * 96.0).max(2.0);
            #[allow(clippy::cast_precision_loss)] // a few hundred bars
            let middle = (i as f64 + 0.5) / n as f64 * 100.0;
            view! {
                <rect
                    x=i.to_string()
                    y=format!("{:.2}", (100.0 - h) / 2.0)
                    width="0.7"
                    height=format!("{h:.2}")
                    class:played=move || middle <= progress()
                ></rect>
            }
        })
        .collect_view();
    view! {
        <svg
            class="waveform"
            viewBox=format!("0 0 {n} 100")
            preserveAspectRatio="none"
            aria-hidden="true"
            focusable="false"
        >
            {bars}
        </svg>
    }
}

#[component]
pub(super) fn TimelinePlayer(
    file: FileMeta,
    src: String,
    poster: Option<String>,
    markers: Signal<Vec<Marker>>,
    ctl: PlayerCtl,
) -> impl IntoView {
    let is_video = file.kind == FileKind::Video;
    let server_duration = file.duration_ms.filter(|d| *d > 0);
    let audio_ref = NodeRef::<leptos::html::Audio>::new();
    let video_ref = NodeRef::<leptos::html::Video>::new();
    Effect::new(move |_| {
        let el: Option<web_sys::HtmlMediaElement> = audio_ref
            .get()
            .map(JsCast::unchecked_into)
            .or_else(|| video_ref.get().map(JsCast::unchecked_into));
        if let Some(el) = el {
            ctl.media.set(Some(el));
        }
    });
    let on_time = move |ev: web_sys::Event| {
        if let Some(m) = media_of(&ev) {
            ctl.time_ms.set(millis(m.current_time()));
        }
    };
    let on_meta = move |ev: web_sys::Event| {
        if let Some(m) = media_of(&ev) {
            let d = m.duration();
            if d.is_finite() && d > 0.0 && server_duration.is_none() {
                ctl.duration_ms.set(millis(d));
            }
        }
    };
    let media = if is_video {
        view! {
            <video
                node_ref=video_ref
                class="player-video"
                src=src
                poster=poster
                preload="metadata"
                playsinline=true
                data-test-id="player-media"
                on:click=move |_| ctl.toggle()
                on:timeupdate=on_time
                on:loadedmetadata=on_meta
                on:play=move |_| ctl.playing.set(true)
                on:pause=move |_| ctl.playing.set(false)
                on:ended=move |_| ctl.playing.set(false)
            ></video>
        }
        .into_any()
    } else {
        view! {
            <audio
                node_ref=audio_ref
                src=src
                preload="metadata"
                data-test-id="player-media"
                on:timeupdate=on_time
                on:loadedmetadata=on_meta
                on:play=move |_| ctl.playing.set(true)
                on:pause=move |_| ctl.playing.set(false)
                on:ended=move |_| ctl.playing.set(false)
            ></audio>
        }
        .into_any()
    };

    let now = move || timecode(ctl.time_ms.get());
    let total = move || {
        let d = ctl.duration_ms.get();
        if d > 0 {
            timecode(d)
        } else {
            "–:––".to_owned()
        }
    };
    let pct = move || percent(ctl.time_ms.get(), ctl.duration_ms.get());
    let seek_click = move |ev: web_sys::MouseEvent| {
        let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let rect = el.get_bounding_client_rect();
        if rect.width() <= 0.0 {
            return;
        }
        let frac = ((f64::from(ev.client_x()) - rect.left()) / rect.width()).clamp(0.0, 1.0);
        #[allow(clippy::cast_precision_loss)] // media lengths are far below 2^52 ms
        let d = ctl.duration_ms.get_untracked() as f64;
        #[allow(clippy::cast_possible_truncation)]
        ctl.seek((frac * d).round() as i64);
    };
    let ticks = move || {
        let d = ctl.duration_ms.get();
        (d > 0).then(|| {
            markers
                .get()
                .into_iter()
                .filter_map(|m| {
                    let ms = m.timecode_ms?;
                    let id = m.id.clone();
                    let active_id = m.id.clone();
                    let label = format!("Comment {} at {}: {}", m.number, timecode(ms), m.label);
                    Some(view! {
                        <button
                            type="button"
                            class="timeline-marker"
                            class:active=move || ctl.active.with(|a| a.as_deref() == Some(active_id.as_str()))
                            style:left=format!("{:.3}%", percent(ms, d))
                            title=label.clone()
                            aria-label=label
                            data-test-id="timeline-marker"
                            on:click=move |_| {
                                ctl.seek(ms);
                                ctl.active.set(Some(id.clone()));
                            }
                        >
                            {m.number.to_string()}
                        </button>
                    })
                })
                .collect_view()
        })
    };
    let track = if is_video {
        ().into_any()
    } else {
        let peaks = file
            .waveform
            .clone()
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| vec![0.0; FLAT_BARS]);
        waveform(peaks, ctl).into_any()
    };
    let play_label = move || if ctl.playing.get() { "Pause" } else { "Play" };
    let preparing = (!is_video && file.waveform.is_none() && file.media_state == MediaState::Pending)
        .then(|| view! { <p class="hint">"The waveform is still being prepared; you can already listen."</p> });
    view! {
        <div class="player" class:player-audio=!is_video data-test-id="player">
            {media}
            <div class="player-controls">
                <button
                    type="button"
                    class="btn btn-primary btn-small player-toggle"
                    data-test-id="player-toggle"
                    on:click=move |_| ctl.toggle()
                >
                    {play_label}
                </button>
                <button
                    type="button"
                    class="btn btn-secondary btn-small"
                    on:click=move |_| ctl.seek(ctl.time_ms.get_untracked() - STEP_MS)
                >
                    "Back 5 s"
                </button>
                <button
                    type="button"
                    class="btn btn-secondary btn-small"
                    on:click=move |_| ctl.seek(ctl.time_ms.get_untracked() + STEP_MS)
                >
                    "Forward 5 s"
                </button>
                <span class="player-time" data-test-id="player-time">
                    {now}
                    " / "
                    {total}
                </span>
                <Show when=move || ctl.can_compose.get()>
                    <button
                        type="button"
                        class="btn btn-secondary btn-small"
                        data-test-id="player-comment"
                        on:click=move |_| ctl.comment_here()
                    >
                        "Comment at "
                        {now}
                    </button>
                </Show>
            </div>
            <div class="timeline-markers" role="group" aria-label="Comments on the timeline">
                {ticks}
            </div>
            <div
                class="timeline"
                role="slider"
                tabindex="0"
                aria-label="Position"
                aria-valuemin="0"
                aria-valuemax=move || (ctl.duration_ms.get() / 1000).to_string()
                aria-valuenow=move || (ctl.time_ms.get() / 1000).to_string()
                aria-valuetext=move || format!("{} of {}", now(), total())
                data-test-id="player-timeline"
                on:click=seek_click
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    // ← and → are the window's shortcuts; the slider adds its ends.
                    match ev.key().as_str() {
                        "Home" => ctl.seek(0),
                        "End" => ctl.seek(ctl.duration_ms.get_untracked()),
                        _ => return,
                    }
                    ev.prevent_default();
                }
            >
                {track}
                <div class="timeline-progress" style:width=move || format!("{:.3}%", pct())></div>
                <div class="playhead" style:left=move || format!("{:.3}%", pct())></div>
            </div>
            {preparing}
            <p class="hint player-keys">
                "Keyboard: Space plays or pauses, ← and → move five seconds, Home and End go to the start and the end"
                {move || ctl.can_compose.get().then_some(", C comments at the current time")}
                "."
            </p>
        </div>
    }
}
