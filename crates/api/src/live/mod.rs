//! Live updates: Server-Sent Events streams of a person's new notifications and the activity they
//! may see, as they happen.
//!
//! The stream's position is the event stream's: a message's SSE id is `seq * 2 + k` (`k` 0 for
//! the activity entry of event `seq`, 1 for the notification it made), so a reconnecting browser's
//! `Last-Event-ID` says exactly what it has, and nothing is lost or sent twice. A stream reads only
//! events the notification dispatcher has handled (`seq` ≤ its cursor), so a notification is never
//! missed because it was written after its event was streamed.
//!
//! Waking: the dispatcher publishes in-process as soon as it has handled events; for events handled
//! by another server process (several processes behind a load balancer on one PostgreSQL
//! database), `watch_cursor` polls the dispatcher's cursor in the database while streams are open.
//! A stream produces its next batch only when the client has taken the previous one (the response
//! body is pulled), so a slow reader holds at most one batch. Streams are counted per session or
//! staff user and per process, and refused beyond the configured bounds.
//!
//! Shutting down: `Live::close` (on SIGTERM or Ctrl-C) ends every open stream, so a stopping
//! process is not held for its whole shutdown timeout by streams that never finish on their own;
//! browsers reconnect after the `retry:` interval, to whichever process then serves, and resume
//! from their `Last-Event-ID`.

use crate::db::notifications::{self, NotificationRow};
use crate::db::DbConn;
use crate::domain::events::cursor;
use crate::domain::notify;
use crate::error::{ApiError, ApiResult};
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use shared_types::notifications::LiveMessage;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{broadcast, watch};

mod feed;
use feed::activity_between;
pub use feed::{activity_item, activity_page};

/// Most events one catch-up reads; a longer backlog is sent in several batches.
const BATCH_EVENTS: i64 = 200;

/// The notification dispatcher has handled events up to `upto`, of these organizations (`None`:
/// unknown, every stream looks).
#[derive(Debug, Clone)]
pub struct Wake {
    pub upto: i64,
    pub orgs: Option<Arc<[String]>>,
}

/// The process's live streams: the wake-up channel and the counts that bound them.
pub struct Live {
    wake: broadcast::Sender<Wake>,
    /// True once the process is shutting down.
    closing: watch::Sender<bool>,
    open: Mutex<HashMap<String, usize>>,
    total: AtomicUsize,
    per_key: usize,
    max: usize,
}

/// One admitted stream; dropping it (the connection closed) frees its place.
pub struct Admission {
    live: Arc<Live>,
    key: String,
}

impl Drop for Admission {
    fn drop(&mut self) {
        self.live.total.fetch_sub(1, Ordering::SeqCst);
        let mut open = self.live.open.lock().expect("live counts");
        if let Some(n) = open.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.key);
            }
        }
    }
}

impl Live {
    pub fn new(per_key: usize, max: usize) -> Arc<Self> {
        Arc::new(Live {
            wake: broadcast::channel(1024).0,
            closing: watch::channel(false).0,
            open: Mutex::new(HashMap::new()),
            total: AtomicUsize::new(0),
            per_key,
            max,
        })
    }

    pub fn publish(&self, wake: Wake) {
        // No receiver (no stream open) is fine.
        let _ = self.wake.send(wake);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Wake> {
        self.wake.subscribe()
    }

    /// Ends every open stream, and every stream opened from now on, once its pending frames are
    /// sent: the process is shutting down.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// How many streams are open in this process.
    pub fn open_streams(&self) -> usize {
        self.total.load(Ordering::SeqCst)
    }

    /// Admits one more stream for `key` (a session or staff user), within the bounds: 429 past
    /// the per-key bound, 503 past the process's.
    pub fn admit(self: &Arc<Self>, key: String) -> ApiResult<Admission> {
        let mut open = self.open.lock().expect("live counts");
        if self.total.load(Ordering::SeqCst) >= self.max {
            return Err(ApiError::Unavailable(
                "Too many live connections right now; the page will refresh on its own.".into(),
            ));
        }
        let n = open.entry(key.clone()).or_insert(0);
        if *n >= self.per_key {
            return Err(ApiError::RateLimited {
                retry_after_secs: 30,
            });
        }
        *n += 1;
        self.total.fetch_add(1, Ordering::SeqCst);
        Ok(Admission {
            live: self.clone(),
            key,
        })
    }
}

/// Whose stream it is.
#[derive(Debug, Clone)]
pub enum Audience {
    /// A contact: their notifications and the client's visible activity.
    Contact {
        id: String,
        client_id: String,
        org_id: String,
        /// May see requests (`can_submit_requests`); without it, request events stay out.
        sees_requests: bool,
        /// May see invoices (`can_view_invoices`); without it, invoice events stay out.
        sees_invoices: bool,
    },
    /// A staff user: their notifications and the organization's activity.
    Staff { id: String, org_id: String },
}

impl Audience {
    pub fn org_id(&self) -> &str {
        match self {
            Audience::Contact { org_id, .. } | Audience::Staff { org_id, .. } => org_id,
        }
    }

