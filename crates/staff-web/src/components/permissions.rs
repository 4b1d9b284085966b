//! Permission editors: the client's default permissions (four checkboxes) and a contact's
//! overrides (four selects: follow the client, allow, deny).

use leptos::prelude::*;
use shared_types::portal::Permissions;
use shared_types::staff::PermissionOverrides;
use web_ui::components::CheckboxField;

/// The four permissions: wire name and the label staff read.
pub const PERMISSIONS: [(&str, &str); 4] = [
    ("can_view_invoices", "View invoices"),
    ("can_approve_work", "Approve work"),
    ("can_add_comments", "Add comments"),
    ("can_submit_requests", "Submit requests"),
];

/// One signal per permission, for the client's defaults.
#[derive(Clone, Copy)]
pub struct PermissionSignals([RwSignal<bool>; 4]);

impl PermissionSignals {
    pub fn new(p: Permissions) -> Self {
        Self([
            RwSignal::new(p.can_view_invoices),
            RwSignal::new(p.can_approve_work),
            RwSignal::new(p.can_add_comments),
            RwSignal::new(p.can_submit_requests),
        ])
    }

    pub fn set(&self, p: Permissions) {
        let [a, b, c, d] = self.0;
        a.set(p.can_view_invoices);
        b.set(p.can_approve_work);
        c.set(p.can_add_comments);
        d.set(p.can_submit_requests);
    }

    pub fn get_untracked(&self) -> Permissions {
        let [a, b, c, d] = self.0;
        Permissions {
            can_view_invoices: a.get_untracked(),
            can_approve_work: b.get_untracked(),
            can_add_comments: c.get_untracked(),
            can_submit_requests: d.get_untracked(),
        }
    }
}

/// A fieldset of four checkboxes with ids and test ids `{id_prefix}-{permission}`.
#[component]
pub fn PermissionChecks(
    perms: PermissionSignals,
    #[prop(into)] id_prefix: String,
    #[prop(into)] legend: String,
) -> impl IntoView {
    let boxes = PERMISSIONS
        .iter()
        .zip(perms.0)
        .map(|((key, label), signal)| {
            let id = format!("{id_prefix}-{key}");
            view! { <CheckboxField id=id.clone() label=*label checked=signal test_id=id/> }
        })
        .collect_view();
    view! {
        <fieldset class="perm-set">
            <legend>{legend}</legend>
            {boxes}
        </fieldset>
    }
}

/// One signal per permission override, as `"inherit"`, `"on"` or `"off"`.
#[derive(Clone, Copy)]
pub struct OverrideSignals([RwSignal<String>; 4]);

fn to_choice(v: Option<bool>) -> String {
    match v {
        None => "inherit",
        Some(true) => "on",
        Some(false) => "off",
    }
    .to_owned()
}

fn from_choice(s: &str) -> Option<bool> {
    match s {
        "on" => Some(true),
        "off" => Some(false),
        _ => None,
    }
}

impl OverrideSignals {
    pub fn new(o: PermissionOverrides) -> Self {
        Self([
            RwSignal::new(to_choice(o.can_view_invoices)),
            RwSignal::new(to_choice(o.can_approve_work)),
            RwSignal::new(to_choice(o.can_add_comments)),
            RwSignal::new(to_choice(o.can_submit_requests)),
        ])
    }

    pub fn get_untracked(&self) -> PermissionOverrides {
        let [a, b, c, d] = self.0;
        PermissionOverrides {
            can_view_invoices: from_choice(&a.get_untracked()),
            can_approve_work: from_choice(&b.get_untracked()),
            can_add_comments: from_choice(&c.get_untracked()),
            can_submit_requests: from_choice(&d.get_untracked()),
        }
    }
}

/// Four labelled selects; the "follow the client" option names the default in force.
#[component]
pub fn OverrideSelects(
    overrides: OverrideSignals,
    defaults: Permissions,
    #[prop(into)] id_prefix: String,
) -> impl IntoView {
    let default_values = [
        defaults.can_view_invoices,
        defaults.can_approve_work,
        defaults.can_add_comments,
        defaults.can_submit_requests,
    ];
    let selects = PERMISSIONS
        .iter()
        .zip(overrides.0)
        .zip(default_values)
        .map(|(((key, label), signal), default)| {
            let id = format!("{id_prefix}-{key}");
            let inherit = format!(
                "Client default ({})",
                if default { "allowed" } else { "not allowed" }
            );
            view! {
                <div class="field">
                    <label for=id.clone()>{*label}</label>
                    <select
                        id=id.clone()
                        data-test-id=id
                        on:change=move |ev| signal.set(event_target_value(&ev))
                    >
                        <option value="inherit" selected=move || signal.get() == "inherit">
                            {inherit}
                        </option>
                        <option value="on" selected=move || signal.get() == "on">
                            "Allowed"
                        </option>
                        <option value="off" selected=move || signal.get() == "off">
                            "Not allowed"
                        </option>
                    </select>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="perm-set perm-overrides">
            <legend>"Permissions for this contact"</legend>
            {selects}
        </fieldset>
    }
}
