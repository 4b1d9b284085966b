//! Client companies: list (search, keyset pages), create, read, update, archive, revoke access.

use crate::auth::StaffUser;
use crate::db::clients::{self, ClientRow, ListQuery};
use crate::db::{activity, contacts, new_id, portal_auth, sessions, write_tx, DbConn};
use crate::error::{ApiResult, Fields};
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use serde::Deserialize;
use shared_types::staff::{Client, ClientCreate, ClientUpdate, Revoked};
use shared_types::{validate, ClientStatus, Page};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    q: Option<String>,
    status: Option<ClientStatus>,
    cursor: Option<String>,
    limit: Option<i64>,
}

pub async fn list_clients(
    state: web::Data<AppState>,
    user: StaffUser,
    params: web::Query<ListParams>,
) -> ApiResult<web::Json<Page<Client>>> {
    let p = params.into_inner();
    let limit = p.limit.unwrap_or(50).clamp(1, 200);
    let page = state
        .db
        .run(move |conn| {
            let (rows, next) = clients::list(
                conn,
                ListQuery {
                    org_id: &user.org_id,
                    search: p.q.as_deref(),
                    status: p.status,
                    cursor: p.cursor.as_deref(),
                    limit,
                },
            )?;
            let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
            let counts = clients::contact_counts(conn, &ids)?;
            let items = rows
                .iter()
                .map(|r| r.to_wire(counts.get(&r.id).copied().unwrap_or(0)))
                .collect();
            Ok(Page { items, next_cursor: next })
        })
        .await?;
    Ok(web::Json(page))
}

fn with_count(conn: &mut DbConn, row: &ClientRow) -> ApiResult<Client> {
    let counts = clients::contact_counts(conn, std::slice::from_ref(&row.id))?;
    Ok(row.to_wire(counts.get(&row.id).copied().unwrap_or(0)))
}

fn log(conn: &mut DbConn, user: &StaffUser, client: &ClientRow, verb: &str, summary: String, now: NaiveDateTime) -> ApiResult<()> {
    activity::record(
        conn,
        activity::Event {
            org_id: &user.org_id,
            client_id: Some(&client.id),
            actor_kind: user.kind.as_str(),
            actor_id: Some(&user.id),
            verb,
            subject_kind: "client",
            subject_id: Some(&client.id),
            summary,
            client_visible: false,
        },
        now,
    )
}

pub async fn create_client(
    state: web::Data<AppState>,
    user: StaffUser,
    body: web::Json<ClientCreate>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let name = body.name.trim().to_owned();
    Fields::default().check("name", validate::name(&name)).finish()?;
    let now = state.now();
    let mut row = ClientRow {
        id: new_id(),
        org_id: user.org_id.clone(),
        name,
        status: ClientStatus::Active.as_str().into(),
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
    let client = state
        .db
        .run(move |conn| {
            write_tx(conn, |conn| {
                clients::insert(conn, &row)?;
                log(conn, &user, &row, "created", format!("Client {} created", row.name), now)?;
                Ok(row.to_wire(0))
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(client))
}

pub async fn get_client(
    state: web::Data<AppState>,
    user: StaffUser,
    path: web::Path<String>,
) -> ApiResult<web::Json<Client>> {
    let id = path.into_inner();
    let client = state
        .db
        .run(move |conn| {
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
    sessions::delete_for_contacts(conn, &ids, None)
}

pub async fn update_client(
    state: web::Data<AppState>,
    user: StaffUser,
    path: web::Path<String>,
    body: web::Json<ClientUpdate>,
) -> ApiResult<web::Json<Client>> {
    let id = path.into_inner();
    let body = body.into_inner();
    let name = body.name.map(|n| n.trim().to_owned());
    if let Some(name) = &name {
        Fields::default().check("name", validate::name(name)).finish()?;
    }
    let now = state.now();
    let client = state
        .db
        .run(move |conn| {
            write_tx(conn, |conn| {
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
                log(conn, &user, &row, "updated", format!("Client {} updated", row.name), now)?;
                with_count(conn, &row)
            })
        })
        .await?;
    Ok(web::Json(client))
}

/// Archives the client: its portal closes and every session ends; data is kept.
pub async fn archive_client(
    state: web::Data<AppState>,
    user: StaffUser,
    path: web::Path<String>,
) -> ApiResult<web::Json<Client>> {
    let id = path.into_inner();
    let now = state.now();
    let client = state
        .db
        .run(move |conn| {
            write_tx(conn, |conn| {
                let mut row = clients::get(conn, &user.org_id, &id)?;
                row.status = ClientStatus::Archived.as_str().into();
                row.updated_at = now;
                clients::save(conn, &row)?;
                end_all_sessions(conn, &row.id)?;
                log(conn, &user, &row, "archived", format!("Client {} archived", row.name), now)?;
                with_count(conn, &row)
            })
        })
        .await?;
    Ok(web::Json(client))
}

/// Turns the client's portal access off and signs every contact out at once.
pub async fn revoke_client_access(
    state: web::Data<AppState>,
    user: StaffUser,
    path: web::Path<String>,
) -> ApiResult<web::Json<Revoked>> {
    let id = path.into_inner();
    let now = state.now();
    let ended = state
        .db
        .run(move |conn| {
            write_tx(conn, |conn| {
                let mut row = clients::get(conn, &user.org_id, &id)?;
                row.portal_enabled = false;
                row.updated_at = now;
                clients::save(conn, &row)?;
                let n = end_all_sessions(conn, &row.id)?;
                log(conn, &user, &row, "revoked_access", format!("Portal access of {} revoked", row.name), now)?;
                Ok(n)
            })
        })
        .await?;
    Ok(web::Json(Revoked { sessions_ended: ended }))
}
