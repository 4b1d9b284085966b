DROP TABLE event_cursors;
DROP TABLE event_counter;
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
INSERT INTO activity_events (id, org_id, client_id, actor_kind, actor_id, verb, subject_kind,
                             subject_id, summary, client_visible, created_at)
SELECT 'event-' || seq, org_id, client_id, actor_kind, actor_id, kind,
       substr(kind, 1, instr(kind, '_') - 1), subject_id, summary, client_visible, created_at
FROM events;
DROP TABLE events;
