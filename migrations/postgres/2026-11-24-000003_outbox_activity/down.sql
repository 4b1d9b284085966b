DROP TABLE activity_events;
DROP TABLE email_outbox;
