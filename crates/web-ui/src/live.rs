//! The live stream (Server-Sent Events) as signals: the unread count and a tick that moves on
//! every message, so a badge updates in place and pages that show notifications or activity
//! reload themselves. The browser's `EventSource` reconnects on its own and sends the last id it
//! received, so nothing is lost or repeated across a dropped connection.

use leptos::prelude::*;
use shared_types::notifications::LiveMessage;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{EventSource, MessageEvent};

/// What pages read from the stream. Shared through context.
#[derive(Clone, Copy)]
pub struct Live {
    /// Unread notifications (set by pages that load the count, moved by the stream).
    pub unread: RwSignal<i64>,
    /// Moves on every message: pages showing notifications or activity reload when it does.
    pub tick: RwSignal<u64>,
    /// Whether the stream is open right now.
    pub connected: RwSignal<bool>,
}

impl Live {
    pub fn provide() -> Self {
        let live = Live {
            unread: RwSignal::new(0),
            tick: RwSignal::new(0),
            connected: RwSignal::new(false),
        };
        provide_context(live);
        live
    }
}

pub fn use_live() -> Live {
    expect_context::<Live>()
}

/// An open stream; dropping it closes the connection.
struct Connection {
    source: EventSource,
    _handlers: Vec<Closure<dyn FnMut(MessageEvent)>>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.source.close();
    }
}

/// Answers the address to open, given the id of the last event received (`None` before the
/// first); `None` stops the stream (the user is signed out).
pub type StreamUrl = Rc<dyn Fn(Option<String>) -> Pin<Box<dyn Future<Output = Option<String>>>>>;

/// A stream that stays open while this value lives. The browser reconnects by itself after a
/// dropped connection (sending `Last-Event-ID`); when it gives up instead — the server refused
/// the address, say a staff ticket that has expired — the stream asks `url` for a new address
/// (with the last id received, so nothing is lost or repeated) and opens it after a pause that
/// grows up to a minute.
pub struct Stream {
    inner: Rc<Inner>,
}

struct Inner {
    url: StreamUrl,
    live: Live,
    current: RefCell<Option<Connection>>,
    last_id: RefCell<Option<String>>,
    stopped: Cell<bool>,
    /// Reopenings since the last message (sets the pause).
    failures: Cell<u32>,
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.inner.stopped.set(true);
        self.inner.current.borrow_mut().take();
    }
}

/// `base` with the id to resume after, as a query parameter (`last_event_id`) for a stream the
/// app opens again itself (the browser sends the `Last-Event-ID` header only on its own
/// reconnects).
pub fn resume_at(base: &str, last: Option<&str>) -> String {
    match last {
        Some(id) => {
            let sep = if base.contains('?') { '&' } else { '?' };
            format!("{base}{sep}last_event_id={}", crate::http::encode(id))
        }
        None => base.to_owned(),
    }
}

/// Opens the stream `url` answers and feeds `live` until the returned value is dropped.
pub fn keep_open(url: StreamUrl, live: Live) -> Stream {
    let inner = Rc::new(Inner {
        url,
        live,
        current: RefCell::new(None),
        last_id: RefCell::new(None),
        stopped: Cell::new(false),
        failures: Cell::new(0),
    });
    open(Rc::clone(&inner));
    Stream { inner }
}

fn open(inner: Rc<Inner>) {
    leptos::task::spawn_local(async move {
        if inner.stopped.get() {
            return;
        }
        let last = inner.last_id.borrow().clone();
        let Some(url) = (inner.url)(last).await else {
            return;
        };
        if inner.stopped.get() {
            return;
        }
        let connection = connect(&url, &inner);
        *inner.current.borrow_mut() = connection;
    });
}

/// After the browser gave up on the stream: try again later.
fn reopen_later(inner: &Rc<Inner>) {
    inner.current.borrow_mut().take();
    if inner.stopped.get() {
        return;
    }
    let failures = inner.failures.get().saturating_add(1);
    inner.failures.set(failures);
    let pause = 2_u64.saturating_pow(failures.min(6)).min(60);
    let weak = Rc::downgrade(inner);
    set_timeout(
        move || {
            if let Some(inner) = weak.upgrade() {
                open(inner);
            }
        },
        Duration::from_secs(pause),
    );
}

fn connect(url: &str, inner: &Rc<Inner>) -> Option<Connection> {
    let source = EventSource::new(url).ok()?;
    let live = inner.live;
    let weak = Rc::downgrade(inner);
    let on_message = move |event: MessageEvent| {
        if let Some(inner) = weak.upgrade() {
            inner.failures.set(0);
            let id = event.last_event_id();
            if !id.is_empty() {
                *inner.last_id.borrow_mut() = Some(id);
            }
        }
        let Some(data) = event.data().as_string() else {
            return;
        };
        if let Ok(LiveMessage::Notification { unread, .. }) = serde_json::from_str(&data) {
            live.unread.set(unread);
        }
        live.tick.update(|t| *t = t.wrapping_add(1));
    };
    let mut handlers = Vec::new();
    for name in ["notification", "activity"] {
        let handler = Closure::<dyn FnMut(MessageEvent)>::new(on_message.clone());
        source
            .add_event_listener_with_callback(name, handler.as_ref().unchecked_ref())
            .ok()?;
        handlers.push(handler);
    }
    let open = Closure::<dyn FnMut(MessageEvent)>::new(move |_| live.connected.set(true));
    source.set_onopen(Some(open.as_ref().unchecked_ref()));
    handlers.push(open);
    let weak = Rc::downgrade(inner);
    let watched = source.clone();
    let error = Closure::<dyn FnMut(MessageEvent)>::new(move |_| {
        live.connected.set(false);
        // CONNECTING: the browser retries by itself. CLOSED: it gave up.
        if watched.ready_state() == EventSource::CLOSED {
            if let Some(inner) = weak.upgrade() {
                reopen_later(&inner);
            }
        }
    });
    source.set_onerror(Some(error.as_ref().unchecked_ref()));
    handlers.push(error);
    Some(Connection {
        source,
        _handlers: handlers,
    })
}