    fn recipient_id(&self) -> &str {
        match self {
            Audience::Contact { id, .. } | Audience::Staff { id, .. } => id,
        }
    }
}

/// A message ready to send, with its stream position.
#[derive(Debug, Clone)]
pub struct Frame {
    pub id: i64,
    pub message: LiveMessage,
}

impl Frame {
    /// The SSE text of this message.
    pub fn to_sse(&self) -> String {
        let event = match self.message {
            LiveMessage::Notification { .. } => "notification",
            LiveMessage::Activity { .. } => "activity",
        };
        let data = serde_json::to_string(&self.message).expect("serializable");
        format!("event: {event}\nid: {}\ndata: {data}\n\n", self.id)
    }
}

/// The stream position that means "everything handled so far": where a new stream starts.
pub fn current_position(conn: &mut DbConn) -> ApiResult<i64> {
    Ok(cursor(conn, notify::NAME)? * 2 + 1)
}

/// One catch-up: the frames, the position reached, and whether more is already waiting.
pub struct Batch {
    pub frames: Vec<Frame>,
    pub position: i64,
    pub more: bool,
}

/// What `audience` has not had since position `after`, oldest first, and the position reached.
pub fn catch_up(conn: &mut DbConn, audience: &Audience, after: i64) -> ApiResult<Batch> {
    let handled = cursor(conn, notify::NAME)?;
    let from_seq = after.div_euclid(2);
    let upto = handled.min(from_seq + BATCH_EVENTS);
    if upto * 2 < after {
        return Ok(Batch {
            frames: Vec::new(),
            position: after,
            more: false,
        });
    }
    let mut frames: Vec<Frame> = activity_between(conn, audience, from_seq - 1, upto)?
        .into_iter()
        .map(|row| Frame {
            id: row.seq * 2,
            message: LiveMessage::Activity {
                activity: activity_item(&row, audience),
            },
        })
        .collect();
    let rows: Vec<NotificationRow> =
        notifications::between(conn, audience.recipient_id(), from_seq - 1, upto)?;
    if !rows.is_empty() {
        let unread = notifications::unread(conn, audience.recipient_id())?;
        frames.extend(rows.into_iter().map(|row| Frame {
            id: row.event_seq * 2 + 1,
            message: LiveMessage::Notification {
                notification: row.to_wire(),
                unread,
            },
        }));
    }
    frames.retain(|f| f.id > after);
    frames.sort_by_key(|f| f.id);
    Ok(Batch {
        frames,
        position: upto * 2 + 1,
        more: upto < handled,
    })
}

/// The `Last-Event-ID` a reconnecting browser sends (or `?last_event_id=` from an app that
/// reopens the stream itself).
pub fn last_event_id(req: &HttpRequest, query: Option<i64>) -> Option<i64> {
    req.headers()
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
        .or(query)
        .filter(|id| *id >= 0)
}

/// How often an idle stream sends a comment line, so proxies keep it open and a closed
/// connection is noticed.
const HEARTBEAT: Duration = Duration::from_secs(20);

struct StreamState<F> {
    fetch: F,
    wake: broadcast::Receiver<Wake>,
    org_id: String,
    position: i64,
    need_fetch: bool,
    pending: VecDeque<Bytes>,
    closing: watch::Receiver<bool>,
    _admission: Admission,
}

/// The SSE response: starts at `start` (catching up first when `resume`), then sends what each
/// wake-up brings. `fetch(after)` authenticates again and runs `catch_up`; when it fails (signed
/// out, access revoked) the stream ends.
pub fn respond<F, Fut>(
    admission: Admission,
    wake: broadcast::Receiver<Wake>,
    org_id: String,
    start: i64,
    resume: bool,
    fetch: F,
) -> HttpResponse
where
    F: Fn(i64) -> Fut + 'static,
    Fut: Future<Output = ApiResult<Batch>> + 'static,
{
    let state = StreamState {
        fetch,
        wake,
        org_id,
        position: start,
        need_fetch: resume,
        pending: VecDeque::from([Bytes::from_static(b"retry: 3000\n: connected\n\n")]),
        closing: admission.live.closing.subscribe(),
        _admission: admission,
    };
    let body = futures_util::stream::unfold(state, |mut st| async move {
        loop {
            if let Some(bytes) = st.pending.pop_front() {
                return Some((Ok::<_, actix_web::Error>(bytes), st));
            }
            if *st.closing.borrow() {
                return None;
            }
            if st.need_fetch {
                match (st.fetch)(st.position).await {
                    Ok(batch) => {
                        st.position = batch.position;
                        st.need_fetch = batch.more;
                        st.pending
                            .extend(batch.frames.iter().map(|f| Bytes::from(f.to_sse())));
                        continue;
                    }
                    Err(err) => {
                        tracing::debug!(error = %err, "live stream ends");
                        return None;
                    }
                }
            }
            tokio::select! {
                changed = st.closing.changed() => {
                    if changed.is_err() {
                        return None;
                    }
                }
                wake = st.wake.recv() => match wake {
                    Ok(w) => {
                        let ours = w.orgs.as_ref().is_none_or(|o| o.contains(&st.org_id));
                        if ours && w.upto * 2 + 1 > st.position {
                            st.need_fetch = true;
                        }
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => st.need_fetch = true,
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                _ = tokio::time::sleep(HEARTBEAT) => {
                    st.pending.push_back(Bytes::from_static(b": ping\n\n"));
                }
            }
        }
    });
    HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((header::CONTENT_ENCODING, "identity"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(body)
}
