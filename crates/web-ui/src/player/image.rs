//! Images: click a spot or drag a box to point the next comment at it; every comment with a
//! region is a numbered box over the picture.

use super::{Marker, PlayerCtl, Target};
use leptos::prelude::*;
use shared_types::approvals::{FileMeta, Region};
use wasm_bindgen::JsCast;

/// Side of the box a plain click marks, relative to the image.
const CLICK_BOX: f64 = 0.08;
/// A drag shorter than this (relative) counts as a click.
const MIN_DRAG: f64 = 0.01;

/// How far an arrow key moves a pin (relative); Shift moves five times as far.
const KEY_STEP: f64 = 0.02;
const KEYS_LABEL: &str =
    "Image under review: Enter places a comment pin, arrow keys move it, Enter again comments";

/// `r` moved by `(dx, dy)`, kept inside the image.
pub(crate) fn moved_by(r: Region, dx: f64, dy: f64) -> Region {
    let x = (r.x + dx).clamp(0.0, 1.0 - r.w);
    let y = (r.y + dy).clamp(0.0, 1.0 - r.h);
    Region {
        x: quantize(x),
        y: quantize(y),
        ..r
    }
}

/// Four decimals, rounded down: enough for any screen, and sums stay inside the image.
fn quantize(v: f64) -> f64 {
    (v.clamp(0.0, 1.0) * 10_000.0).floor() / 10_000.0
}

/// The box between two points (relative), or a small box centred on `a` for a click; always
/// inside the image.
pub(crate) fn region_between(a: (f64, f64), b: (f64, f64)) -> Region {
    let (mut x, mut y) = (a.0.min(b.0), a.1.min(b.1));
    let (mut w, mut h) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
    if w < MIN_DRAG && h < MIN_DRAG {
        w = CLICK_BOX;
        h = CLICK_BOX;
        x = a.0 - CLICK_BOX / 2.0;
        y = a.1 - CLICK_BOX / 2.0;
    }
    let x = quantize(x.clamp(0.0, 1.0 - w.min(1.0)));
    let y = quantize(y.clamp(0.0, 1.0 - h.min(1.0)));
    let mut w = quantize(w);
    let mut h = quantize(h);
    while x + w > 1.0 {
        w -= 0.0001;
    }
    while y + h > 1.0 {
        h -= 0.0001;
    }
    Region { x, y, w, h }
}

/// The pointer's position relative to the element the handler sits on.
fn relative(ev: &web_sys::PointerEvent) -> Option<(f64, f64)> {
    let el: web_sys::Element = ev.current_target()?.dyn_into().ok()?;
    let r = el.get_bounding_client_rect();
    if r.width() <= 0.0 || r.height() <= 0.0 {
        return None;
    }
    Some((
        ((f64::from(ev.client_x()) - r.left()) / r.width()).clamp(0.0, 1.0),
        ((f64::from(ev.client_y()) - r.top()) / r.height()).clamp(0.0, 1.0),
    ))
}

fn pct(v: f64) -> String {
    format!("{:.3}%", v * 100.0)
}

fn boxed(r: Region) -> impl Fn() -> String {
    move || {
        format!(
            "left:{};top:{};width:{};height:{}",
            pct(r.x),
            pct(r.y),
            pct(r.w),
            pct(r.h)
        )
    }
}

