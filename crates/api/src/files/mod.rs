//! Uploading and serving file bytes. Uploads stream into the object store as they arrive
//! (SHA-256 and size computed on the way, nothing buffered beyond one part); the type is sniffed
//! from the content, never taken from the filename or the client's `Content-Type`. Downloads
//! stream from the store and honour a single HTTP `Range`.
//!
//! Type policy: a recognised image/video/audio/document signature gives that MIME type and kind;
//! anything else (HTML, SVG, scripts, unknown bytes, whatever its name says) is stored as
//! `application/octet-stream` with kind `other` and is always served as an attachment.

mod download;
pub mod intake;
mod upload;

pub use download::{
    content_disposition, parse_range, serve, serve_thumbnail, RangeHeader, RangeResponses,
    Unsatisfiable,
};
pub use upload::{receive, remove, sanitize_filename, sniff, Received};
