//! Builders for files (metadata rows inserted directly: uploads are a later task) and approvals
//! (through the staff API), plus small helpers for reading the audit trail.

use super::{Staff, TestApp};
use atrium::db::files::{self, FileRow};
use atrium::db::schema::clients;
use diesel::prelude::*;
use serde_json::{json, Value};
use shared_types::approvals::{Approval, AuditLog};
use shared_types::projects::Project;
use shared_types::{ApprovalKind, FileKind, MediaState};

impl TestApp {
    /// A file row of `client_id` with plausible metadata; returns its id.
    pub fn file(&self, client_id: &str, filename: &str, kind: FileKind) -> String {
        let now = self.clock.now();
        let id = uuid::Uuid::now_v7().to_string();
        self.conn(|c| {
            let org_id: String = clients::table
                .filter(clients::id.eq(client_id))
                .select(clients::org_id)
                .first(c)?;
            files::insert(
                c,
                &FileRow {
                    id: id.clone(),
                    org_id,
                    client_id: client_id.to_owned(),
                    storage_key: format!("test/{id}"),
                    filename: filename.to_owned(),
                    content_type: "application/octet-stream".into(),
                    size_bytes: 1234,
                    sha256: format!("{:0>64}", id.replace('-', "")),
                    kind,
                    width: None,
                    height: None,
                    duration_ms: None,
                    waveform: None,
                    thumbnail_key: None,
                    uploaded_by_kind: "staff".into(),
                    uploaded_by_id: "test".into(),
                    created_at: now,
                    // Metadata only: nothing stored to process.
                    media_state: MediaState::None,
                    media_error: None,
                },
            )
        })
        .expect("insert file");
        id
    }

    pub async fn approval(
        &self,
        staff: &Staff,
        project: &Project,
        title: &str,
        kind: ApprovalKind,
        file_ids: &[&str],
    ) -> Approval {
        let res = staff
            .post(
                "/api/v1/approvals",
                json!({"project_id": project.id, "title": title, "kind": kind,
                       "description": format!("{title} description"),
                       "version": {"notes": format!("{title} notes v1"), "file_ids": file_ids}}),
            )
            .await;
        assert_eq!(res.status(), 201, "create approval");
        res.json().await.expect("approval json")
    }

    pub async fn audit(&self, staff: &Staff, approval_id: &str) -> AuditLog {
        let res = staff
            .get(&format!("/api/v1/approvals/{approval_id}/audit"))
            .await;
        assert_eq!(res.status(), 200, "audit");
        res.json().await.expect("audit json")
    }

    /// Row counts of every approval table, for "nothing changed" assertions.
    pub fn approval_counts(&self) -> [i64; 4] {
        [
            self.count("approvals"),
            self.count("approval_versions"),
            self.count("approval_comments"),
            self.count("approval_audit"),
        ]
    }

    /// The approval's status column, read straight from the database.
    pub fn approval_status(&self, id: &str) -> String {
        use atrium::db::schema::approvals;
        self.conn(|c| {
            approvals::table
                .filter(approvals::id.eq(id))
                .select(approvals::status)
                .first::<String>(c)
        })
        .expect("status")
    }
}

/// POSTs JSON with a portal browser.
pub async fn portal_post(
    app: &TestApp,
    browser: &reqwest::Client,
    path: &str,
    body: Value,
) -> (u16, Value) {
    super::status_of(
        browser
            .post(app.url(path))
            .json(&body)
            .send()
            .await
            .expect("request"),
    )
    .await
}

/// Any method with a portal browser, with an optional JSON body.
pub async fn portal_send(
    app: &TestApp,
    browser: &reqwest::Client,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = browser.request(method, app.url(path));
    if let Some(body) = body {
        req = req.json(&body);
    }
    super::status_of(req.send().await.expect("request")).await
}

pub async fn portal_get(app: &TestApp, browser: &reqwest::Client, path: &str) -> (u16, Value) {
    super::status_of(browser.get(app.url(path)).send().await.expect("request")).await
}