#[component]
pub(super) fn ImageStage(
    file: FileMeta,
    src: String,
    markers: Signal<Vec<Marker>>,
    ctl: PlayerCtl,
) -> impl IntoView {
    let start = RwSignal::new(None::<(f64, f64)>);
    let drag = RwSignal::new(None::<Region>);
    let down = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 || !ctl.can_compose.get_untracked() {
            return;
        }
        if let Some(p) = relative(&ev) {
            ev.prevent_default();
            if let Some(el) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = el.set_pointer_capture(ev.pointer_id());
            }
            start.set(Some(p));
            drag.set(None);
        }
    };
    let moved = move |ev: web_sys::PointerEvent| {
        if let (Some(a), Some(b)) = (start.get_untracked(), relative(&ev)) {
            if (a.0 - b.0).abs() >= MIN_DRAG || (a.1 - b.1).abs() >= MIN_DRAG {
                drag.set(Some(region_between(a, b)));
            }
        }
    };
    let up = move |ev: web_sys::PointerEvent| {
        let Some(a) = start.get_untracked() else {
            return;
        };
        start.set(None);
        drag.set(None);
        let b = relative(&ev).unwrap_or(a);
        ctl.target.set(Some(Target::Region(region_between(a, b))));
        ctl.compose.update(|n| *n += 1);
    };
    // The keyboard's way: Enter places a pin in the middle, arrows move it (Shift: further),
    // Enter again writes the comment, Escape takes the pin away.
    let key = move |ev: web_sys::KeyboardEvent| {
        if !ctl.can_compose.get_untracked() {
            return;
        }
        let pinned = match ctl.target.get_untracked() {
            Some(Target::Region(r)) => Some(r),
            _ => None,
        };
        let step = if ev.shift_key() {
            KEY_STEP * 5.0
        } else {
            KEY_STEP
        };
        match (ev.key().as_str(), pinned) {
            ("Enter" | " ", None) => {
                ctl.target
                    .set(Some(Target::Region(region_between((0.5, 0.5), (0.5, 0.5)))));
            }
            ("Enter", Some(_)) => ctl.compose.update(|n| *n += 1),
            ("Escape", Some(_)) => ctl.target.set(None),
            (arrow, Some(r)) => {
                let (dx, dy) = match arrow {
                    "ArrowLeft" => (-step, 0.0),
                    "ArrowRight" => (step, 0.0),
                    "ArrowUp" => (0.0, -step),
                    "ArrowDown" => (0.0, step),
                    _ => return,
                };
                ctl.target.set(Some(Target::Region(moved_by(r, dx, dy))));
            }
            _ => return,
        }
        // The window's own shortcuts (arrows seek a recording) stay out of it.
        ev.prevent_default();
        ev.stop_propagation();
    };
    // The box being drawn, else the one the next comment will point at.
    let draft = move || {
        drag.get()
            .or_else(|| match ctl.target.get() {
                Some(Target::Region(r)) => Some(r),
                _ => None,
            })
            .map(|r| view! { <div class="region-draft" style=boxed(r) data-test-id="region-draft"></div> })
    };
    let boxes = move || {
        markers
            .get()
            .into_iter()
            .filter_map(|m| {
                let r = m.region?;
                let id = m.id.clone();
                let active_id = m.id.clone();
                let label = format!("Comment {}: {}", m.number, m.label);
                Some(view! {
                    <button
                        type="button"
                        class="region-marker"
                        class:active=move || ctl.active.with(|a| a.as_deref() == Some(active_id.as_str()))
                        style=boxed(r)
                        title=label.clone()
                        aria-label=label
                        data-test-id="region-marker"
                        on:pointerdown=|ev: web_sys::PointerEvent| ev.stop_propagation()
                        on:pointerup=|ev: web_sys::PointerEvent| ev.stop_propagation()
                        on:click=move |_| ctl.active.set(Some(id.clone()))
                    >
                        <span>{m.number.to_string()}</span>
                    </button>
                })
            })
            .collect_view()
    };
    let alt = format!("{} — the image under review", file.filename);
    view! {
        <figure class="player image-stage" data-test-id="player">
            <div
                class="image-frame"
                class:readonly=move || !ctl.can_compose.get()
                data-test-id="image-frame"
                role=move || ctl.can_compose.get().then_some("application")
                tabindex=move || ctl.can_compose.get().then_some("0")
                aria-label=move || ctl.can_compose.get().then_some(KEYS_LABEL)
                on:keydown=key
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
            >
                <img src=src alt=alt draggable="false"/>
                {boxes}
                {draft}
            </div>
            <Show when=move || ctl.can_compose.get()>
                <figcaption class="hint">
                    "Click a spot or drag a box on the image to comment on that part. "
                    "With the keyboard: focus the image, Enter places a pin, arrow keys move it, Enter again comments."
                </figcaption>
            </Show>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::{moved_by, region_between};

    #[test]
    fn a_pin_moved_by_keys_stays_inside_the_image() {
        let centre = region_between((0.5, 0.5), (0.5, 0.5));
        let right = moved_by(centre, 0.02, 0.0);
        assert!((right.x - centre.x - 0.02).abs() < 1e-3 && (right.y - centre.y).abs() < 1e-9);
        let mut r = centre;
        for _ in 0..100 {
            r = moved_by(r, 0.1, -0.1);
        }
        assert!(r.check().is_ok(), "{r:?}");
        assert!((r.x + r.w - 1.0).abs() < 1e-3 && r.y == 0.0, "{r:?}");
    }

    #[test]
    fn regions_stay_inside_the_image() {
        let r = region_between((0.99, 0.995), (0.99, 0.995));
        assert!(r.x + r.w <= 1.0 && r.y + r.h <= 1.0);
        assert!(r.check().is_ok(), "{r:?}");
        let r = region_between((0.7, 0.9), (0.2, 0.1));
        assert!((r.x - 0.2).abs() < 1e-3 && (r.w - 0.5).abs() < 1e-3);
        assert!(r.check().is_ok());
        let r = region_between((0.0, 0.0), (1.0, 1.0));
        assert!(r.check().is_ok(), "{r:?}");
    }
}
