//! The data layer: one connection type over PostgreSQL and SQLite, an r2d2 pool that dispatches on
//! the URL scheme, embedded migrations, and the synchronous model functions handlers call on the
//! blocking pool.

/// The queries every organization-scoped table with a whole-row model has, written once: `insert`,
/// `save` (every column written back, scoped by the row's organization) and, unless the table is
/// reached through a parent, `get` (one of the organization's rows by id; another organization's
/// is not found).
macro_rules! org_rows {
    ($table:ident: $row:ty) => {
        org_rows!($table: $row, without get);

        /// One of the organization's rows (another organization's is not found).
        pub fn get(conn: &mut $crate::db::DbConn, org_id: &str, id: &str) -> QueryResult<$row> {
            $table::table
                .filter($table::org_id.eq(org_id))
                .filter($table::id.eq(id))
                .get_result(conn)
        }
    };
    ($table:ident: $row:ty, without get) => {
        pub fn insert(conn: &mut $crate::db::DbConn, row: &$row) -> QueryResult<()> {
            diesel::insert_into($table::table)
                .values(row)
                .execute(conn)
                .map(drop)
        }

        pub fn save(conn: &mut $crate::db::DbConn, row: &$row) -> QueryResult<()> {
            let this = $table::org_id.eq(&row.org_id).and($table::id.eq(&row.id));
            diesel::update($table::table.filter(this))
                .set(row)
                .execute(conn)
                .map(drop)
        }
    };
}

pub mod approval_comments;
pub mod approval_versions;
pub mod approvals;
pub mod audit;
pub mod clients;
pub mod contacts;
pub mod files;
pub mod gallery;
pub mod invoices;
pub mod limit;
pub mod milestones;
pub mod notifications;
pub mod orgs;
pub mod outbox;
pub mod portal_auth;
pub mod previews;
pub mod projects;
pub mod rate_limit;
mod relations;
pub mod requests;
pub mod schema;
pub mod sessions;
pub mod staff;
pub mod staff_tokens;
pub mod stages;
pub mod tasks;
pub mod team;

use crate::error::{ApiError, ApiResult};
use anyhow::{bail, Context};
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection, Pool};
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
pub const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

/// A database URL whose scheme Atrium knows. Anything else is refused, never guessed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbUrl {
    Postgres(String),
    /// A file path (`sqlite://data/atrium.db` → `data/atrium.db`, `sqlite:///abs` → `/abs`).
    Sqlite(String),
}

impl DbUrl {
    pub fn parse(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(DbUrl::Postgres(url.to_owned()))
        } else if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                bail!("the SQLite URL `{url}` names no file");
            }
            Ok(DbUrl::Sqlite(path.to_owned()))
        } else {
            let scheme = url.split(':').next().unwrap_or_default();
            bail!("unsupported database URL scheme `{scheme}`: use sqlite://PATH or postgres://…")
        }
    }
}

/// Opens connections for r2d2, applying SQLite's pragmas to every new connection.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: DbUrl,
}

impl ManageConnection for ConnectionManager {
    type Connection = DbConn;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConn, r2d2::Error> {
        match &self.url {
            DbUrl::Postgres(url) => PgConnection::establish(url)
                .map(DbConn::Pg)
                .map_err(r2d2::Error::ConnectionError),
            DbUrl::Sqlite(path) => {
                let mut conn =
                    SqliteConnection::establish(path).map_err(r2d2::Error::ConnectionError)?;
                // busy_timeout first: switching to WAL takes a lock, and a new connection opened
                // while others write would otherwise fail at once with "database is locked".
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                )
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConn::Sqlite(conn))
            }
        }
    }

    /// Only used when r2d2 adds a connection; checkouts are not probed (see `Db::connect`).
    fn is_valid(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    /// A connection left inside a transaction (a panic mid-transaction) is not reused.
    fn has_broken(&self, conn: &mut DbConn) -> bool {
        use diesel::r2d2::R2D2Connection;
        std::thread::panicking() || conn.is_broken()
    }
}

pub type DbPool = Pool<ConnectionManager>;

/// Handle to the pool; `run` moves blocking database work off the async executor.
#[derive(Clone)]
pub struct Db {
    pool: DbPool,
    /// Opens a replacement for a connection the server closed.
    manager: Arc<ConnectionManager>,
    /// How many times `run` has been called: the trips to the blocking pool, which tests use to
    /// hold each request to one.
    trips: Arc<AtomicU64>,
    /// Bumped after each `run` whose work committed events, so subscribers' workers wake at
    /// once (a `watch`: a worker busy at that moment still sees it when it next waits).
    recorded: Arc<tokio::sync::watch::Sender<u64>>,
}

