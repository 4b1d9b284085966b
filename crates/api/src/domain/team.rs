//! The staff team: inviting (the emailed link sets a password), roles, deactivation and
//! reactivation, and each member's own profile and sessions. The rules, here and nowhere else:
//! - Owners and admins manage the team; only an owner makes, unmakes or changes an owner.
//! - Nobody changes their own role or deactivates themselves, and an organization always keeps
//!   an active owner.
//! - Deactivating ends the member's refresh tokens and revokes the API keys they created in the
//!   same transaction; their access tokens fail on the next request (each request checks that the
//!   account is active). Past actions stay attributed to them.

use crate::auth::staff_user::{ActorKind, StaffUser};
use crate::db::orgs::{self, Org};
use crate::db::staff::{self, StaffRow};
use crate::db::staff_tokens::{self, Purpose};
use crate::db::{new_id, outbox, DbConn};
use crate::domain::events::{self as stream, NewEvent};
use crate::domain::Actor;
use crate::error::{is_duplicate, ApiError, ApiResult};
use crate::mail::templates;
use chrono::NaiveDateTime;
use shared_types::team::{MemberStatus, StaffAccount, StaffAccountUpdate, StaffInvite};
use shared_types::validate;
use shared_types::{ErrorCode, EventKind, StaffRole};

/// The wire form of a member.
pub fn account(row: StaffRow) -> StaffAccount {
    let status = if !row.active {
        MemberStatus::Deactivated
    } else if row.password_hash.is_empty() {
        MemberStatus::Invited
    } else {
        MemberStatus::Active
    };
    StaffAccount {
        status,
        role: row.role,
        id: row.id,
        name: row.name,
        email: row.email,
        title: row.title,
        phone: row.phone,
        created_at: row.created_at.and_utc(),
        last_login_at: row.last_login_at.map(|t| t.and_utc()),
    }
}

/// Records a change to `member`'s account; `detail` is the new role of a role change (the
/// member is told of it: `domain::notify::team`).
fn record(
    conn: &mut DbConn,
    actor: &StaffUser,
    (kind, detail): (EventKind, Option<String>),
    member: &StaffRow,
    summary: String,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let event = NewEvent {
        org_id: &member.org_id,
        client_id: None,
        kind,
        subject_id: &member.id,
        summary,
        detail,
    };
    stream::record(conn, &Actor::from(actor), event, now)?;
    Ok(())
}

fn refused(message: &str) -> ApiError {
    ApiError::Forbidden(message.to_owned())
}

/// Invites `body.email`: a member without a password until they follow the emailed link.
pub fn invite(
    conn: &mut DbConn,
    actor: &StaffUser,
    org: &Org,
    body: StaffInvite,
    public_origin: &str,
    now: NaiveDateTime,
) -> ApiResult<StaffRow> {
    let email = validate::normalize_email(&body.email);
    let name = body.name.trim().to_owned();
    let title = body.title.trim().to_owned();
    let mut fields = crate::error::Fields::default();
    fields
        .check("email", validate::email(&email))
        .check("name", validate::name(&name))
        .check(
            "title",
            if title.is_empty() {
                Ok(())
            } else {
                validate::title(&title)
            },
        );
    fields.finish()?;
    if body.role == StaffRole::Owner && actor.role != StaffRole::Owner {
        return Err(refused("Only an owner can invite another owner."));
    }
    let row = StaffRow {
        id: new_id(),
        org_id: org.id.clone(),
        email: email.clone(),
        name,
        role: body.role,
        password_hash: String::new(),
        active: true,
        created_at: now,
        last_login_at: None,
        phone: None,
        title,
    };
    match staff::insert(conn, &row) {
        Err(e) if is_duplicate(&e) => {
            return Err(ApiError::conflict(
                ErrorCode::Duplicate,
                "Someone with this email already has a staff account.",
            ))
        }
        other => other?,
    }
    send_invitation(conn, org, &row, public_origin, now)?;
    record(
        conn,
        actor,
        (EventKind::StaffInvited, None),
        &row,
        format!("{} was invited as {}", row.name, row.role.as_str()),
        now,
    )?;
    Ok(row)
}

/// Emails (again) the link that lets an invited member set their password; the older link stops
/// working.
pub fn send_invitation(
    conn: &mut DbConn,
    org: &Org,
    member: &StaffRow,
    public_origin: &str,
    now: NaiveDateTime,
) -> ApiResult<()> {
    if !member.password_hash.is_empty() || !member.active {
        return Err(ApiError::conflict(
            ErrorCode::AlreadyJoined,
            "Only a member who has not joined yet can be sent an invitation.",
        ));
    }
    let token = staff_tokens::create(conn, &member.id, Purpose::Invite, now)?;
    let email = templates::staff_invitation_email(org, member, public_origin, &token);
    outbox::enqueue(conn, email, now)?;
    Ok(())
}

