//! The addresses of the portal's pages, for links and navigation. Always full paths: the router's
//! `<A>` does not prefix its base (see `web_ui::nav::go`).

use shared_types::ApprovalStatus;
use web_ui::http::encode;

/// Where the server serves the app; the router's base.
pub const BASE: &str = "/portal";

/// The home page's canonical address, with the trailing slash the server serves the app at
/// (the router's base-relative "/" would drop it).
pub const HOME: &str = "/portal/";
pub const LOGIN: &str = "/portal/login";
pub const PROJECTS: &str = "/portal/projects";
pub const APPROVALS: &str = "/portal/approvals";
pub const REQUESTS: &str = "/portal/requests";
pub const INVOICES: &str = "/portal/invoices";
pub const GALLERY: &str = "/portal/gallery";
pub const NOTIFICATIONS: &str = "/portal/notifications";
pub const SETTINGS: &str = "/portal/settings";

/// True on the home page, with or without its trailing slash.
pub fn is_home(path: &str) -> bool {
    path == BASE || path == HOME
}

pub fn project(id: &str) -> String {
    format!("{PROJECTS}/{}", encode(id))
}

pub fn approval(id: &str) -> String {
    format!("{APPROVALS}/{}", encode(id))
}

/// The approvals list with one status's tab open.
pub fn approvals_with_status(status: ApprovalStatus) -> String {
    format!("{APPROVALS}?status={}", status.as_str())
}

pub fn request(id: &str) -> String {
    format!("{REQUESTS}/{}", encode(id))
}

pub const NEW_REQUEST: &str = "/portal/requests/new";

/// A file of the client's (an attachment), to open or download.
pub fn file(id: &str) -> String {
    format!("/portal/api/files/{}", encode(id))
}

pub fn invoice(id: &str) -> String {
    format!("{INVOICES}/{}", encode(id))
}
