//! `TestApp`: a real Atrium server on a fresh database (SQLite, or PostgreSQL when
//! `ATRIUM_TEST_BACKEND=postgres`), driven over HTTP, with builders that read like the product.

pub mod approvals;
pub mod backend;
pub mod contract;
pub mod handles;
pub mod projects;

use atrium::clock::Clock;
use atrium::config::Config;
use atrium::db::outbox::OutboxRow;
use atrium::db::{outbox, Db, DbConn};
use atrium::seed;
use reqwest::header::{HeaderMap, HeaderValue, ORIGIN};
use serde_json::{json, Value};
use shared_types::approvals::FileMeta;
use shared_types::portal::Permissions;
use shared_types::staff::{Client, Contact, PermissionOverrides};
use std::collections::HashMap;
use std::sync::Arc;

pub const ORIGIN_URL: &str = "http://atrium.test";
pub const SECRET: &str = "test-secret-0123456789abcdefghijklmnopqrstuvwxyz";
pub const PASSWORD: &str = "violet tractor harbor 42";

pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub clock: Arc<Clock>,
    pub config: Config,
    _dir: tempfile::TempDir,
    _database: backend::TestDatabase,
    server: actix_web::dev::ServerHandle,
    /// The environment the server was configured from (for `spawn_process`).
    env: HashMap<String, String>,
}

/// Extra configuration for one test (e.g. a mail URL pointing at an SMTP sink).
#[derive(Default)]
pub struct Options {
    pub env: Vec<(&'static str, String)>,
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with(Options::default()).await
    }

