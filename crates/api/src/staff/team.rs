//! The organization's staff: who can manage a project or be assigned a task (any member), and
//! the team itself — invite, change roles, deactivate (owners and admins; rules in
//! `domain::team`).

use crate::auth::Staff;
use crate::db::{orgs, staff};
use crate::domain::team;
use crate::error::{ApiResult, Reply};
use crate::web::extract::Json;
use crate::web::paths::MemberId;
use crate::web::tagged::Tagged;
use actix_web::{get, patch, post};
use actix_web::{web, HttpResponse};
use shared_types::staff::StaffMember;
use shared_types::team::{StaffAccount, StaffAccountUpdate, StaffInvite};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(list_team)
        .service(invite_member)
        .service(update_member)
        .service(resend_invitation)
        .service(list_staff);
}

#[utoipa::path(
    responses(
        (status = 200, description = "The organization's active staff, by name.", body = Vec<StaffMember>),
    )
)]
#[get("/staff")]
pub async fn list_staff(staff: Staff) -> Reply<Vec<StaffMember>> {
    let rows = staff
        .run(move |conn, user| Ok(staff::list_active(conn, &user.org_id)?))
        .await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|s| StaffMember {
                role: s.role(),
                id: s.id,
                name: s.name,
                email: s.email,
            })
            .collect(),
    ))
}

#[utoipa::path(
    responses(
        (status = 200, description = "Every member: active, invited (no password yet) and deactivated, by name. Owners and admins only.", body = Vec<StaffAccount>),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[get("/team")]
pub async fn list_team(staff: Staff) -> Reply<Vec<StaffAccount>> {
    let rows = staff
        .require_admin()?
        .run(move |conn, user| Ok(staff::list_all(conn, &user.org_id)?))
        .await?;
    Ok(web::Json(rows.into_iter().map(team::account).collect()))
}

#[utoipa::path(
    responses(
        (status = 201, description = "Invited: the member exists without a password, and an email with a link (7 days) lets them choose one.", body = StaffAccount),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[post("/team")]
pub async fn invite_member(staff: Staff, Json(body): Json<StaffInvite>) -> ApiResult<HttpResponse> {
    let state = staff.shared_state();
    let now = state.now();
    let origin = state.config.public_origin.clone();
    let row = staff
        .require_admin()?
        .write(move |conn, user| {
            let org = orgs::by_id(conn, &user.org_id)?;
            team::invite(conn, &user, &org, body, &origin, now)
        })
        .await?;
    state.mail_wake.notify_one();
    Ok(HttpResponse::Created().json(team::account(row)))
}

#[utoipa::path(
    params(MemberId),
    responses(
        (status = 200, description = "The member with only the fields sent changed. Deactivating ends their sessions and revokes the API keys they created at once, and tells a member who had joined by email; their past actions stay theirs. Changing a role ends their sessions so the next sign-in carries it. Only an owner changes an owner; nobody changes their own role or deactivates themselves (403); the last active owner stays one (409 `last_owner`).", body = StaffAccount),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[patch("/team/{id}")]
pub async fn update_member(
    staff: Staff,
    MemberId { id }: MemberId,
    Json(body): Json<StaffAccountUpdate>,
) -> Reply<StaffAccount> {
    let state = staff.shared_state();
    let now = state.now();
    let origin = state.config.public_origin.clone();
    let row = staff
        .require_admin()?
        .write(move |conn, user| team::update(conn, &user, &id, body, &origin, now))
        .await?;
    state.mail_wake.notify_one();
    Ok(web::Json(team::account(row)))
}

#[utoipa::path(
    params(MemberId),
    responses(
        (status = 202, description = "A fresh invitation is on its way; the older link stops working.", body = crate::openapi::EmptyObject),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[post("/team/{id}/invitation")]
pub async fn resend_invitation(staff: Staff, MemberId { id }: MemberId) -> ApiResult<HttpResponse> {
    let state = staff.shared_state();
    let now = state.now();
    let origin = state.config.public_origin.clone();
    staff
        .require_admin()?
        .write(move |conn, user| {
            let org = orgs::by_id(conn, &user.org_id)?;
            let member = staff::in_org(conn, &user.org_id, &id)?;
            team::send_invitation(conn, &org, &member, &origin, now)
        })
        .await?;
    state.mail_wake.notify_one();
    Ok(HttpResponse::Accepted().json(serde_json::json!({})))
}
