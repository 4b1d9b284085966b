//! A client's account managers: the staff the client's portal dashboard shows as its contacts.

use crate::auth::StaffUser;
use crate::db::{activity, clients, team, write_tx};
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::web;
use shared_types::projects::ClientManagers;

#[utoipa::path(
    get,
    path = "/api/v1/clients/{id}/managers",
    tag = "clients",
    security(("staff_jwt" = [])),
    params(("id" = String, Path, description = "Client id")),
    responses(
        (status = 200, description = "The client's account managers.", body = ClientManagers),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn get_client_managers(
    state: web::Data<AppState>,
    user: StaffUser,
    path: web::Path<String>,
) -> ApiResult<web::Json<ClientManagers>> {
    let id = path.into_inner();
    let staff_ids = state
        .db
        .run(move |conn| {
            let client = clients::get(conn, &user.org_id, &id)?;
            team::client_manager_ids(conn, &client.id)
        })
        .await?;
    Ok(web::Json(ClientManagers { staff_ids }))
}

/// Replaces the client's account managers (staff of the organization).
#[utoipa::path(
    put,
    path = "/api/v1/clients/{id}/managers",
    tag = "clients",
    security(("staff_jwt" = [])),
    request_body = ClientManagers,
    params(("id" = String, Path, description = "Client id")),
    responses(
        (status = 200, description = "The client's account managers now.", body = ClientManagers),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::ValidationFailed),
    )
)]
pub async fn set_client_managers(
    state: web::Data<AppState>,
    user: StaffUser,
    path: web::Path<String>,
    body: web::Json<ClientManagers>,
) -> ApiResult<web::Json<ClientManagers>> {
    let id = path.into_inner();
    let ids = team::dedup(&body.into_inner().staff_ids);
    let now = state.now();
    let staff_ids = state
        .db
        .run(move |conn| {
            write_tx(conn, |conn| {
                let client = clients::get(conn, &user.org_id, &id)?;
                team::check_staff(conn, &user.org_id, &ids, "staff_ids")?;
                team::set_client_managers(conn, &client.id, &ids)?;
                activity::record(
                    conn,
                    activity::Event {
                        org_id: &user.org_id,
                        client_id: Some(&client.id),
                        actor_kind: user.kind.as_str(),
                        actor_id: Some(&user.id),
                        verb: "managers_changed",
                        subject_kind: "client",
                        subject_id: Some(&client.id),
                        summary: format!("Account managers of {} changed", client.name),
                        client_visible: false,
                    },
                    now,
                )?;
                team::client_manager_ids(conn, &client.id)
            })
        })
        .await?;
    Ok(web::Json(ClientManagers { staff_ids }))
}
