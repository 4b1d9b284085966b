//! Form controls the shared crate does not have yet: a select, a text area, and a group of
//! checkboxes for picking staff. Each is labelled, shows its field error, and marks itself
//! `aria-invalid` while it has one.

use leptos::prelude::*;
use shared_types::staff::StaffMember;

fn error_view(id: String, error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error
            .get()
            .map(|m| view! { <p class="field-error" id=id.clone()>{m}</p> })
    }
}

/// A labelled `<select>` over `(value, label)` options, bound to `value`.
#[component]
pub fn SelectField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into, optional)] error: Signal<Option<String>>,
    #[prop(into, optional)] test_id: Option<String>,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        move || error.get().is_some().then(|| error_id.clone())
    };
    let opts = move || {
        let current = value.get();
        options
            .get()
            .into_iter()
            .map(|(v, l)| {
                let selected = v == current;
                view! { <option value=v selected=selected>{l}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                data-test-id=test_id
                disabled=move || disabled.get()
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {opts}
            </select>
            {error_view(error_id, error)}
        </div>
    }
}

/// A labelled `<textarea>` bound to `value`.
#[component]
pub fn TextAreaField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(into, optional)] error: Signal<Option<String>>,
    #[prop(into, optional)] test_id: Option<String>,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        move || error.get().is_some().then(|| error_id.clone())
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                rows=rows
                data-test-id=test_id
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            {error_view(error_id, error)}
        </div>
    }
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
            {error_view(error_id, error)}
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
