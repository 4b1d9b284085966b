-- Media processing (thumbnails, dimensions, audio duration and waveform) runs in a background
-- worker after upload: each file records where it stands. Existing rows start `pending`, so the
-- worker processes files uploaded before this migration too.
ALTER TABLE files ADD COLUMN media_state TEXT NOT NULL DEFAULT 'pending';
-- Why processing failed (logged as well); never shown to clients.
ALTER TABLE files ADD COLUMN media_error TEXT;
CREATE INDEX files_media_state ON files (media_state, created_at);

-- Per-organization storage quota in bytes; NULL uses ATRIUM_STORAGE_QUOTA_BYTES.
ALTER TABLE organizations ADD COLUMN storage_quota_bytes BIGINT;
