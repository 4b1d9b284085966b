//! The path parameters of routes that address a resource inside another (a client's contact, a
//! project's milestone or task), declared once: the handler reads named fields, and the OpenAPI
//! document takes their names (the path's) and descriptions from here.

use crate::db::contacts::{self, ContactRow};
use crate::db::DbConn;
use diesel::QueryResult;
use serde::Deserialize;
use utoipa::IntoParams;

/// `/clients/{id}/contacts/{contact}`
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ContactPath {
    /// Client id
    #[serde(rename = "id")]
    pub client_id: String,
    /// Contact id (of that client)
    #[serde(rename = "contact")]
    pub contact_id: String,
}

/// `/clients/{id}/contacts/{contact}/sessions/{session}`
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct SessionPath {
    /// Client id
    #[serde(rename = "id")]
    pub client_id: String,
    /// Contact id (of that client)
    #[serde(rename = "contact")]
    pub contact_id: String,
    /// Session id
    #[serde(rename = "session")]
    pub session_id: String,
}

/// `/projects/{id}/milestones/{milestone}`
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct MilestonePath {
    /// Project id
    #[serde(rename = "id")]
    pub project_id: String,
    /// Milestone id
    #[serde(rename = "milestone")]
    pub milestone_id: String,
}

/// `/projects/{id}/tasks/{task}`
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TaskPath {
    /// Project id
    #[serde(rename = "id")]
    pub project_id: String,
    /// Task id
    #[serde(rename = "task")]
    pub task_id: String,
}

crate::web::extract::from_path!(ContactPath, SessionPath, MilestonePath, TaskPath);

impl ContactPath {
    /// The contact the path names, if it is one of that client's in `org_id` (404 otherwise).
    pub fn contact(&self, conn: &mut DbConn, org_id: &str) -> QueryResult<ContactRow> {
        contacts::get(conn, org_id, &self.client_id, &self.contact_id)
    }
}