impl Db {
    /// Connects (creating the SQLite file's directory if needed) and checks one connection works.
    pub fn connect(url: &str) -> anyhow::Result<Self> {
        let url = DbUrl::parse(url)?;
        let max_size = match &url {
            DbUrl::Sqlite(path) => {
                if let Some(dir) = std::path::Path::new(path).parent() {
                    if !dir.as_os_str().is_empty() {
                        std::fs::create_dir_all(dir)
                            .with_context(|| format!("creating {}", dir.display()))?;
                    }
                }
                8
            }
            DbUrl::Postgres(_) => 16,
        };
        let manager = ConnectionManager { url: url.clone() };
        let spare = manager.clone();
        // Connect once directly, so a refused connection reports its real reason.
        manager.connect().map_err(|e| match &url {
            DbUrl::Postgres(_) => anyhow::anyhow!("cannot connect to PostgreSQL: {e}"),
            DbUrl::Sqlite(path) => anyhow::anyhow!("cannot open SQLite database {path}: {e}"),
        })?;
        // No probe on checkout: r2d2's default runs `SELECT 1` before every use, a second
        // statement (and on PostgreSQL a second round trip) per request. A connection that turns
        // out to be dead is replaced in place by `run` instead.
        let pool = Pool::builder()
            .max_size(max_size)
            .test_on_check_out(false)
            .connection_timeout(Duration::from_secs(10))
            .build(manager)
            .context("building the database pool")?;
        Ok(Db {
            pool,
            manager: Arc::new(spare),
            trips: Arc::default(),
            recorded: Arc::new(tokio::sync::watch::Sender::new(0)),
        })
    }

    pub fn get(&self) -> ApiResult<r2d2::PooledConnection<ConnectionManager>> {
        Ok(self.pool.get()?)
    }

    /// Runs `f` with a pooled connection on actix's blocking thread pool.
    pub async fn run<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.trips.fetch_add(1, Ordering::Relaxed);
        let pool = self.pool.clone();
        let manager = self.manager.clone();
        let recorded = self.recorded.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get()?;
            let result = f(&mut conn);
            if crate::domain::events::take_committed() {
                recorded.send_modify(|n| *n = n.wrapping_add(1));
            }
            if let Err(ApiError::ConnectionLost(_)) = &result {
                // The server closed this connection (a restart, a failover): open a new one in
                // its place, so the pool doesn't keep handing out a dead connection. The request
                // itself answers 503.
                match manager.connect() {
                    Ok(fresh) => *conn = fresh,
                    Err(e) => tracing::warn!(error = %e, "reconnecting to the database failed"),
                }
            }
            result
        })
        .await?
    }

    /// `run` inside one write transaction (`write_tx`).
    pub async fn write<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.run(move |conn| write_tx(conn, f)).await
    }

    /// Changes after each commit (through `run`) that recorded events.
    pub fn recorded(&self) -> tokio::sync::watch::Receiver<u64> {
        self.recorded.subscribe()
    }

    /// Wakes the subscribers if work done outside `run` (on a connection from `get`) committed
    /// events.
    pub fn wake_if_recorded(&self) {
        if crate::domain::events::take_committed() {
            self.recorded.send_modify(|n| *n = n.wrapping_add(1));
        }
    }

    /// Trips to the blocking pool so far (calls of `run`).
    pub fn trips(&self) -> u64 {
        self.trips.load(Ordering::Relaxed)
    }

    pub fn migrate(&self) -> anyhow::Result<()> {
        let mut conn = self.pool.get()?;
        run_migrations(&mut conn)
    }
}

pub fn run_migrations(conn: &mut DbConn) -> anyhow::Result<()> {
    let result = match conn {
        DbConn::Pg(c) => c.run_pending_migrations(PG_MIGRATIONS).map(|_| ()),
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|_| ()),
    };
    result.map_err(|e| anyhow::anyhow!("running migrations: {e}"))
}

/// True when every embedded migration has been applied (readiness).
pub fn migrations_applied(conn: &mut DbConn) -> anyhow::Result<bool> {
    let pending = match conn {
        DbConn::Pg(c) => c.pending_migrations(PG_MIGRATIONS).map(|p| p.len()),
        DbConn::Sqlite(c) => c.pending_migrations(SQLITE_MIGRATIONS).map(|p| p.len()),
    };
    Ok(pending.map_err(|e| anyhow::anyhow!("listing migrations: {e}"))? == 0)
}

/// Runs `f` in a write transaction. On SQLite it starts with `BEGIN IMMEDIATE`, taking the write
/// lock up front: a deferred transaction that reads first and then writes can fail with
/// `SQLITE_BUSY` under concurrency instead of waiting for the lock.
pub fn write_tx<T>(conn: &mut DbConn, f: impl FnOnce(&mut DbConn) -> ApiResult<T>) -> ApiResult<T> {
    type Tm = <DbConn as Connection>::TransactionManager;
    match conn {
        DbConn::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?
        }
        DbConn::Pg(_) => Tm::begin_transaction(conn)?,
    }
    match f(conn) {
        Ok(value) => {
            let committed = Tm::commit_transaction(conn);
            crate::domain::events::transaction_ended(committed.is_ok());
            committed?;
            Ok(value)
        }
        Err(err) => {
            crate::domain::events::transaction_ended(false);
            if let Err(rollback) = Tm::rollback_transaction(conn) {
                tracing::error!(error = %rollback, "rollback failed");
            }
            Err(err)
        }
    }
}

/// A new primary key: UUIDv7, so ids sort by creation time.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
