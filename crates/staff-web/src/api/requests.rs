//! Requests: the inbox, one request, triage, replies and internal notes, targets and metrics.

use super::{json, url};
use shared_types::requests::{
    RequestCategory, RequestMetrics, RequestPriority, RequestSettings, RequestStatus, RequestType,
    RequestUpdate, StaffReply, StaffRequest, StaffRequestCreate, StaffRequestList, TimelineEntry,
};
use web_ui::http::encode;
use web_ui::{ApiError, Call};

/// The inbox's filters and sort, as they appear in the page's address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxFilter {
    pub request_type: Option<RequestType>,
    pub category: Option<RequestCategory>,
    pub status: Option<RequestStatus>,
    /// Only requests not resolved or closed.
    pub active: bool,
    pub priority: Option<RequestPriority>,
    pub assignee: Option<String>,
    pub client: Option<String>,
    pub unassigned: bool,
    /// `recent` (default), `oldest` or `priority`.
    pub sort: Option<String>,
}

impl InboxFilter {
    /// The query string (without `?`), the same for the page's address and the API call.
    pub fn query(&self) -> String {
        let mut q = Vec::new();
        if let Some(t) = self.request_type {
            q.push(format!("type={t}"));
        }
        if let Some(c) = self.category {
            q.push(format!("category={c}"));
        }
        if let Some(s) = self.status {
            q.push(format!("status={s}"));
        }
        if self.active {
            q.push("active=true".to_owned());
        }
        if let Some(p) = self.priority {
            q.push(format!("priority={p}"));
        }
        if let Some(a) = &self.assignee {
            q.push(format!("assignee={}", encode(a)));
        }
        if let Some(c) = &self.client {
            q.push(format!("client={}", encode(c)));
        }
        if self.unassigned {
            q.push("unassigned=true".to_owned());
        }
        if let Some(s) = &self.sort {
            q.push(format!("sort={}", encode(s)));
        }
        q.join("&")
    }
}

/// `GET /requests`
pub async fn list_requests(
    filter: InboxFilter,
    cursor: Option<String>,
) -> Result<StaffRequestList, ApiError> {
    let mut q = filter.query();
    if let Some(c) = cursor {
        if !q.is_empty() {
            q.push('&');
        }
        q.push_str(&format!("cursor={}", encode(&c)));
    }
    json(Call::get(url(&format!("/requests?{q}")))).await
}

pub async fn get_request(id: String) -> Result<StaffRequest, ApiError> {
    json(Call::get(url(&format!("/requests/{}", encode(&id))))).await
}

/// `PATCH /requests/{id}`: only the fields set change.
pub async fn update_request(id: String, body: RequestUpdate) -> Result<StaffRequest, ApiError> {
    json(Call::patch(url(&format!("/requests/{}", encode(&id)))).json(&body)).await
}

/// `POST /requests/{id}/messages`: a public reply or an internal note.
pub async fn post_request_message(id: String, body: StaffReply) -> Result<TimelineEntry, ApiError> {
    json(Call::post(url(&format!("/requests/{}/messages", encode(&id)))).json(&body)).await
}

/// `GET /requests/metrics?from=&to=` (dates as `YYYY-MM-DD`; empty for the defaults).
pub async fn request_metrics(from: String, to: String) -> Result<RequestMetrics, ApiError> {
    let mut q = Vec::new();
    if !from.is_empty() {
        q.push(format!("from={}", encode(&from)));
    }
    if !to.is_empty() {
        q.push(format!("to={}", encode(&to)));
    }
    json(Call::get(url(&format!(
        "/requests/metrics?{}",
        q.join("&")
    ))))
    .await
}

pub async fn request_settings() -> Result<RequestSettings, ApiError> {
    json(Call::get(url("/requests/settings"))).await
}

pub async fn update_request_settings(body: RequestSettings) -> Result<RequestSettings, ApiError> {
    json(Call::put(url("/requests/settings")).json(&body)).await
}

/// `POST /requests`: a request on a client's behalf.
pub async fn create_request(body: StaffRequestCreate) -> Result<StaffRequest, ApiError> {
    json(Call::post(url("/requests")).json(&body)).await
}
