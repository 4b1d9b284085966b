//! Application state shared by every handler.

use crate::clock::Clock;
use crate::config::Config;
use crate::crypto::Keys;
use crate::db::Db;
use crate::storage::Storage;
use std::sync::Arc;
use tokio::sync::Notify;

pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub clock: Arc<Clock>,
    pub keys: Keys,
    /// Wakes the mail worker as soon as a handler queues an email.
    pub mail_wake: Arc<Notify>,
    /// Where uploaded files' bytes live (`ATRIUM_STORAGE_URL`).
    pub storage: Storage,
    /// Wakes the media worker as soon as an upload is stored.
    pub media_wake: Arc<Notify>,
    /// The live streams open in this process, and what wakes them.
    pub live: Arc<crate::live::Live>,
    /// The PDF fonts, read on first use.
    pub fonts: Arc<crate::pdf::fonts::FontCache>,
}

impl AppState {
    pub fn now(&self) -> chrono::NaiveDateTime {
        self.clock.now()
    }
}
