//! File metadata rows (the bytes live in object storage, see `crate::files`). Portal reads are
//! scoped by `client_id`, staff reads by `org_id`.

use super::schema::files;
use super::DbConn;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use shared_types::approvals::FileMeta;
use shared_types::{FileKind, MediaState};

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = files)]
pub struct FileRow {
    pub id: String,
    pub org_id: String,
    pub client_id: String,
    pub storage_key: String,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub kind: FileKind,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub duration_ms: Option<i64>,
    pub waveform: Option<String>,
    pub thumbnail_key: Option<String>,
    pub uploaded_by_kind: String,
    pub uploaded_by_id: String,
    pub created_at: NaiveDateTime,
    /// A `MediaState`.
    pub media_state: MediaState,
    pub media_error: Option<String>,
}

impl FileRow {
    /// What either API shows of the file: never the storage or thumbnail key.
    pub fn to_meta(&self) -> FileMeta {
        FileMeta {
            id: self.id.clone(),
            filename: self.filename.clone(),
            content_type: self.content_type.clone(),
            size_bytes: self.size_bytes,
            sha256: self.sha256.clone(),
            kind: self.kind,
            width: self.width,
            height: self.height,
            duration_ms: self.duration_ms,
            waveform: self
                .waveform
                .as_deref()
                .and_then(|w| serde_json::from_str(w).ok()),
            media_state: self.media_state,
            has_thumbnail: self.thumbnail_key.is_some(),
        }
    }
}

pub fn insert(conn: &mut DbConn, row: &FileRow) -> QueryResult<()> {
    diesel::insert_into(files::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// A file of `client_id`.
pub fn get_for_client(conn: &mut DbConn, client_id: &str, id: &str) -> QueryResult<FileRow> {
    files::table
        .filter(files::client_id.eq(client_id))
        .filter(files::id.eq(id))
        .get_result(conn)
}

/// Those of `ids` that are files of `client_id` (any order).
pub fn many_for_client(
    conn: &mut DbConn,
    client_id: &str,
    ids: &[String],
) -> QueryResult<Vec<FileRow>> {
    files::table
        .filter(files::client_id.eq(client_id))
        .filter(files::id.eq_any(ids))
        .load(conn)
}

/// A file of the caller's organization.
pub fn get_for_org(conn: &mut DbConn, org_id: &str, id: &str) -> QueryResult<FileRow> {
    files::table
        .filter(files::org_id.eq(org_id))
        .filter(files::id.eq(id))
        .get_result(conn)
}

/// A file of `client_id` that is attached to a version of one of the client's live
/// (non-archived) approvals: the only files a portal contact may download.
pub fn get_attached_for_client(
    conn: &mut DbConn,
    client_id: &str,
    id: &str,
) -> QueryResult<FileRow> {
    use super::schema::{approval_version_files, approval_versions, approvals, request_files};
    // One query, no `LIMIT` (which SQLite would re-prepare on every call): the file, if an
    // attachment of a live approval of this client exists, or of one of its requests (a
    // request's files are all public: internal notes carry none).
    let attached = diesel::dsl::exists(
        approval_version_files::table
            .inner_join(approval_versions::table.inner_join(approvals::table))
            .filter(approval_version_files::file_id.eq(files::id))
            .filter(approvals::client_id.eq(client_id))
            .filter(approvals::archived_at.is_null()),
    );
    let on_request = diesel::dsl::exists(
        request_files::table
            .filter(request_files::file_id.eq(files::id))
            .filter(request_files::client_id.eq(client_id)),
    );
    files::table
        .filter(files::client_id.eq(client_id))
        .filter(files::id.eq(id))
        .filter(attached.or(on_request))
        .get_result(conn)
}

/// What media processing found out about a file.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = files, treat_none_as_null = true)]
pub struct MediaUpdate {
    pub media_state: MediaState,
    pub media_error: Option<String>,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub duration_ms: Option<i64>,
    pub waveform: Option<String>,
    pub thumbnail_key: Option<String>,
}

/// The oldest files still waiting for media processing.
pub fn pending_media(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<FileRow>> {
    files::table
        .filter(files::media_state.eq(MediaState::Pending))
        .order((files::created_at.asc(), files::id.asc()))
        .limit(limit)
        .load(conn)
}

/// Records the outcome of processing `id`; false when the file is gone or no longer pending.
pub fn set_media(conn: &mut DbConn, id: &str, update: &MediaUpdate) -> QueryResult<bool> {
    let n = diesel::update(
        files::table
            .filter(files::id.eq(id))
            .filter(files::media_state.eq(MediaState::Pending)),
    )
    .set(update)
    .execute(conn)?;
    Ok(n == 1)
}

#[derive(QueryableByName)]
struct Total {
    #[diesel(sql_type = BigInt)]
    total: i64,
}

/// Bytes of every file stored for `org_id` (thumbnails not counted).
pub fn org_usage(conn: &mut DbConn, org_id: &str) -> QueryResult<i64> {
    // Written per backend: `SUM(BIGINT)` is NUMERIC in PostgreSQL, and the placeholders differ.
    const SUM: &str = "SELECT CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) AS total FROM files";
    let total = match conn {
        DbConn::Pg(c) => diesel::sql_query(format!("{SUM} WHERE org_id = $1"))
            .bind::<Text, _>(org_id)
            .get_result::<Total>(c)?,
        DbConn::Sqlite(c) => diesel::sql_query(format!("{SUM} WHERE org_id = ?"))
            .bind::<Text, _>(org_id)
            .get_result::<Total>(c)?,
    };
    Ok(total.total)
}

/// Holds the organization's row until the transaction ends, so that concurrent uploads to one
/// organization check the quota one after the other. (SQLite's write transactions are already
/// serialised by `BEGIN IMMEDIATE`.)
pub fn lock_org(conn: &mut DbConn, org_id: &str) -> QueryResult<()> {
    if let DbConn::Pg(c) = conn {
        diesel::sql_query("SELECT id FROM organizations WHERE id = $1 FOR UPDATE")
            .bind::<Text, _>(org_id)
            .execute(c)?;
    }
    Ok(())
}
