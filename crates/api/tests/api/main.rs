//! The integration suite, one binary: the real server over HTTP against a real database
//! (SQLite always; PostgreSQL with `ATRIUM_TEST_BACKEND=postgres`). Helpers are in `common/`.

mod common;

mod approvals;
mod branding;
mod certificate;
mod cli;
mod contract;
mod demo;
mod events;
mod files;
mod gallery;
mod invoice_documents;
mod invoices;
mod mail;
mod media;
mod notifications;
mod openapi;
mod portal_auth;
mod projects;
mod request_path;
mod requests;
mod s3;
mod schema;
mod staff_auth;
mod team;
mod tenancy;
