//! Tenant isolation of projects: two organizations with two clients each, every name seeded with
//! a sentinel. A contact sees only their client's projects and never a stage or a task; staff of
//! one organization get 404 on another's, and the database is unchanged.

use crate::common::{status_of, Staff, TestApp};
use serde_json::{json, Value};
use shared_types::projects::Project;
use shared_types::staff::Client;
use shared_types::StaffRole;

/// Strings no response to client A's contact may contain (compared lower-cased).
const FORBIDDEN: &[&str] = &[
    "sentinel-b",
    "sentinel-a2",
    "stage-secret",
    "task-secret",
    "org-2-staff",
];

struct World {
    app: TestApp,
    a: Staff,
    b: Staff,
    client_a: Client,
    project_a: Project,
    project_a2: Project,
    project_b: Project,
    milestone_b: String,
    task_b: String,
    stage_b: String,
    client_b: Client,
}

/// One organization's stages, a project with milestones and tasks, named with `tag`.
async fn seed_org(
    app: &TestApp,
    staff: &Staff,
    client: &Client,
    tag: &str,
) -> (Project, String, String, String) {
    let stage = app
        .stage(
            staff,
            &format!("STAGE-SECRET-{tag}-review"),
            "ready_for_review",
        )
        .await;
    app.stage(staff, &format!("STAGE-SECRET-{tag}-brief"), "in_progress")
        .await;
    let project = app
        .project_with(
            staff,
            json!({"client_id": client.id, "name": format!("Project {tag}"),
                   "description": format!("Description {tag}"), "stage_id": stage.id,
                   "manager_ids": [staff.id]}),
        )
        .await;
    let milestone = app
        .milestone_with(
            staff,
            &project,
            json!({"title": format!("Milestone {tag}"), "stage_id": stage.id}),
        )
        .await;
    let task = app
        .task(
            staff,
            &project,
            &format!("TASK-SECRET-{tag}"),
            Some(&staff.id),
        )
        .await;
    (project, milestone.id, task.id, stage.id)
}

async fn world() -> World {
    let app = TestApp::new().await;
    let a = app.org("org-1").await;
    let b = app.org("org-2").await;
    let b_staff = app
        .staff_member(&b, "org-2-staff@b.example", StaffRole::Member)
        .await;
    let client_a = app.client(&a, "Client A").await;
    let client_a2 = app.client(&a, "SENTINEL-A2 Client").await;
    let client_b = app.client(&b, "SENTINEL-B Client").await;
    let client_b2 = app.client(&b, "SENTINEL-B2 Client").await;
    for c in [&client_a, &client_a2] {
        a.patch(
            &format!("/api/v1/clients/{}", c.id),
            json!({"show_team_members": true}),
        )
        .await
        .error_for_status()
        .unwrap();
    }
    a.set_account_managers(&client_a, &[&a.id]).await;
    b.set_account_managers(&client_b, &[&b_staff.id]).await;
    app.contact(&a, &client_a, "ana@a.example").await;
    let (project_a, ..) = seed_org(&app, &a, &client_a, "A").await;
    let (project_a2, ..) = seed_org(&app, &a, &client_a2, "SENTINEL-A2").await;
    let (project_b, milestone_b, task_b, stage_b) =
        seed_org(&app, &b, &client_b, "SENTINEL-B").await;
    seed_org(&app, &b, &client_b2, "SENTINEL-B2").await;
    World {
        app,
        a,
        b,
        client_a,
        project_a,
        project_a2,
        project_b,
        milestone_b,
        task_b,
        stage_b,
        client_b,
    }
}

fn assert_clean(what: &str, body: &str) {
    let lower = body.to_lowercase();
    for s in FORBIDDEN {
        assert!(!lower.contains(s), "{what} leaks {s}: {body}");
    }
}

