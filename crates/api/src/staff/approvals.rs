//! Approvals, staff side: list (filters, keyset pages), create with version 1, read (every
//! comment, internal ones too), update, resubmit a new version, archive. Comments, the audit
//! trail and the decision certificate are in `approval_comments.rs`.

use crate::auth::Staff;
use crate::cursor;
use crate::db::approvals::{self, ApprovalRow, ListQuery};
use crate::db::files::{self, FileRow};
use crate::db::{approval_comments, milestones, new_id, projects, DbConn};
use crate::domain::{self, Actor};
use crate::error::{ApiError, ApiResult, Fields, OrField, Reply};
use crate::web::extract::Json;
use crate::web::paths::ApprovalId;
use crate::web::tagged::Tagged;
use actix_web::web::Query;
use actix_web::{get, patch, post};
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use shared_types::approvals::{
    self as rules, Approval, ApprovalCreate, ApprovalSummary, ApprovalUpdate, VersionCreate,
};
use shared_types::projects::description as check_description;
use shared_types::{validate, ApprovalStatus, Page};

/// This module's routes, in the order they are matched.
pub(crate) fn routes(cfg: &mut Tagged) {
    cfg.service(list_approvals)
        .service(create_approval)
        .service(get_approval)
        .service(update_approval)
        .service(archive_approval);
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    client_id: Option<String>,
    project_id: Option<String>,
    status: Option<ApprovalStatus>,
    /// Only approvals due strictly before this date.
    due_before: Option<NaiveDate>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Page size, 1 to 200 (default 50); anything else is refused (422).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
}

/// The staff view of one approval: versions with files and the whole thread.
pub(crate) fn detail(conn: &mut DbConn, row: &ApprovalRow) -> ApiResult<Approval> {
    let comments = approval_comments::list(conn, &row.client_id, &row.id, true)?;
    Ok(Approval {
        summary: row.to_summary(),
        description: row.description.clone(),
        created_by: row.created_by.clone(),
        versions: approvals::wire_versions(conn, &row.client_id, &row.id)?,
        comments: comments.iter().map(|c| c.to_wire()).collect(),
    })
}

/// The files of a version body: each must be a file of the approval's client (else 422).
pub(super) fn version_files(
    conn: &mut DbConn,
    client_id: &str,
    v: &VersionCreate,
) -> ApiResult<Vec<FileRow>> {
    let mut ids: Vec<String> = Vec::new();
    for id in &v.file_ids {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    let found = files::many_for_client(conn, client_id, &ids)?;
    let bad = || ApiError::field("file_ids", "Choose files of this client.");
    if ids.is_empty() {
        return Err(ApiError::field("file_ids", "Attach at least one file."));
    }
    ids.iter()
        .map(|id| found.iter().find(|f| &f.id == id).cloned().ok_or_else(bad))
        .collect()
}

#[utoipa::path(
    params(ListParams),
    responses(
        (status = 200, description = "A page of approvals, most recently updated first.", body = Page<ApprovalSummary>),
        crate::openapi::ListErrors,
    )
)]
#[get("/approvals")]
pub async fn list_approvals(
    staff: Staff,
    Query(p): Query<ListParams>,
) -> Reply<Page<ApprovalSummary>> {
    let limit = cursor::page_limit(p.limit, 50, 200)?;
    let page = staff
        .run(move |conn, user| {
            let (rows, next) = approvals::list(
                conn,
                ListQuery {
                    org_id: &user.org_id,
                    client_id: p.client_id.as_deref(),
                    project_id: p.project_id.as_deref(),
                    status: p.status,
                    due_before: p.due_before,
                    cursor: cursor::after_time(p.cursor.as_deref())?,
                    limit,
                },
            )?;
            Ok(Page {
                items: rows.iter().map(ApprovalRow::to_summary).collect(),
                next_cursor: next,
            })
        })
        .await?;
    Ok(web::Json(page))
}

