DROP TABLE api_keys;
DROP TABLE staff_refresh_tokens;
DROP TABLE staff_users;
DROP TABLE organizations;
