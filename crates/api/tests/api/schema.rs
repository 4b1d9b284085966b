//! Migrations: every migration runs up, down and up again, and both backends end with the same
//! tables, columns, types and nullability.

use crate::common;

use atrium::db::{run_migrations, DbConn, DbUrl, PG_MIGRATIONS, SQLITE_MIGRATIONS};
use common::backend::{backend, TestDatabase};
use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use diesel_migrations::MigrationHarness;
use std::collections::BTreeMap;

#[derive(QueryableByName, Debug)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Integer)]
    not_null: i32,
}

/// table → column → (portable type, not null)
type Shape = BTreeMap<String, BTreeMap<String, (String, bool)>>;

fn normalise(t: &str) -> String {
    match t.to_ascii_lowercase().as_str() {
        "text" => "text",
        "boolean" => "bool",
        "timestamp" | "timestamp without time zone" => "timestamp",
        "integer" => "int",
        "bigint" => "bigint",
        other => return other.to_owned(),
    }
    .to_owned()
}

fn shape(conn: &mut DbConn) -> Shape {
    let columns: Vec<Column> = match conn {
        DbConn::Sqlite(c) => diesel::sql_query(
            "SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type, \
             CAST(p.\"notnull\" AS INTEGER) AS not_null \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__diesel_schema_migrations'",
        )
        .load(c)
        .unwrap(),
        DbConn::Pg(c) => diesel::sql_query(
            "SELECT table_name::text, column_name::text, data_type::text, \
             CASE WHEN is_nullable = 'NO' THEN 1 ELSE 0 END AS not_null \
             FROM information_schema.columns WHERE table_schema = 'public' \
             AND table_name <> '__diesel_schema_migrations'",
        )
        .load(c)
        .unwrap(),
    };
    let mut out = Shape::new();
    for c in columns {
        out.entry(c.table_name)
            .or_default()
            .insert(c.column_name, (normalise(&c.data_type), c.not_null == 1));
    }
    out
}

fn fresh(dir: &std::path::Path) -> (TestDatabase, DbConn) {
    let database = TestDatabase::empty(dir);
    let conn = match DbUrl::parse(&database.url).unwrap() {
        DbUrl::Postgres(u) => DbConn::Pg(diesel::PgConnection::establish(&u).unwrap()),
        DbUrl::Sqlite(p) => DbConn::Sqlite(diesel::SqliteConnection::establish(&p).unwrap()),
    };
    (database, conn)
}

#[test]
fn every_migration_runs_up_down_and_up_again() {
    let dir = tempfile::tempdir().unwrap();
    let (_database, mut conn) = fresh(dir.path());
    run_migrations(&mut conn).unwrap();
    let first = shape(&mut conn);
    assert!(first.contains_key("portal_sessions"));
    match &mut conn {
        DbConn::Sqlite(c) => {
            c.revert_all_migrations(SQLITE_MIGRATIONS).unwrap();
        }
        DbConn::Pg(c) => {
            c.revert_all_migrations(PG_MIGRATIONS).unwrap();
        }
    }
    assert!(
        shape(&mut conn).is_empty(),
        "down migrations drop everything they created"
    );
    run_migrations(&mut conn).unwrap();
    assert_eq!(shape(&mut conn), first);
}

#[test]
fn both_backends_yield_the_same_schema() {
    if backend() != "postgres" {
        eprintln!("skipped here: runs in the PostgreSQL pass (ATRIUM_TEST_BACKEND=postgres)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_pg_db, mut pg) = fresh(dir.path());
    run_migrations(&mut pg).unwrap();
    let sqlite_path = dir.path().join("compare.db");
    let mut sqlite =
        DbConn::Sqlite(diesel::SqliteConnection::establish(sqlite_path.to_str().unwrap()).unwrap());
    run_migrations(&mut sqlite).unwrap();
    let (a, b) = (shape(&mut sqlite), shape(&mut pg));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "same tables"
    );
    for (table, columns) in &a {
        assert_eq!(
            columns, &b[table],
            "table {table} differs between SQLite and PostgreSQL"
        );
    }
    // Both migration folders hold the same migration names.
    let names = |dir: &str| {
        let mut v: Vec<String> = std::fs::read_dir(format!(
            "{}/../../migrations/{dir}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
        v.sort();
        v
    };
    assert_eq!(names("sqlite"), names("postgres"));
}
