//! HTTP plumbing shared by every route: request ids, security headers, error rendering of
//! extractor failures, health checks, and the SPAs' static files.

pub mod extract;
pub mod fallback;
pub mod headers;
pub mod health;
pub mod paths;
pub mod spa;
pub mod tagged;
