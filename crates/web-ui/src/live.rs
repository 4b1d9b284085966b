//! The live stream (Server-Sent Events) as signals: the unread count and a tick that moves on
//! every message, so a badge updates in place and pages that show notifications or activity
//! reload themselves. The browser's `EventSource` reconnects on its own and sends the last id it
//! received, so nothing is lost or repeated across a dropped connection.

use leptos::prelude::*;
use shared_types::notifications::LiveMessage;
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
pub struct Connection {
    source: EventSource,
    _handlers: Vec<Closure<dyn FnMut(MessageEvent)>>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.source.close();
    }
}

/// Opens the stream at `url` and feeds `live`. `None` if the browser refused to open it.
pub fn connect(url: &str, live: Live) -> Option<Connection> {
    let source = EventSource::new(url).ok()?;
    let on_message = move |event: MessageEvent| {
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
        let handler = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
        source
            .add_event_listener_with_callback(name, handler.as_ref().unchecked_ref())
            .ok()?;
        handlers.push(handler);
    }
    let open = Closure::<dyn FnMut(MessageEvent)>::new(move |_| live.connected.set(true));
    source.set_onopen(Some(open.as_ref().unchecked_ref()));
    handlers.push(open);
    let error = Closure::<dyn FnMut(MessageEvent)>::new(move |_| live.connected.set(false));
    source.set_onerror(Some(error.as_ref().unchecked_ref()));
    handlers.push(error);
    Some(Connection {
        source,
        _handlers: handlers,
    })
}