#[actix_web::test]
async fn a_contact_sees_only_their_clients_projects_and_never_a_stage_or_task() {
    let w = world().await;
    let browser = w.app.sign_in("ana@a.example").await;
    let paths = [
        "/portal/api/me".to_owned(),
        "/portal/api/projects".to_owned(),
        format!("/portal/api/projects/{}", w.project_a.id),
        "/portal/api/team".to_owned(),
    ];
    for path in &paths {
        let res = browser.get(w.app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let body = res.text().await.unwrap();
        assert_clean(path, &body);
    }
    let list: Value = browser
        .get(w.app.url("/portal/api/projects"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(list["items"][0]["name"], "Project A");
    let detail: Value = browser
        .get(
            w.app
                .url(&format!("/portal/api/projects/{}", w.project_a.id)),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(detail["status"], "ready_for_review");
    assert_eq!(detail["milestones"][0]["status"], "ready_for_review");
    assert!(detail.get("stage_id").is_none() && detail["milestones"][0].get("stage_id").is_none());
    assert_eq!(detail["team"].as_array().unwrap().len(), 1);

    for foreign in [&w.project_a2.id, &w.project_b.id, &"nope".to_owned()] {
        let res = browser
            .get(w.app.url(&format!("/portal/api/projects/{foreign}")))
            .send()
            .await
            .unwrap();
        let (status, body) = status_of(res).await;
        assert_eq!(status, 404);
        assert_eq!(body["error"]["code"], "not_found");
    }

    // What the client may see in their activity feed names no stage.
    let visible: Vec<String> = w
        .app
        .conn(|c| {
            use atrium::db::schema::events::dsl::*;
            use diesel::prelude::*;
            events
                .filter(client_visible.eq(true))
                .select(summary)
                .load(c)
        })
        .unwrap();
    assert!(!visible.is_empty());
    for s in visible {
        assert!(!s.to_lowercase().contains("stage-secret"), "{s}");
    }
    let _ = (&w.client_a, &w.client_b);
}

#[actix_web::test]
async fn staff_of_one_org_get_404_on_another_orgs_projects_and_nothing_changes() {
    let w = world().await;
    let tables = [
        "projects",
        "milestones",
        "tasks",
        "pipeline_stages",
        "project_managers",
        "client_managers",
        "events",
    ];
    let counts = |app: &TestApp| tables.map(|t| app.count(t));
    let before = counts(&w.app);
    let (a, p, m, t, s) = (&w.a, &w.project_b.id, &w.milestone_b, &w.task_b, &w.stage_b);
    let c = &w.client_b.id;
    let attempts = vec![
        a.get(&format!("/api/v1/projects/{p}")).await,
        a.patch(
            &format!("/api/v1/projects/{p}"),
            json!({"name": "hijacked"}),
        )
        .await,
        a.post(&format!("/api/v1/projects/{p}/archive"), json!({}))
            .await,
        a.get(&format!("/api/v1/projects/{p}/milestones")).await,
        a.post(
            &format!("/api/v1/projects/{p}/milestones"),
            json!({"title": "x"}),
        )
        .await,
        a.patch(
            &format!("/api/v1/projects/{p}/milestones/{m}"),
            json!({"title": "hijacked"}),
        )
        .await,
        a.delete(&format!("/api/v1/projects/{p}/milestones/{m}"))
            .await,
        a.get(&format!("/api/v1/projects/{p}/tasks")).await,
        a.post(
            &format!("/api/v1/projects/{p}/tasks"),
            json!({"title": "x"}),
        )
        .await,
        a.patch(
            &format!("/api/v1/projects/{p}/tasks/{t}"),
            json!({"title": "hijacked"}),
        )
        .await,
        a.delete(&format!("/api/v1/projects/{p}/tasks/{t}")).await,
        a.patch(&format!("/api/v1/stages/{s}"), json!({"name": "hijacked"}))
            .await,
        a.delete(&format!("/api/v1/stages/{s}")).await,
        a.get(&format!("/api/v1/clients/{c}/managers")).await,
        a.put(
            &format!("/api/v1/clients/{c}/managers"),
            json!({"staff_ids": []}),
        )
        .await,
        // Org 1's own project, reached through a milestone/task id of org 2.
        a.delete(&format!(
            "/api/v1/projects/{}/milestones/{m}",
            w.project_a.id
        ))
        .await,
        a.delete(&format!("/api/v1/projects/{}/tasks/{t}", w.project_a.id))
            .await,
    ];
    for res in attempts {
        let url = res.url().to_string();
        let (status, body) = status_of(res).await;
        assert_eq!(status, 404, "{url}: {body}");
        assert_eq!(body["error"]["code"], "not_found");
        assert!(!body.to_string().contains("SENTINEL"));
    }
    for path in ["/api/v1/projects", "/api/v1/stages"] {
        let body = a.get(path).await.text().await.unwrap();
        assert!(!body.contains("SENTINEL-B"), "{path}: {body}");
    }
    assert_eq!(counts(&w.app), before, "refused writes change nothing");
    let still: Project =
        w.b.get(&format!("/api/v1/projects/{p}"))
            .await
            .json()
            .await
            .unwrap();
    assert_eq!(still.name, "Project SENTINEL-B");
    assert!(!still.archived);
}
