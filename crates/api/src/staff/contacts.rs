//! Contacts of a client: list, create (optionally inviting), update. Their portal access —
//! invitations, revocation, sessions — is in `contact_access.rs`.

use super::log;
use super::paths::ContactPath;
use crate::auth::{Staff, StaffUser};
use crate::db::clients::{self, ClientRow};
use crate::db::contacts::{self, ContactRow};
use crate::db::{new_id, orgs, outbox, portal_auth, DbConn};
use crate::error::{is_duplicate, ApiError, ApiResult, Fields, Reply};
use crate::mail::invitation_email;
use crate::state::AppState;
use crate::web::extract::Json;
use crate::web::paths::ClientId;
use crate::web::tagged::Tagged;
use actix_web::{get, patch, post};
use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use shared_types::staff::{Contact, ContactCreate, ContactUpdate};
use shared_types::validate::{self, normalize_email};
use shared_types::ContactStatus;
use shared_types::EventKind;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(list_contacts)
        .service(create_contact)
        .service(update_contact);
}

fn duplicate_email(err: diesel::result::Error) -> ApiError {
    if is_duplicate(&err) {
        ApiError::field("email", "A contact with this email already exists.")
    } else {
        err.into()
    }
}

/// Queues an invitation email with a fresh 7-day link (older links stop working).
pub(super) fn invite(
    conn: &mut DbConn,
    user: &StaffUser,
    client: &ClientRow,
    contact: &mut ContactRow,
    origin: &str,
    now: NaiveDateTime,
) -> ApiResult<NaiveDateTime> {
    let org = orgs::by_id(conn, &user.org_id)?;
    let (token, expires_at) =
        portal_auth::create_invitation(conn, &contact.id, user.staff_id(), now)?;
    if contact.status() == ContactStatus::Revoked {
        contact.status = ContactStatus::Invited;
    }
    contact.invited_at = Some(now);
    contact.updated_at = now;
    contacts::save(conn, contact)?;
    let mail = invitation_email(
        &org,
        &contact.email,
        &contact.name,
        &client.name,
        origin,
        &token,
    );
    outbox::enqueue(conn, mail, now)?;
    log(
        conn,
        user,
        &*contact,
        EventKind::ContactInvited,
        format!("{} invited to the portal", contact.name),
        now,
    )?;
    Ok(expires_at)
}

#[utoipa::path(
    params(ClientId),
    responses(
        (status = 200, description = "The client's contacts.", body = Vec<Contact>),
    )
)]
#[get("/clients/{id}/contacts")]
pub async fn list_contacts(
    staff: Staff,
    ClientId { id: client_id }: ClientId,
) -> Reply<Vec<Contact>> {
    let list = staff
        .run(move |conn, user| {
            let client = clients::get(conn, &user.org_id, &client_id)?;
            let rows = contacts::list(conn, &user.org_id, &client.id)?;
            Ok(rows.iter().map(|r| r.to_wire(&client)).collect())
        })
        .await?;
    Ok(web::Json(list))
}

#[utoipa::path(
    params(ClientId),
    responses(
        (status = 201, description = "The new contact (invited when `invite` was set).", body = Contact),
    )
)]
#[post("/clients/{id}/contacts")]
pub async fn create_contact(
    state: web::Data<AppState>,
    staff: Staff,
    ClientId { id: client_id }: ClientId,
    Json(body): Json<ContactCreate>,
) -> ApiResult<HttpResponse> {
    let name = body.name.trim().to_owned();
    let email = normalize_email(&body.email);
    let phone = body
        .phone
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty());
    Fields::default()
        .check("name", validate::name(&name))
        .check("email", validate::email(&email))
        .finish()?;
    let now = staff.now();
    let origin = state.config.public_origin.clone();
    let send_invite = body.invite;
    let contact = staff
        .write(move |conn, user| {
            let client = clients::get(conn, &user.org_id, &client_id)?;
            let mut row = ContactRow {
                id: new_id(),
                org_id: user.org_id.clone(),
                client_id: client.id.clone(),
                email,
                name,
                phone,
                status: ContactStatus::Invited,
                password_hash: None,
                can_view_invoices: None,
                can_approve_work: None,
                can_add_comments: None,
                can_submit_requests: None,
                invited_at: None,
                last_sign_in_at: None,
                created_at: now,
                updated_at: now,
            };
            row.set_overrides(body.permissions);
            contacts::insert(conn, &row).map_err(duplicate_email)?;
            log(
                conn,
                &user,
                &row,
                EventKind::ContactCreated,
                format!("Contact {} added", row.name),
                now,
            )?;
            if send_invite {
                invite(conn, &user, &client, &mut row, &origin, now)?;
            }
            Ok(row.to_wire(&client))
        })
        .await?;
    if send_invite {
        state.mail_wake.notify_one();
    }
    Ok(HttpResponse::Created().json(contact))
}

#[utoipa::path(
    params(ContactPath),
    responses(
        (status = 200, description = "The updated contact.", body = Contact),
    )
)]
#[patch("/clients/{id}/contacts/{contact}")]
pub async fn update_contact(
    staff: Staff,
    ContactPath {
        client_id,
        contact_id,
    }: ContactPath,
    Json(body): Json<ContactUpdate>,
) -> Reply<Contact> {
    let name = body.name.map(|n| n.trim().to_owned());
    let email = body.email.map(|e| normalize_email(&e));
    let mut fields = Fields::default();
    if let Some(name) = &name {
        fields.check("name", validate::name(name));
    }
    if let Some(email) = &email {
        fields.check("email", validate::email(email));
    }
    fields.finish()?;
    let now = staff.now();
    let contact = staff
        .write(move |conn, user| {
            let client = clients::get(conn, &user.org_id, &client_id)?;
            let mut row = contacts::get(conn, &user.org_id, &client.id, &contact_id)?;
            if let Some(name) = name {
                row.name = name;
            }
            if let Some(email) = email {
                row.email = email;
            }
            if let Some(phone) = body.phone {
                let phone = phone.trim().to_owned();
                row.phone = (!phone.is_empty()).then_some(phone);
            }
            if let Some(overrides) = body.permissions {
                row.set_overrides(overrides);
            }
            row.updated_at = now;
            contacts::save(conn, &row).map_err(duplicate_email)?;
            log(
                conn,
                &user,
                &row,
                EventKind::ContactUpdated,
                format!("Contact {} updated", row.name),
                now,
            )?;
            Ok(row.to_wire(&client))
        })
        .await?;
    Ok(web::Json(contact))
}
