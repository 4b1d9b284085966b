DROP TABLE approval_audit;
DROP TABLE approval_comments;
DROP TABLE approval_version_files;
DROP TABLE approval_versions;
DROP TABLE approvals;
DROP TABLE files;
