//! The version switcher (latest first, each with its decision) and the selected version: the
//! review player for its image, audio or video, its notes (what changed), decision and files.

use super::{decision_entry, Review};
use crate::api;
use crate::components::status::decision_label;
use leptos::prelude::*;
use shared_types::approvals::{ApprovalVersion, FileMeta};
use shared_types::FileKind;
use web_ui::components::{Badge, Tone};
use web_ui::format;
use web_ui::player::{Marker, ReviewPlayer};
use web_ui::table::DataTable;

fn files_table(files: Vec<FileMeta>) -> AnyView {
    if files.is_empty() {
        return view! { <p class="muted">"This version has no files."</p> }.into_any();
    }
    let rows = files
        .into_iter()
        .map(|f| {
            view! {
                <tr data-test-id="file-row">
                    <th scope="row">
                        <a href=api::file_url(&f.id) data-test-id="file-link">{f.filename.clone()}</a>
                    </th>
                    <td>{f.content_type.clone()}</td>
                    <td>{format::size(f.size_bytes as f64)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable test_id="file-list" caption="Files in this version" columns=&["File", "Type", "Size"]>
            <tbody>{rows}</tbody>
        </DataTable>
    }
    .into_any()
}

fn is_media(f: &FileMeta) -> bool {
    matches!(f.kind, FileKind::Image | FileKind::Audio | FileKind::Video)
}

/// The player for the selected version, with a chooser when the version has several media
/// files. Keyed on the file only, so reloading the approval (a new comment) keeps playback.
#[component]
fn Player(review: Review) -> impl IntoView {
    let media = Memo::new(move |_| {
        let n = review.selected.get();
        review.with(|a| {
            a.versions
                .iter()
                .find(|v| v.number == n)
                .map(|v| {
                    v.files
                        .iter()
                        .filter(|f| is_media(f))
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let chosen = RwSignal::new(None::<String>);
    let current = Memo::new(move |_| {
        let want = chosen.get();
        media.with(|m| {
            want.and_then(|id| m.iter().find(|f| f.id == id))
                .or_else(|| m.first())
                .cloned()
        })
    });
    let markers = Signal::derive(move || {
        let n = review.selected.get();
        review.with(|a| Marker::for_version(&a.comments, n))
    });
    let chooser = move || {
        media.with(|m| {
            (m.len() > 1).then(|| {
                let buttons = m
                    .iter()
                    .map(|f| {
                        let id = f.id.clone();
                        let pressed_id = f.id.clone();
                        view! {
                            <button
                                type="button"
                                class="btn btn-secondary btn-small"
                                aria-pressed=move || {
                                    current.with(|c| c.as_ref().is_some_and(|c| c.id == pressed_id)).to_string()
                                }
                                on:click=move |_| chosen.set(Some(id.clone()))
                            >
                                {f.filename.clone()}
                            </button>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="actions" role="group" aria-label="Choose the file to review">
                        {buttons}
                    </div>
                }
            })
        })
    };
    let player = move || {
        current.get().map(|f| {
            let src = api::file_url(&f.id);
            let poster = f.has_thumbnail.then(|| format!("{src}/thumbnail"));
            view! { <ReviewPlayer file=f src=src poster=poster markers=markers ctl=review.player/> }
        })
    };
    view! {
        {chooser}
        {player}
    }
}

#[component]
pub(super) fn Versions(review: Review) -> impl IntoView {
    let switcher = move || {
        let latest = review.latest();
        review.with(|a| {
            a.versions
                .iter()
                .rev()
                .map(|v| {
                    let n = v.number;
                    let mut label = if n == latest {
                        format!("Version {n} (latest)")
                    } else {
                        format!("Version {n}")
                    };
                    if let Some(d) = v.decision {
                        label = format!("{label} · {}", decision_label(d));
                    }
                    view! {
                        <button
                            type="button"
                            class="btn btn-secondary btn-small version-button"
                            data-test-id=format!("version-{n}")
                            aria-pressed=move || (review.selected.get() == n).to_string()
                            on:click=move |_| review.selected.set(n)
                        >
                            {label}
                        </button>
                    }
                })
                .collect_view()
        })
    };
    let selected = move || {
        let n = review.selected.get();
        review.with(|a| {
            let v: ApprovalVersion = a.versions.iter().find(|v| v.number == n)?.clone();
            let decision = v.decision.map(|d| {
                let who = decision_entry(&a.audit, n)
                    .map(|e| (e.actor_name.clone(), format::datetime(&e.at)))
                    .or_else(|| {
                        Some((v.decided_by_name.clone()?, format::datetime(&v.decided_at?)))
                    });
                let tone = match d {
                    shared_types::Decision::Approved => Tone::Good,
                    shared_types::Decision::ChangesRequested => Tone::Bad,
                };
                let note = v
                    .decision_note
                    .clone()
                    .filter(|n| !n.trim().is_empty())
                    .map(|n| view! { <blockquote class="decision-note">{n}</blockquote> });
                view! {
                    <div class="decision" data-test-id="version-decision">
                        <Badge text=decision_label(d) tone=tone/>
                        {who.map(|(name, at)| view! { <span>{format!(" by {name} on {at}")}</span> })}
                        {note}
                    </div>
                }
            });
            let notes = if v.notes.trim().is_empty() {
                view! { <p class="muted">"No notes for this version."</p> }.into_any()
            } else {
                view! { <p class="version-notes" data-test-id="version-notes">{v.notes.clone()}</p> }
                    .into_any()
            };
            Some(view! {
                <h3>{format!("Version {n}")}</h3>
                <p class="muted">{format!("Submitted {}", format::when(&v.created_at))}</p>
                <h4>"What changed"</h4>
                {notes}
                {decision}
                <h4>"Files"</h4>
                {files_table(v.files)}
            })
        })
    };
    view! {
        <section class="panel" aria-labelledby="versions-heading">
            <h2 id="versions-heading">"Versions"</h2>
            <div class="actions version-switcher" role="group" aria-label="Choose a version" data-test-id="version-switcher">
                {switcher}
            </div>
            <Player review=review/>
            <div data-test-id="version-panel">{selected}</div>
        </section>
    }
}
