-- Invoices. Money in the currency's minor units, quantities in thousandths, rates in basis
-- points (shared_types::money). `number` is sequential per organization, taken from
-- `invoice_counters` inside the creating transaction, so concurrent drafts never share or skip
-- a number. Totals are stored as computed when the invoice last changed (the lines, discount,
-- taxes and payments are the source; `domain::invoices` recomputes them on every change).
CREATE TABLE invoice_counters (
    org_id TEXT PRIMARY KEY NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    last_number BIGINT NOT NULL
);

CREATE TABLE invoices (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    project_id TEXT REFERENCES projects(id),
    currency TEXT NOT NULL,
    status TEXT NOT NULL,
    issue_date DATE NOT NULL,
    due_date DATE NOT NULL,
    discount_kind TEXT,
    discount_value BIGINT,
    notes TEXT NOT NULL,
    payment_url TEXT,
    subtotal BIGINT NOT NULL,
    discount_amount BIGINT NOT NULL,
    tax_amount BIGINT NOT NULL,
    total BIGINT NOT NULL,
    paid BIGINT NOT NULL,
    balance BIGINT NOT NULL,
    void_reason TEXT,
    sent_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX invoices_number ON invoices (org_id, number);
CREATE INDEX invoices_client ON invoices (client_id, issue_date, id);

CREATE TABLE invoice_lines (
    id TEXT PRIMARY KEY NOT NULL,
    invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    description TEXT NOT NULL,
    quantity_milli BIGINT NOT NULL,
    unit_price BIGINT NOT NULL,
    amount BIGINT NOT NULL
);
CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id, position);

CREATE TABLE invoice_taxes (
    id TEXT PRIMARY KEY NOT NULL,
    invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    basis_points BIGINT NOT NULL,
    amount BIGINT NOT NULL
);
CREATE INDEX invoice_taxes_invoice ON invoice_taxes (invoice_id, position);

CREATE TABLE invoice_payments (
    id TEXT PRIMARY KEY NOT NULL,
    invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    amount BIGINT NOT NULL,
    paid_on DATE NOT NULL,
    method TEXT NOT NULL,
    reference TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX invoice_payments_invoice ON invoice_payments (invoice_id, recorded_at);

INSERT INTO invoice_counters (org_id, last_number) SELECT id, 0 FROM organizations;
