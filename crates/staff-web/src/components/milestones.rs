//! A project's milestones in order: add, edit inline, move up or down, delete. Each shows its
//! stage, the status the client sees and its deadline.

use crate::api;
use crate::components::fields::{stage_options, work_status_options};
use crate::components::lookups::Lookups;
use crate::components::status::{date_value, maybe_date, parse_date, WorkBadge};
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::projects::{Milestone, MilestoneCreate, MilestoneUpdate};
use shared_types::{validate, WorkStatus};
use web_ui::action::action;
use web_ui::components::{ErrorBanner, Field, SelectField, TextAreaField};
use web_ui::confirm::ConfirmButton;
use web_ui::ApiError;

#[component]
pub fn MilestonesSection(
    project_id: String,
    milestones: RwSignal<Vec<Milestone>>,
    lookups: Lookups,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let error = RwSignal::new(None::<ApiError>);
    let adding = RwSignal::new(false);
    let editing = RwSignal::new(None::<String>);
    let reload = {
        let id = project_id.clone();
        let redirect = redirect.clone();
        move || {
            let (id, redirect) = (id.clone(), redirect.clone());
            leptos::task::spawn_local(async move {
                match api::list_milestones(id).await {
                    Ok(list) => milestones.set(list),
                    Err(e) => error.set((!redirect(&e)).then_some(e)),
                }
            });
        }
    };
    let after = {
        let reload = reload.clone();
        move |r: Result<(), ApiError>| {
            match r {
                Ok(()) => error.set(None),
                Err(e) => error.set((!redirect(&e)).then_some(e)),
            }
            reload();
        }
    };
    // Moves one milestone by renumbering every position that changes.
    let reorder = action(
        {
            let id = project_id.clone();
            move |(index, up): &(usize, bool)| {
                let mut list = milestones.get_untracked();
                let (id, index, up) = (id.clone(), *index, *up);
                async move {
                    let other = if up {
                        index.checked_sub(1)
                    } else {
                        Some(index + 1)
                    };
                    let Some(other) = other.filter(|o| *o < list.len()) else {
                        return Ok(());
                    };
                    list.swap(index, other);
                    for (pos, m) in list.iter().enumerate() {
                        let pos = i32::try_from(pos).unwrap_or(i32::MAX);
                        if m.position != pos {
                            let body = MilestoneUpdate {
                                position: Some(pos),
                                ..Default::default()
                            };
                            api::update_milestone(id.clone(), m.id.clone(), body).await?;
                        }
                    }
                    Ok::<(), ApiError>(())
                }
            }
        },
        after.clone(),
    );
    let remove = {
        let id = project_id.clone();
        action(
            move |mid: &String| api::delete_milestone(id.clone(), mid.clone()),
            after,
        )
    };
    let busy = Signal::derive(move || reorder.pending().get() || remove.pending().get());
    let saved = Callback::new({
        let reload = reload.clone();
        move |_: Milestone| {
            adding.set(false);
            editing.set(None);
            reload();
        }
    });

    let rows = {
        let project_id = project_id.clone();
        move || {
            let count = milestones.with(Vec::len);
            milestones
                .get()
                .into_iter()
                .enumerate()
                .map(|(i, m)| {
                    if editing.get().as_deref() == Some(m.id.as_str()) {
                        return view! {
                            <li class="milestone-row editing">
                                <MilestoneForm
                                    project_id=project_id.clone()
                                    existing=Some(m)
                                    lookups=lookups
                                    on_saved=saved
                                    on_cancel=Callback::new(move |()| editing.set(None))
                                />
                            </li>
                        }
                        .into_any();
                    }
                    let (mid, mid2) = (m.id.clone(), m.id.clone());
                    let title = m.title.clone();
                    view! {
                        <li class="milestone-row" data-test-id="milestone-row">
                            <div class="row-main">
                                <strong>{m.title.clone()}</strong>
                                <WorkBadge status=m.client_status test_id="milestone-status"/>
                                <span class="muted">{m.stage_name.clone().map(|s| format!("Stage: {s}"))}</span>
                                <span>{format!("Deadline: {}", maybe_date(m.deadline))}</span>
                            </div>
                            {(!m.description.is_empty()).then(|| view! { <p class="muted">{m.description.clone()}</p> })}
                            <div class="actions">
                                <button type="button" class="btn btn-link btn-small" aria-label=format!("Edit {title}")
                                    on:click=move |_| editing.set(Some(mid.clone()))>"Edit"</button>
                                <button type="button" class="btn btn-link btn-small" aria-label=format!("Move up: {title}")
                                    disabled=move || busy.get() || i == 0
                                    on:click=move |_| { reorder.dispatch((i, true)); }>"Move up"</button>
                                <button type="button" class="btn btn-link btn-small" aria-label=format!("Move down: {title}")
                                    disabled=move || busy.get() || i + 1 == count
                                    on:click=move |_| { reorder.dispatch((i, false)); }>"Move down"</button>
                                <ConfirmButton
                                    label="Delete"
                                    aria_label=format!("Delete {title}")
                                    question=format!("Milestone {title} will be deleted. Its tasks stay in the project.")
                                    yes="Yes, delete"
                                    test_id="milestone-delete"
                                    class="btn btn-link btn-small danger-link"
                                    disabled=Signal::derive(move || busy.get())
                                    on_confirm=Callback::new(move |()| { remove.dispatch(mid2.clone()); })
                                />
                            </div>
                        </li>
                    }
                    .into_any()
                })
                .collect_view()
        }
    };
    view! {
        <section class="panel" aria-labelledby="milestones-heading" data-test-id="milestones">
            <div class="section-head">
                <h2 id="milestones-heading">"Milestones"</h2>
                <button type="button" class="btn btn-secondary btn-small" data-test-id="milestone-add-open"
                    on:click=move |_| adding.set(true)>"Add milestone"</button>
            </div>
            <ErrorBanner error=error/>
            <Show when=move || milestones.with(Vec::is_empty) && !adding.get()>
                <p class="muted" data-test-id="milestones-empty">
                    "No milestones yet. Add one for each phase or episode the client should follow."
                </p>
            </Show>
            <ol class="milestone-list">{rows}</ol>
            <Show when=move || adding.get()>
                <MilestoneForm
                    project_id=project_id.clone()
                    existing=None
                    lookups=lookups
                    on_saved=saved
                    on_cancel=Callback::new(move |()| adding.set(false))
                />
            </Show>
        </section>
    }
}

