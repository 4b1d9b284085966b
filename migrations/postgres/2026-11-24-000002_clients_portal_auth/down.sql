DROP TABLE login_attempts;
DROP TABLE invitations;
DROP TABLE magic_links;
DROP TABLE portal_sessions;
DROP TABLE client_users;
DROP TABLE clients;