/// Changes a member's role or whether they are active; only what `body` names.
pub fn update(
    conn: &mut DbConn,
    actor: &StaffUser,
    id: &str,
    body: StaffAccountUpdate,
    public_origin: &str,
    now: NaiveDateTime,
) -> ApiResult<StaffRow> {
    let member = staff::in_org(conn, &actor.org_id, id)?;
    let touches_owner = member.role == StaffRole::Owner || body.role == Some(StaffRole::Owner);
    if touches_owner && actor.role != StaffRole::Owner {
        return Err(refused(
            "Only an owner can change an owner or make someone an owner.",
        ));
    }
    if member.id == actor.id
        && (body.role.is_some_and(|r| r != member.role) || body.active == Some(false))
    {
        return Err(refused(
            "You can't change your own role or deactivate yourself; ask another owner or admin.",
        ));
    }
    let loses_owner = member.role == StaffRole::Owner
        && member.active
        && (body.role.is_some_and(|r| r != StaffRole::Owner) || body.active == Some(false));
    if loses_owner && staff::active_owners(conn, &actor.org_id)? <= 1 {
        return Err(ApiError::conflict(
            ErrorCode::LastOwner,
            "The organization needs an active owner: make someone else an owner first.",
        ));
    }
    if let Some(role) = body.role.filter(|r| *r != member.role) {
        staff::set_role(conn, &member.id, role)?;
        // Tokens carry the role: end the sessions so the next sign-in has the new one.
        staff::revoke_sessions(conn, &member.id, None, now)?;
        record(
            conn,
            actor,
            (EventKind::StaffRoleChanged, Some(role.as_str().to_owned())),
            &member,
            format!("{} is now {}", member.name, role.as_str()),
            now,
        )?;
    }
    match body.active {
        Some(false) if member.active => {
            staff::set_active(conn, &member.id, false)?;
            staff::revoke_sessions(conn, &member.id, None, now)?;
            staff::revoke_keys_of(conn, &member.id, now)?;
            staff_tokens::cancel_all(conn, &member.id)?;
            // A member who had joined is told by email (they can no longer see a notification);
            // an invitation nobody accepted just stops working.
            if !member.password_hash.is_empty() {
                let org = orgs::by_id(conn, &member.org_id)?;
                let by = match actor.kind {
                    ActorKind::Staff => staff::by_id(conn, &actor.id)?,
                    ActorKind::ApiKey => None,
                };
                let email =
                    templates::staff_deactivated_email(&org, &member, by.as_ref(), public_origin);
                outbox::enqueue(conn, email, now)?;
            }
            record(
                conn,
                actor,
                (EventKind::StaffDeactivated, None),
                &member,
                format!("{} was deactivated", member.name),
                now,
            )?;
        }
        Some(true) if !member.active => {
            staff::set_active(conn, &member.id, true)?;
            record(
                conn,
                actor,
                (EventKind::StaffReactivated, None),
                &member,
                format!("{} was reactivated", member.name),
                now,
            )?;
        }
        _ => {}
    }
    Ok(staff::in_org(conn, &actor.org_id, id)?)
}

/// Sets the password of whoever `token` (an invitation or a reset) belongs to, ends their other
/// sessions, and returns them. `hash` was computed from a password already checked.
pub fn set_password_with_token(
    conn: &mut DbConn,
    token: &str,
    purpose: Purpose,
    hash: &str,
    now: NaiveDateTime,
) -> ApiResult<StaffRow> {
    let expired = || {
        ApiError::bad_request(
            ErrorCode::InvalidToken,
            "This link has expired or was already used. Ask for a new one.",
        )
    };
    let id = staff_tokens::redeem(conn, token, purpose, now)?.ok_or_else(expired)?;
    let member = staff::by_id(conn, &id)?
        .filter(|m| m.active)
        .ok_or_else(expired)?;
    let joined = member.password_hash.is_empty();
    staff::set_password_hash(conn, &member.id, hash)?;
    staff::revoke_sessions(conn, &member.id, None, now)?;
    staff_tokens::cancel_all(conn, &member.id)?;
    if joined {
        let event = NewEvent {
            org_id: &member.org_id,
            client_id: None,
            kind: EventKind::StaffJoined,
            subject_id: &member.id,
            summary: format!("{} joined the team", member.name),
            detail: None,
        };
        stream::record(conn, &Actor::System, event, now)?;
    }
    Ok(member)
}
