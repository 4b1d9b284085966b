ALTER TABLE organizations DROP COLUMN storage_quota_bytes;
DROP INDEX files_media_state;
ALTER TABLE files DROP COLUMN media_error;
ALTER TABLE files DROP COLUMN media_state;