/// Adds a milestone (`existing` is `None`) or edits one.
#[component]
fn MilestoneForm(
    project_id: String,
    existing: Option<Milestone>,
    lookups: Lookups,
    on_saved: Callback<Milestone>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let prefix = existing.as_ref().map_or_else(
        || "new-milestone".to_owned(),
        |m| format!("milestone-{}", m.id),
    );
    let m = existing.clone();
    let title = RwSignal::new(m.as_ref().map(|m| m.title.clone()).unwrap_or_default());
    let description = RwSignal::new(
        m.as_ref()
            .map(|m| m.description.clone())
            .unwrap_or_default(),
    );
    let stage = RwSignal::new(
        m.as_ref()
            .and_then(|m| m.stage_id.clone())
            .unwrap_or_default(),
    );
    let status = RwSignal::new(
        m.as_ref()
            .map_or(WorkStatus::InProgress, |m| m.client_status)
            .as_str()
            .to_owned(),
    );
    let deadline = RwSignal::new(date_value(m.as_ref().and_then(|m| m.deadline)));
    let error = RwSignal::new(None::<ApiError>);
    let title_error = RwSignal::new(None::<String>);
    let existing_id = existing.map(|m| m.id);
    let is_new = existing_id.is_none();
    let save = action(
        move |_: &()| {
            let (pid, eid) = (project_id.clone(), existing_id.clone());
            let stage_id = Some(stage.get_untracked()).filter(|s| !s.is_empty());
            let client_status = status.get_untracked().parse::<WorkStatus>().ok();
            let (title, description) = (
                title.get_untracked().trim().to_owned(),
                description.get_untracked(),
            );
            let deadline = parse_date(&deadline.get_untracked());
            async move {
                match eid {
                    None => {
                        let body = MilestoneCreate {
                            title,
                            description,
                            stage_id,
                            client_status,
                            deadline,
                            position: None,
                        };
                        api::create_milestone(pid, body).await
                    }
                    Some(mid) => {
                        let body = MilestoneUpdate {
                            title: Some(title),
                            description: Some(description),
                            stage_id: Some(stage_id),
                            client_status,
                            deadline: Some(deadline),
                            position: None,
                        };
                        api::update_milestone(pid, mid, body).await
                    }
                }
            }
        },
        move |answer| match answer {
            Ok(m) => on_saved.run(m),
            Err(e) => {
                title_error.set(e.field("title"));
                error.set((!redirect(&e)).then_some(e));
            }
        },
    );
    // A newly chosen stage brings its mapped client status.
    Effect::new(move |prev: Option<String>| {
        let s = stage.get();
        if prev.is_some_and(|p| p != s) {
            if let Some(mapped) = lookups
                .stages
                .with_untracked(|l| l.iter().find(|x| x.id == s).map(|x| x.client_status))
            {
                status.set(mapped.as_str().to_owned());
            }
        }
        s
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let e = validate::title(&title.get_untracked())
            .err()
            .map(str::to_owned);
        title_error.set(e.clone());
        if e.is_none() {
            save.dispatch(());
        }
    };
    let stage_opts = Signal::derive(move || lookups.stages.with(|s| stage_options(s)));
    view! {
        <form class="form sub-form" on:submit=on_submit novalidate data-test-id="milestone-form">
            <ErrorBanner error=error/>
            <Field id=format!("{prefix}-title") label="Milestone title" value=title error=title_error required=true test_id="milestone-title"/>
            <TextAreaField id=format!("{prefix}-description") label="Description (optional)" value=description rows=2/>
            <div class="field-row">
                <SelectField id=format!("{prefix}-stage") label="Stage" value=stage options=stage_opts/>
                <SelectField
                    id=format!("{prefix}-status")
                    label="Status the client sees"
                    value=status
                    options=Signal::derive(work_status_options)
                    test_id="milestone-status-select"
                />
                <Field id=format!("{prefix}-deadline") label="Deadline" input_type="date" value=deadline test_id="milestone-deadline"/>
            </div>
            <div class="actions">
                <button type="submit" class="btn btn-primary btn-small" data-test-id="milestone-save" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { "Saving…" } else if is_new { "Add milestone" } else { "Save milestone" }}
                </button>
                <button type="button" class="btn btn-secondary btn-small" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </div>
        </form>
    }
}
