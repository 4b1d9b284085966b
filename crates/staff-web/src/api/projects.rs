//! Projects, milestones, tasks, pipeline stages and the organization's staff.

use super::{empty, json, url};
use shared_types::projects::{
    Milestone, MilestoneCreate, MilestoneUpdate, Project, ProjectCreate, ProjectUpdate, Stage,
    StageCreate, StageUpdate, Task, TaskCreate, TaskUpdate,
};
use shared_types::staff::{Client, StaffMember};
use shared_types::Page;
use web_ui::http::encode;
use web_ui::{ApiError, Call};

/// Every live client, for pickers (the API's largest page).
pub async fn all_clients() -> Result<Vec<Client>, ApiError> {
    let page: Page<Client> = json(Call::get(url("/clients?limit=200"))).await?;
    Ok(page.items)
}

/// `GET /staff`: active staff of the organization, by name.
pub async fn list_staff() -> Result<Vec<StaffMember>, ApiError> {
    json(Call::get(url("/staff"))).await
}

/// `GET /projects?client_id=&archived=&cursor=`
pub async fn list_projects(
    client_id: Option<String>,
    archived: Option<bool>,
    cursor: Option<String>,
) -> Result<Page<Project>, ApiError> {
    let mut path = "/projects?limit=50".to_owned();
    if let Some(c) = client_id.filter(|c| !c.is_empty()) {
        path.push_str(&format!("&client_id={}", encode(&c)));
    }
    if let Some(a) = archived {
        path.push_str(&format!("&archived={a}"));
    }
    if let Some(c) = cursor {
        path.push_str(&format!("&cursor={}", encode(&c)));
    }
    json(Call::get(url(&path))).await
}

pub async fn create_project(body: ProjectCreate) -> Result<Project, ApiError> {
    json(Call::post(url("/projects")).json(&body)).await
}

fn project_url(id: &str, rest: &str) -> String {
    url(&format!("/projects/{}{rest}", encode(id)))
}

pub async fn get_project(id: String) -> Result<Project, ApiError> {
    json(Call::get(project_url(&id, ""))).await
}

pub async fn update_project(id: String, body: ProjectUpdate) -> Result<Project, ApiError> {
    json(Call::patch(project_url(&id, "")).json(&body)).await
}

pub async fn archive_project(id: String) -> Result<Project, ApiError> {
    json(Call::post(project_url(&id, "/archive"))).await
}

pub async fn list_milestones(project: String) -> Result<Vec<Milestone>, ApiError> {
    json(Call::get(project_url(&project, "/milestones"))).await
}

pub async fn create_milestone(
    project: String,
    body: MilestoneCreate,
) -> Result<Milestone, ApiError> {
    json(Call::post(project_url(&project, "/milestones")).json(&body)).await
}

pub async fn update_milestone(
    project: String,
    id: String,
    body: MilestoneUpdate,
) -> Result<Milestone, ApiError> {
    let path = project_url(&project, &format!("/milestones/{}", encode(&id)));
    json(Call::patch(path).json(&body)).await
}

pub async fn delete_milestone(project: String, id: String) -> Result<(), ApiError> {
    let path = project_url(&project, &format!("/milestones/{}", encode(&id)));
    empty(Call::delete(path)).await
}

pub async fn list_tasks(project: String) -> Result<Vec<Task>, ApiError> {
    json(Call::get(project_url(&project, "/tasks"))).await
}

pub async fn create_task(project: String, body: TaskCreate) -> Result<Task, ApiError> {
    json(Call::post(project_url(&project, "/tasks")).json(&body)).await
}

pub async fn update_task(project: String, id: String, body: TaskUpdate) -> Result<Task, ApiError> {
    let path = project_url(&project, &format!("/tasks/{}", encode(&id)));
    json(Call::patch(path).json(&body)).await
}

pub async fn delete_task(project: String, id: String) -> Result<(), ApiError> {
    let path = project_url(&project, &format!("/tasks/{}", encode(&id)));
    empty(Call::delete(path)).await
}

pub async fn list_stages() -> Result<Vec<Stage>, ApiError> {
    json(Call::get(url("/stages"))).await
}

pub async fn create_stage(body: StageCreate) -> Result<Stage, ApiError> {
    json(Call::post(url("/stages")).json(&body)).await
}

pub async fn update_stage(id: String, body: StageUpdate) -> Result<Stage, ApiError> {
    json(Call::patch(url(&format!("/stages/{}", encode(&id)))).json(&body)).await
}

pub async fn delete_stage(id: String) -> Result<(), ApiError> {
    empty(Call::delete(url(&format!("/stages/{}", encode(&id))))).await
}
