DELETE FROM event_cursors WHERE subscriber = 'notify';
DROP TABLE notification_prefs;
DROP TABLE notifications;
ALTER TABLE events DROP COLUMN detail;
