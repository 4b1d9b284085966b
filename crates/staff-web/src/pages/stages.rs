//! The organization's pipeline stages (owners and admins change them): list in order, add,
//! rename, map to the client status, move up or down, delete.

use crate::api;
use crate::components::fields::work_status_options;
use crate::components::status::WorkBadge;
use crate::state::{use_auth_redirect, use_staff};
use leptos::prelude::*;
use shared_types::projects::{Stage, StageCreate, StageUpdate};
use shared_types::{validate, WorkStatus};
use web_ui::action::action;
use web_ui::components::{ErrorBanner, Field, SelectField, Spinner};
use web_ui::title::PageTitle;
use web_ui::ApiError;

#[derive(Clone)]
enum StageWrite {
    Create(StageCreate),
    Update(String, StageUpdate),
    Delete(String),
}

#[component]
pub fn StagesPage() -> impl IntoView {
    let redirect = use_auth_redirect();
    let admin = move || {
        use_staff()
            .me
            .with(|m| m.as_ref().is_some_and(|m| m.role.is_admin()))
    };
    let stages = RwSignal::new(None::<Vec<Stage>>);
    let error = RwSignal::new(None::<ApiError>);
    let reload = {
        let redirect = redirect.clone();
        move || {
            let redirect = redirect.clone();
            leptos::task::spawn_local(async move {
                match api::list_stages().await {
                    Ok(l) => stages.set(Some(l)),
                    Err(e) => error.set((!redirect(&e)).then_some(e)),
                }
            });
        }
    };
    reload();
    // Every write reloads the list when it ends.
    let write = action(
        |w: &StageWrite| {
            let w = w.clone();
            async move {
                match w {
                    StageWrite::Create(body) => api::create_stage(body).await.map(|_| ()),
                    StageWrite::Update(id, body) => api::update_stage(id, body).await.map(|_| ()),
                    StageWrite::Delete(id) => api::delete_stage(id).await,
                }
            }
        },
        {
            let reload = reload.clone();
            move |answer: Result<(), ApiError>| {
                match answer {
                    Ok(()) => error.set(None),
                    Err(e) => error.set((!redirect(&e)).then_some(e)),
                }
                reload();
            }
        },
    );
    let busy = Signal::derive(move || write.pending().get());
    let new_name = RwSignal::new(String::new());
    let new_status = RwSignal::new(WorkStatus::InProgress.as_str().to_owned());
    let name_error = RwSignal::new(None::<String>);
    let on_add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let e = validate::name(&new_name.get_untracked())
            .err()
            .map(str::to_owned);
        name_error.set(e.clone());
        if e.is_none() {
            write.dispatch(StageWrite::Create(StageCreate {
                name: new_name.get_untracked().trim().to_owned(),
                client_status: new_status
                    .get_untracked()
                    .parse()
                    .unwrap_or(WorkStatus::InProgress),
                position: None,
            }));
            new_name.set(String::new());
        }
    };
    let rows = move || {
        stages.get().map(|list| {
            if list.is_empty() {
                return view! { <p class="muted" data-test-id="stages-empty">"No stages yet. Add your pipeline’s first stage below, and choose what clients see while work is in it."</p> }.into_any();
            }
            let n = list.len();
            let positions: Vec<(String, i32)> = list.iter().map(|s| (s.id.clone(), s.position)).collect();
            let items = list
                .into_iter()
                .enumerate()
                .map(|(i, s)| view! { <StageRow stage=s index=i count=n positions=positions.clone() write=write busy=busy admin=admin()/> })
                .collect_view();
            view! { <ol class="stage-list">{items}</ol> }.into_any()
        })
    };
    view! {
        <PageTitle text="Pipeline stages"/>
        <p class="muted">"Your own names for where work stands. Clients never see a stage, only the status it maps to."</p>
        <Show when=move || !admin()>
            <p class="banner banner-warn">"Only owners and admins can change stages."</p>
        </Show>
        <ErrorBanner error=error/>
        <section class="panel" aria-labelledby="stages-heading">
            <h2 id="stages-heading">"Stages, in pipeline order"</h2>
            <Transition fallback=|| view! { <Spinner/> }>{rows}</Transition>
        </section>
        <Show when=admin>
            <section class="panel" aria-labelledby="new-stage-heading">
                <h2 id="new-stage-heading">"Add a stage"</h2>
                <form class="form form-inline" on:submit=on_add novalidate>
                    <Field id="new-stage-name" label="Stage name" value=new_name error=name_error test_id="stage-name"/>
                    <SelectField id="new-stage-status" label="Client sees" value=new_status options=Signal::derive(work_status_options)/>
                    <button type="submit" class="btn btn-primary" data-test-id="stage-add" disabled=move || busy.get()>"Add stage"</button>
                </form>
            </section>
        </Show>
    }
}

#[component]
fn StageRow(
    stage: Stage,
    index: usize,
    count: usize,
    positions: Vec<(String, i32)>,
    write: Action<StageWrite, Result<(), ApiError>>,
    busy: Signal<bool>,
    admin: bool,
) -> impl IntoView {
    let name = RwSignal::new(stage.name.clone());
    let status = RwSignal::new(stage.client_status.as_str().to_owned());
    let id = stage.id.clone();
    let prefix = format!("stage-{}", stage.id);
    // Swapping with a neighbour swaps positions (two writes; the list reloads after each).
    let swap = move |other: usize| {
        if let (Some(a), Some(b)) = (positions.get(index).cloned(), positions.get(other).cloned()) {
            let (pa, pb) = if a.1 == b.1 {
                (
                    b.1 + i32::from(other > index),
                    a.1 + i32::from(other < index),
                )
            } else {
                (b.1, a.1)
            };
            write.dispatch(StageWrite::Update(
                a.0,
                StageUpdate {
                    position: Some(pa),
                    ..Default::default()
                },
            ));
            write.dispatch(StageWrite::Update(
                b.0,
                StageUpdate {
                    position: Some(pb),
                    ..Default::default()
                },
            ));
        }
    };
    let swap2 = swap.clone();
    let (id1, id2) = (id.clone(), id.clone());
    let label = stage.name.clone();
    if !admin {
        return view! {
            <li class="stage-row" data-test-id="stage-row">
                <strong>{stage.name.clone()}</strong> " " <WorkBadge status=stage.client_status/>
            </li>
        }
        .into_any();
    }
    view! {
        <li class="stage-row" data-test-id="stage-row">
            <form class="form form-inline" novalidate on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                write.dispatch(StageWrite::Update(id1.clone(), StageUpdate {
                    name: Some(name.get_untracked().trim().to_owned()),
                    client_status: status.get_untracked().parse().ok(),
                    position: None,
                }));
            }>
                <Field id=format!("{prefix}-name") label="Name" value=name/>
                <SelectField id=format!("{prefix}-status") label="Client sees" value=status options=Signal::derive(work_status_options)/>
                <button type="submit" class="btn btn-secondary btn-small" disabled=move || busy.get() aria-label=format!("Save stage {label}")>"Save"</button>
                <button type="button" class="btn btn-link btn-small" disabled=move || busy.get() || index == 0 on:click=move |_| swap(index.wrapping_sub(1))>"Move up"</button>
                <button type="button" class="btn btn-link btn-small" disabled=move || busy.get() || index + 1 == count on:click=move |_| swap2(index + 1)>"Move down"</button>
                <button type="button" class="btn btn-link btn-small danger-link" disabled=move || busy.get()
                    on:click=move |_| { write.dispatch(StageWrite::Delete(id2.clone())); }>"Delete"</button>
            </form>
        </li>
    }
    .into_any()
}
