-- The agency's own portal. Branding: a logo and a favicon kept in Atrium's storage (always a PNG
-- Atrium drew itself; the key changes with each upload), the portal's tab title, and the sender
-- name and reply-to address of its emails. A custom portal domain is verified once it answers
-- Atrium's check; emails link to it only then.
ALTER TABLE organizations ADD COLUMN logo_key TEXT;
ALTER TABLE organizations ADD COLUMN favicon_key TEXT;
ALTER TABLE organizations ADD COLUMN portal_title TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN email_from_name TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN email_reply_to TEXT;
ALTER TABLE organizations ADD COLUMN portal_domain_verified_at TIMESTAMP;

-- Each email carries its organization's sender name and reply-to as they were when it was queued.
ALTER TABLE email_outbox ADD COLUMN from_name TEXT;
ALTER TABLE email_outbox ADD COLUMN reply_to TEXT;

-- Staff previewing the portal as a contact: a single-use link (two minutes) opens a read-only
-- session marked with the staff member who opened it.
CREATE TABLE portal_previews (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    staff_user_id TEXT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
    client_user_id TEXT NOT NULL REFERENCES client_users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX portal_previews_org ON portal_previews (org_id, created_at);
-- A preview session names its preview (no foreign key: SQLite cannot drop such a column again).
ALTER TABLE portal_sessions ADD COLUMN preview_id TEXT;
