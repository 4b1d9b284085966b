//! `LIMIT n` written into the SQL text instead of bound as a parameter.
//!
//! diesel binds `.limit(n)` as `LIMIT ?`. SQLite's planner reads a bound `LIMIT` while planning, so
//! it marks the prepared statement to be re-prepared whenever that parameter is bound again: every
//! execution parses and plans the whole query anew, and diesel's statement cache saves nothing.
//! With the number in the text, each distinct page size is one cached statement (sizes are bounded,
//! so the cache stays small) and PostgreSQL plans it as well as before.

use diesel::backend::Backend;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::{QueryResult, RunQueryDsl};

/// `query LIMIT n`; `query` must not have a `LIMIT` of its own.
#[derive(Debug, Clone, Copy)]
pub struct LiteralLimit<Q> {
    query: Q,
    limit: u32,
}

/// Adds `LIMIT n` (as text) to a query: see the module documentation.
pub trait LimitLiteralDsl: Sized {
    fn limit_literal(self, limit: i64) -> LiteralLimit<Self> {
        LiteralLimit {
            query: self,
            limit: u32::try_from(limit.max(0)).unwrap_or(u32::MAX),
        }
    }
}

impl<Q: Query> LimitLiteralDsl for Q {}

impl<Q, DB> QueryFragment<DB> for LiteralLimit<Q>
where
    Q: QueryFragment<DB>,
    DB: Backend,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        self.query.walk_ast(out.reborrow())?;
        out.push_sql(" LIMIT ");
        out.push_sql(&self.limit.to_string());
        Ok(())
    }
}

/// Not a static query id: the SQL text differs with `limit`, so the statement cache must key on
/// the text, not on the type.
impl<Q> QueryId for LiteralLimit<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: Query> Query for LiteralLimit<Q> {
    type SqlType = Q::SqlType;
}

impl<Q, Conn> RunQueryDsl<Conn> for LiteralLimit<Q> {}
