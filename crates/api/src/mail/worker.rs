//! Drains the outbox: wakes when a handler queues mail (or every poll interval), sends what is
//! due, and reschedules failures with exponential backoff. Also runs hourly housekeeping.

use super::transport::Transport;
use crate::db::{outbox, rate_limit, sessions, Db};
use crate::state::AppState;
use chrono::TimeDelta;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub fn spawn(state: Arc<AppState>, transport: Transport) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let poll = Duration::from_secs(state.config.mail_poll_secs.max(1));
        let mut last_housekeeping: Option<Instant> = None;
        loop {
            if let Err(err) = drain(&state, &transport).await {
                tracing::warn!(error = %err, "mail worker pass failed");
            }
            if last_housekeeping.is_none_or(|t| t.elapsed() > Duration::from_secs(3600)) {
                housekeeping(&state).await;
                last_housekeeping = Some(Instant::now());
            }
            tokio::select! {
                _ = state.mail_wake.notified() => {}
                _ = tokio::time::sleep(poll) => {}
            }
        }
    })
}

async fn drain(state: &AppState, transport: &Transport) -> anyhow::Result<()> {
    let retry_base = TimeDelta::seconds(state.config.mail_retry_base_secs.max(1));
    loop {
        let now = state.now();
        let batch = state
            .db
            .run(move |conn| Ok(outbox::claim_due(conn, now, 20)?))
            .await?;
        if batch.is_empty() {
            return Ok(());
        }
        for row in batch {
            let result = transport.send(&state.config.mail_from, &row).await;
            let now = state.now();
            let db: &Db = &state.db;
            match result {
                Ok(()) => {
                    let id = row.id.clone();
                    db.run(move |conn| Ok(outbox::mark_sent(conn, &id, now)?))
                        .await?;
                    tracing::info!(outbox_id = %row.id, "mail delivered");
                }
                Err(err) => {
                    let message = format!("{err:#}");
                    tracing::warn!(outbox_id = %row.id, attempt = row.attempts + 1, error = %message, "mail delivery failed; will retry");
                    db.run(move |conn| {
                        Ok(outbox::mark_failed(conn, &row, &message, retry_base, now)?)
                    })
                    .await?;
                }
            }
        }
    }
}

async fn housekeeping(state: &AppState) {
    let now = state.now();
    let idle_cutoff = now - TimeDelta::days(state.config.session_idle_days);
    let window = TimeDelta::seconds(state.config.rate_limit_window_secs);
    let result = state
        .db
        .run(move |conn| {
            let sessions = sessions::purge_expired(conn, idle_cutoff, now)?;
            let attempts = rate_limit::purge_older_than(conn, now - window * 4)?;
            Ok((sessions, attempts))
        })
        .await;
    match result {
        Ok((s, a)) => tracing::debug!(sessions = s, attempts = a, "housekeeping done"),
        Err(err) => tracing::warn!(error = %err, "housekeeping failed"),
    }
}
