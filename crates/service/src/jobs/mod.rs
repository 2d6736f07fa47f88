//! Background jobs (DESIGN.md, "Time and jobs"): each kind is a file here with a `run`
//! step a test can call directly with a test clock; this module is the one place that
//! schedules them all and the loop `fleksi serve` starts. Schedules live in the `jobs`
//! table, claimed with a lease (and `FOR UPDATE SKIP LOCKED` on PostgreSQL), so several
//! app processes share them and none runs a job twice at once.
//!
//! - [`close_days`]: at the end of each unit's working day, who was due to report, and a
//!   reminder to those who have not.

pub mod close_days;

use crate::{App, Result};
use fleksi_store::{commit, jobs as store};
use std::time::Duration;

/// Every kind with how often it runs (milliseconds).
pub const SCHEDULES: [(&str, i64); 1] = [(close_days::KIND, 10 * 60 * 1000)];
/// How long a claimed job is held before another runner may take it over.
const LEASE_MS: i64 = 5 * 60 * 1000;
/// How often the loop looks for due jobs.
pub const POLL: Duration = Duration::from_secs(30);

/// Makes sure every schedule exists (first run: now).
pub async fn ensure_scheduled(app: &App) -> Result<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    for (kind, _) in SCHEDULES {
        store::ensure(&mut tx, kind, now, now).await?;
    }
    commit(tx).await?;
    Ok(())
}

/// Runs every job due now, one after another; how many ran.
pub async fn run_due(app: &App) -> Result<usize> {
    let mut ran = 0;
    loop {
        let now = app.now();
        let mut tx = app.db.begin().await?;
        let claimed = store::claim(&mut tx, app.db.engine(), now, now + LEASE_MS).await?;
        commit(tx).await?;
        let Some(job) = claimed else {
            return Ok(ran);
        };
        let every = SCHEDULES
            .iter()
            .find(|(k, _)| *k == job.kind)
            .map(|(_, e)| *e)
            .unwrap_or(60 * 60 * 1000);
        let outcome = run_kind(app, &job.kind).await;
        if let Err(e) = &outcome {
            tracing::warn!(job = %job.kind, error = %e, "job failed");
        }
        let error = outcome.err().map(|e| e.to_string());
        let done = app.now();
        let mut c = app.db.conn().await?;
        store::finish(&mut c, job.id, done + every, error.as_deref(), done).await?;
        ran += 1;
    }
}

async fn run_kind(app: &App, kind: &str) -> Result<()> {
    match kind {
        close_days::KIND => close_days::run(app).await.map(|_| ()),
        other => {
            tracing::warn!(job = other, "unknown job kind");
            Ok(())
        }
    }
}

/// The loop of `fleksi serve`: every `POLL`, runs what is due. Errors are logged and the
/// loop goes on.
pub fn start(app: App) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        if let Err(e) = ensure_scheduled(&app).await {
            tracing::error!(error = %e, "could not schedule jobs");
        }
        loop {
            if let Err(e) = run_due(&app).await {
                tracing::warn!(error = %e, "job runner");
            }
            tokio::time::sleep(POLL).await;
        }
    })
}
