//! The organization's staff: who can manage a project or be assigned a task.

use crate::auth::Staff;
use crate::db::staff;
use crate::error::ApiResult;
use actix_web::get;
use actix_web::web;
use shared_types::staff::StaffMember;

#[utoipa::path(
    tag = "staff-auth",
    security(("staff_jwt" = [])),
    responses(
        (status = 200, description = "The organization's active staff, by name.", body = Vec<StaffMember>),
        (status = 401, response = crate::openapi::Unauthorized),
    )
)]
#[get("/staff")]
pub async fn list_staff(staff: Staff) -> ApiResult<web::Json<Vec<StaffMember>>> {
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
