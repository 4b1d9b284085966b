DROP TABLE invoice_payments;
DROP TABLE invoice_taxes;
DROP TABLE invoice_lines;
DROP TABLE invoices;
DROP TABLE invoice_counters;
