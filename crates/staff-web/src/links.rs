//! The addresses of the dashboard's pages, for links and navigation. Always full paths: the
//! router's `<A>` does not prefix its base (see `web_ui::nav::go`).

use web_ui::http::encode;

/// Where the server serves the app; the router's base.
pub const BASE: &str = "/staff";

/// The home page (the overview) at its canonical address, with the trailing slash the server
/// serves the app at (the router's base-relative "/" would drop it).
pub const HOME: &str = "/staff/";
pub const LOGIN: &str = "/staff/login";
pub const CLIENTS: &str = "/staff/clients";
pub const PROJECTS: &str = "/staff/projects";
pub const APPROVALS: &str = "/staff/approvals";
pub const STAGES: &str = "/staff/stages";
pub const API_KEYS: &str = "/staff/api-keys";
pub const NOTIFICATIONS: &str = "/staff/notifications";
pub const REQUESTS: &str = "/staff/requests";
pub const INVOICES: &str = "/staff/invoices";
pub const REQUEST_METRICS: &str = "/staff/requests/metrics";
pub const TEAM: &str = "/staff/team";
pub const SETTINGS: &str = "/staff/settings";
pub const ACCOUNT: &str = "/staff/account";
pub const FORGOT_PASSWORD: &str = "/staff/forgot-password";

/// True on the home page, with or without its trailing slash.
pub fn is_home(path: &str) -> bool {
    path == BASE || path == HOME
}

pub fn client(id: &str) -> String {
    format!("{CLIENTS}/{}", encode(id))
}

pub fn project(id: &str) -> String {
    format!("{PROJECTS}/{}", encode(id))
}

pub fn approval(id: &str) -> String {
    format!("{APPROVALS}/{}", encode(id))
}

pub fn approval_audit(id: &str) -> String {
    format!("{}/audit", approval(id))
}

/// The "New approval" page, with the project preselected when there is one.
pub fn new_approval(project_id: &str) -> String {
    if project_id.is_empty() {
        format!("{APPROVALS}/new")
    } else {
        format!("{APPROVALS}/new?project={}", encode(project_id))
    }
}

pub fn request(id: &str) -> String {
    format!("{REQUESTS}/{}", encode(id))
}

/// The inbox with these filters (a query string without `?`).
pub fn requests_with(query: &str) -> String {
    if query.is_empty() {
        REQUESTS.to_owned()
    } else {
        format!("{REQUESTS}?{query}")
    }
}

pub fn invoice(id: &str) -> String {
    format!("{INVOICES}/{}", encode(id))
}
