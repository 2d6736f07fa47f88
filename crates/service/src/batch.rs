//! A group-commit writer (DESIGN.md, "Speed is designed in"), for hot writes whose work is
//! ready before they are written (daily reports). Requests read and check everything,
//! then hand a ready-made job to the one writer task of their kind; the task takes
//! everything queued (up to `MAX_BATCH`), writes it in ONE transaction through `apply`,
//! commits, and only then answers each caller. One fsync carries a whole batch.
//!
//! When a batch fails, each job is tried again alone, so one bad job cannot sink the
//! others and nobody is told "done" for something that was not committed. Races are
//! decided by conditions inside the statements, not by this process, so several app
//! processes on one PostgreSQL agree.
//!
//! (The presence writer predates this and keeps its own loop, which also splits a batch
//! into rounds per person.)

use crate::{Result, ServiceError};
use fleksi_store::{Db, StoreError};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use tokio::sync::{mpsc, oneshot};

/// The most jobs one transaction carries.
pub const MAX_BATCH: usize = 256;
/// Jobs waiting beyond this make callers wait to queue (back-pressure).
const QUEUE: usize = 4096;

/// What a batch write returns: one outcome per job, in order.
pub type Applied<'a, O> =
    Pin<Box<dyn Future<Output = std::result::Result<Vec<O>, StoreError>> + Send + 'a>>;

/// Writes a batch in one transaction.
pub type ApplyFn<J, O> = for<'a> fn(&'a Db, &'a [J]) -> Applied<'a, O>;

struct Job<J, O> {
    job: J,
    reply: oneshot::Sender<Result<O>>,
}

/// The handle every clone of an `App` shares; the task starts with the first job (inside
/// the runtime serving requests) and ends when the last clone is dropped.
pub struct Batcher<J, O> {
    name: &'static str,
    apply: ApplyFn<J, O>,
    queue: Arc<OnceLock<mpsc::Sender<Job<J, O>>>>,
}

impl<J, O> Clone for Batcher<J, O> {
    fn clone(&self) -> Self {
        Batcher {
            name: self.name,
            apply: self.apply,
            queue: self.queue.clone(),
        }
    }
}

impl<J: Send + Sync + 'static, O: Send + 'static> Batcher<J, O> {
    pub fn new(name: &'static str, apply: ApplyFn<J, O>) -> Self {
        Batcher {
            name,
            apply,
            queue: Arc::new(OnceLock::new()),
        }
    }

    /// Queues a job and waits until its batch is committed (or has failed).
    pub async fn submit(&self, db: &Db, job: J) -> Result<O> {
        let queue = self.queue.get_or_init(|| {
            let (tx, rx) = mpsc::channel(QUEUE);
            tokio::spawn(run(db.clone(), rx, self.apply, self.name));
            tx
        });
        let (reply, answer) = oneshot::channel();
        queue
            .send(Job { job, reply })
            .await
            .map_err(|_| ServiceError::Internal(format!("{} writer stopped", self.name)))?;
        answer
            .await
            .map_err(|_| ServiceError::Internal(format!("{} writer dropped a job", self.name)))?
    }
}

async fn run<J: Send + Sync, O: Send>(
    db: Db,
    mut rx: mpsc::Receiver<Job<J, O>>,
    apply: ApplyFn<J, O>,
    name: &'static str,
) {
    while let Some(batch) = next_batch(&mut rx, MAX_BATCH).await {
        write(&db, batch, apply, name).await;
    }
}

/// The next batch of a queue: waits for one item, then takes everything that queued
/// meanwhile (while the previous batch was being written or read), up to `max`. `None`
/// once every sender is gone. Shared by the writers and the loaders.
pub(crate) async fn next_batch<T>(rx: &mut mpsc::Receiver<T>, max: usize) -> Option<Vec<T>> {
    let first = rx.recv().await?;
    Some(with_queued(rx, first, max))
}

/// `next_batch` for a thread of its own (outside the async runtime): it sleeps until the
/// first item comes.
pub(crate) fn next_batch_blocking<T>(rx: &mut mpsc::Receiver<T>, max: usize) -> Option<Vec<T>> {
    let first = rx.blocking_recv()?;
    Some(with_queued(rx, first, max))
}

/// `first` and whatever queued behind it, up to `max`.
fn with_queued<T>(rx: &mut mpsc::Receiver<T>, first: T, max: usize) -> Vec<T> {
    let mut batch = Vec::with_capacity(max.min(rx.len() + 1));
    batch.push(first);
    while batch.len() < max {
        match rx.try_recv() {
            Ok(item) => batch.push(item),
            Err(_) => break,
        }
    }
    batch
}

/// Writes a batch and answers its callers: all in one transaction, or — when that
/// fails — each job alone, each caller learning its own result.
async fn write<J, O>(db: &Db, jobs: Vec<Job<J, O>>, apply: ApplyFn<J, O>, name: &'static str) {
    let (work, replies): (Vec<J>, Vec<oneshot::Sender<Result<O>>>) =
        jobs.into_iter().map(|j| (j.job, j.reply)).unzip();
    let started = std::time::Instant::now();
    let applied = apply(db, &work).await;
    tracing::debug!(
        writer = name,
        jobs = work.len(),
        ms = started.elapsed().as_secs_f64() * 1000.0,
        "batch written"
    );
    match applied {
        Ok(outcomes) if outcomes.len() == work.len() => {
            for (reply, outcome) in replies.into_iter().zip(outcomes) {
                let _ = reply.send(Ok(outcome));
            }
        }
        Ok(_) => {
            for reply in replies {
                let _ = reply.send(Err(ServiceError::Internal(format!(
                    "{name} writer: outcomes do not match the batch"
                ))));
            }
        }
        Err(e) if work.len() == 1 => {
            if let Some(reply) = replies.into_iter().next() {
                let _ = reply.send(Err(e.into()));
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, jobs = work.len(), writer = name, "batch failed; writing each alone");
            for (job, reply) in work.iter().zip(replies) {
                let result = apply(db, std::slice::from_ref(job)).await;
                let _ = reply.send(result.map_err(Into::into).and_then(|mut o| {
                    o.pop()
                        .ok_or_else(|| ServiceError::Internal(format!("{name} writer: no outcome")))
                }));
            }
        }
    }
}
