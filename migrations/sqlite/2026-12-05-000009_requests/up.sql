-- Job requests and support tickets. `contact_id`: the contact the request is from (who opened it,
-- or on whose behalf staff opened it). Counts and `last_activity_at` cover the public thread only:
-- internal notes live in their own table, which no portal query names (docs/SECURITY.md).
-- Response clock: `first_response_at` is the first public staff reply; `paused_secs` adds up the
-- time spent `waiting_on_client` (`waiting_since` is set while it waits), and
-- `first_response_paused_secs` is what had paused by the first response.
CREATE TABLE requests (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    request_type TEXT NOT NULL,
    category TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    priority TEXT NOT NULL,
    priority_rank INTEGER NOT NULL,
    status TEXT NOT NULL,
    contact_id TEXT REFERENCES client_users(id),
    created_by_kind TEXT NOT NULL,
    created_by_id TEXT NOT NULL,
    assignee_id TEXT REFERENCES staff_users(id),
    project_id TEXT REFERENCES projects(id),
    message_count INTEGER NOT NULL,
    last_activity_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    first_response_at TIMESTAMP,
    first_response_paused_secs BIGINT,
    resolved_at TIMESTAMP,
    closed_at TIMESTAMP,
    waiting_since TIMESTAMP,
    paused_secs BIGINT NOT NULL,
    idempotency_key TEXT,
    idempotency_hash TEXT
);
CREATE INDEX requests_client_activity ON requests (client_id, last_activity_at, id);
CREATE INDEX requests_org_activity ON requests (org_id, last_activity_at, id);
CREATE UNIQUE INDEX requests_idempotency ON requests (created_by_id, idempotency_key);

-- The public thread: what the contact and staff wrote to each other.
CREATE TABLE request_messages (
    id TEXT PRIMARY KEY NOT NULL,
    request_id TEXT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    author_kind TEXT NOT NULL,
    author_id TEXT NOT NULL,
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX request_messages_request ON request_messages (request_id, created_at, id);

-- Staff-only notes. Never joined, counted or selected by a portal query.
CREATE TABLE request_notes (
    id TEXT PRIMARY KEY NOT NULL,
    request_id TEXT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL,
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX request_notes_request ON request_notes (request_id, created_at, id);

-- Files attached to a request (`message_id` null) or to one of its public messages.
CREATE TABLE request_files (
    id TEXT PRIMARY KEY NOT NULL,
    request_id TEXT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    message_id TEXT REFERENCES request_messages(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    file_id TEXT NOT NULL REFERENCES files(id),
    position INTEGER NOT NULL
);
CREATE INDEX request_files_request ON request_files (request_id, position);
CREATE INDEX request_files_file ON request_files (file_id);

-- The organization's response targets per priority (no row: the built-in defaults).
CREATE TABLE request_targets (
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    priority TEXT NOT NULL,
    first_response_minutes INTEGER NOT NULL,
    resolution_minutes INTEGER NOT NULL,
    PRIMARY KEY (org_id, priority)
);

-- A category's default assignee.
CREATE TABLE request_routes (
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    request_type TEXT NOT NULL,
    category TEXT NOT NULL,
    assignee_id TEXT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
    PRIMARY KEY (org_id, request_type, category)
);
