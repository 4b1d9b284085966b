-- Projects, their milestones and tasks, the organization's pipeline stages, and who manages what.
CREATE TABLE pipeline_stages (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- The only thing clients ever see of a stage.
    client_status TEXT NOT NULL,
    position INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX pipeline_stages_org ON pipeline_stages (org_id, position);

CREATE TABLE projects (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    stage_id TEXT REFERENCES pipeline_stages(id) ON DELETE SET NULL,
    client_status TEXT NOT NULL,
    start_date DATE,
    due_date DATE,
    archived_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- The portal lists a client's projects; staff list an organization's.
CREATE INDEX projects_client ON projects (client_id, updated_at, id);
CREATE INDEX projects_org ON projects (org_id, updated_at, id);

CREATE TABLE project_managers (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    staff_user_id TEXT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, staff_user_id)
);

CREATE TABLE client_managers (
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    staff_user_id TEXT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
    PRIMARY KEY (client_id, staff_user_id)
);

CREATE TABLE milestones (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    stage_id TEXT REFERENCES pipeline_stages(id) ON DELETE SET NULL,
    client_status TEXT NOT NULL,
    deadline DATE,
    position INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX milestones_client_project ON milestones (client_id, project_id, position);

CREATE TABLE tasks (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    milestone_id TEXT REFERENCES milestones(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    assignee_id TEXT REFERENCES staff_users(id) ON DELETE SET NULL,
    status TEXT NOT NULL,
    due_date DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX tasks_client_project ON tasks (client_id, project_id);

-- Staff contact details for the client-facing team widget.
ALTER TABLE staff_users ADD COLUMN phone TEXT;
