//! Atrium's server: the portal API (`/portal/api`, cookie sessions), the staff API (`/api/v1`,
//! JWT), the database, mail, and the two SPAs' static files. See `docs/ARCHITECTURE.md`.

pub mod auth;
pub mod certificate;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod cursor;
pub mod db;
pub mod domain;
pub mod error;
pub mod files;
pub mod live;
pub mod mail;
pub mod media;
pub mod notifier;
pub mod openapi;
pub mod pdf;
pub mod portal;
pub mod seed;
pub mod server;
pub mod staff;
pub mod state;
pub mod storage;
pub mod web;
