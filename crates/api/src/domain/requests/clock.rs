//! The response clock: moving a request's status (pausing while waiting on the client, stopping
//! on resolution), the organization's targets per priority, the due times they give, and the
//! figures the metrics report.

use crate::db::requests::RequestRow;
use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use shared_types::requests::{RequestPriority, RequestStatus, ResponseDue, ResponseTarget};

/// The target for `priority` among the organization's `targets` (the built-in one if missing).
pub fn target_for(targets: &[ResponseTarget], priority: RequestPriority) -> ResponseTarget {
    targets
        .iter()
        .find(|t| t.priority == priority)
        .copied()
        .unwrap_or_else(|| {
            let (first, resolution) = priority.default_targets();
            ResponseTarget {
                priority,
                first_response_minutes: first,
                resolution_minutes: resolution,
            }
        })
}

/// When the agency aims to reply and to resolve, by `target` (nothing once done).
pub fn due(row: &RequestRow, target: &ResponseTarget, now: NaiveDateTime) -> ResponseDue {
    if !row.status.is_active() {
        return ResponseDue::default();
    }
    let paused = TimeDelta::seconds(paused_by(row, now));
    let reply_by = row.first_response_at.is_none().then(|| {
        row.created_at + TimeDelta::minutes(target.first_response_minutes.into()) + paused
    });
    let resolve_by = row.created_at + TimeDelta::minutes(target.resolution_minutes.into()) + paused;
    ResponseDue {
        reply_by: reply_by.map(utc),
        resolve_by: Some(utc(resolve_by)),
    }
}

/// A due time has passed.
pub fn breached(due: &ResponseDue, now: NaiveDateTime) -> bool {
    let now = utc(now);
    due.reply_by.is_some_and(|t| t < now) || due.resolve_by.is_some_and(|t| t < now)
}

/// Minutes to the first response, with the clock paused while waiting on the client.
pub fn first_response_minutes(row: &RequestRow) -> Option<f64> {
    let at = row.first_response_at?;
    let paused = row.first_response_paused_secs.unwrap_or(0);
    Some((secs(row.created_at, at) - paused).max(0) as f64 / 60.0)
}

/// Minutes to resolution, with the clock paused while waiting on the client.
pub fn resolution_minutes(row: &RequestRow) -> Option<f64> {
    let at = row.resolved_at?;
    Some((secs(row.created_at, at) - row.paused_secs).max(0) as f64 / 60.0)
}

/// The median and 90th percentile (nearest rank) of `values`.
pub fn median_p90(mut values: Vec<f64>) -> (Option<f64>, Option<f64>) {
    if values.is_empty() {
        return (None, None);
    }
    values.sort_by(f64::total_cmp);
    let rank = |p: f64| {
        let n = values.len() as f64;
        let i = ((p * n).ceil() as usize).clamp(1, values.len()) - 1;
        values[i]
    };
    let median = if values.len() % 2 == 1 {
        values[values.len() / 2]
    } else {
        (values[values.len() / 2 - 1] + values[values.len() / 2]) / 2.0
    };
    (Some(median), Some(rank(0.9)))
}

fn secs(from: NaiveDateTime, to: NaiveDateTime) -> i64 {
    (to - from).num_seconds().max(0)
}

/// Paused time so far, counting a wait that is still going on.
pub(super) fn paused_by(row: &RequestRow, now: NaiveDateTime) -> i64 {
    row.paused_secs + row.waiting_since.map_or(0, |w| secs(w, now))
}

/// Moves `row` to `status`, keeping the clock: a wait on the client pauses it; resolving or
/// closing stops it; reopening clears the resolution. Does not save or record.
pub(super) fn set_status(row: &mut RequestRow, status: RequestStatus, now: NaiveDateTime) {
    if row.status == RequestStatus::WaitingOnClient && status != RequestStatus::WaitingOnClient {
        row.paused_secs = paused_by(row, now);
        row.waiting_since = None;
    }
    if status == RequestStatus::WaitingOnClient && row.status != RequestStatus::WaitingOnClient {
        row.waiting_since = Some(now);
    }
    match status {
        RequestStatus::Resolved => row.resolved_at = row.resolved_at.or(Some(now)),
        RequestStatus::Closed => {
            row.resolved_at = row.resolved_at.or(Some(now));
            row.closed_at = Some(now);
        }
        _ => {
            row.resolved_at = None;
            row.closed_at = None;
        }
    }
    row.status = status;
    row.updated_at = now;
}

fn utc(at: NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(at, Utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_p90_follow_nearest_rank() {
        assert_eq!(median_p90(vec![]), (None, None));
        assert_eq!(median_p90(vec![5.0]), (Some(5.0), Some(5.0)));
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(median_p90(ten), (Some(5.5), Some(9.0)));
        assert_eq!(median_p90(vec![30.0, 10.0, 20.0]), (Some(20.0), Some(30.0)));
    }
}
