//! Background job schedules (`jobs`). A runner claims the most overdue job by taking a
//! lease; whoever holds the lease runs it, then sets its next run. A lease that runs out
//! (its runner died) frees the job for another. On PostgreSQL the claim skips rows other
//! processes are claiming (`FOR UPDATE SKIP LOCKED`), so two app processes never run one
//! job at once; SQLite has one writer at a time, and the claim runs in a write transaction.

use crate::{Conn, Engine, Millis, StoreError};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow, PartialEq, Eq, serde::Serialize)]
pub struct JobRow {
    pub id: i64,
    pub kind: String,
    pub run_at: Millis,
    pub locked_until: Option<Millis>,
    pub runs: i64,
    pub failures: i64,
    pub last_error: Option<String>,
    pub last_run_at: Option<Millis>,
}

const SELECT: &str =
    "SELECT id, kind, run_at, locked_until, runs, failures, last_error, last_run_at FROM jobs";

/// Makes sure a schedule of `kind` exists, first due at `run_at`; an existing one is kept.
pub async fn ensure(
    c: &mut Conn,
    kind: &str,
    run_at: Millis,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO jobs (kind, run_at, created_at, updated_at) VALUES ($1, $2, $3, $3)
         ON CONFLICT (kind) DO NOTHING",
    )
    .bind(kind)
    .bind(run_at)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

/// Claims the most overdue job free at `now`, leasing it until `lease_until`.
pub async fn claim(
    c: &mut Conn,
    engine: Engine,
    now: Millis,
    lease_until: Millis,
) -> Result<Option<JobRow>, StoreError> {
    // The engines differ only in the row lock: PostgreSQL skips rows another process is
    // claiming; SQLite's write transaction already excludes every other writer.
    let lock = match engine {
        Engine::Postgres => " FOR UPDATE SKIP LOCKED",
        Engine::Sqlite => "",
    };
    Ok(sqlx::query_as(&format!(
        "UPDATE jobs SET locked_until = $2, updated_at = $1
         WHERE id = (SELECT id FROM jobs WHERE run_at <= $1
                       AND (locked_until IS NULL OR locked_until <= $1)
                     ORDER BY run_at LIMIT 1{lock})
         RETURNING id, kind, run_at, locked_until, runs, failures, last_error, last_run_at"
    ))
    .bind(now)
    .bind(lease_until)
    .fetch_optional(c)
    .await?)
}

/// Releases a job after a run: its next run, and the error if it failed.
pub async fn finish(
    c: &mut Conn,
    id: i64,
    next_run: Millis,
    error: Option<&str>,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE jobs SET run_at = $2, locked_until = NULL, runs = runs + 1,
            failures = failures + CASE WHEN $3 IS NULL THEN 0 ELSE 1 END,
            last_error = $3, last_run_at = $4, updated_at = $4
         WHERE id = $1",
    )
    .bind(id)
    .bind(next_run)
    .bind(error)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn all(c: &mut Conn) -> Result<Vec<JobRow>, StoreError> {
    Ok(sqlx::query_as(&format!("{SELECT} ORDER BY kind"))
        .fetch_all(c)
        .await?)
}