    pub async fn with(options: Options) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let database = backend::TestDatabase::create(dir.path());
        let mut env: HashMap<String, String> = [
            ("ATRIUM_DATABASE_URL", database.url.clone()),
            ("ATRIUM_BIND", "127.0.0.1:0".into()),
            ("ATRIUM_PUBLIC_URL", ORIGIN_URL.into()),
            ("ATRIUM_SECRET_KEY", SECRET.into()),
            ("ATRIUM_COOKIE_SECURE", "false".into()),
            ("ATRIUM_DATA_DIR", dir.path().display().to_string()),
            (
                "ATRIUM_MAIL_URL",
                format!("file://{}/outbox", dir.path().display()),
            ),
            (
                "ATRIUM_STORAGE_URL",
                format!("file://{}/files", dir.path().display()),
            ),
            ("ATRIUM_MAIL_RETRY_BASE_SECS", "1".into()),
            ("ATRIUM_MAIL_POLL_SECS", "1".into()),
            (
                "ATRIUM_PORTAL_DIST",
                dir.path().join("no-portal-dist").display().to_string(),
            ),
            (
                "ATRIUM_STAFF_DIST",
                dir.path().join("no-staff-dist").display().to_string(),
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        for (k, v) in options.env {
            env.insert(k.to_owned(), v);
        }
        let config = Config::load(|k| env.get(k).cloned()).expect("config");
        contract::remember(&config);
        let clock = Arc::new(Clock::default());
        let running = atrium::server::start(config.clone(), clock.clone(), 2)
            .await
            .expect("server starts");
        let server = running.server.handle();
        actix_web::rt::spawn(running.server);
        TestApp {
            base: format!("http://{}", running.addr),
            db: running.state.db.clone(),
            clock,
            config,
            _dir: dir,
            _database: database,
            server,
            env,
        }
    }

    /// Starts a second server process on the same database (as behind a load balancer) and
    /// returns its base URL. It runs until the test ends.
    pub async fn second_process(&self) -> String {
        let running = atrium::server::start(self.config.clone(), self.clock.clone(), 1)
            .await
            .expect("second server starts");
        let base = format!("http://{}", running.addr);
        actix_web::rt::spawn(running.server);
        base
    }

    /// Starts the `atrium` binary (`atrium serve`) as a process of its own on this test's
    /// database and configuration, and returns it with its base URL once it answers `/healthz`.
    pub async fn spawn_process(&self) -> (std::process::Child, String) {
        let addr = format!("127.0.0.1:{}", free_port());
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_atrium"))
            .arg("serve")
            .envs(&self.env)
            .env("ATRIUM_BIND", &addr)
            .env("RUST_LOG", "error")
            .spawn()
            .expect("start atrium serve");
        let base = format!("http://{addr}");
        let started = std::time::Instant::now();
        loop {
            if let Ok(res) = reqwest::get(format!("{base}/healthz")).await {
                if res.status().is_success() {
                    return (child, base);
                }
            }
            assert!(
                child.try_wait().expect("child status").is_none(),
                "atrium serve exited before answering"
            );
            assert!(
                started.elapsed() < std::time::Duration::from_secs(30),
                "atrium serve did not answer within 30 s"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// Where the file mail transport writes each message sent.
    pub fn mail_dir(&self) -> std::path::PathBuf {
        self._dir.path().join("outbox")
    }

    /// The directory behind this app's `file://` storage.
    pub fn storage_dir(&self) -> std::path::PathBuf {
        self._dir.path().join("files")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Runs `f` on a database connection (for arranging data and asserting on it).
    pub fn conn<T>(&self, f: impl FnOnce(&mut DbConn) -> T) -> T {
        let mut conn = self.db.get().expect("db connection");
        let out = f(&mut conn);
        self.db.wake_if_recorded();
        out
    }

    /// A browser-like client: cookie jar, our Origin on every request.
    pub fn browser(&self) -> reqwest::Client {
        let mut headers = HeaderMap::new();
        headers.insert(ORIGIN, HeaderValue::from_static(ORIGIN_URL));
        reqwest::Client::builder()
            .cookie_store(true)
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// A client with no cookie jar and no Origin: an integration, or an attacker.
    pub fn bare(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    // ---- organizations and staff ----

    /// Creates an organization with an owner and signs the owner in.
    pub async fn org(&self, slug: &str) -> Staff {
        let email = format!("owner@{slug}.example");
        let now = self.clock.now();
        let (org, owner) = self
            .conn(|c| {
                seed::create_org(
                    c,
                    seed::NewOrg {
                        name: &format!("Org {slug}"),
                        slug,
                        owner_email: &email,
                        owner_name: "Owner",
                        owner_password: PASSWORD,
                    },
                    now,
                )
            })
            .expect("create org");
        let token = self.staff_token(&owner.email, PASSWORD).await;
        Staff {
            app_base: self.base.clone(),
            org_id: org.id,
            slug: slug.to_owned(),
            id: owner.id,
            token,
            http: self.browser(),
        }
    }

    pub async fn staff_member(
        &self,
        org: &Staff,
        email: &str,
        role: shared_types::StaffRole,
    ) -> Staff {
        let now = self.clock.now();
        let row = self
            .conn(|c| seed::create_staff(c, &org.slug, email, "Member", role, PASSWORD, now))
            .expect("create staff");
        let token = self.staff_token(email, PASSWORD).await;
        Staff {
            app_base: self.base.clone(),
            org_id: org.org_id.clone(),
            slug: org.slug.clone(),
            id: row.id,
            token,
            http: self.browser(),
        }
    }

    pub async fn staff_token(&self, email: &str, password: &str) -> String {
        let res = self
            .browser()
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({ "email": email, "password": password }))
            .send()
            .await
            .expect("login request");
        assert_eq!(res.status(), 200, "staff login failed");
        let body: Value = res.json().await.expect("json");
        body["access_token"].as_str().expect("token").to_owned()
    }

    // ---- clients and contacts ----

    pub async fn client(&self, staff: &Staff, name: &str) -> Client {
        let res = staff.post("/api/v1/clients", json!({ "name": name })).await;
        assert_eq!(res.status(), 201);
        res.json().await.expect("client json")
    }

    /// A contact who has accepted their invitation and set `PASSWORD`.
    pub async fn contact(&self, staff: &Staff, client: &Client, email: &str) -> Contact {
        self.contact_with(staff, client, email, PermissionOverrides::default())
            .await
    }

    /// The cast the feature suites share: at `client`, Ana with every permission and Ben with
    /// the ones `ben` turns off; Cy at another client, "Other Co", which is returned.
    pub async fn cast(&self, owner: &Staff, client: &Client, ben: PermissionOverrides) -> Client {
        self.contact(owner, client, "ana@bp.example").await;
        self.contact_with(owner, client, "ben@bp.example", ben)
            .await;
        let other = self.client(owner, "Other Co").await;
        self.contact(owner, &other, "cy@other.example").await;
        other
    }

    pub async fn contact_with(
        &self,
        staff: &Staff,
        client: &Client,
        email: &str,
        permissions: PermissionOverrides,
    ) -> Contact {
        let res = staff
            .post(
                &format!("/api/v1/clients/{}/contacts", client.id),
                json!({ "name": "Contact Person", "email": email, "permissions": permissions, "invite": true }),
            )
            .await;
        assert_eq!(res.status(), 201);
        let contact: Contact = res.json().await.expect("contact json");
        let token = self.invitation_token(email);
        let res = self
            .browser()
            .post(self.url("/portal/api/auth/invite/accept"))
            .json(&json!({ "token": token, "name": "Contact Person", "password": PASSWORD }))
            .send()
            .await
            .expect("accept");
        assert_eq!(res.status(), 200, "invite accept failed");
        contact
    }

    /// Signs a contact in with their password and returns the browser holding the session.
    pub async fn sign_in(&self, email: &str) -> reqwest::Client {
        let browser = self.browser();
        let res = browser
            .post(self.url("/portal/api/auth/login"))
            .json(&json!({ "email": email, "password": PASSWORD }))
            .send()
            .await
            .expect("login");
        assert_eq!(res.status(), 200, "contact login failed");
        browser
    }

    /// Signs a contact in without a cookie jar and returns the raw `name=value` session cookie,
    /// for tests that replay or tamper with it.
    pub async fn session_cookie(&self, email: &str) -> String {
        let res = self
            .bare()
            .post(self.url("/portal/api/auth/login"))
            .header("Origin", ORIGIN_URL)
            .json(&json!({ "email": email, "password": PASSWORD }))
            .send()
            .await
            .expect("login");
        assert_eq!(res.status(), 200, "contact login failed");
        cookie_of(&res)
    }

    // ---- mail ----

    pub fn outbox(&self) -> Vec<OutboxRow> {
        self.conn(outbox::all).expect("outbox")
    }

    /// The token of the newest email to `to` whose link contains `marker`.
    fn token_in_mail(&self, to: &str, marker: &str) -> String {
        let mail = self
            .outbox()
            .into_iter()
            .rev()
            .find(|m| m.to_addr == to && m.body_text.contains(marker))
            .unwrap_or_else(|| panic!("no email to {to} containing {marker}"));
        let start = mail.body_text.find(marker).expect("marker") + marker.len();
        mail.body_text[start..]
            .split_whitespace()
            .next()
            .expect("token")
            .to_owned()
    }

    /// The token of the newest staff email to `to` whose link contains `marker`
    /// (`/staff/join#token=`, `/staff/reset-password#token=`).
    pub fn staff_token_in_mail(&self, to: &str, marker: &str) -> String {
        self.token_in_mail(to, marker)
    }

    /// A `Staff` handle of `org`'s organization for member `id` holding `token`.
    pub fn staff_with_token(&self, org: &Staff, id: &str, token: String) -> Staff {
        Staff {
            app_base: self.base.clone(),
            org_id: org.org_id.clone(),
            slug: org.slug.clone(),
            id: id.to_owned(),
            token,
            http: self.browser(),
        }
    }

    pub fn invitation_token(&self, to: &str) -> String {
        self.token_in_mail(to, "/portal/invite#token=")
    }

    pub fn magic_token(&self, to: &str) -> String {
        self.token_in_mail(to, "/portal/auth/magic#token=")
    }

    pub async fn request_magic_link(&self, email: &str) -> reqwest::StatusCode {
        self.browser()
            .post(self.url("/portal/api/auth/magic-link"))
            .json(&json!({ "email": email }))
            .send()
            .await
            .expect("magic link request")
            .status()
    }

    /// Counts the rows of a table (for "the database is unchanged" assertions).
    pub fn count(&self, table: &str) -> i64 {
        use diesel::prelude::*;
        self.conn(|c| {
            diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
                .get_result::<backend::Count>(c)
        })
        .expect("count")
        .n
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop accepting work; the database is dropped after (see TestDatabase).
        let handle = self.server.clone();
        drop(handle.stop(false));
    }
}

/// A signed-in staff member (or owner) of one organization.
pub struct Staff {
    app_base: String,
    pub org_id: String,
    pub slug: String,
    pub id: String,
    pub token: String,
    pub http: reqwest::Client,
}

impl Staff {
    /// The server's base URL.
    pub fn base(&self) -> &str {
        &self.app_base
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.app_base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(self.url(path))
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("request")
    }

    pub async fn post(&self, path: &str, body: Value) -> reqwest::Response {
        self.http
            .post(self.url(path))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .expect("request")
    }

    pub async fn patch(&self, path: &str, body: Value) -> reqwest::Response {
        self.http
            .patch(self.url(path))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .expect("request")
    }

    pub async fn delete(&self, path: &str) -> reqwest::Response {
        self.http
            .delete(self.url(path))
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("request")
    }

    /// Uploads `bytes` as one of `client_id`'s files, the part declaring no type.
    pub async fn upload_file(
        &self,
        client_id: &str,
        name: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        self.send_file(client_id, name, None, bytes).await
    }

    /// Uploads `bytes` as one of `client_id`'s files, the part declaring `mime`.
    pub async fn upload_typed(
        &self,
        client_id: &str,
        name: &str,
        mime: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        self.send_file(client_id, name, Some(mime), bytes).await
    }

    /// Uploads and expects 201: the stored file.
    pub async fn upload_ok(&self, client_id: &str, name: &str, bytes: Vec<u8>) -> FileMeta {
        let res = self.upload_file(client_id, name, bytes).await;
        assert_eq!(res.status(), 201, "upload of {name}");
        res.json().await.expect("file meta")
    }

    /// `POST /api/v1/clients/{id}/files` with the file and a field the server ignores.
    async fn send_file(
        &self,
        client_id: &str,
        name: &str,
        mime: Option<&str>,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        let mut part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
        if let Some(mime) = mime {
            part = part.mime_str(mime).expect("mime");
        }
        let form = reqwest::multipart::Form::new()
            .text("note", "ignored")
            .part("file", part);
        self.http
            .post(self.url(&format!("/api/v1/clients/{client_id}/files")))
            .bearer_auth(&self.token)
            .multipart(form)
            .send()
            .await
            .expect("upload")
    }

    pub async fn set_permissions(
        &self,
        client: &Client,
        contact: &Contact,
        overrides: PermissionOverrides,
    ) {
        let res = self
            .patch(
                &format!("/api/v1/clients/{}/contacts/{}", client.id, contact.id),
                json!({ "permissions": overrides }),
            )
            .await;
        assert_eq!(res.status(), 200);
    }
}

/// Reads `GET /portal/api/me` permissions.
pub async fn permissions(app: &TestApp, browser: &reqwest::Client) -> Permissions {
    let me: Value = browser
        .get(app.url("/portal/api/me"))
        .send()
        .await
        .expect("me")
        .json()
        .await
        .expect("json");
    serde_json::from_value(me["permissions"].clone()).expect("permissions")
}

pub async fn status_of(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    let body = res.json::<Value>().await.unwrap_or(Value::Null);
    (status, body)
}

/// The `name=value` part of a response's first `Set-Cookie`.
pub fn cookie_of(res: &reqwest::Response) -> String {
    let header = res
        .headers()
        .get("set-cookie")
        .expect("a Set-Cookie header");
    let text = header.to_str().expect("ASCII cookie");
    text.split(';').next().unwrap_or_default().to_owned()
}

/// Every regular file under `dir`, relative, sorted.
pub fn stored_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    fn walk(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The value of a response header, which must be there.
pub fn header<'a>(res: &'a reqwest::Response, name: &str) -> &'a str {
    res.headers()
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

/// A port for something the test starts itself (moto, an SMTP sink, a server at a known URL):
/// free now, and below the kernel's ephemeral range. A port the kernel handed out and we released
/// could be handed out again, to another test's server or a client connection, before the helper
/// binds it; the kernel never picks from below that range, so only another `free_port` could take
/// this one, and each call starts from a different place.
pub fn free_port() -> u16 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static CALLS: AtomicU32 = AtomicU32::new(0);
    let ephemeral_low = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse::<u32>().ok())
        .unwrap_or(32768);
    let (low, span) = (10_000, ephemeral_low.saturating_sub(10_000).max(1));
    let call = CALLS.fetch_add(1, Ordering::Relaxed);
    let start = std::process::id().wrapping_mul(2_654_435_761) ^ call.wrapping_mul(7_919);
    for n in 0..span {
        let port = low + start.wrapping_add(n) % span;
        let Ok(port) = u16::try_from(port) else {
            continue;
        };
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port below the ephemeral range");
}
