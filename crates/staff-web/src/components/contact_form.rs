//! "Add contact": name, email, optional phone, and whether to send the invitation now.

use crate::api;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::staff::{ContactCreate, PermissionOverrides};
use shared_types::validate;
use web_ui::action::action;
use web_ui::components::{CheckboxField, Field};
use web_ui::form::{FormPanel, SubmitButton};
use web_ui::ApiError;

#[component]
pub fn ContactForm(client_id: String, on_created: Callback<()>) -> impl IntoView {
    let redirect = use_auth_redirect();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let invite = RwSignal::new(true);
    let name_error = RwSignal::new(None::<String>);
    let email_error = RwSignal::new(None::<String>);
    let phone_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);

    let create = action(
        move |body: &ContactCreate| api::create_contact(client_id.clone(), body.clone()),
        move |answer| match answer {
            Ok(contact) => {
                let sent = if contact.invited_at.is_some() {
                    " and invited"
                } else {
                    ""
                };
                notice.set(Some(format!("{} added{sent}.", contact.name)));
                for field in [name, email, phone] {
                    field.set(String::new());
                }
                error.set(None);
                on_created.run(());
            }
            Err(e) => {
                name_error.set(e.field("name"));
                email_error.set(e.field("email"));
                phone_error.set(e.field("phone"));
                error.set((!redirect(&e)).then_some(e));
            }
        },
    );

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        let n = validate::name(&name.get_untracked()).err();
        let e = validate::email(&email.get_untracked()).err();
        name_error.set(n.map(str::to_owned));
        email_error.set(e.map(str::to_owned));
        phone_error.set(None);
        if n.is_none() && e.is_none() {
            let phone = phone.get_untracked().trim().to_owned();
            create.dispatch(ContactCreate {
                name: name.get_untracked().trim().to_owned(),
                email: email.get_untracked().trim().to_owned(),
                phone: (!phone.is_empty()).then_some(phone),
                permissions: PermissionOverrides::default(),
                invite: invite.get_untracked(),
            });
        }
    };

    view! {
        <FormPanel
            id="add-contact"
            heading="Add contact"
            error=error
            notice=notice
            on_submit=on_submit
        >
            <Field
                id="contact-name"
                label="Name"
                autocomplete="off"
                value=name
                error=name_error
                required=true
                test_id="contact-name"
            />
            <Field
                id="contact-email"
                label="Email address"
                input_type="email"
                autocomplete="off"
                value=email
                error=email_error
                required=true
                test_id="contact-email"
            />
            <Field
                id="contact-phone"
                label="Phone (optional)"
                input_type="tel"
                autocomplete="off"
                value=phone
                error=phone_error
                test_id="contact-phone"
            />
            <CheckboxField
                id="contact-invite-now"
                label="Send the invitation email now"
                checked=invite
                test_id="contact-invite-now"
            />
            <SubmitButton label="Add contact" pending=create.pending() test_id="contact-create"/>
        </FormPanel>
    }
}
