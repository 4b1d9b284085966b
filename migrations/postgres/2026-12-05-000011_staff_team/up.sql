-- The staff team: a job title beside name and phone, and single-use tokens that let a person set
-- their password (an invitation, 7 days; a reset, 1 hour). Only SHA-256 fingerprints of the
-- tokens are stored. A member invited and not yet joined has an empty password hash (no password
-- verifies against it).
ALTER TABLE staff_users ADD COLUMN title TEXT NOT NULL DEFAULT '';

CREATE TABLE staff_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    staff_user_id TEXT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX staff_tokens_user ON staff_tokens (staff_user_id, purpose);
