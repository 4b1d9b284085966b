//! The team: who works here, their role and status; owners and admins invite by email, change
//! roles, deactivate (asked first) and reactivate. A control someone may not use stays visible,
//! disabled, with the reason beside it; members see why the page is not theirs.

use crate::api;
use crate::state::{use_auth_redirect, use_staff};
use leptos::prelude::*;
use shared_types::team::{MemberStatus, StaffAccount, StaffAccountUpdate, StaffInvite};
use shared_types::{validate, StaffRole};
use web_ui::action::action;
use web_ui::components::{Badge, ErrorBanner, Field, Toast, Tone};
use web_ui::confirm::ConfirmButton;
use web_ui::form::{FormPanel, SubmitButton};
use web_ui::load::Loaded;
use web_ui::table::DataTable;
use web_ui::title::PageTitle;
use web_ui::{format, ApiError};

#[component]
pub fn TeamPage() -> impl IntoView {
    let me = use_staff().me;
    let my_role = move || me.with(|m| m.as_ref().map(|m| m.role));
    let may_manage = move || my_role().is_some_and(StaffRole::is_admin);
    let reload = RwSignal::new(0_u32);
    let team = LocalResource::new(move || {
        reload.track();
        api::list_team()
    });
    let notice = RwSignal::new(None::<String>);
    let body = move |list: Vec<StaffAccount>| {
        let rows = list
            .into_iter()
            .map(|m| view! { <MemberRow member=m reload=reload notice=notice/> })
            .collect_view();
        view! {
            <DataTable test_id="team-table" caption="Team" columns=&["Name", "Email", "Role", "Status", "Last signed in"] actions=true>
                <tbody>{rows}</tbody>
            </DataTable>
        }
    };
    view! {
        <PageTitle text="Team"/>
        <Show
            when=may_manage
            fallback=|| view! {
                <p class="banner banner-info" data-test-id="team-not-admin">
                    "Only owners and admins manage the team. Ask one of them to invite someone or change a role; your own profile and password are under Your account."
                </p>
            }
        >
            <Toast message=notice/>
            <InviteForm on_invited=Callback::new(move |m: StaffAccount| {
                notice.set(Some(format!("Invitation sent to {}.", m.email)));
                reload.update(|n| *n += 1);
            })/>
            <section class="panel" aria-labelledby="team-heading">
                <h2 id="team-heading">"Members"</h2>
                <Loaded resource=team loading="Loading the team…" redirect=use_auth_redirect() children=body/>
            </section>
        </Show>
    }
}

#[component]
fn MemberRow(
    member: StaffAccount,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let me = use_staff().me;
    let my_id = me.with_untracked(|m| m.as_ref().map(|m| m.id.clone()).unwrap_or_default());
    let my_role = me.with_untracked(|m| m.as_ref().map(|m| m.role));
    let is_me = member.id == my_id;
    let owner_only = member.role == StaffRole::Owner && my_role != Some(StaffRole::Owner);
    // Why this row's controls are off, if they are.
    let locked: Option<&'static str> = if is_me {
        Some("You can't change your own role or deactivate yourself.")
    } else if owner_only {
        Some("Only an owner can change an owner.")
    } else {
        None
    };
    let error = RwSignal::new(None::<ApiError>);
    let update = action(
        |(id, body): &(String, StaffAccountUpdate)| api::update_member(id.clone(), body.clone()),
        move |answer: Result<StaffAccount, ApiError>| match answer {
            Ok(m) => {
                notice.set(Some(match m.status {
                    MemberStatus::Deactivated => format!(
                        "{} is deactivated: their sessions and API keys no longer work.",
                        m.name
                    ),
                    _ => format!("{} is saved.", m.name),
                }));
                reload.update(|n| *n += 1);
            }
            Err(e) => error.set((!redirect(&e)).then_some(e)),
        },
    );
    let resend = action(
        |id: &String| api::resend_invitation(id.clone()),
        move |answer: Result<(), ApiError>| match answer {
            Ok(()) => notice.set(Some("A new invitation is on its way.".into())),
            Err(e) => error.set(Some(e)),
        },
    );
    let id = member.id.clone();
    let (status_text, tone) = match member.status {
        MemberStatus::Active => ("Active", Tone::Good),
        MemberStatus::Invited => ("Invited", Tone::Warn),
        MemberStatus::Deactivated => ("Deactivated", Tone::Bad),
    };
    let can_owner = my_role == Some(StaffRole::Owner);
    let role_id = format!("role-{}", member.id);
    let on_role = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            if let Ok(role) = event_target_value(&ev).parse::<StaffRole>() {
                update.dispatch((
                    id.clone(),
                    StaffAccountUpdate {
                        role: Some(role),
                        active: None,
                    },
                ));
            }
        }
    };
    let name = member.name.clone();
    let toggle = {
        let id = id.clone();
        let active = member.status != MemberStatus::Deactivated;
        move |()| {
            update.dispatch((
                id.clone(),
                StaffAccountUpdate {
                    role: None,
                    active: Some(!active),
                },
            ));
        }
    };
    let active = member.status != MemberStatus::Deactivated;
    view! {
        <tr data-test-id="team-row">
            <td>
                <strong>{member.name.clone()}</strong>
                {(!member.title.is_empty()).then(|| view! { <span class="muted">" · "{member.title.clone()}</span> })}
                {is_me.then(|| view! { <span class="muted">" (you)"</span> })}
            </td>
            <td>{member.email.clone()}</td>
            <td>
                <label class="visually-hidden" for=role_id.clone()>{format!("Role of {}", member.name)}</label>
                <select id=role_id data-test-id="team-role" disabled=locked.is_some() on:change=on_role>
                    {[StaffRole::Member, StaffRole::Admin, StaffRole::Owner].into_iter().map(|r| view! {
                        <option value=r.as_str() selected=r == member.role disabled=r == StaffRole::Owner && !can_owner>{r.label()}</option>
                    }).collect_view()}
                </select>
                {locked.map(|why| view! { <p class="hint" data-test-id="team-locked">{why}</p> })}
            </td>
            <td><Badge text=status_text tone=tone test_id="team-status"/></td>
            <td>{format::maybe_datetime(member.last_login_at.as_ref())}</td>
            <td class="actions">
                <ErrorBanner error=error/>
                {(member.status == MemberStatus::Invited).then(|| {
                    let id = id.clone();
                    view! {
                        <button type="button" class="btn btn-secondary btn-small" data-test-id="team-resend"
                            disabled=move || resend.pending().get()
                            on:click=move |_| { resend.dispatch(id.clone()); }>
                            "Resend invitation"
                        </button>
                    }
                })}
                {if active {
                    let question = if member.status == MemberStatus::Invited {
                        format!("Withdraw {name}'s invitation? The link in their email stops working; you can reactivate them later.")
                    } else {
                        format!("Deactivate {name}? They are signed out everywhere at once and told by email, and the API keys they created stop working. What they did stays in the history, and you can reactivate them later.")
                    };
                    view! {
                        <ConfirmButton
                            label="Deactivate"
                            aria_label=format!("Deactivate {name}")
                            question=question
                            yes="Yes, deactivate"
                            test_id="team-deactivate"
                            disabled=Signal::derive(move || locked.is_some() || update.pending().get())
                            on_confirm=Callback::new(toggle.clone())
                        />
                    }.into_any()
                } else {
                    let toggle = toggle.clone();
                    view! {
                        <button type="button" class="btn btn-secondary btn-small" data-test-id="team-reactivate"
                            disabled=move || locked.is_some() || update.pending().get()
                            on:click=move |_| toggle(())>
                            "Reactivate"
                        </button>
                    }.into_any()
                }}
            </td>
        </tr>
    }
}

