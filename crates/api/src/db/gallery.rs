//! The portal gallery: images and videos attached to a client's live (non-archived) approvals,
//! newest first, paged by `(created_at, id)`.

use super::files::FileRow;
use super::limit::LimitLiteralDsl;
use super::schema::{approval_version_files, approval_versions, approvals, files};
use super::DbConn;
use crate::cursor;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text};
use shared_types::approvals::GalleryItem;
use shared_types::FileKind;

diesel::define_sql_function!(fn coalesce(x: Nullable<Text>, y: Text) -> Text);

/// Later than any stored timestamp, and still ordered correctly as text in SQLite.
fn far_future() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(9999, 12, 31)
        .and_then(|d| d.and_hms_opt(23, 59, 59))
        .unwrap_or_default()
}

pub struct GalleryQuery<'a> {
    pub client_id: &'a str,
    pub project_id: Option<&'a str>,
    /// The position after which the page starts (decoded by `cursor::after_time`).
    pub cursor: Option<(chrono::NaiveDateTime, String)>,
    pub limit: i64,
}

/// One page of the gallery and the cursor of the next page.
pub fn list(
    conn: &mut DbConn,
    q: GalleryQuery<'_>,
) -> QueryResult<(Vec<GalleryItem>, Option<String>)> {
    // Every query leads with the client, so the cost does not depend on other clients' data.
    // `project_id = COALESCE(?, project_id)` filters by project only when one is given.
    let attached = approval_version_files::table
        .inner_join(approval_versions::table.inner_join(approvals::table))
        .filter(approvals::client_id.eq(q.client_id))
        .filter(approvals::archived_at.is_null())
        .filter(approvals::project_id.eq(coalesce(
            q.project_id.map(str::to_owned),
            approvals::project_id,
        )))
        .select(approval_version_files::file_id);
    // The first page starts after any stored time.
    let (at, id) = q.cursor.unwrap_or_else(|| (far_future(), String::new()));
    let mut rows: Vec<FileRow> = files::table
        .filter(files::client_id.eq(q.client_id))
        .filter(
            files::kind
                .eq(FileKind::Image)
                .or(files::kind.eq(FileKind::Video)),
        )
        .filter(files::id.eq_any(attached))
        .filter(
            files::created_at
                .lt(at)
                .or(files::created_at.eq(at).and(files::id.lt(id))),
        )
        .order((files::created_at.desc(), files::id.desc()))
        .limit_literal(q.limit + 1)
        .load(conn)?;
    let next = if rows.len() as i64 > q.limit {
        rows.truncate(q.limit as usize);
        rows.last()
            .map(|r| cursor::encode_time(r.created_at, &r.id))
    } else {
        None
    };

    // Which approval each file belongs to (the newest live one, if it is in several). The page's
    // files are those created within [oldest, newest] of the page: selecting by that window rather
    // than by an `IN` list of ids keeps the statement the same (and cached) for every page.
    let (Some(oldest), Some(newest)) = (
        rows.iter().map(|r| r.created_at).min(),
        rows.iter().map(|r| r.created_at).max(),
    ) else {
        return Ok((Vec::new(), None));
    };
    let owners: Vec<(String, String, String, String)> = approval_version_files::table
        .inner_join(files::table)
        .inner_join(approval_versions::table.inner_join(approvals::table))
        .filter(approvals::client_id.eq(q.client_id))
        .filter(approvals::archived_at.is_null())
        .filter(files::client_id.eq(q.client_id))
        .filter(files::created_at.ge(oldest))
        .filter(files::created_at.le(newest))
        .order(approvals::created_at.desc())
        .select((
            approval_version_files::file_id,
            approvals::id,
            approvals::title,
            approvals::project_id,
        ))
        .load(conn)?;
    let items = rows
        .iter()
        .filter_map(|row| {
            let (_, approval_id, title, project_id) = owners.iter().find(|o| o.0 == row.id)?;
            Some(GalleryItem {
                file: row.to_meta(),
                approval_id: approval_id.clone(),
                approval_title: title.clone(),
                project_id: project_id.clone(),
                created_at: row.created_at.and_utc(),
            })
        })
        .collect();
    Ok((items, next))
}
