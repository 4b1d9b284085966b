//! A client's account managers: the staff the client's portal dashboard shows as its contacts.

use crate::auth::Staff;
use crate::db::{clients, team};
use crate::error::Reply;
use crate::web::extract::Json;
use crate::web::paths::ClientId;
use crate::web::tagged::Tagged;
use actix_web::web;
use actix_web::{get, put};
use shared_types::projects::ClientManagers;
use shared_types::EventKind;

use super::log;

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(get_client_managers)
        .service(set_client_managers);
}

#[utoipa::path(
    params(ClientId),
    responses(
        (status = 200, description = "The client's account managers.", body = ClientManagers),
    )
)]
#[get("/clients/{id}/managers")]
pub async fn get_client_managers(staff: Staff, ClientId { id }: ClientId) -> Reply<ClientManagers> {
    let staff_ids = staff
        .run(move |conn, user| {
            let client = clients::get(conn, &user.org_id, &id)?;
            Ok(team::client_manager_ids(conn, &client.id)?)
        })
        .await?;
    Ok(web::Json(ClientManagers { staff_ids }))
}

/// Replaces the client's account managers (staff of the organization).
#[utoipa::path(
    params(ClientId),
    responses(
        (status = 200, description = "The client's account managers now.", body = ClientManagers),
    )
)]
#[put("/clients/{id}/managers")]
pub async fn set_client_managers(
    staff: Staff,
    ClientId { id }: ClientId,
    Json(body): Json<ClientManagers>,
) -> Reply<ClientManagers> {
    let ids = team::dedup(&body.staff_ids);
    let now = staff.now();
    let staff_ids = staff
        .write(move |conn, user| {
            let client = clients::get(conn, &user.org_id, &id)?;
            super::check_staff(conn, &user.org_id, &ids, "staff_ids")?;
            team::set_client_managers(conn, &client.id, &ids)?;
            let summary = format!("Account managers of {} changed", client.name);
            let kind = EventKind::ClientManagersChanged;
            log(conn, &user, &client, kind, summary, now)?;
            Ok(team::client_manager_ids(conn, &client.id)?)
        })
        .await?;
    Ok(web::Json(ClientManagers { staff_ids }))
}
