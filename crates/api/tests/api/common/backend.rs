//! Which database a test runs on. `ATRIUM_TEST_BACKEND=postgres` gives each test its own fresh
//! PostgreSQL database (dropped afterwards); otherwise each test gets a fresh SQLite file.
//!
//! A test's database starts migrated: it is a copy of a template that was migrated once and is
//! kept while the migrations are unchanged (on PostgreSQL `CREATE DATABASE … TEMPLATE
//! atrium_tpl_<hash>`; on SQLite a copy of the file `atrium_tpl_<hash>.db` in the temporary
//! directory). Migrating a database per test took 40 % of the PostgreSQL suite's time.
//! `TestDatabase::empty` gives an unmigrated one (the migration tests).

use atrium::db::{run_migrations, DbConn};
use diesel::{Connection, PgConnection, RunQueryDsl, SqliteConnection};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub fn backend() -> String {
    std::env::var("ATRIUM_TEST_BACKEND").unwrap_or_else(|_| "sqlite".into())
}

pub fn pg_admin_url() -> String {
    std::env::var("ATRIUM_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// `url` without TLS. The test binary ends while servers of finished tests still hold pooled
/// connections on other threads; with TLS, OpenSSL's exit-time cleanup in libpq can then crash
/// the process after every test has passed (seen: SIGSEGV in libcrypto at exit). Tests talk to a
/// local server, where TLS adds nothing.
fn without_tls(url: &str) -> String {
    if url.contains("sslmode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&sslmode=disable")
    } else {
        format!("{url}?sslmode=disable")
    }
}

/// The URL of database `name` on the admin URL's server.
fn pg_url(name: &str) -> String {
    let admin = pg_admin_url();
    let admin = admin.split('?').next().unwrap_or_default().to_owned();
    let base = admin
        .rsplit_once('/')
        .map(|(b, _)| b.to_owned())
        .unwrap_or(admin);
    without_tls(&format!("{base}/{name}"))
}

fn pg_admin() -> PgConnection {
    PgConnection::establish(&without_tls(&pg_admin_url())).expect("PostgreSQL reachable")
}

fn pg_execute(conn: &mut PgConnection, sql: &str) -> diesel::QueryResult<usize> {
    diesel::sql_query(sql).execute(conn)
}

/// A fingerprint of the migration files of `dir` (names and contents), so a template is rebuilt
/// when a migration changes, and reused by later runs while none does.
fn migrations_fingerprint(dir: &str) -> u64 {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let entries = std::fs::read_dir(dir).expect("migrations folder");
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../migrations")
        .join(dir);
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    let mut hasher = std::hash::DefaultHasher::new();
    for file in files {
        file.strip_prefix(&root).unwrap_or(&file).hash(&mut hasher);
        std::fs::read(&file)
            .expect("migration file")
            .hash(&mut hasher);
    }
    hasher.finish()
}

/// The migrated PostgreSQL template for this set of migrations, built by the first test that
/// needs it. Several test processes may race to build it: each builds under a name of its own
/// and renames it into place; a loser drops its copy.
fn pg_template() -> &'static str {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let name = format!("atrium_tpl_{:016x}", migrations_fingerprint("postgres"));
        let mut admin = pg_admin();
        let found: i64 = diesel::sql_query(format!(
            "SELECT count(*) AS n FROM pg_database WHERE datname = '{name}'"
        ))
        .get_result::<Count>(&mut admin)
        .expect("list databases")
        .n;
        if found == 0 {
            let building = format!("{name}_{}", uuid::Uuid::now_v7().simple());
            pg_execute(&mut admin, &format!("CREATE DATABASE {building}"))
                .expect("create template");
            {
                let mut conn = DbConn::Pg(
                    PgConnection::establish(&pg_url(&building)).expect("connect to template"),
                );
                run_migrations(&mut conn).expect("migrate template");
            }
            if pg_execute(
                &mut admin,
                &format!("ALTER DATABASE {building} RENAME TO {name}"),
            )
            .is_err()
            {
                // Another process renamed its copy into place first.
                let _ = pg_execute(&mut admin, &format!("DROP DATABASE {building}"));
            }
        }
        name
    })
}

/// The row of a `SELECT count(*) AS n …`.
#[derive(diesel::QueryableByName)]
pub struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub n: i64,
}

/// The migrated SQLite template for this set of migrations: a file in the temporary directory,
/// reused by later runs while the migrations are unchanged. It is built under a name of its own
/// and renamed into place, so a concurrent run never copies a half-migrated file.
fn sqlite_template() -> &'static Path {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let path = std::env::temp_dir().join(format!(
            "atrium_tpl_{:016x}.db",
            migrations_fingerprint("sqlite")
        ));
        if !path.exists() {
            let building = path.with_extension(format!("{}.db", uuid::Uuid::now_v7().simple()));
            {
                let mut conn = DbConn::Sqlite(
                    SqliteConnection::establish(&building.display().to_string())
                        .expect("template file"),
                );
                run_migrations(&mut conn).expect("migrate template");
            }
            std::fs::rename(&building, &path).expect("template into place");
        }
        path
    })
}

pub struct TestDatabase {
    pub url: String,
    pg_name: Option<String>,
}

impl TestDatabase {
    /// A migrated database of its own.
    pub fn create(dir: &Path) -> Self {
        Self::new(dir, true)
    }

    /// A database of its own with nothing in it.
    pub fn empty(dir: &Path) -> Self {
        Self::new(dir, false)
    }

    fn new(dir: &Path, migrated: bool) -> Self {
        match backend().as_str() {
            "postgres" => {
                let name = format!("atrium_test_{}", uuid::Uuid::now_v7().simple());
                let template = if migrated {
                    format!(" TEMPLATE {}", pg_template())
                } else {
                    String::new()
                };
                pg_execute(
                    &mut pg_admin(),
                    &format!("CREATE DATABASE {name}{template}"),
                )
                .expect("create database");
                TestDatabase {
                    url: pg_url(&name),
                    pg_name: Some(name),
                }
            }
            _ => {
                let file = dir.join("atrium.db");
                if migrated {
                    std::fs::copy(sqlite_template(), &file).expect("copy template");
                }
                TestDatabase {
                    url: format!("sqlite://{}", file.display()),
                    pg_name: None,
                }
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(name) = &self.pg_name {
            if let Ok(mut conn) = PgConnection::establish(&without_tls(&pg_admin_url())) {
                let _ = pg_execute(
                    &mut conn,
                    &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                );
            }
        }
    }
}
