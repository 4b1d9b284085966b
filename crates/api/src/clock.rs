//! The server's notion of "now". Production reads the system clock; tests move it forward to
//! exercise expiry (sessions, links) without sleeping.

use chrono::{NaiveDateTime, SubsecRound, TimeDelta, Utc};
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(Debug, Default)]
pub struct Clock {
    offset_secs: AtomicI64,
}

impl Clock {
    /// UTC now, truncated to microseconds so SQLite and PostgreSQL store the same value.
    pub fn now(&self) -> NaiveDateTime {
        let offset = TimeDelta::seconds(self.offset_secs.load(Ordering::Relaxed));
        (Utc::now().naive_utc() + offset).trunc_subsecs(6)
    }

    /// Moves this clock forward; only tests call it.
    pub fn advance(&self, by: TimeDelta) {
        self.offset_secs
            .fetch_add(by.num_seconds(), Ordering::Relaxed);
    }
}
