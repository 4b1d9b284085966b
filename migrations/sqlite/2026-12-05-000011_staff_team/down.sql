DROP TABLE staff_tokens;
ALTER TABLE staff_users DROP COLUMN title;
