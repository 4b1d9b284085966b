//! The staff and integration API (`/api/v1`): Bearer JWT, every query scoped by the caller's org.

pub(crate) mod api_keys;
pub(crate) mod approval_comments;
pub(crate) mod approval_versions;
pub(crate) mod approvals;
pub(crate) mod auth;
pub(crate) mod clients;
pub(crate) mod contact_access;
pub(crate) mod contacts;
pub(crate) mod files;
pub(crate) mod managers;
pub(crate) mod milestones;
pub(crate) mod projects;
pub(crate) mod stages;
pub(crate) mod tasks;
pub(crate) mod team;

use crate::auth::StaffUser;
use crate::db::clients::ClientRow;
use crate::db::contacts::ContactRow;
use crate::db::stages::StageRow;
use crate::db::{activity, DbConn};
use crate::error::ApiResult;
use actix_web::web;
use chrono::NaiveDateTime;

/// What a staff action is about, as the activity feed names it.
pub(crate) trait Subject {
    /// The client whose feed the event belongs to, if any.
    fn client_id(&self) -> Option<&str>;
    /// The subject's kind and id.
    fn subject(&self) -> (&'static str, &str);
}

impl Subject for ClientRow {
    fn client_id(&self) -> Option<&str> {
        Some(&self.id)
    }
    fn subject(&self) -> (&'static str, &str) {
        ("client", &self.id)
    }
}

impl Subject for ContactRow {
    fn client_id(&self) -> Option<&str> {
        Some(&self.client_id)
    }
    fn subject(&self) -> (&'static str, &str) {
        ("contact", &self.id)
    }
}

impl Subject for StageRow {
    fn client_id(&self) -> Option<&str> {
        None
    }
    fn subject(&self) -> (&'static str, &str) {
        ("stage", &self.id)
    }
}

/// Records a staff action on `subject` in the activity feed, for staff eyes only (client-visible
/// events, such as status changes, go through `projects::event`).
pub(crate) fn log(
    conn: &mut DbConn,
    user: &StaffUser,
    subject: &impl Subject,
    verb: &str,
    summary: String,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let (subject_kind, subject_id) = subject.subject();
    activity::record(
        conn,
        activity::Event {
            org_id: &user.org_id,
            client_id: subject.client_id(),
            actor_kind: user.kind.as_str(),
            actor_id: Some(&user.id),
            verb,
            subject_kind,
            subject_id: Some(subject_id),
            summary,
            client_visible: false,
        },
        now,
    )
}

/// Every staff route, on one screen.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/auth/login", web::post().to(auth::login))
        .route("/auth/refresh", web::post().to(auth::refresh))
        .route("/auth/logout", web::post().to(auth::logout))
        .route("/auth/me", web::get().to(auth::me))
        .route("/auth/token", web::post().to(auth::exchange_api_key))
        .route("/api-keys", web::get().to(api_keys::list_api_keys))
        .route("/api-keys", web::post().to(api_keys::create_api_key))
        .route("/api-keys/{id}", web::delete().to(api_keys::revoke_api_key))
        .route("/clients", web::get().to(clients::list_clients))
        .route("/clients", web::post().to(clients::create_client))
        .route("/clients/{id}", web::get().to(clients::get_client))
        .route("/clients/{id}", web::patch().to(clients::update_client))
        .route(
            "/clients/{id}/archive",
            web::post().to(clients::archive_client),
        )
        .route(
            "/clients/{id}/revoke-access",
            web::post().to(clients::revoke_client_access),
        )
        .route(
            "/clients/{id}/contacts",
            web::get().to(contacts::list_contacts),
        )
        .route(
            "/clients/{id}/contacts",
            web::post().to(contacts::create_contact),
        )
        .route(
            "/clients/{id}/contacts/{contact}",
            web::patch().to(contacts::update_contact),
        )
        .route(
            "/clients/{id}/contacts/{contact}/invite",
            web::post().to(contact_access::invite_contact),
        )
        .route(
            "/clients/{id}/contacts/{contact}/revoke",
            web::post().to(contact_access::revoke_contact),
        )
        .route(
            "/clients/{id}/contacts/{contact}/sessions",
            web::get().to(contact_access::list_contact_sessions),
        )
        .route(
            "/clients/{id}/contacts/{contact}/sessions",
            web::delete().to(contact_access::end_contact_sessions),
        )
        .route(
            "/clients/{id}/contacts/{contact}/sessions/{session}",
            web::delete().to(contact_access::end_contact_session),
        )
        .route("/clients/{id}/files", web::post().to(files::upload_file))
        .route("/files/{id}", web::get().to(files::download_file))
        .route(
            "/files/{id}/thumbnail",
            web::get().to(files::download_thumbnail),
        )
        .route(
            "/clients/{id}/managers",
            web::get().to(managers::get_client_managers),
        )
        .route(
            "/clients/{id}/managers",
            web::put().to(managers::set_client_managers),
        )
        .route("/staff", web::get().to(team::list_staff))
        .route("/stages", web::get().to(stages::list_stages))
        .route("/stages", web::post().to(stages::create_stage))
        .route("/stages/{id}", web::patch().to(stages::update_stage))
        .route("/stages/{id}", web::delete().to(stages::delete_stage))
        .route("/projects", web::get().to(projects::list_projects))
        .route("/projects", web::post().to(projects::create_project))
        .route("/projects/{id}", web::get().to(projects::get_project))
        .route("/projects/{id}", web::patch().to(projects::update_project))
        .route(
            "/projects/{id}/archive",
            web::post().to(projects::archive_project),
        )
        .route(
            "/projects/{id}/milestones",
            web::get().to(milestones::list_milestones),
        )
        .route(
            "/projects/{id}/milestones",
            web::post().to(milestones::create_milestone),
        )
        .route(
            "/projects/{id}/milestones/{milestone}",
            web::patch().to(milestones::update_milestone),
        )
        .route(
            "/projects/{id}/milestones/{milestone}",
            web::delete().to(milestones::delete_milestone),
        )
        .route("/projects/{id}/tasks", web::get().to(tasks::list_tasks))
        .route("/projects/{id}/tasks", web::post().to(tasks::create_task))
        .route(
            "/projects/{id}/tasks/{task}",
            web::patch().to(tasks::update_task),
        )
        .route(
            "/projects/{id}/tasks/{task}",
            web::delete().to(tasks::delete_task),
        )
        .route("/approvals", web::get().to(approvals::list_approvals))
        .route("/approvals", web::post().to(approvals::create_approval))
        .route("/approvals/{id}", web::get().to(approvals::get_approval))
        .route(
            "/approvals/{id}",
            web::patch().to(approvals::update_approval),
        )
        .route(
            "/approvals/{id}/versions",
            web::post().to(approval_versions::create_version),
        )
        .route(
            "/approvals/{id}/archive",
            web::post().to(approvals::archive_approval),
        )
        .route(
            "/approvals/{id}/comments",
            web::post().to(approval_comments::create_comment),
        )
        .route(
            "/approvals/{id}/audit",
            web::get().to(approval_comments::get_audit),
        )
        .route(
            "/approvals/{id}/certificate",
            web::get().to(approval_comments::get_certificate),
        )
        .route(
            "/approvals/{id}/certificate.pdf",
            web::get().to(approval_comments::get_certificate_pdf),
        );
}
