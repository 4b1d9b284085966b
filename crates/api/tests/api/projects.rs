//! Projects, stages, milestones and tasks through the staff API: happy paths, validation, the
//! stage → client status mapping and keyset pages. Portal views and tenant isolation are in
//! `projects/portal.rs` and `projects/isolation.rs`.

use crate::common;
mod isolation;
mod portal;

use common::{status_of, TestApp};
use serde_json::{json, Value};
use shared_types::projects::{Milestone, Project, Task};
use shared_types::{StaffRole, TaskStatus, WorkStatus};

#[actix_web::test]
async fn staff_create_read_update_and_archive_a_project() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let leo = app
        .staff_member(&owner, "leo@acme.example", StaffRole::Member)
        .await;
    let client = app.client(&owner, "Blue Peak").await;
    let project = app
        .project_with(
            &owner,
            json!({
                "client_id": client.id, "name": "  Spring campaign ", "description": "Posters",
                "start_date": "2026-03-01", "due_date": "2026-04-30",
                "manager_ids": [leo.id, leo.id, owner.id],
            }),
        )
        .await;
    assert_eq!(project.name, "Spring campaign");
    assert_eq!(project.client_name, "Blue Peak");
    assert_eq!(project.client_status, WorkStatus::InProgress);
    let mut expected = vec![leo.id.clone(), owner.id.clone()];
    expected.sort();
    assert_eq!(project.manager_ids, expected);
    assert!(!project.archived);

    let got: Project = owner
        .get(&format!("/api/v1/projects/{}", project.id))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got, project);

    let res = owner
        .patch(
            &format!("/api/v1/projects/{}", project.id),
            json!({"name": "Summer campaign", "due_date": null, "manager_ids": [leo.id],
                   "client_status": "on_hold"}),
        )
        .await;
    let (status, body) = status_of(res).await;
    assert_eq!(status, 200, "{body}");
    let updated: Project = serde_json::from_value(body).unwrap();
    assert_eq!(updated.name, "Summer campaign");
    assert_eq!(updated.description, "Posters");
    assert_eq!(updated.due_date, None);
    assert_eq!(updated.start_date, project.start_date);
    assert_eq!(updated.manager_ids, vec![leo.id.clone()]);
    assert_eq!(updated.client_status, WorkStatus::OnHold);
    assert!(updated.updated_at >= project.updated_at);

    let other = app.client(&owner, "Harbor").await;
    app.project(&owner, &other, "Podcast").await;
    let path = format!("/api/v1/projects?client_id={}", client.id);
    let page: Value = owner.get(&path).await.json().await.unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 1);

    let res = owner
        .post(
            &format!("/api/v1/projects/{}/archive", project.id),
            json!({}),
        )
        .await;
    let archived: Project = res.json().await.unwrap();
    assert!(archived.archived);
    let live: Value = owner
        .get("/api/v1/projects?archived=false")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(live["items"].as_array().unwrap().len(), 1);
    assert_eq!(live["items"][0]["name"], "Podcast");
    let old: Value = owner
        .get("/api/v1/projects?archived=true")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(old["items"][0]["id"], project.id.as_str());
    let restored: Project = owner
        .patch(
            &format!("/api/v1/projects/{}", project.id),
            json!({"archived": false}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(!restored.archived);
}

#[actix_web::test]
async fn project_inputs_are_validated_field_by_field_and_refusals_change_nothing() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let other = app.org("other").await;
    let client = app.client(&owner, "Blue Peak").await;
    let foreign_client = app.client(&other, "Foreign").await;
    let foreign_stage = app.stage(&other, "Theirs", "approved").await;
    let cases = [
        (json!({"client_id": client.id, "name": " "}), "name"),
        (
            json!({"client_id": client.id, "name": "x", "description": "d".repeat(10_001)}),
            "description",
        ),
        (
            json!({"client_id": client.id, "name": "x", "start_date": "2026-05-02", "due_date": "2026-05-01"}),
            "due_date",
        ),
        (
            json!({"client_id": foreign_client.id, "name": "x"}),
            "client_id",
        ),
        (
            json!({"client_id": client.id, "name": "x", "stage_id": foreign_stage.id}),
            "stage_id",
        ),
        (
            json!({"client_id": client.id, "name": "x", "manager_ids": [other.id]}),
            "manager_ids",
        ),
    ];
    for (body, field) in cases {
        let (status, err) = status_of(owner.post("/api/v1/projects", body).await).await;
        assert_eq!(status, 422, "{field}: {err}");
        assert_eq!(err["error"]["code"], "validation_failed");
        assert!(err["error"]["fields"][field].is_string(), "{field}: {err}");
    }
    let (status, _) = status_of(
        owner
            .post(
                "/api/v1/projects",
                json!({"client_id": client.id, "name": "x", "secret": 1}),
            )
            .await,
    )
    .await;
    assert_eq!(status, 400, "unknown fields are refused");
    assert_eq!(app.count("projects"), 0);
    assert_eq!(app.count("project_managers"), 0);

    let project = app.project(&owner, &client, "Real").await;
    let path = format!("/api/v1/projects/{}", project.id);
    let (status, err) = status_of(
        owner
            .patch(
                &path,
                json!({"start_date": "2026-06-02", "due_date": "2026-06-01"}),
            )
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(err["error"]["fields"]["due_date"].is_string());
    let (status, _) = status_of(
        owner
            .patch(&path, json!({"name": "renamed", "manager_ids": [other.id]}))
            .await,
    )
    .await;
    assert_eq!(status, 422);
    let still: Project = owner.get(&path).await.json().await.unwrap();
    assert_eq!(still, project, "a refused update changes nothing");
}

#[actix_web::test]
async fn stages_are_managed_by_admins_and_set_the_client_status() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let member = app
        .staff_member(&owner, "leo@acme.example", StaffRole::Member)
        .await;
    let brief = app.stage(&owner, "Brief", "in_progress").await;
    let review = app.stage(&owner, "Client review", "ready_for_review").await;
    assert_eq!(review.position, brief.position + 1);
    let (status, _) = status_of(
        member
            .post(
                "/api/v1/stages",
                json!({"name": "x", "client_status": "approved"}),
            )
            .await,
    )
    .await;
    assert_eq!(status, 403);
    let stage_path = format!("/api/v1/stages/{}", review.id);
    assert_eq!(member.delete(&stage_path).await.status(), 403);
    let listed: Value = member.get("/api/v1/stages").await.json().await.unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    let (status, err) = status_of(
        owner
            .post(
                "/api/v1/stages",
                json!({"name": "", "client_status": "approved"}),
            )
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(err["error"]["fields"]["name"].is_string());

    let client = app.client(&owner, "Blue Peak").await;
    let project = app
        .project_with(
            &member,
            json!({"client_id": client.id, "name": "Site", "stage_id": brief.id}),
        )
        .await;
    assert_eq!(project.stage_name.as_deref(), Some("Brief"));
    let path = format!("/api/v1/projects/{}", project.id);
    let moved: Project = member
        .patch(&path, json!({"stage_id": review.id}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(moved.client_status, WorkStatus::ReadyForReview);
    assert_eq!(moved.stage_name.as_deref(), Some("Client review"));
    let explicit: Project = member
        .patch(
            &path,
            json!({"stage_id": brief.id, "client_status": "on_hold"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(explicit.client_status, WorkStatus::OnHold, "explicit wins");

    let milestone = app
        .milestone_with(
            &member,
            &project,
            json!({"title": "Homepage", "stage_id": review.id}),
        )
        .await;
    assert_eq!(milestone.client_status, WorkStatus::ReadyForReview);
    let mpath = format!(
        "/api/v1/projects/{}/milestones/{}",
        project.id, milestone.id
    );
    let m: Milestone = member
        .patch(&mpath, json!({"stage_id": brief.id}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(m.client_status, WorkStatus::InProgress);

    // Remapping a stage leaves existing work alone; deleting it keeps the client status.
    let res = owner
        .patch(&stage_path, json!({"client_status": "approved"}))
        .await;
    assert_eq!(res.status(), 200);
    member
        .patch(&path, json!({"stage_id": review.id}))
        .await
        .error_for_status()
        .unwrap();
    let before: Project = member.get(&path).await.json().await.unwrap();
    assert_eq!(before.client_status, WorkStatus::Approved);
    assert_eq!(owner.delete(&stage_path).await.status(), 204);
    let after: Project = member.get(&path).await.json().await.unwrap();
    assert_eq!(after.stage_id, None);
    assert_eq!(after.client_status, WorkStatus::Approved);
    assert_eq!(owner.delete(&stage_path).await.status(), 404);
}

#[actix_web::test]
async fn milestones_and_tasks_are_created_updated_and_deleted() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let other = app.org("other").await;
    let client = app.client(&owner, "Blue Peak").await;
    let project = app.project(&owner, &client, "Site").await;
    let second = app.project(&owner, &client, "Other").await;
    let one = app.milestone(&owner, &project, "Design").await;
    let two = app
        .milestone_with(
            &owner,
            &project,
            json!({"title": "Build", "deadline": "2026-07-01", "client_status": "approved"}),
        )
        .await;
    assert_eq!(two.position, one.position + 1);
    assert_eq!(two.client_status, WorkStatus::Approved);
    let elsewhere = app.milestone(&owner, &second, "Elsewhere").await;

    let base = format!("/api/v1/projects/{}", project.id);
    let (status, err) = status_of(
        owner
            .post(&format!("{base}/milestones"), json!({"title": ""}))
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(err["error"]["fields"]["title"], "Enter a title.");

    let task = app
        .task(&owner, &project, "Wireframes", Some(&owner.id))
        .await;
    assert_eq!(task.status, TaskStatus::Todo);
    for (body, field) in [
        (
            json!({"title": "t", "assignee_id": other.id}),
            "assignee_id",
        ),
        (
            json!({"title": "t", "milestone_id": elsewhere.id}),
            "milestone_id",
        ),
        (json!({"title": " "}), "title"),
    ] {
        let (status, err) = status_of(owner.post(&format!("{base}/tasks"), body).await).await;
        assert_eq!(status, 422, "{err}");
        assert!(err["error"]["fields"][field].is_string(), "{err}");
    }
    let tpath = format!("{base}/tasks/{}", task.id);
    let done: Task = owner
        .patch(
            &tpath,
            json!({"status": "done", "milestone_id": one.id, "assignee_id": null}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(done.status, TaskStatus::Done);
    assert_eq!(done.milestone_id.as_deref(), Some(one.id.as_str()));
    assert_eq!(done.assignee_id, None);
    let (status, _) = status_of(owner.patch(&tpath, json!({"assignee_id": other.id})).await).await;
    assert_eq!(status, 422);

    let mpath = format!("{base}/milestones/{}", one.id);
    assert_eq!(owner.delete(&mpath).await.status(), 204);
    let list: Vec<Milestone> = owner
        .get(&format!("{base}/milestones"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    let tasks: Vec<Task> = owner
        .get(&format!("{base}/tasks"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(tasks.len(), 1, "a milestone's tasks outlive it");
    assert_eq!(tasks[0].milestone_id, None);
    assert_eq!(owner.delete(&tpath).await.status(), 204);
    assert_eq!(owner.delete(&tpath).await.status(), 404);
    assert_eq!(app.count("tasks"), 0);
}

#[actix_web::test]
async fn projects_list_pages_by_keyset_most_recently_updated_first() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let mut made = Vec::new();
    for name in ["P1", "P2", "P3", "P4", "P5"] {
        made.push(app.project(&owner, &client, name).await);
    }
    // Touching P1 (through a milestone) moves it to the top.
    app.milestone(&owner, &made[0], "Kick-off").await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/projects?limit=2&cursor={c}"),
            None => "/api/v1/projects?limit=2".into(),
        };
        let page: Value = owner.get(&path).await.json().await.unwrap();
        for item in page["items"].as_array().unwrap() {
            seen.push(item["name"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, ["P1", "P5", "P4", "P3", "P2"]);
    let (status, err) = status_of(owner.get("/api/v1/projects?cursor=nonsense").await).await;
    assert_eq!(status, 400);
    assert_eq!(err["error"]["code"], "invalid_cursor");
}

#[actix_web::test]
async fn staff_list_names_the_active_staff_of_the_callers_org_only() {
    use atrium::db::schema::staff_users::dsl::{active, staff_users};
    use diesel::prelude::*;
    use shared_types::staff::StaffMember;

    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let leo = app
        .staff_member(&owner, "leo@acme.example", StaffRole::Member)
        .await;
    let gone = app
        .staff_member(&owner, "gone@acme.example", StaffRole::Member)
        .await;
    app.conn(|c| {
        diesel::update(staff_users.find(&gone.id))
            .set(active.eq(false))
            .execute(c)
    })
    .expect("deactivate");
    let other = app.org("other").await;

    let list: Vec<StaffMember> = leo.get("/api/v1/staff").await.json().await.unwrap();
    let mut ids: Vec<&str> = list.iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    let mut expected = vec![owner.id.as_str(), leo.id.as_str()];
    expected.sort_unstable();
    assert_eq!(ids, expected, "active staff of acme only");
    let leo_row = list.iter().find(|s| s.id == leo.id).unwrap();
    assert_eq!(leo_row.email, "leo@acme.example");
    assert_eq!(leo_row.role, StaffRole::Member);

    let theirs: Vec<StaffMember> = other.get("/api/v1/staff").await.json().await.unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].id, other.id);

    let res = app
        .browser()
        .get(app.url("/api/v1/staff"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}
