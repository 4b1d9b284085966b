-- One event stream replaces the activity log. `seq` orders it: it is taken from `event_counter`
-- inside the writing transaction, so events become visible in `seq` order (a reader that has
-- seen N has seen everything before N). Subscribers (notifications, email, the live feed,
-- webhooks) each keep how far they have read in `event_cursors`.
CREATE TABLE events (
    seq BIGINT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    client_id TEXT REFERENCES clients(id) ON DELETE CASCADE,
    actor_kind TEXT NOT NULL,
    actor_id TEXT,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    summary TEXT NOT NULL,
    client_visible BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX events_client ON events (client_id, seq);
CREATE INDEX events_org ON events (org_id, seq);

INSERT INTO events (seq, org_id, client_id, actor_kind, actor_id, kind, subject_id, summary,
                    client_visible, created_at)
SELECT ROW_NUMBER() OVER (ORDER BY created_at, id), org_id, client_id, actor_kind, actor_id,
       CASE
           WHEN verb = 'status_changed' THEN subject_kind || '_status_changed'
           WHEN verb = 'revoked_access' THEN 'client_access_revoked'
           WHEN verb = 'managers_changed' THEN 'client_managers_changed'
           WHEN verb = 'accepted_invitation' THEN 'contact_joined'
           ELSE subject_kind || '_' || verb
       END,
       COALESCE(subject_id, ''), summary, client_visible, created_at
FROM activity_events;
DROP TABLE activity_events;

CREATE TABLE event_counter (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    last_seq BIGINT NOT NULL
);
INSERT INTO event_counter (id, last_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM events;

CREATE TABLE event_cursors (
    subscriber TEXT PRIMARY KEY NOT NULL,
    last_seq BIGINT NOT NULL
);
