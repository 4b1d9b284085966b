ALTER TABLE staff_users DROP COLUMN phone;
DROP TABLE tasks;
DROP TABLE milestones;
DROP TABLE client_managers;
DROP TABLE project_managers;
DROP TABLE projects;
DROP TABLE pipeline_stages;
