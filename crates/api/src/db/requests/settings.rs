//! The organization's request settings: response targets per priority and the routing of each
//! category to a default assignee.

use crate::db::schema::{request_routes, request_targets, staff_users};
use crate::db::DbConn;
use diesel::prelude::*;
use shared_types::requests::{RequestCategory, RequestPriority, RequestType, ResponseTarget};

/// The organization's targets for all four priorities (its own, else the defaults).
pub fn targets(conn: &mut DbConn, org_id: &str) -> QueryResult<Vec<ResponseTarget>> {
    let own: Vec<(String, i32, i32)> = request_targets::table
        .filter(request_targets::org_id.eq(org_id))
        .select((
            request_targets::priority,
            request_targets::first_response_minutes,
            request_targets::resolution_minutes,
        ))
        .load(conn)?;
    Ok(RequestPriority::ALL
        .iter()
        .rev()
        .map(|&priority| {
            let (first, resolution) = own
                .iter()
                .find(|(p, ..)| p == priority.as_str())
                .map_or_else(|| priority.default_targets(), |(_, f, r)| (*f, *r));
            ResponseTarget {
                priority,
                first_response_minutes: first,
                resolution_minutes: resolution,
            }
        })
        .collect())
}

pub fn replace_targets(
    conn: &mut DbConn,
    org_id: &str,
    targets: &[ResponseTarget],
) -> QueryResult<()> {
    diesel::delete(request_targets::table.filter(request_targets::org_id.eq(org_id)))
        .execute(conn)?;
    for t in targets {
        diesel::insert_into(request_targets::table)
            .values((
                request_targets::org_id.eq(org_id),
                request_targets::priority.eq(t.priority.as_str()),
                request_targets::first_response_minutes.eq(t.first_response_minutes),
                request_targets::resolution_minutes.eq(t.resolution_minutes),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// (type, category, assignee id) of each routed category.
pub fn routes(conn: &mut DbConn, org_id: &str) -> QueryResult<Vec<(String, String, String)>> {
    request_routes::table
        .filter(request_routes::org_id.eq(org_id))
        .order((
            request_routes::request_type.asc(),
            request_routes::category.asc(),
        ))
        .select((
            request_routes::request_type,
            request_routes::category,
            request_routes::assignee_id,
        ))
        .load(conn)
}

/// The default assignee of a category, if it is routed to an active staff member.
pub fn route(
    conn: &mut DbConn,
    org_id: &str,
    kind: RequestType,
    category: RequestCategory,
) -> QueryResult<Option<String>> {
    request_routes::table
        .inner_join(staff_users::table.on(staff_users::id.eq(request_routes::assignee_id)))
        .filter(request_routes::org_id.eq(org_id))
        .filter(request_routes::request_type.eq(kind.as_str()))
        .filter(request_routes::category.eq(category.as_str()))
        .filter(staff_users::active.eq(true))
        .select(request_routes::assignee_id)
        .get_result(conn)
        .optional()
}

pub fn replace_routes(
    conn: &mut DbConn,
    org_id: &str,
    routes: &[(RequestType, RequestCategory, String)],
) -> QueryResult<()> {
    diesel::delete(request_routes::table.filter(request_routes::org_id.eq(org_id)))
        .execute(conn)?;
    for (kind, category, assignee) in routes {
        diesel::insert_into(request_routes::table)
            .values((
                request_routes::org_id.eq(org_id),
                request_routes::request_type.eq(kind.as_str()),
                request_routes::category.eq(category.as_str()),
                request_routes::assignee_id.eq(assignee),
            ))
            .execute(conn)?;
    }
    Ok(())
}
