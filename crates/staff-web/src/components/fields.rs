//! Form controls only the dashboard has: a group of checkboxes for picking staff, the options
//! of its stage and client-status selects (`web_ui::components::SelectField`), and options that
//! follow another select.

use leptos::prelude::*;
use shared_types::staff::StaffMember;
use std::future::Future;
use web_ui::components::FieldError;
use web_ui::ApiError;

/// The options of a select that depends on another (a client's contacts, a project's
/// milestones): whenever `parent` changes, the dependent `choice` is cleared and `options` are
/// loaded again for the new parent (none while no parent is chosen).
pub fn options_follow<T, F, Fut>(
    parent: impl Get<Value = String> + 'static,
    choice: RwSignal<String>,
    options: RwSignal<Vec<T>>,
    load: F,
) where
    T: Send + Sync + 'static,
    F: Fn(String) -> Fut + 'static,
    Fut: Future<Output = Result<Vec<T>, ApiError>> + 'static,
{
    Effect::new(move |_| {
        let id = parent.get();
        choice.set(String::new());
        options.set(Vec::new());
        if id.is_empty() {
            return;
        }
        let loaded = load(id);
        leptos::task::spawn_local(async move {
            if let Ok(list) = loaded.await {
                options.set(list);
            }
        });
    });
}

/// Checkboxes for choosing staff (project managers), bound to a list of ids.
#[component]
pub fn StaffPicker(
    #[prop(into)] id_prefix: String,
    #[prop(into)] legend: String,
    staff: Signal<Vec<StaffMember>>,
    chosen: RwSignal<Vec<String>>,
    #[prop(into, optional)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id_prefix}-error");
    let boxes = move || {
        let prefix = id_prefix.clone();
        staff
            .get()
            .into_iter()
            .map(|s| {
                let id = format!("{prefix}-{}", s.id);
                let sid = s.id.clone();
                let sid2 = s.id.clone();
                view! {
                    <div class="field field-check">
                        <input
                            type="checkbox"
                            id=id.clone()
                            data-test-id="staff-pick"
                            prop:checked=move || chosen.with(|c| c.contains(&sid))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|c| {
                                    c.retain(|x| x != &sid2);
                                    if on {
                                        c.push(sid2.clone());
                                    }
                                });
                            }
                        />
                        <label for=id>{s.name.clone()}</label>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="staff-picker">
            <legend>{legend}</legend>
            {move || {
                staff.with(Vec::is_empty).then(|| view! { <p class="muted">"No staff to choose from."</p> })
            }}
            {boxes}
            <FieldError id=error_id error=error/>
        </fieldset>
    }
}

/// Options for a stage select: "No stage" and each stage with the client status it maps to.
pub fn stage_options(stages: &[shared_types::projects::Stage]) -> Vec<(String, String)> {
    std::iter::once((String::new(), "No stage".to_owned()))
        .chain(stages.iter().map(|s| {
            (
                s.id.clone(),
                format!("{} (client sees: {})", s.name, s.client_status.label()),
            )
        }))
        .collect()
}

/// Options for a client status select.
pub fn work_status_options() -> Vec<(String, String)> {
    shared_types::WorkStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect()
}