#[utoipa::path(
    responses(
        (status = 201, description = "The new approval, pending the client's review, with version 1.", body = Approval),
    )
)]
#[post("/approvals")]
pub async fn create_approval(
    staff: Staff,
    Json(body): Json<ApprovalCreate>,
) -> ApiResult<HttpResponse> {
    let title = body.title.trim().to_owned();
    Fields::default()
        .check("title", validate::title(&title))
        .check("description", check_description(&body.description))
        .check("version.notes", rules::notes(&body.version.notes))
        .finish()?;
    let now = staff.now();
    let approval = staff
        .write(move |conn, user| {
            let project = projects::get(conn, &user.org_id, &body.project_id)
                .or_field("project_id", "Choose one of your projects.")?;
            if let Some(m) = &body.milestone_id {
                milestones::get(conn, &user.org_id, &project.id, m)
                    .or_field("milestone_id", super::MILESTONE)?;
            }
            let file_rows = version_files(conn, &project.client_id, &body.version)?;
            let row = ApprovalRow {
                id: new_id(),
                org_id: user.org_id.clone(),
                client_id: project.client_id.clone(),
                project_id: project.id.clone(),
                milestone_id: body.milestone_id,
                title,
                description: body.description,
                kind: body.kind,
                status: ApprovalStatus::Pending,
                due_date: body.due_date,
                current_version: 1,
                archived_at: None,
                created_by: user.id.clone(),
                created_at: now,
                updated_at: now,
                decided_at: None,
            };
            let actor = Actor::from(&user);
            domain::approvals::submit(conn, &actor, &row, &body.version.notes, &file_rows, now)?;
            detail(conn, &row)
        })
        .await?;
    Ok(HttpResponse::Created().json(approval))
}

#[utoipa::path(
    params(ApprovalId),
    responses(
        (status = 200, description = "The approval with every version, file and comment (internal ones marked `internal`).", body = Approval),
    )
)]
#[get("/approvals/{id}")]
pub async fn get_approval(staff: Staff, ApprovalId { id }: ApprovalId) -> Reply<Approval> {
    let approval = staff
        .run(move |conn, user| {
            let row = approvals::get(conn, &user.org_id, &id)?;
            detail(conn, &row)
        })
        .await?;
    Ok(web::Json(approval))
}

#[utoipa::path(
    params(ApprovalId),
    responses(
        (status = 200, description = "The updated approval.", body = Approval),
    )
)]
#[patch("/approvals/{id}")]
pub async fn update_approval(
    staff: Staff,
    ApprovalId { id }: ApprovalId,
    Json(body): Json<ApprovalUpdate>,
) -> Reply<Approval> {
    let title = body.title.as_deref().map(|t| t.trim().to_owned());
    let mut fields = Fields::default();
    if let Some(t) = &title {
        fields.check("title", validate::title(t));
    }
    if let Some(d) = &body.description {
        fields.check("description", check_description(d));
    }
    fields.finish()?;
    let now = staff.now();
    let approval = staff
        .write(move |conn, user| {
            let mut row = approvals::get(conn, &user.org_id, &id)?;
            row.title = title.unwrap_or(row.title);
            row.description = body.description.unwrap_or(row.description);
            row.due_date = body.due_date.unwrap_or(row.due_date);
            row.kind = body.kind.unwrap_or(row.kind);
            row.updated_at = now;
            domain::approvals::updated(conn, &Actor::from(&user), &row, now)?;
            detail(conn, &row)
        })
        .await?;
    Ok(web::Json(approval))
}

/// Resubmits: version `current + 1` with new files; the approval is pending again.
/// Archives the approval: it leaves the portal; its record and audit trail stay.
#[utoipa::path(
    params(ApprovalId),
    responses(
        (status = 200, description = "The archived approval.", body = Approval),
    )
)]
#[post("/approvals/{id}/archive")]
pub async fn archive_approval(staff: Staff, ApprovalId { id }: ApprovalId) -> Reply<Approval> {
    let now = staff.now();
    let approval = staff
        .write(move |conn, user| {
            let mut row = approvals::get(conn, &user.org_id, &id)?;
            domain::approvals::archive(conn, &Actor::from(&user), &mut row, now)?;
            detail(conn, &row)
        })
        .await?;
    Ok(web::Json(approval))
}
