//! Client companies: list (search, keyset pages), create, read, update, archive, revoke access.

use super::log;
use crate::auth::{Staff, StaffUser};
use crate::cursor;
use crate::db::clients::{self, ClientRow, ListQuery};
use crate::db::{contacts, new_id, portal_auth, sessions, DbConn};
use crate::error::{ApiResult, Fields, Reply};
use crate::web::extract::Json;
use crate::web::paths::ClientId;
use crate::web::tagged::Tagged;
use actix_web::web::Query;
use actix_web::{get, patch, post};
use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use serde::Deserialize;
use shared_types::staff::{Client, ClientCreate, ClientUpdate, Revoked};
use shared_types::EventKind;
use shared_types::{validate, ClientStatus, Page};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(list_clients)
        .service(create_client)
        .service(get_client)
        .service(update_client)
        .service(archive_client)
        .service(revoke_client_access);
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Search in client names.
    q: Option<String>,
    /// Only clients with this status.
    status: Option<ClientStatus>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Page size, 1 to 200 (default 50); anything else is refused (422).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
}

#[utoipa::path(
    params(ListParams),
    responses(
        (status = 200, description = "A page of clients.", body = Page<Client>),
        crate::openapi::ListErrors,
    )
)]
#[get("/clients")]
pub async fn list_clients(staff: Staff, Query(p): Query<ListParams>) -> Reply<Page<Client>> {
    let limit = cursor::page_limit(p.limit, 50, 200)?;
    let page = staff
        .run(move |conn, user| {
            let (rows, next) = clients::list(
                conn,
                ListQuery {
                    org_id: &user.org_id,
                    search: p.q.as_deref(),
                    status: p.status,
                    cursor: cursor::after_name(p.cursor.as_deref())?,
                    limit,
                },
            )?;
            let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
            let counts = clients::contact_counts(conn, &ids)?;
            let items = rows
                .iter()
                .map(|r| r.to_wire(counts.get(&r.id).copied().unwrap_or(0)))
                .collect();
            Ok(Page {
                items,
                next_cursor: next,
            })
        })
        .await?;
    Ok(web::Json(page))
}

fn with_count(conn: &mut DbConn, row: &ClientRow) -> ApiResult<Client> {
    let counts = clients::contact_counts(conn, std::slice::from_ref(&row.id))?;
    Ok(row.to_wire(counts.get(&row.id).copied().unwrap_or(0)))
}

#[utoipa::path(
    responses(
        (status = 201, description = "The new client.", body = Client),
    )
)]
#[post("/clients")]
pub async fn create_client(
    staff: Staff,
    Json(body): Json<ClientCreate>,
) -> ApiResult<HttpResponse> {
    let name = body.name.trim().to_owned();
    Fields::default()
        .check("name", validate::name(&name))
        .finish()?;
    let now = staff.now();
    let mut row = ClientRow {
        id: new_id(),
        org_id: staff.org_id().to_owned(),
        name,
        status: ClientStatus::Active,
        portal_enabled: true,
        can_view_invoices: true,
        can_approve_work: true,
        can_add_comments: true,
        can_submit_requests: true,
        show_team_members: body.show_team_members,
        created_at: now,
        updated_at: now,
    };
    row.set_default_permissions(body.default_permissions);
    let client = staff
        .write(move |conn, user| {
            clients::insert(conn, &row)?;
            log(
                conn,
                &user,
                &row,
                EventKind::ClientCreated,
                format!("Client {} created", row.name),
                now,
            )?;
            Ok(row.to_wire(0))
        })
        .await?;
    Ok(HttpResponse::Created().json(client))
}

#[utoipa::path(
    params(ClientId),
    responses(
        (status = 200, description = "The client.", body = Client),
    )
)]
#[get("/clients/{id}")]
pub async fn get_client(staff: Staff, ClientId { id }: ClientId) -> Reply<Client> {
    let client = staff
        .run(move |conn, user| {
            let row = clients::get(conn, &user.org_id, &id)?;
            with_count(conn, &row)
        })
        .await?;
    Ok(web::Json(client))
}

