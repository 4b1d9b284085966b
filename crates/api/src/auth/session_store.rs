//! actix-session's `SessionStore` over the `portal_sessions` table.
//!
//! The cookie carries only a random session key; the row is found by the key's SHA-256. A row
//! past its idle or absolute expiry loads as no session. `update` never re-creates a row that is
//! gone: a revoked session stays revoked even if a request in flight tries to write to it.

use crate::clock::Clock;
use crate::crypto::{random_token, sha256_hex};
use crate::db::sessions::{self, SessionRow};
use crate::db::Db;
use crate::error::ApiError;
use actix_session::storage::{LoadError, SaveError, SessionKey, SessionStore, UpdateError};
use actix_web::cookie::time::Duration;
use anyhow::anyhow;
use chrono::TimeDelta;
use std::collections::HashMap;
use std::sync::Arc;

/// Session-state keys the sign-in handlers write and the store reads into columns.
pub const KEY_CONTACT: &str = "contact_id";
pub const KEY_SESSION_ID: &str = "session_id";
pub const KEY_USER_AGENT: &str = "user_agent";
pub const KEY_IP: &str = "ip";

/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY: TimeDelta = TimeDelta::minutes(1);

type State = HashMap<String, String>;

#[derive(Clone)]
pub struct DbSessionStore {
    pub db: Db,
    pub clock: Arc<Clock>,
    pub idle: TimeDelta,
    pub absolute: TimeDelta,
}

/// Values in actix-session's state are JSON-encoded.
fn state_str(state: &State, key: &str) -> Option<String> {
    state
        .get(key)
        .and_then(|v| serde_json::from_str::<String>(v).ok())
}

fn other(err: ApiError) -> anyhow::Error {
    anyhow!("session store: {err}")
}

impl SessionStore for DbSessionStore {
    async fn load(&self, session_key: &SessionKey) -> Result<Option<State>, LoadError> {
        let hash = sha256_hex(session_key.as_ref());
        let now = self.clock.now();
        let idle = self.idle;
        let row = self
            .db
            .run(move |conn| {
                let Some(row) = sessions::by_key_hash(conn, &hash)? else {
                    return Ok(None);
                };
                if row.expires_at <= now || row.last_seen_at + idle <= now {
                    sessions::delete_by_key_hash(conn, &hash)?;
                    return Ok(None);
                }
                if now - row.last_seen_at >= TOUCH_EVERY {
                    sessions::touch(conn, &row.id, now)?;
                }
                Ok(Some(row))
            })
            .await
            .map_err(|e| LoadError::Other(other(e)))?;
        match row {
            None => Ok(None),
            Some(row) => serde_json::from_str(&row.state)
                .map(Some)
                .map_err(|e| LoadError::Deserialization(e.into())),
        }
    }

    async fn save(&self, state: State, _ttl: &Duration) -> Result<SessionKey, SaveError> {
        let contact_id = state_str(&state, KEY_CONTACT).ok_or_else(|| {
            SaveError::Other(anyhow!("refusing to save a session without a contact"))
        })?;
        let id = state_str(&state, KEY_SESSION_ID).unwrap_or_else(crate::db::new_id);
        let key = random_token();
        let now = self.clock.now();
        let row = SessionRow {
            id,
            key_hash: sha256_hex(&key),
            client_user_id: contact_id,
            state: serde_json::to_string(&state).map_err(|e| SaveError::Serialization(e.into()))?,
            user_agent: state_str(&state, KEY_USER_AGENT),
            ip: state_str(&state, KEY_IP),
            created_at: now,
            last_seen_at: now,
            expires_at: now + self.absolute,
        };
        self.db
            .run(move |conn| sessions::insert(conn, &row))
            .await
            .map_err(|e| SaveError::Other(other(e)))?;
        SessionKey::try_from(key).map_err(|e| SaveError::Other(e.into()))
    }

    async fn update(
        &self,
        session_key: SessionKey,
        state: State,
        _ttl: &Duration,
    ) -> Result<SessionKey, UpdateError> {
        let hash = sha256_hex(session_key.as_ref());
        let json =
            serde_json::to_string(&state).map_err(|e| UpdateError::Serialization(e.into()))?;
        let now = self.clock.now();
        let updated = self
            .db
            .run(move |conn| sessions::update_state(conn, &hash, &json, now))
            .await
            .map_err(|e| UpdateError::Other(other(e)))?;
        if updated {
            Ok(session_key)
        } else {
            Err(UpdateError::Other(anyhow!("session was revoked")))
        }
    }

    async fn update_ttl(&self, _session_key: &SessionKey, _ttl: &Duration) -> anyhow::Result<()> {
        // Expiry is tracked in the row (idle + absolute), not by the cookie's TTL.
        Ok(())
    }

    async fn delete(&self, session_key: &SessionKey) -> anyhow::Result<()> {
        let hash = sha256_hex(session_key.as_ref());
        self.db
            .run(move |conn| sessions::delete_by_key_hash(conn, &hash))
            .await
            .map_err(other)
    }
}
