//! Sliding-window counters of sign-in failures and link requests, per account and per IP.

use super::schema::login_attempts;
use super::{new_id, DbConn};
use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

/// One counter: a scope (`portal_login`, `portal_magic`, `staff_login`) and a subject
/// (`acct:<email>` or `ip:<address>`) with the most attempts allowed inside the window. Handlers
/// use them through `auth::throttle::Throttle`.
pub struct Limit<'a> {
    pub subject: &'a str,
    pub max: i64,
}

/// When any limit is reached: the seconds until the oldest counted attempt leaves the window.
pub fn retry_after(
    conn: &mut DbConn,
    scope: &str,
    limits: &[Limit<'_>],
    window: TimeDelta,
    now: NaiveDateTime,
) -> QueryResult<Option<i64>> {
    let since = now - window;
    for limit in limits {
        let recent: Vec<NaiveDateTime> = login_attempts::table
            .filter(login_attempts::scope.eq(scope))
            .filter(login_attempts::subject.eq(limit.subject))
            .filter(login_attempts::created_at.gt(since))
            .order(login_attempts::created_at.desc())
            .limit(limit.max)
            .select(login_attempts::created_at)
            .load(conn)?;
        if recent.len() as i64 >= limit.max {
            // The attempt that must age out before another is allowed.
            let oldest = recent.last().copied().unwrap_or(now);
            let retry_after = (oldest + window - now).num_seconds().max(1);
            return Ok(Some(retry_after));
        }
    }
    Ok(None)
}

pub fn record(
    conn: &mut DbConn,
    scope: &str,
    subjects: &[&str],
    now: NaiveDateTime,
) -> QueryResult<()> {
    for subject in subjects {
        diesel::insert_into(login_attempts::table)
            .values((
                login_attempts::id.eq(new_id()),
                login_attempts::scope.eq(scope),
                login_attempts::subject.eq(*subject),
                login_attempts::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// A successful sign-in forgives the account's earlier failures (the IP's remain counted).
pub fn clear(conn: &mut DbConn, scope: &str, subject: &str) -> QueryResult<()> {
    diesel::delete(
        login_attempts::table
            .filter(login_attempts::scope.eq(scope))
            .filter(login_attempts::subject.eq(subject)),
    )
    .execute(conn)?;
    Ok(())
}

pub fn purge_older_than(conn: &mut DbConn, cutoff: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(login_attempts::table.filter(login_attempts::created_at.lt(cutoff)))
        .execute(conn)
}
