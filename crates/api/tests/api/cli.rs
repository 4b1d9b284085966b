//! The `atrium` command: non-interactive provisioning with clear errors and exit codes.

use std::process::Command;

fn atrium(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    // Run inside the temporary directory: defaults relative to the working directory (stored
    // files, the mail outbox) must not land in the source tree.
    let out = Command::new(env!("CARGO_BIN_EXE_atrium"))
        .current_dir(dir)
        .args(args)
        .env(
            "ATRIUM_DATABASE_URL",
            format!("sqlite://{}/cli.db", dir.display()),
        )
        .env("ATRIUM_DATA_DIR", dir)
        .env("RUST_LOG", "error")
        .output()
        .expect("run atrium");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn provisioning_commands_succeed_once_and_explain_failures() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let org = [
        "create-org",
        "--name",
        "Studio",
        "--slug",
        "studio",
        "--owner-email",
        "o@studio.example",
        "--owner-name",
        "Olive",
        "--owner-password",
        "a long passphrase 1",
    ];
    let (code, out) = atrium(d, &org);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Created organization Studio"), "{out}");

    let (code, out) = atrium(d, &org);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("slug `studio` exists"), "{out}");

    let (code, out) = atrium(
        d,
        &[
            "create-org",
            "--name",
            "X",
            "--slug",
            "Bad Slug",
            "--owner-email",
            "x@x.example",
            "--owner-name",
            "X",
            "--owner-password",
            "a long passphrase 1",
        ],
    );
    assert_eq!(code, 1);
    assert!(out.contains("--slug"), "{out}");

    let staff = [
        "create-staff",
        "--org",
        "studio",
        "--email",
        "pm@studio.example",
        "--name",
        "Pat",
        "--role",
        "member",
        "--password",
        "another passphrase 2",
    ];
    let (code, out) = atrium(d, &staff);
    assert_eq!(code, 0, "{out}");
    let (code, out) = atrium(
        d,
        &[
            "create-staff",
            "--org",
            "nope",
            "--email",
            "a@b.example",
            "--name",
            "A",
            "--role",
            "admin",
            "--password",
            "another passphrase 2",
        ],
    );
    assert_eq!(code, 1);
    assert!(out.contains("no organization has that slug"), "{out}");
    let (code, _) = atrium(
        d,
        &[
            "create-staff",
            "--org",
            "studio",
            "--email",
            "a@b.example",
            "--name",
            "A",
            "--role",
            "owner",
            "--password",
            "x",
        ],
    );
    assert_eq!(code, 2, "clap rejects an invalid role");

    let (code, out) = atrium(d, &["seed-demo"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("already has data"),
        "seed-demo never touches a database with data: {out}"
    );
    let (code, out) = atrium(d, &["migrate"]);
    assert_eq!((code, out.contains("up to date")), (0, true), "{out}");
}

#[test]
fn configuration_errors_stop_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_atrium"))
        .arg("migrate")
        .env("ATRIUM_DATABASE_URL", "mysql://localhost/atrium")
        .env("ATRIUM_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("unsupported database URL scheme `mysql`")
    );
    let out = Command::new(env!("CARGO_BIN_EXE_atrium"))
        .arg("serve")
        .env(
            "ATRIUM_DATABASE_URL",
            format!("sqlite://{}/x.db", dir.path().display()),
        )
        .env("ATRIUM_BIND", "127.0.0.1:0")
        .env("ATRIUM_SECRET_KEY", "0123456789")
        .env("ATRIUM_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a weak secret key stops the server"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("ATRIUM_SECRET_KEY is too weak"));
}

#[test]
fn demo_seed_creates_the_documented_logins() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = atrium(dir.path(), &["seed-demo"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Seeded the demo agency"));
}
