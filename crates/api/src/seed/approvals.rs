//! The demo agency's approvals: deliverables awaiting review (an image and audio).
//!
//! The files are made on the spot (`seed::media`); [`seed`] returns their bytes with their storage
//! keys for the caller to store (the seed itself runs inside a database transaction). They start
//! `pending`, so the media worker makes the thumbnail and the waveform as for any upload.

use crate::db::approvals::ApprovalRow;
use crate::db::clients::ClientRow;
use crate::db::files::{self, FileRow};
use crate::db::{new_id, projects, DbConn};
use crate::domain::{self, Actor};
use crate::error::ApiResult;
use crate::storage::Storage;
use chrono::{NaiveDateTime, TimeDelta};
use sha2::{Digest, Sha256};
use shared_types::{ApprovalKind, ApprovalStatus, FileKind, MediaState};

/// The approval's title and kind, and its file: name, type, kind and how to make its bytes.
struct Plan {
    /// Index into the demo clients.
    client: usize,
    title: &'static str,
    description: &'static str,
    kind: ApprovalKind,
    filename: &'static str,
    content_type: &'static str,
    file_kind: FileKind,
    bytes: fn() -> Vec<u8>,
}

/// A demo file's bytes and the storage key they belong under.
pub type DemoObject = (String, Vec<u8>);

const PLANS: [Plan; 3] = [
    Plan {
        client: 0,
        title: "Spring menu hero photo",
        description: "Final retouched hero shot for the menu boards and website.",
        kind: ApprovalKind::Image,
        filename: "spring-hero-final.png",
        content_type: "image/png",
        file_kind: FileKind::Image,
        bytes: super::media::poster_png,
    },
    Plan {
        client: 0,
        title: "Radio spot, first mix",
        description: "The spring menu spot; check the voice-over against the music.",
        kind: ApprovalKind::Audio,
        filename: "spring-radio-spot-mix-1.wav",
        content_type: "audio/x-wav",
        file_kind: FileKind::Audio,
        bytes: super::media::episode_wav,
    },
    Plan {
        client: 1,
        title: "Episode 2 rough cut",
        description: "First full edit with music beds; listen for pacing.",
        kind: ApprovalKind::Audio,
        filename: "s3e2-rough-cut.wav",
        content_type: "audio/x-wav",
        file_kind: FileKind::Audio,
        bytes: super::media::episode_wav,
    },
];

/// Each plan: one pending approval (version 1, one file) in the first project of its client.
pub fn seed(
    conn: &mut DbConn,
    org_id: &str,
    staff: (&str, &str),
    clients: [&ClientRow; 2],
    now: NaiveDateTime,
) -> ApiResult<Vec<DemoObject>> {
    let mut objects = Vec::new();
    for plan in &PLANS {
        let client = clients[plan.client];
        let (rows, _) = projects::list_for_client(conn, &client.id, None, 1)?;
        let Some(project) = rows.first() else {
            continue;
        };
        let file_id = new_id();
        let bytes = (plan.bytes)();
        let storage_key = Storage::file_key(org_id, &file_id);
        let file = FileRow {
            id: file_id.clone(),
            org_id: org_id.to_owned(),
            client_id: client.id.clone(),
            storage_key: storage_key.clone(),
            filename: plan.filename.into(),
            content_type: plan.content_type.into(),
            size_bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            sha256: hex::encode(Sha256::digest(&bytes)),
            kind: plan.file_kind,
            width: None,
            height: None,
            duration_ms: None,
            waveform: None,
            thumbnail_key: None,
            uploaded_by_kind: "staff".into(),
            uploaded_by_id: staff.0.into(),
            created_at: now,
            media_state: MediaState::Pending,
            media_error: None,
        };
        files::insert(conn, &file)?;
        objects.push((storage_key, bytes));
        let row = ApprovalRow {
            id: new_id(),
            org_id: org_id.to_owned(),
            client_id: client.id.clone(),
            project_id: project.id.clone(),
            milestone_id: None,
            title: plan.title.into(),
            description: plan.description.into(),
            kind: plan.kind,
            status: ApprovalStatus::Pending,
            due_date: Some((now + TimeDelta::days(5)).date()),
            current_version: 1,
            archived_at: None,
            created_by: staff.0.into(),
            created_at: now,
            updated_at: now,
            decided_at: None,
        };
        let actor = Actor::Staff {
            id: staff.0.to_owned(),
        };
        domain::approvals::submit(conn, &actor, &row, "", std::slice::from_ref(&file), now)?;
    }
    Ok(objects)
}
