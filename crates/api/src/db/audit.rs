//! The approval audit trail: append-only rows chained by SHA-256. Each entry's hash covers its
//! content and the previous entry's hash, so editing or deleting any row breaks every later link.

use super::schema::{approval_audit, approvals};
use super::{new_id, DbConn};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use sha2::{Digest, Sha256};
use shared_types::approvals::{AuditEntry, AuditSummary};
use shared_types::AuditAction;

/// `prev_hash` of an approval's first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.6f";

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = approval_audit)]
pub struct AuditRow {
    pub id: String,
    pub approval_id: String,
    pub client_id: String,
    pub seq: i32,
    pub action: AuditAction,
    pub actor_kind: String,
    pub actor_id: String,
    pub actor_name: String,
    pub version_number: i32,
    pub file_hashes: String,
    pub session_id: Option<String>,
    pub ip: Option<String>,
    pub detail: String,
    pub created_at: NaiveDateTime,
    pub prev_hash: String,
    pub hash: String,
}

/// A new entry, before it gets its place in the chain.
pub struct NewEntry<'a> {
    pub approval_id: &'a str,
    pub client_id: &'a str,
    pub action: AuditAction,
    pub actor_kind: &'a str,
    pub actor_id: &'a str,
    pub actor_name: &'a str,
    pub version_number: i32,
    pub file_hashes: &'a [String],
    pub session_id: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub detail: String,
}

impl AuditRow {
    /// SHA-256 hex over a JSON array of the fields in a fixed order (JSON escapes make the
    /// boundaries unambiguous; the time has exactly microseconds on both backends).
    pub fn compute_hash(&self) -> String {
        let canonical = serde_json::json!([
            self.approval_id,
            self.seq,
            self.action.as_str(),
            self.actor_kind,
            self.actor_id,
            self.actor_name,
            self.version_number,
            self.file_hashes,
            self.session_id,
            self.ip,
            self.detail,
            self.created_at.format(TIME_FORMAT).to_string(),
            self.prev_hash,
        ]);
        hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
    }

    fn action(&self) -> AuditAction {
        self.action
    }

    pub fn to_wire(&self) -> AuditEntry {
        AuditEntry {
            seq: self.seq,
            action: self.action(),
            actor_kind: self.actor_kind.clone(),
            actor_id: self.actor_id.clone(),
            actor_name: self.actor_name.clone(),
            version: self.version_number,
            file_hashes: serde_json::from_str(&self.file_hashes).unwrap_or_default(),
            session_id: self.session_id.clone(),
            ip: self.ip.clone(),
            detail: self.detail.clone(),
            created_at: self.created_at.and_utc(),
            prev_hash: self.prev_hash.clone(),
            hash: self.hash.clone(),
            comment: None,
        }
    }

    /// The comment a `commented` entry records (its detail is `comment <id>`).
    pub fn comment_id(&self) -> Option<&str> {
        self.detail.strip_prefix("comment ")
    }

    /// The client's view: who did what on which version, when; no addresses or sessions.
    pub fn to_summary(&self) -> AuditSummary {
        AuditSummary {
            action: self.action(),
            actor_name: self.actor_name.clone(),
            version: self.version_number,
            at: self.created_at.and_utc(),
        }
    }
}

/// Locks the approval's row (PostgreSQL; SQLite's `BEGIN IMMEDIATE` already holds the write lock)
/// so that two transactions appending to one chain run one after the other.
pub fn lock_approval(conn: &mut DbConn, approval_id: &str) -> QueryResult<()> {
    diesel::update(approvals::table.filter(approvals::id.eq(approval_id)))
        .set(approvals::id.eq(approvals::id))
        .execute(conn)?;
    Ok(())
}

/// Appends an entry. Call inside `db::write_tx`, so reading the head and writing the next link
/// cannot interleave with another append.
pub fn append(conn: &mut DbConn, entry: NewEntry<'_>, now: NaiveDateTime) -> QueryResult<AuditRow> {
    lock_approval(conn, entry.approval_id)?;
    let head: Option<(i32, String)> = approval_audit::table
        .filter(approval_audit::approval_id.eq(entry.approval_id))
        .order(approval_audit::seq.desc())
        .select((approval_audit::seq, approval_audit::hash))
        .first(conn)
        .optional()?;
    let (seq, prev_hash) = match head {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_owned()),
    };
    let mut row = AuditRow {
        id: new_id(),
        approval_id: entry.approval_id.to_owned(),
        client_id: entry.client_id.to_owned(),
        seq,
        action: entry.action,
        actor_kind: entry.actor_kind.to_owned(),
        actor_id: entry.actor_id.to_owned(),
        actor_name: entry.actor_name.to_owned(),
        version_number: entry.version_number,
        file_hashes: serde_json::to_string(entry.file_hashes).unwrap_or_else(|_| "[]".into()),
        session_id: entry.session_id.map(str::to_owned),
        ip: entry.ip.map(str::to_owned),
        detail: entry.detail,
        created_at: now,
        prev_hash,
        hash: String::new(),
    };
    row.hash = row.compute_hash();
    diesel::insert_into(approval_audit::table)
        .values(&row)
        .execute(conn)?;
    Ok(row)
}

/// The approval's entries in order (the approval was already found in the caller's scope).
pub fn list(conn: &mut DbConn, approval_id: &str) -> QueryResult<Vec<AuditRow>> {
    approval_audit::table
        .filter(approval_audit::approval_id.eq(approval_id))
        .order(approval_audit::seq.asc())
        .load(conn)
}

/// The first seq whose link is broken (wrong number, wrong predecessor or wrong hash), if any.
pub fn first_broken(rows: &[AuditRow]) -> Option<i64> {
    let mut prev = GENESIS.to_owned();
    for (i, row) in rows.iter().enumerate() {
        let expected_seq = i as i32 + 1;
        if row.seq != expected_seq || row.prev_hash != prev || row.compute_hash() != row.hash {
            return Some(i64::from(expected_seq));
        }
        prev.clone_from(&row.hash);
    }
    None
}

/// Whether `actor_id` already has an entry `action` on `version` (e.g. one `viewed` per version).
pub fn exists(
    conn: &mut DbConn,
    client_id: &str,
    approval_id: &str,
    action: AuditAction,
    actor_id: &str,
    version: i32,
) -> QueryResult<bool> {
    let n: i64 = approval_audit::table
        .filter(approval_audit::client_id.eq(client_id))
        .filter(approval_audit::approval_id.eq(approval_id))
        .filter(approval_audit::action.eq(action))
        .filter(approval_audit::actor_id.eq(actor_id))
        .filter(approval_audit::version_number.eq(version))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}
