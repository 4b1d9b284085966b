//! How the tables of `schema.rs` join, and which may appear in one query.

use super::schema::*;

diesel::joinable!(staff_users -> organizations (org_id));
diesel::joinable!(staff_refresh_tokens -> staff_users (staff_user_id));
diesel::joinable!(api_keys -> organizations (org_id));
diesel::joinable!(clients -> organizations (org_id));
diesel::joinable!(client_users -> clients (client_id));
diesel::joinable!(portal_sessions -> client_users (client_user_id));
diesel::joinable!(magic_links -> client_users (client_user_id));
diesel::joinable!(invitations -> client_users (client_user_id));
diesel::joinable!(pipeline_stages -> organizations (org_id));
diesel::joinable!(projects -> clients (client_id));
diesel::joinable!(projects -> pipeline_stages (stage_id));
diesel::joinable!(project_managers -> projects (project_id));
diesel::joinable!(project_managers -> staff_users (staff_user_id));
diesel::joinable!(client_managers -> clients (client_id));
diesel::joinable!(client_managers -> staff_users (staff_user_id));
diesel::joinable!(milestones -> projects (project_id));
diesel::joinable!(milestones -> pipeline_stages (stage_id));
diesel::joinable!(tasks -> projects (project_id));
diesel::joinable!(tasks -> milestones (milestone_id));
diesel::joinable!(tasks -> staff_users (assignee_id));
diesel::joinable!(files -> clients (client_id));
diesel::joinable!(approvals -> projects (project_id));
diesel::joinable!(approvals -> milestones (milestone_id));
diesel::joinable!(approval_versions -> approvals (approval_id));
diesel::joinable!(approval_version_files -> approval_versions (version_id));
diesel::joinable!(approval_version_files -> files (file_id));
diesel::joinable!(approval_comments -> approvals (approval_id));
diesel::joinable!(approval_audit -> approvals (approval_id));
diesel::joinable!(requests -> clients (client_id));
diesel::joinable!(requests -> projects (project_id));
diesel::joinable!(requests -> client_users (contact_id));
diesel::joinable!(requests -> staff_users (assignee_id));
diesel::joinable!(request_messages -> requests (request_id));
diesel::joinable!(request_notes -> requests (request_id));
diesel::joinable!(request_files -> requests (request_id));
diesel::joinable!(request_files -> files (file_id));
diesel::joinable!(invoices -> clients (client_id));
diesel::joinable!(invoice_lines -> invoices (invoice_id));
diesel::joinable!(invoice_taxes -> invoices (invoice_id));
diesel::joinable!(invoice_payments -> invoices (invoice_id));

diesel::allow_tables_to_appear_in_same_query!(
    organizations,
    staff_users,
    staff_refresh_tokens,
    api_keys,
    clients,
    client_users,
    portal_sessions,
    magic_links,
    invitations,
    login_attempts,
    email_outbox,
    events,
    event_counter,
    event_cursors,
    pipeline_stages,
    projects,
    project_managers,
    client_managers,
    milestones,
    tasks,
    files,
    approvals,
    approval_versions,
    approval_version_files,
    approval_comments,
    approval_audit,
    requests,
    request_messages,
    request_notes,
    request_files,
    request_targets,
    request_routes,
    invoice_counters,
    invoices,
    invoice_lines,
    invoice_taxes,
    invoice_payments,
    portal_previews,
);