/// Ends every session of every contact of the client; shared by revoke-access and the update
/// that turns portal access off.
fn end_all_sessions(conn: &mut DbConn, client_id: &str) -> ApiResult<i64> {
    let ids = contacts::ids_of_client(conn, client_id)?;
    portal_auth::void_for_contacts(conn, &ids)?;
    Ok(sessions::delete_for_contacts(conn, &ids, None)?)
}

#[utoipa::path(
    params(ClientId),
    responses(
        (status = 200, description = "The updated client.", body = Client),
    )
)]
#[patch("/clients/{id}")]
pub async fn update_client(
    staff: Staff,
    ClientId { id }: ClientId,
    Json(body): Json<ClientUpdate>,
) -> Reply<Client> {
    let name = body.name.map(|n| n.trim().to_owned());
    if let Some(name) = &name {
        Fields::default()
            .check("name", validate::name(name))
            .finish()?;
    }
    let now = staff.now();
    let client = staff
        .write(move |conn, user| {
            let mut row = clients::get(conn, &user.org_id, &id)?;
            let turning_off = body.portal_enabled == Some(false) && row.portal_enabled;
            if let Some(name) = name {
                row.name = name;
            }
            if let Some(p) = body.default_permissions {
                row.set_default_permissions(p);
            }
            if let Some(show) = body.show_team_members {
                row.show_team_members = show;
            }
            if let Some(enabled) = body.portal_enabled {
                row.portal_enabled = enabled;
            }
            row.updated_at = now;
            clients::save(conn, &row)?;
            if turning_off {
                end_all_sessions(conn, &row.id)?;
            }
            log(
                conn,
                &user,
                &row,
                EventKind::ClientUpdated,
                format!("Client {} updated", row.name),
                now,
            )?;
            with_count(conn, &row)
        })
        .await?;
    Ok(web::Json(client))
}

/// Archives the client: its portal closes and every session ends; data is kept.
#[utoipa::path(
    params(ClientId),
    responses(
        (status = 200, description = "The archived client.", body = Client),
    )
)]
#[post("/clients/{id}/archive")]
pub async fn archive_client(staff: Staff, ClientId { id }: ClientId) -> Reply<Client> {
    let now = staff.now();
    let client = staff
        .write(move |conn, user| {
            let (row, _) = close_portal(conn, &user, &id, Closing::Archive, now)?;
            with_count(conn, &row)
        })
        .await?;
    Ok(web::Json(client))
}

/// Turns the client's portal access off and signs every contact out at once.
#[utoipa::path(
    params(ClientId),
    responses(
        (status = 200, description = "Portal access is off; how many sessions ended.", body = Revoked),
    )
)]
#[post("/clients/{id}/revoke-access")]
pub async fn revoke_client_access(staff: Staff, ClientId { id }: ClientId) -> Reply<Revoked> {
    let now = staff.now();
    let sessions_ended = staff
        .write(move |conn, user| {
            let (_, ended) = close_portal(conn, &user, &id, Closing::RevokeAccess, now)?;
            Ok(ended)
        })
        .await?;
    Ok(web::Json(Revoked { sessions_ended }))
}

/// How `close_portal` closes a client's portal.
enum Closing {
    /// The client is archived: it leaves the active list, and its portal closes.
    Archive,
    /// Only portal access is turned off; the client stays active.
    RevokeAccess,
}

/// Closes the client's portal: every contact is signed out at once and their pending sign-in
/// links are voided. Returns the saved client and how many sessions ended.
fn close_portal(
    conn: &mut DbConn,
    user: &StaffUser,
    id: &str,
    closing: Closing,
    now: NaiveDateTime,
) -> ApiResult<(ClientRow, i64)> {
    let mut row = clients::get(conn, &user.org_id, id)?;
    let (kind, summary) = match closing {
        Closing::Archive => {
            row.status = ClientStatus::Archived;
            (
                EventKind::ClientArchived,
                format!("Client {} archived", row.name),
            )
        }
        Closing::RevokeAccess => {
            row.portal_enabled = false;
            let summary = format!("Portal access of {} revoked", row.name);
            (EventKind::ClientAccessRevoked, summary)
        }
    };
    row.updated_at = now;
    clients::save(conn, &row)?;
    let ended = end_all_sessions(conn, &row.id)?;
    log(conn, user, &row, kind, summary, now)?;
    Ok((row, ended))
}
