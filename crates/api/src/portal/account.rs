//! The signed-in contact's own account: who they are, their devices, their password.

use crate::auth::portal_session::PREVIEW_MINUTES;
use crate::auth::Portal;
use crate::auth::PortalUser;
use crate::crypto::{check_new_password, hash_password, verify_password};
use crate::db::clients::ClientRow;
use crate::db::contacts::{self, ContactRow};
use crate::db::orgs::Org;
use crate::db::{previews, sessions, write_tx, DbConn};
use crate::error::{ApiError, ApiResult, Fields, Reply};
use crate::state::AppState;
use crate::web::extract::Json;
use crate::web::paths::SessionId;
use crate::web::tagged::Tagged;
use actix_web::{delete, get, post};
use actix_web::{web, HttpResponse};
use chrono::TimeDelta;
use shared_types::portal::{
    ClientSummary, ContactSelf, Me, PasswordChange, PreviewInfo, SessionInfo,
};
use shared_types::staff::Revoked;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(get_me)
        .service(list_sessions)
        .service(end_other_sessions)
        .service(end_session)
        .service(set_password);
}

pub fn me_of(contact: &ContactRow, client: &ClientRow, org: &Org) -> Me {
    Me {
        contact: ContactSelf {
            id: contact.id.clone(),
            name: contact.name.clone(),
            email: contact.email.clone(),
            phone: contact.phone.clone(),
            has_password: contact.password_hash.is_some(),
        },
        client: ClientSummary {
            id: client.id.clone(),
            name: client.name.clone(),
        },
        permissions: contact.permissions(client),
        branding: org.branding(),
        preview: None,
    }
}

/// `me_of` for a signed-in request: with who is previewing, in a staff preview.
pub fn me_of_user(conn: &mut DbConn, user: &PortalUser) -> ApiResult<Me> {
    let mut me = me_of(&user.contact, &user.client, &user.org);
    if let Some(preview_id) = &user.preview_id {
        me.preview = previews::opened_by(conn, preview_id)?.map(|(staff_name, opened)| {
            let opened = opened.unwrap_or_default();
            PreviewInfo {
                staff_name,
                expires_at: (opened + TimeDelta::minutes(PREVIEW_MINUTES)).and_utc(),
            }
        });
    }
    Ok(me)
}

#[utoipa::path(
    responses(
        (status = 200, description = "The signed-in contact, their client, permissions and branding.", body = Me),
    )
)]
#[get("/me")]
pub async fn get_me(portal: Portal) -> Reply<Me> {
    Ok(web::Json(
        portal.run(|conn, user| me_of_user(conn, &user)).await?,
    ))
}

#[utoipa::path(
    responses(
        (status = 200, description = "The contact's signed-in devices; `current` marks this one.", body = Vec<SessionInfo>),
    )
)]
#[get("/sessions")]
pub async fn list_sessions(portal: Portal) -> Reply<Vec<SessionInfo>> {
    let now = portal.state().now();
    let idle_cutoff = now - TimeDelta::days(portal.state().config.session_idle_days);
    let sessions = portal
        .run(move |conn, user| {
            let rows = sessions::list_for_contact(conn, &user.contact.id, idle_cutoff, now)?;
            Ok(rows
                .iter()
                .map(|r| r.to_wire(Some(&user.session_id)))
                .collect())
        })
        .await?;
    Ok(web::Json(sessions))
}

/// Signs out one of the contact's devices (404 for anyone else's session id).
#[utoipa::path(
    params(SessionId),
    responses(
        (status = 204, description = "That device is signed out."),
    )
)]
#[delete("/sessions/{id}")]
pub async fn end_session(portal: Portal, SessionId { id }: SessionId) -> ApiResult<HttpResponse> {
    let ended = portal
        .run(move |conn, user| Ok(sessions::delete_one(conn, &user.contact.id, &id)?))
        .await?;
    if ended {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(ApiError::NotFound)
    }
}

/// Signs out every device but this one.
#[utoipa::path(
    responses(
        (status = 200, description = "Every other device signed out.", body = Revoked),
    )
)]
#[delete("/sessions")]
pub async fn end_other_sessions(portal: Portal) -> Reply<Revoked> {
    let n = portal
        .run(move |conn, user| {
            let ids = [user.contact.id.clone()];
            Ok(sessions::delete_for_contacts(
                conn,
                &ids,
                Some(&user.session_id),
            )?)
        })
        .await?;
    Ok(web::Json(Revoked { sessions_ended: n }))
}

/// Sets a first password, or changes one (the current password is then required). Other
/// devices are signed out after a change.
#[utoipa::path(
    responses(
        (status = 204, description = "Password set; other devices are signed out."),
    )
)]
#[post("/password")]
pub async fn set_password(
    state: web::Data<AppState>,
    portal: Portal,
    Json(body): Json<PasswordChange>,
) -> ApiResult<HttpResponse> {
    let user = portal.user().await?;
    let mut fields = Fields::default();
    fields
        .check(
            "new_password",
            check_new_password(
                &body.new_password,
                &[&user.contact.email, &user.contact.name],
            ),
        )
        .finish()?;
    let existing = user.contact.password_hash.clone();
    let current = body.current_password.unwrap_or_default();
    let new_password = body.new_password;
    let hash = web::block(move || -> ApiResult<String> {
        if existing.is_some() && !verify_password(&current, existing.as_deref()) {
            return Err(ApiError::field(
                "current_password",
                "That isn't your current password.",
            ));
        }
        Ok(hash_password(&new_password)?)
    })
    .await??;
    let now = state.now();
    let mut contact = user.contact;
    let keep = user.session_id;
    state
        .db
        .run(move |conn| {
            write_tx(conn, |conn| {
                contact.password_hash = Some(hash);
                contact.updated_at = now;
                contacts::save(conn, &contact)?;
                sessions::delete_for_contacts(conn, &[contact.id.clone()], Some(&keep))?;
                Ok(())
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
