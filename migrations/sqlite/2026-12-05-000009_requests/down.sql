DROP TABLE request_routes;
DROP TABLE request_targets;
DROP TABLE request_files;
DROP TABLE request_notes;
DROP TABLE request_messages;
DROP TABLE requests;
