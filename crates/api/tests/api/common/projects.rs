//! Builders for projects, stages, milestones and tasks, driven through the staff API.

use super::{Staff, TestApp};
use serde_json::{json, Value};
use shared_types::projects::{Milestone, Project, Stage, Task};
use shared_types::staff::Client;

impl TestApp {
    pub async fn stage(&self, staff: &Staff, name: &str, client_status: &str) -> Stage {
        let res = staff
            .post(
                "/api/v1/stages",
                json!({ "name": name, "client_status": client_status }),
            )
            .await;
        assert_eq!(res.status(), 201, "create stage");
        res.json().await.expect("stage json")
    }

    pub async fn project(&self, staff: &Staff, client: &Client, name: &str) -> Project {
        self.project_with(staff, json!({ "client_id": client.id, "name": name }))
            .await
    }

    /// A project from a full `ProjectCreate` body.
    pub async fn project_with(&self, staff: &Staff, body: Value) -> Project {
        let res = staff.post("/api/v1/projects", body).await;
        assert_eq!(res.status(), 201, "create project");
        res.json().await.expect("project json")
    }

    pub async fn milestone(&self, staff: &Staff, project: &Project, title: &str) -> Milestone {
        self.milestone_with(staff, project, json!({ "title": title }))
            .await
    }

    pub async fn milestone_with(&self, staff: &Staff, project: &Project, body: Value) -> Milestone {
        let res = staff
            .post(&format!("/api/v1/projects/{}/milestones", project.id), body)
            .await;
        assert_eq!(res.status(), 201, "create milestone");
        res.json().await.expect("milestone json")
    }

    pub async fn task(
        &self,
        staff: &Staff,
        project: &Project,
        title: &str,
        assignee: Option<&str>,
    ) -> Task {
        let res = staff
            .post(
                &format!("/api/v1/projects/{}/tasks", project.id),
                json!({ "title": title, "assignee_id": assignee }),
            )
            .await;
        assert_eq!(res.status(), 201, "create task");
        res.json().await.expect("task json")
    }

    /// Sets a staff user's phone number (there is no staff profile endpoint yet).
    pub fn set_staff_phone(&self, staff_id: &str, number: &str) {
        use atrium::db::schema::staff_users::dsl::*;
        use diesel::prelude::*;
        self.conn(|c| {
            diesel::update(staff_users.find(staff_id))
                .set(phone.eq(number))
                .execute(c)
        })
        .expect("set phone");
    }
}

impl Staff {
    pub async fn put(&self, path: &str, body: Value) -> reqwest::Response {
        self.http
            .put(self.url(path))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .expect("request")
    }

    /// Makes these staff the client's account managers.
    pub async fn set_account_managers(&self, client: &Client, staff_ids: &[&str]) {
        let res = self
            .put(
                &format!("/api/v1/clients/{}/managers", client.id),
                json!({ "staff_ids": staff_ids }),
            )
            .await;
        assert_eq!(res.status(), 200, "set account managers");
    }
}
