//! The demo agency's approvals: one deliverable awaiting review per demo client.
//!
//! The file rows carry plausible metadata only: no bytes are stored behind their `storage_key`
//! yet (uploads and object storage are a later task), so downloads of demo files will not work.

use crate::db::approvals::{self, ApprovalRow};
use crate::db::audit::{self, NewEntry};
use crate::db::clients::ClientRow;
use crate::db::files::{self, FileRow};
use crate::db::{new_id, projects, DbConn};
use crate::error::ApiResult;
use chrono::{NaiveDateTime, TimeDelta};
use sha2::{Digest, Sha256};
use shared_types::{ApprovalKind, ApprovalStatus, AuditAction, FileKind, MediaState};

/// (file name, content type, kind, size, width/height, duration) and the approval's title and kind.
struct Plan {
    title: &'static str,
    description: &'static str,
    kind: ApprovalKind,
    filename: &'static str,
    content_type: &'static str,
    file_kind: FileKind,
    size_bytes: i64,
    dimensions: Option<(i32, i32)>,
    duration_ms: Option<i64>,
}

const PLANS: [Plan; 2] = [
    Plan {
        title: "Spring menu hero photo",
        description: "Final retouched hero shot for the menu boards and website.",
        kind: ApprovalKind::Image,
        filename: "spring-hero-final.jpg",
        content_type: "image/jpeg",
        file_kind: FileKind::Image,
        size_bytes: 2_348_112,
        dimensions: Some((3000, 2000)),
        duration_ms: None,
    },
    Plan {
        title: "Episode 2 rough cut",
        description: "First full edit with music beds; listen for pacing.",
        kind: ApprovalKind::Audio,
        filename: "s3e2-rough-cut.mp3",
        content_type: "audio/mpeg",
        file_kind: FileKind::Audio,
        size_bytes: 41_943_040,
        dimensions: None,
        duration_ms: Some(2_621_000),
    },
];

/// One pending approval (version 1, one file) in the first project of each client.
pub fn seed(
    conn: &mut DbConn,
    org_id: &str,
    staff: (&str, &str),
    clients: [&ClientRow; 2],
    now: NaiveDateTime,
) -> ApiResult<()> {
    for (plan, client) in PLANS.iter().zip(clients) {
        let (rows, _) = projects::list_for_client(conn, &client.id, None, 1)?;
        let Some(project) = rows.first() else {
            continue;
        };
        let file_id = new_id();
        let file = FileRow {
            id: file_id.clone(),
            org_id: org_id.to_owned(),
            client_id: client.id.clone(),
            // Demo only: nothing is stored under this key.
            storage_key: format!("demo/{file_id}"),
            filename: plan.filename.into(),
            content_type: plan.content_type.into(),
            size_bytes: plan.size_bytes,
            sha256: hex::encode(Sha256::digest(plan.filename.as_bytes())),
            kind: plan.file_kind.as_str().into(),
            width: plan.dimensions.map(|d| d.0),
            height: plan.dimensions.map(|d| d.1),
            duration_ms: plan.duration_ms,
            waveform: None,
            thumbnail_key: None,
            uploaded_by_kind: "staff".into(),
            uploaded_by_id: staff.0.into(),
            created_at: now,
            // No bytes to process.
            media_state: MediaState::None.as_str().into(),
            media_error: None,
        };
        files::insert(conn, &file)?;
        let row = ApprovalRow {
            id: new_id(),
            org_id: org_id.to_owned(),
            client_id: client.id.clone(),
            project_id: project.id.clone(),
            milestone_id: None,
            title: plan.title.into(),
            description: plan.description.into(),
            kind: plan.kind.as_str().into(),
            status: ApprovalStatus::Pending.as_str().into(),
            due_date: Some((now + TimeDelta::days(5)).date()),
            current_version: 1,
            archived_at: None,
            created_by: staff.0.into(),
            created_at: now,
            updated_at: now,
            decided_at: None,
        };
        approvals::insert(conn, &row)?;
        approvals::insert_version(conn, &row, 1, "", staff.0, std::slice::from_ref(&file), now)?;
        audit::append(
            conn,
            NewEntry {
                approval_id: &row.id,
                client_id: &row.client_id,
                action: AuditAction::Submitted,
                actor_kind: "staff",
                actor_id: staff.0,
                actor_name: staff.1,
                version_number: 1,
                file_hashes: std::slice::from_ref(&file.sha256),
                session_id: None,
                ip: None,
                detail: "version 1".into(),
            },
            now,
        )?;
    }
    Ok(())
}
