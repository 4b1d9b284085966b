-- Files (metadata only; bytes live in object storage, added by a later migration's code) and
-- approvals: versions with their files, the comment thread, and the append-only audit trail.
CREATE TABLE files (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    storage_key TEXT NOT NULL,
    -- The uploader's original name: shown, never used as a path.
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    width INTEGER,
    height INTEGER,
    duration_ms BIGINT,
    -- JSON list of peak levels for the audio player.
    waveform TEXT,
    thumbnail_key TEXT,
    uploaded_by_kind TEXT NOT NULL,
    uploaded_by_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX files_client ON files (client_id, created_at, id);
CREATE INDEX files_org ON files (org_id, created_at, id);

CREATE TABLE approvals (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    milestone_id TEXT REFERENCES milestones(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    due_date DATE,
    current_version INTEGER NOT NULL,
    archived_at TIMESTAMP,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP
);
-- The portal lists a client's approvals (by status tab); staff list an organization's.
CREATE INDEX approvals_client ON approvals (client_id, status, due_date);
CREATE INDEX approvals_org ON approvals (org_id, updated_at, id);

CREATE TABLE approval_versions (
    id TEXT PRIMARY KEY NOT NULL,
    approval_id TEXT NOT NULL REFERENCES approvals(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    submitted_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    decision TEXT,
    decided_by_contact TEXT,
    decided_at TIMESTAMP,
    decision_note TEXT,
    UNIQUE (approval_id, number)
);
CREATE INDEX approval_versions_client ON approval_versions (client_id, approval_id, number);

CREATE TABLE approval_version_files (
    version_id TEXT NOT NULL REFERENCES approval_versions(id) ON DELETE CASCADE,
    file_id TEXT NOT NULL REFERENCES files(id) ON DELETE RESTRICT,
    position INTEGER NOT NULL,
    PRIMARY KEY (version_id, file_id)
);

CREATE TABLE approval_comments (
    id TEXT PRIMARY KEY NOT NULL,
    approval_id TEXT NOT NULL REFERENCES approvals(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    version_number INTEGER NOT NULL,
    author_kind TEXT NOT NULL,
    author_id TEXT NOT NULL,
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    timecode_ms BIGINT,
    -- JSON {x, y, w, h}, each relative 0..1.
    region TEXT,
    parent_id TEXT REFERENCES approval_comments(id) ON DELETE SET NULL,
    -- Staff-only: never in a portal response.
    internal BOOLEAN NOT NULL DEFAULT FALSE,
    edited_at TIMESTAMP,
    deleted_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX approval_comments_client ON approval_comments (client_id, approval_id, created_at);

-- Append-only; each row's hash covers its content and the previous row's hash.
CREATE TABLE approval_audit (
    id TEXT PRIMARY KEY NOT NULL,
    approval_id TEXT NOT NULL REFERENCES approvals(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    action TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    version_number INTEGER NOT NULL,
    file_hashes TEXT NOT NULL,
    session_id TEXT,
    ip TEXT,
    detail TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (approval_id, seq)
);
CREATE INDEX approval_audit_client ON approval_audit (client_id, approval_id, seq);
