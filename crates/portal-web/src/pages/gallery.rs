//! The gallery: every image and video of the client's live approvals as a grid, newest first,
//! filtered by project, a page at a time. Each tile opens its approval in the review player.

use crate::state::use_auth_redirect;
use crate::{api, links};
use leptos::prelude::*;
use shared_types::approvals::{FileMeta, GalleryItem};
use shared_types::FileKind;
use web_ui::components::{EmptyState, ErrorBanner, Spinner};
use web_ui::paged::{LoadMore, Paged};
use web_ui::title::PageTitle;

/// The server's small preview when it has made one (images; video posters once supported),
/// else the file itself.
fn preview_src(f: &FileMeta) -> String {
    if f.has_thumbnail {
        format!("{}/thumbnail", api::file_url(&f.id))
    } else {
        api::file_url(&f.id)
    }
}

fn tile(item: GalleryItem) -> impl IntoView {
    let f = &item.file;
    let alt = format!("{} — {}", f.filename, item.approval_title);
    let picture = match f.kind {
        FileKind::Image => {
            view! { <img src=preview_src(f) alt=alt loading="lazy" decoding="async"/> }.into_any()
        }
        FileKind::Video if f.has_thumbnail => {
            view! { <img src=preview_src(f) alt=alt loading="lazy" decoding="async"/> }.into_any()
        }
        _ => view! {
            <div class="tile-video" role="img" aria-label=alt>
                <span aria-hidden="true">"▶"</span>
                <span>"Video"</span>
            </div>
        }
        .into_any(),
    };
    view! {
        <li class="tile" data-test-id="gallery-item">
            <a href=links::approval(&item.approval_id) class="tile-link">
                {picture}
                <span class="tile-title">{item.approval_title.clone()}</span>
            </a>
            <span class="muted tile-meta">
                {format!("{} · {}", item.file.filename, web_ui::format::day(&item.created_at))}
            </span>
        </li>
    }
}

#[component]
pub fn GalleryPage() -> impl IntoView {
    let project = RwSignal::new(String::new());
    let projects = LocalResource::new(api::projects);
    let gallery = Paged::new(
        |p: String, cursor| api::gallery((!p.is_empty()).then_some(p), cursor),
        use_auth_redirect(),
    );
    // First page, and again from the top whenever the project filter changes.
    Effect::new(move |_| gallery.load(project.get()));

    let options = move || {
        projects.get().and_then(Result::ok).map(|p| {
            p.items
                .into_iter()
                .map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> })
                .collect_view()
        })
    };
    let grid = move || {
        if !gallery.loaded.get() {
            return view! { <Spinner label="Loading the gallery…"/> }.into_any();
        }
        let list = gallery.items.get();
        if list.is_empty() {
            let body = if project.with(String::is_empty) {
                "No images or videos yet. When your agency shares visual work for review, it is collected here."
            } else {
                "This project has no images or videos yet. Choose “All projects” to see everything."
            };
            return view! { <EmptyState title="Nothing to show yet" body=body/> }.into_any();
        }
        view! {
            <ul class="gallery" data-test-id="gallery">
                {list.into_iter().map(tile).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <PageTitle text="Gallery"/>
        <div class="field gallery-filter">
            <label for="gallery-project">"Project"</label>
            <select
                id="gallery-project"
                data-test-id="gallery-project"
                on:change=move |ev| project.set(event_target_value(&ev))
                prop:value=move || project.get()
            >
                <option value="">"All projects"</option>
                {options}
            </select>
        </div>
        <ErrorBanner error=gallery.error/>
        {grid}
        <LoadMore list=gallery test_id="gallery-more" label="Show more"/>
    }
}
