//! Sessions and API tokens (stored as hashes only) and the failed-login record that
//! drives throttling. Both live in the database so several app processes agree.

use crate::sql::Sql;
use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;
use std::collections::HashMap;

#[derive(Debug, Clone, FromRow)]
pub struct SessionRow {
    pub token_hash: String,
    pub user_id: i64,
    pub kind: String,
    pub mfa_pending: i64,
    pub created_at: Millis,
    pub last_seen_at: Millis,
    pub expires_at: Millis,
}

pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    /// "web" or "api".
    pub kind: &'a str,
    pub mfa_pending: bool,
    pub expires_at: Millis,
    pub address: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}

pub async fn insert(c: &mut Conn, s: &NewSession<'_>, now: Millis) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, kind, mfa_pending, created_at, last_seen_at, expires_at, address, user_agent)
         VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8)",
    )
    .bind(s.token_hash)
    .bind(s.user_id)
    .bind(s.kind)
    .bind(s.mfa_pending as i64)
    .bind(now)
    .bind(s.expires_at)
    .bind(s.address)
    .bind(s.user_agent)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn get(c: &mut Conn, token_hash: &str) -> Result<Option<SessionRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT token_hash, user_id, kind, mfa_pending, created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(c)
    .await?)
}

pub async fn touch(
    c: &mut Conn,
    token_hash: &str,
    now: Millis,
    expires_at: Millis,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE token_hash = $1")
        .bind(token_hash)
        .bind(now)
        .bind(expires_at)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn delete(c: &mut Conn, token_hash: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(c)
        .await?;
    Ok(())
}

/// Ends every session (and API token) of a user; returns how many.
pub async fn delete_all_for_user(c: &mut Conn, user: i64) -> Result<u64, StoreError> {
    Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user)
        .execute(c)
        .await?
        .rows_affected())
}

pub async fn delete_expired(c: &mut Conn, now: Millis) -> Result<u64, StoreError> {
    Ok(sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
        .bind(now)
        .execute(c)
        .await?
        .rows_affected())
}

pub async fn record_failure(c: &mut Conn, key: &str, now: Millis) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
        .bind(key)
        .bind(now)
        .execute(c)
        .await?;
    Ok(())
}

/// Failures for `key` since `since`, and the latest one.
pub async fn failures_since(
    c: &mut Conn,
    key: &str,
    since: Millis,
) -> Result<(i64, Option<Millis>), StoreError> {
    Ok(
        sqlx::query_as("SELECT COUNT(*), MAX(at) FROM login_failures WHERE key = $1 AND at >= $2")
            .bind(key)
            .bind(since)
            .fetch_one(c)
            .await?,
    )
}

pub async fn clear_failures(c: &mut Conn, key: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM login_failures WHERE key = $1")
        .bind(key)
        .execute(c)
        .await?;
    Ok(())
}

/// Forgets failures older than `before`: they no longer count towards any lock.
pub async fn delete_failures_before(c: &mut Conn, before: Millis) -> Result<u64, StoreError> {
    Ok(sqlx::query("DELETE FROM login_failures WHERE at < $1")
        .bind(before)
        .execute(c)
        .await?
        .rows_affected())
}

/// One row of a session read with its user as an actor: a row per grant.
#[derive(Debug, Clone, FromRow)]
struct SessionActorRow {
    #[sqlx(flatten)]
    session: SessionRow,
    #[sqlx(flatten)]
    actor: crate::user::ActorGrantRow,
}

/// A session and its user as an actor with their grants: what every signed-in request
/// reads, in one query.
#[derive(Debug, Clone)]
pub struct SessionActor {
    pub session: SessionRow,
    pub actor: crate::user::ActorWithGrants,
}

pub async fn get_with_actor(
    c: &mut Conn,
    token_hash: &str,
) -> Result<Option<SessionActor>, StoreError> {
    let mut found = get_with_actor_many(c, &[token_hash.to_string()]).await?;
    Ok(found.pop().flatten())
}

/// `get_with_actor` for many sessions in one query: an answer per hash, in order (for
/// the requests of a moment, read together; see the service's loader).
pub async fn get_with_actor_many(
    c: &mut Conn,
    token_hashes: &[String],
) -> Result<Vec<Option<SessionActor>>, StoreError> {
    if token_hashes.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<SessionActorRow> = get_with_actor_many_sql(token_hashes)
        .query_as()
        .fetch_all(c)
        .await?;
    Ok(sessions_of(token_hashes, rows))
}

/// `get_with_actor_many` on a SQLite connection driven directly (for the session reader,
/// see `native`): the same query, the same answers.
pub fn get_with_actor_many_native(
    c: &rusqlite::Connection,
    token_hashes: &[String],
) -> Result<Vec<Option<SessionActor>>, StoreError> {
    if token_hashes.is_empty() {
        return Ok(Vec::new());
    }
    let rows = get_with_actor_many_sql(token_hashes).native_rows(c, |r| {
        // The session's seven columns, then the actor's (see the query).
        Ok(SessionActorRow {
            session: SessionRow {
                token_hash: r.get(0)?,
                user_id: r.get(1)?,
                kind: r.get(2)?,
                mfa_pending: r.get(3)?,
                created_at: r.get(4)?,
                last_seen_at: r.get(5)?,
                expires_at: r.get(6)?,
            },
            actor: crate::user::actor_grant_row_native(r, 7)?,
        })
    })?;
    Ok(sessions_of(token_hashes, rows))
}

/// The query of `get_with_actor_many`: the hashes padded to a power of two with the last
/// one, so a handful of statement texts serve every batch size.
fn get_with_actor_many_sql(token_hashes: &[String]) -> Sql {
    let padded = crate::sql::bucket(token_hashes.len());
    let mut q = Sql::new(&format!(
        "SELECT s.token_hash, s.user_id, s.kind, s.mfa_pending, s.created_at, s.last_seen_at, s.expires_at,
            {}
         FROM sessions s JOIN users u ON u.id = s.user_id {}
         WHERE s.token_hash IN {} ORDER BY s.token_hash, g.id",
        crate::user::actor_columns(),
        crate::user::ACTOR_JOINS,
        crate::sql::value_rows(1, padded)
    ));
    let last = &token_hashes[token_hashes.len() - 1];
    for i in 0..padded {
        q.text_arg(token_hashes.get(i).unwrap_or(last).as_str());
    }
    q
}

/// The rows of `get_with_actor_many_sql` as an answer per hash, in order.
fn sessions_of(token_hashes: &[String], rows: Vec<SessionActorRow>) -> Vec<Option<SessionActor>> {
    // The rows of a session are next to each other (ordered by hash).
    let mut by_hash: HashMap<String, SessionActor> = HashMap::new();
    for group in rows.chunk_by(|a, b| a.session.token_hash == b.session.token_hash) {
        let session = group[0].session.clone();
        if let Some(actor) =
            crate::user::fold_actor(group.iter().map(|r| r.actor.clone()).collect())
        {
            by_hash.insert(session.token_hash.clone(), SessionActor { session, actor });
        }
    }
    token_hashes
        .iter()
        .map(|h| by_hash.get(h).cloned())
        .collect()
}
