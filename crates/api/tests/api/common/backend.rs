//! Which database a test runs on. `ATRIUM_TEST_BACKEND=postgres` gives each test its own fresh
//! PostgreSQL database (dropped afterwards); otherwise each test gets a fresh SQLite file.

use diesel::{Connection, PgConnection, RunQueryDsl};
use std::path::Path;

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

pub struct TestDatabase {
    pub url: String,
    pg_name: Option<String>,
}

impl TestDatabase {
    pub fn create(dir: &Path) -> Self {
        match backend().as_str() {
            "postgres" => {
                let name = format!("atrium_test_{}", uuid::Uuid::now_v7().simple());
                let admin = pg_admin_url();
                let mut conn =
                    PgConnection::establish(&without_tls(&admin)).expect("PostgreSQL reachable");
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .expect("create database");
                let admin = admin.split('?').next().unwrap_or_default().to_owned();
                let base = admin
                    .rsplit_once('/')
                    .map(|(b, _)| b.to_owned())
                    .unwrap_or(admin);
                TestDatabase {
                    url: without_tls(&format!("{base}/{name}")),
                    pg_name: Some(name),
                }
            }
            _ => TestDatabase {
                url: format!("sqlite://{}/atrium.db", dir.display()),
                pg_name: None,
            },
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(name) = &self.pg_name {
            if let Ok(mut conn) = PgConnection::establish(&without_tls(&pg_admin_url())) {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut conn);
            }
        }
    }
}
