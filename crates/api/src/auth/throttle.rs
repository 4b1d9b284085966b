//! The limits a sign-in, a link request or a key exchange is held to: per account (when there is
//! one) and per client IP, counted in a sliding window (`db::rate_limit`). Built from the request
//! before the database hop, then checked, recorded and cleared on the handler's connection.

use super::client_ip;
use crate::config::Config;
use crate::db::rate_limit::{self, Limit};
use crate::db::DbConn;
use crate::error::{unless_limited, ApiResult};
use actix_web::HttpRequest;
use chrono::{NaiveDateTime, TimeDelta};
use diesel::QueryResult;

/// What the request is counted for: failed password sign-ins, or requests for an emailed link.
#[derive(Debug, Clone, Copy)]
pub enum Counted {
    Failures,
    Links,
}

/// The counters one request is held to: its scope, the account's subject (if any) and the
/// client IP's, each with its ceiling, and the sliding window.
#[derive(Debug, Clone)]
pub struct Throttle {
    scope: &'static str,
    account: Option<(String, i64)>,
    ip: (String, i64),
    window: TimeDelta,
}

impl Throttle {
    /// Per IP only (an API-key exchange has no account), at the sign-in failure ceiling.
    pub fn by_ip(config: &Config, req: &HttpRequest, scope: &'static str) -> Self {
        Throttle {
            scope,
            account: None,
            ip: (
                format!("ip:{}", client_ip(req, config.trust_proxy)),
                config.login_max_failures_per_ip,
            ),
            window: TimeDelta::seconds(config.rate_limit_window_secs),
        }
    }

    /// Per account (`email`, already normalised) and per IP, at the ceilings for `counted`.
    pub fn by_account(
        config: &Config,
        req: &HttpRequest,
        scope: &'static str,
        email: &str,
        counted: Counted,
    ) -> Self {
        let (max_account, max_ip) = match counted {
            Counted::Failures => (
                config.login_max_failures_per_account,
                config.login_max_failures_per_ip,
            ),
            Counted::Links => (
                config.magic_link_max_per_account,
                config.magic_link_max_per_ip,
            ),
        };
        let mut throttle = Self::by_ip(config, req, scope);
        throttle.ip.1 = max_ip;
        throttle.account = Some((format!("acct:{email}"), max_account));
        throttle
    }

    /// 429 with the wait while any limit is reached.
    pub fn check(&self, conn: &mut DbConn, now: NaiveDateTime) -> ApiResult<()> {
        let mut limits = Vec::with_capacity(2);
        if let Some((subject, max)) = &self.account {
            limits.push(Limit { subject, max: *max });
        }
        let (subject, max) = &self.ip;
        limits.push(Limit { subject, max: *max });
        let wait = rate_limit::retry_after(conn, self.scope, &limits, self.window, now)?;
        unless_limited(wait)
    }

    /// Counts this attempt against the account and the IP.
    pub fn record(&self, conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<()> {
        let mut subjects = vec![self.ip.0.as_str()];
        if let Some((subject, _)) = &self.account {
            subjects.insert(0, subject.as_str());
        }
        rate_limit::record(conn, self.scope, &subjects, now)
    }

    /// A success forgives the account's earlier failures (the IP's stay counted).
    pub fn forgive_account(&self, conn: &mut DbConn) -> QueryResult<()> {
        match &self.account {
            Some((subject, _)) => rate_limit::clear(conn, self.scope, subject),
            None => Ok(()),
        }
    }
}
