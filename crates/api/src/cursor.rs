//! The one format of keyset-pagination cursors: the last row's sort key and id, opaque to
//! clients (URL-safe base64). A cursor that does not decode is a 400 `invalid_cursor`. Also the
//! one rule for page sizes.

use crate::error::{ApiError, ApiResult};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::NaiveDateTime;
use shared_types::ErrorCode;

const SEPARATOR: char = '\u{1f}';
const TIME: &str = "%Y-%m-%dT%H:%M:%S%.6f";

/// The page size a list request asks for: `default` when absent, else 1 to `max`. Anything else
/// is a 422 on `limit` (never silently changed into another size).
pub fn page_limit(limit: Option<i64>, default: i64, max: i64) -> ApiResult<i64> {
    match limit {
        None => Ok(default),
        Some(n) if (1..=max).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::field(
            "limit",
            format!("Choose a page size from 1 to {max}."),
        )),
    }
}

fn invalid() -> ApiError {
    ApiError::bad_request(ErrorCode::InvalidCursor, "That page cursor is not valid.")
}

/// A cursor after the row whose sort key is `key` and id is `id`.
pub fn encode(key: &str, id: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{key}{SEPARATOR}{id}"))
}

pub fn decode(cursor: &str) -> ApiResult<(String, String)> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (key, id) = text.split_once(SEPARATOR).ok_or_else(invalid)?;
    Ok((key.to_owned(), id.to_owned()))
}

/// The decoded position of a `?cursor=` sorted by time (absent: the first page).
pub fn after_time(cursor: Option<&str>) -> ApiResult<Option<(NaiveDateTime, String)>> {
    cursor.map(decode_time).transpose()
}

/// The decoded position of a `?cursor=` sorted by name (absent: the first page).
pub fn after_name(cursor: Option<&str>) -> ApiResult<Option<(String, String)>> {
    cursor.map(decode).transpose()
}

/// A cursor for lists sorted by a timestamp (microseconds kept, so no row is skipped).
pub fn encode_time(at: NaiveDateTime, id: &str) -> String {
    encode(&at.format(TIME).to_string(), id)
}

pub fn decode_time(cursor: &str) -> ApiResult<(NaiveDateTime, String)> {
    let (at, id) = decode(cursor)?;
    let at = NaiveDateTime::parse_from_str(&at, TIME).map_err(|_| invalid())?;
    Ok((at, id))
}

/// A cursor for lists sorted by a rank, then a timestamp (the staff inbox by priority).
pub fn encode_rank_time(rank: i32, at: NaiveDateTime, id: &str) -> String {
    encode(&format!("{rank}|{}", at.format(TIME)), id)
}

/// The decoded position of a `?cursor=` sorted by rank, then time.
pub fn after_rank_time(cursor: Option<&str>) -> ApiResult<Option<(i32, NaiveDateTime, String)>> {
    cursor
        .map(|c| {
            let (key, id) = decode(c)?;
            let (rank, at) = key.split_once('|').ok_or_else(invalid)?;
            let rank = rank.parse().map_err(|_| invalid())?;
            let at = NaiveDateTime::parse_from_str(at, TIME).map_err(|_| invalid())?;
            Ok((rank, at, id))
        })
        .transpose()
}

/// A cursor for lists sorted by a stream position (notifications, activity).
pub fn encode_seq(seq: i64) -> String {
    encode(&seq.to_string(), "")
}

/// The decoded position of a `?cursor=` sorted by stream position (absent: the first page).
pub fn after_seq(cursor: Option<&str>) -> ApiResult<Option<i64>> {
    cursor
        .map(|c| decode(c).and_then(|(seq, _)| seq.parse().map_err(|_| invalid())))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_garbage() {
        assert_eq!(
            decode(&encode("Blue Peak", "id-1")).unwrap(),
            ("Blue Peak".into(), "id-1".into())
        );
        let at = chrono::DateTime::from_timestamp(1_700_000_000, 123_456_000)
            .unwrap()
            .naive_utc();
        assert_eq!(
            decode_time(&encode_time(at, "x")).unwrap(),
            (at, "x".into())
        );
        assert_eq!(after_seq(Some(&encode_seq(42))).unwrap(), Some(42));
        assert!(after_seq(Some(&encode("x", ""))).is_err());
        assert!(decode("!!!").is_err());
        assert!(decode_time(&encode("not a time", "x")).is_err());
    }
}