#[component]
fn InviteForm(on_invited: Callback<StaffAccount>) -> impl IntoView {
    let redirect = use_auth_redirect();
    let me = use_staff().me;
    let can_owner = move || me.with(|m| m.as_ref().map(|m| m.role)) == Some(StaffRole::Owner);
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let role = RwSignal::new("member".to_owned());
    let email_error = RwSignal::new(None::<String>);
    let name_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let invite = action(
        |body: &StaffInvite| api::invite_member(body.clone()),
        move |answer| match answer {
            Ok(m) => {
                error.set(None);
                email.set(String::new());
                name.set(String::new());
                title.set(String::new());
                on_invited.run(m);
            }
            Err(e) => {
                email_error.set(e.field("email"));
                name_error.set(e.field("name"));
                error.set((!redirect(&e)).then_some(e));
            }
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let e = validate::email(&validate::normalize_email(&email.get_untracked())).err();
        let n = validate::name(&name.get_untracked()).err();
        email_error.set(e.map(str::to_owned));
        name_error.set(n.map(str::to_owned));
        if e.is_none() && n.is_none() {
            invite.dispatch(StaffInvite {
                email: email.get_untracked().trim().to_owned(),
                name: name.get_untracked().trim().to_owned(),
                role: role.get_untracked().parse().unwrap_or(StaffRole::Member),
                title: title.get_untracked().trim().to_owned(),
            });
        }
    };
    view! {
        <FormPanel id="invite" heading="Invite someone" error=error on_submit=on_submit>
            <p class="muted">"They get an email with a link to choose their password (it works for 7 days)."</p>
            <div class="field-row">
                <Field id="invite-email" label="Email" input_type="email" value=email error=email_error required=true test_id="invite-email"/>
                <Field id="invite-name" label="Name" value=name error=name_error required=true test_id="invite-name"/>
            </div>
            <div class="field-row">
                <Field id="invite-title" label="Job title (optional)" value=title test_id="invite-title"/>
                <div class="field">
                    <label for="invite-role">"Role"</label>
                    <select id="invite-role" aria-describedby="invite-role-hint" data-test-id="invite-role" on:change=move |ev| role.set(event_target_value(&ev))>
                        <option value="member" selected=true>"Member"</option>
                        <option value="admin">"Admin"</option>
                        <option value="owner" disabled=move || !can_owner()>"Owner"</option>
                    </select>
                    <p class="hint" id="invite-role-hint">
                        "Members work on clients and projects; admins also manage the team, API keys and settings. "
                        {move || (!can_owner()).then_some("Only an owner can invite an owner.")}
                    </p>
                </div>
            </div>
            <SubmitButton label="Send invitation" busy_label="Sending…" pending=invite.pending() test_id="invite-submit"/>
        </FormPanel>
    }
}
