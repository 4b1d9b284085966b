//! Your account: name, phone and job title; your password; and signing out your other sessions
//! (asked first).

use crate::api;
use crate::state::{use_auth_redirect, use_staff};
use leptos::prelude::*;
use shared_types::team::{PasswordChange, ProfileUpdate};
use shared_types::validate;
use web_ui::action::action;
use web_ui::components::{Field, Toast};
use web_ui::confirm::ConfirmButton;
use web_ui::form::{FormPanel, SubmitButton};
use web_ui::title::PageTitle;
use web_ui::ApiError;

#[component]
pub fn AccountPage() -> impl IntoView {
    let me = use_staff().me;
    let notice = RwSignal::new(None::<String>);
    view! {
        <PageTitle text="Your account"/>
        <Toast message=notice/>
        {move || me.get().map(|m| view! {
            <p class="muted">{format!("Signed in as {} ({})", m.email, m.role)}</p>
            <ProfileForm name=m.name title=m.title phone=m.phone.unwrap_or_default() notice=notice/>
        })}
        <PasswordForm notice=notice/>
        <OtherSessions notice=notice/>
    }
}

#[component]
fn ProfileForm(
    name: String,
    title: String,
    phone: String,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let state = use_staff();
    // What the server has, so a save sends only what was changed.
    let saved = StoredValue::new((name.clone(), title.clone(), phone.clone()));
    let name = RwSignal::new(name);
    let title = RwSignal::new(title);
    let phone = RwSignal::new(phone);
    let name_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let save = action(
        |body: &ProfileUpdate| api::update_me(body.clone()),
        move |answer| match answer {
            Ok(account) => {
                error.set(None);
                saved.set_value((
                    account.name.clone(),
                    account.title.clone(),
                    account.phone.clone().unwrap_or_default(),
                ));
                state.me.update(|m| {
                    if let Some(m) = m {
                        m.name = account.name.clone();
                        m.title = account.title.clone();
                        m.phone = account.phone.clone();
                    }
                });
                notice.set(Some("Profile saved.".into()));
            }
            Err(e) => {
                name_error.set(e.field("name"));
                error.set((!redirect(&e)).then_some(e));
            }
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = validate::name(&name.get_untracked()).err();
        name_error.set(n.map(str::to_owned));
        if n.is_none() {
            let (was_name, was_title, was_phone) = saved.get_value();
            let changed = |now: String, was: &str| (now.trim() != was.trim()).then_some(now);
            let body = ProfileUpdate {
                name: changed(name.get_untracked(), &was_name),
                title: changed(title.get_untracked(), &was_title),
                phone: changed(phone.get_untracked(), &was_phone)
                    .map(|p| Some(p).filter(|p| !p.trim().is_empty())),
            };
            if body.name.is_none() && body.title.is_none() && body.phone.is_none() {
                notice.set(Some("Nothing to save: the profile is unchanged.".into()));
            } else {
                save.dispatch(body);
            }
        }
    };
    view! {
        <FormPanel id="profile" heading="Profile" error=error on_submit=on_submit>
            <Field id="profile-name" label="Name" value=name error=name_error required=true test_id="profile-name"/>
            <Field id="profile-title" label="Job title" value=title test_id="profile-title"/>
            <Field id="profile-phone" label="Phone (clients may see it in their team panel)" input_type="tel" value=phone test_id="profile-phone"/>
            <SubmitButton label="Save profile" pending=save.pending() test_id="profile-save"/>
        </FormPanel>
    }
}

#[component]
fn PasswordForm(notice: RwSignal<Option<String>>) -> impl IntoView {
    let redirect = use_auth_redirect();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let current_error = RwSignal::new(None::<String>);
    let new_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let change = action(
        |body: &PasswordChange| api::change_password(body.clone()),
        move |answer| match answer {
            Ok(()) => {
                error.set(None);
                current.set(String::new());
                new.set(String::new());
                notice.set(Some(
                    "Password changed. Your other sessions are signed out.".into(),
                ));
            }
            Err(e) => {
                current_error.set(e.field("current_password"));
                new_error.set(e.field("new_password"));
                error.set((!redirect(&e)).then_some(e));
            }
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = validate::password(&new.get_untracked()).err();
        new_error.set(n.map(str::to_owned));
        if n.is_none() {
            change.dispatch(PasswordChange {
                current_password: current.get_untracked(),
                new_password: new.get_untracked(),
            });
        }
    };
    view! {
        <FormPanel id="password" heading="Password" error=error on_submit=on_submit>
            <Field id="password-current" label="Current password" input_type="password" autocomplete="current-password" value=current error=current_error required=true test_id="password-current"/>
            <Field id="password-new" label="New password" input_type="password" autocomplete="new-password" hint="A few unrelated words make a strong password." value=new error=new_error required=true test_id="password-new"/>
            <SubmitButton label="Change password" pending=change.pending() test_id="password-save"/>
        </FormPanel>
    }
}

#[component]
fn OtherSessions(notice: RwSignal<Option<String>>) -> impl IntoView {
    let redirect = use_auth_redirect();
    let error = RwSignal::new(None::<ApiError>);
    let end = action(
        |(): &()| api::revoke_other_sessions(),
        move |answer| match answer {
            Ok(s) => notice.set(Some(match s.ended {
                0 => "You had no other sessions.".to_owned(),
                1 => "1 other session is signed out.".to_owned(),
                n => format!("{n} other sessions are signed out."),
            })),
            Err(e) => error.set((!redirect(&e)).then_some(e)),
        },
    );
    view! {
        <section class="panel" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Other sessions"</h2>
            <p class="muted">"Signed in on another computer or a phone you no longer use? Sign those sessions out; this one stays."</p>
            <web_ui::components::ErrorBanner error=error/>
            <ConfirmButton
                label="Sign out other sessions"
                question="Sign out everywhere else? Other browsers will have to sign in again."
                yes="Yes, sign them out"
                test_id="sessions-revoke"
                class="btn btn-secondary"
                disabled=Signal::derive(move || end.pending().get())
                on_confirm=Callback::new(move |()| { end.dispatch(()); })
            />
        </section>
    }
}
