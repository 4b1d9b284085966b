-- What the notification dispatcher needs beyond the summary: the comment of a comment event, the
-- client status a project or milestone moved to, the due date a reminder is about.
ALTER TABLE events ADD COLUMN detail TEXT;

-- One row per person told about an event (in-app always; email by preference). A contact's rows
-- are only ever made from client-visible events (see domain::notify). `email_state`: `none` (no
-- email wanted), `pending` (due at `email_due_at`, batched with the recipient's other pending
-- rows), `sent`, or `skipped` (read in the app before the email went out).
CREATE TABLE notifications (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    recipient_kind TEXT NOT NULL,
    recipient_id TEXT NOT NULL,
    client_id TEXT REFERENCES clients(id) ON DELETE CASCADE,
    event_seq BIGINT NOT NULL,
    category TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT NOT NULL,
    read_at TIMESTAMP,
    email_state TEXT NOT NULL,
    email_due_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX notifications_once ON notifications (recipient_id, event_seq);
CREATE INDEX notifications_email_due ON notifications (email_state, email_due_at);

-- A person's email choice per category: `instant` (batched), `daily` (one digest a day) or `off`.
-- No row means `instant`.
CREATE TABLE notification_prefs (
    recipient_id TEXT NOT NULL,
    category TEXT NOT NULL,
    email TEXT NOT NULL,
    PRIMARY KEY (recipient_id, category)
);

INSERT INTO event_cursors (subscriber, last_seq)
SELECT 'notify', COALESCE(MAX(seq), 0) FROM events;
