//! Reads coalesced across concurrent requests (DESIGN.md, "Speed is designed in"). The hot
//! reads of every request — the session behind a token, the days a punch checks — are the
//! same query with a different key. A `Loader` is one task with a connection of its own:
//! it takes every key queued while its previous read ran (up to `MAX_BATCH`), reads them
//! all in one query, and answers each caller with its own row.
//!
//! Nothing is cached: every answer comes from a read that started after the request
//! asked, so a revoked session or a new punch is seen exactly as with a read of one's own.
//! What it saves is per-read overhead, which dominates these primary-key lookups: taking a
//! connection from the pool and the check the pool makes when it is given back (a round
//! trip on PostgreSQL, a hop to SQLite's thread), and, under load, one statement per
//! request. Alone, a read waits for nobody: it goes as soon as the task is free.

use crate::batch::next_batch;
use crate::{Result, ServiceError};
use fleksi_store::{Conn, Db, StoreError};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use tokio::sync::{mpsc, oneshot};

#[cfg(test)]
mod tests;

/// The most keys one read carries.
pub const MAX_BATCH: usize = 128;
/// Keys waiting beyond this make callers wait to queue (back-pressure).
const QUEUE: usize = 4096;

/// What a batched read returns: one answer per key, in order.
pub type Loaded<'a, V> =
    Pin<Box<dyn Future<Output = std::result::Result<Vec<V>, StoreError>> + Send + 'a>>;

/// Reads many keys in one query.
pub type LoadFn<K, V> = for<'a> fn(&'a mut Conn, &'a [K]) -> Loaded<'a, V>;

struct Ask<K, V> {
    key: K,
    reply: oneshot::Sender<Result<V>>,
}

/// The handle every clone of an `App` shares; the task starts with the first read (inside
/// the runtime serving requests) and ends, closing its connection, when the last clone is
/// dropped.
pub struct Loader<K, V> {
    name: &'static str,
    load: LoadFn<K, V>,
    queue: Arc<OnceLock<mpsc::Sender<Ask<K, V>>>>,
}

impl<K, V> Clone for Loader<K, V> {
    fn clone(&self) -> Self {
        Loader {
            name: self.name,
            load: self.load,
            queue: self.queue.clone(),
        }
    }
}

impl<K: Send + Sync + 'static, V: Send + 'static> Loader<K, V> {
    pub fn new(name: &'static str, load: LoadFn<K, V>) -> Self {
        Loader {
            name,
            load,
            queue: Arc::new(OnceLock::new()),
        }
    }

    /// Reads `key` together with whatever other keys are asked for meanwhile.
    pub async fn get(&self, db: &Db, key: K) -> Result<V> {
        let queue = self.queue.get_or_init(|| {
            let (tx, rx) = mpsc::channel(QUEUE);
            tokio::spawn(run(db.clone(), rx, self.load, self.name));
            tx
        });
        let (reply, answer) = oneshot::channel();
        queue
            .send(Ask { key, reply })
            .await
            .map_err(|_| ServiceError::Internal(format!("{} reader stopped", self.name)))?;
        answer
            .await
            .map_err(|_| ServiceError::Internal(format!("{} reader dropped a read", self.name)))?
    }
}

async fn run<K: Send + Sync, V: Send>(
    db: Db,
    mut rx: mpsc::Receiver<Ask<K, V>>,
    load: LoadFn<K, V>,
    name: &'static str,
) {
    let mut conn: Option<Conn> = None;
    while let Some(batch) = next_batch(&mut rx, MAX_BATCH).await {
        let (keys, replies): (Vec<K>, Vec<_>) = batch.into_iter().map(|a| (a.key, a.reply)).unzip();
        let answers = read(&db, &mut conn, load, &keys).await;
        match answers {
            Ok(values) if values.len() == keys.len() => {
                for (reply, value) in replies.into_iter().zip(values) {
                    let _ = reply.send(Ok(value));
                }
            }
            outcome => {
                let why = match outcome {
                    Ok(values) => format!("{} answers for {} keys", values.len(), keys.len()),
                    Err(e) => e.to_string(),
                };
                tracing::warn!(reader = name, error = %why, keys = keys.len(), "batched read failed");
                // The connection may be what broke: the next read opens a new one.
                conn = None;
                for reply in replies {
                    let _ = reply.send(Err(ServiceError::Internal(format!(
                        "{name} read failed: {why}"
                    ))));
                }
            }
        }
    }
}

/// One read on the task's connection, opened first if there is none.
async fn read<K, V>(
    db: &Db,
    conn: &mut Option<Conn>,
    load: LoadFn<K, V>,
    keys: &[K],
) -> std::result::Result<Vec<V>, StoreError> {
    let c = match conn {
        Some(c) => c,
        None => conn.insert(db.dedicated().await?),
    };
    load(c, keys).await
}
