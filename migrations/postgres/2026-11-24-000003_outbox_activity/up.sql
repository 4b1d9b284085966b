-- The transactional email outbox (drained by the mail worker) and the activity log.
CREATE TABLE email_outbox (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT REFERENCES organizations(id) ON DELETE CASCADE,
    to_addr TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX email_outbox_due ON email_outbox (status, next_attempt_at);

CREATE TABLE activity_events (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    client_id TEXT REFERENCES clients(id) ON DELETE CASCADE,
    actor_kind TEXT NOT NULL,
    actor_id TEXT,
    verb TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id TEXT,
    summary TEXT NOT NULL,
    client_visible BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX activity_events_client ON activity_events (client_id, created_at);
CREATE INDEX activity_events_org ON activity_events (org_id, created_at);
