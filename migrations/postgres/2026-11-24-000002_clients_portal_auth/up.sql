-- Client companies, their portal contacts, and everything the portal's sign-in needs.
CREATE TABLE clients (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',
    portal_enabled BOOLEAN NOT NULL DEFAULT TRUE,
    can_view_invoices BOOLEAN NOT NULL DEFAULT TRUE,
    can_approve_work BOOLEAN NOT NULL DEFAULT TRUE,
    can_add_comments BOOLEAN NOT NULL DEFAULT TRUE,
    can_submit_requests BOOLEAN NOT NULL DEFAULT TRUE,
    show_team_members BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- Keyset pagination of a tenant's client list, by name then id.
CREATE INDEX clients_org_name ON clients (org_id, name, id);

CREATE TABLE client_users (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    phone TEXT,
    status TEXT NOT NULL DEFAULT 'invited',
    password_hash TEXT,
    -- Per-contact overrides; NULL follows the client's default.
    can_view_invoices BOOLEAN,
    can_approve_work BOOLEAN,
    can_add_comments BOOLEAN,
    can_submit_requests BOOLEAN,
    invited_at TIMESTAMP,
    last_sign_in_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX client_users_org_email ON client_users (org_id, email);
CREATE INDEX client_users_client ON client_users (client_id, name);

CREATE TABLE portal_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    client_user_id TEXT NOT NULL REFERENCES client_users(id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    user_agent TEXT,
    ip TEXT,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX portal_sessions_user ON portal_sessions (client_user_id, last_seen_at);

CREATE TABLE magic_links (
    id TEXT PRIMARY KEY NOT NULL,
    client_user_id TEXT NOT NULL REFERENCES client_users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX magic_links_user ON magic_links (client_user_id);

CREATE TABLE invitations (
    id TEXT PRIMARY KEY NOT NULL,
    client_user_id TEXT NOT NULL REFERENCES client_users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT REFERENCES staff_users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    accepted_at TIMESTAMP
);
CREATE INDEX invitations_user ON invitations (client_user_id);

-- Failed sign-ins and link requests, counted in a sliding window for rate limiting.
CREATE TABLE login_attempts (
    id TEXT PRIMARY KEY NOT NULL,
    scope TEXT NOT NULL,
    subject TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX login_attempts_window ON login_attempts (scope, subject, created_at);
