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
//!
//! A loader may also have a native read (`with_native`): on SQLite the queue is then
//! served by a connection driven directly, on a thread of its own, as the punch writer's
//! is (see `fleksi_store::native`).

use crate::batch::{next_batch, next_batch_blocking};
use crate::{Result, ServiceError};
use fleksi_store::native::Connection;
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

/// The same read on a SQLite connection driven directly (see `fleksi_store::native`):
/// run on that connection's thread, a read is one hop and its rows are not copied twice.
pub type NativeLoadFn<K, V> = fn(&Connection, &[K]) -> std::result::Result<Vec<V>, StoreError>;

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
    native: Option<NativeLoadFn<K, V>>,
    queue: Arc<OnceLock<mpsc::Sender<Ask<K, V>>>>,
}

impl<K, V> Clone for Loader<K, V> {
    fn clone(&self) -> Self {
        Loader {
            name: self.name,
            load: self.load,
            native: self.native,
            queue: self.queue.clone(),
        }
    }
}

impl<K: Send + Sync + 'static, V: Send + 'static> Loader<K, V> {
    pub fn new(name: &'static str, load: LoadFn<K, V>) -> Self {
        Loader {
            name,
            load,
            native: None,
            queue: Arc::new(OnceLock::new()),
        }
    }

    /// On SQLite, reads with `native` instead, on a connection driven directly.
    pub fn with_native(mut self, native: NativeLoadFn<K, V>) -> Self {
        self.native = Some(native);
        self
    }

    /// Reads `key` together with whatever other keys are asked for meanwhile.
    pub async fn get(&self, db: &Db, key: K) -> Result<V> {
        let queue = self.queue.get_or_init(|| {
            let (tx, rx) = mpsc::channel(QUEUE);
            tokio::spawn(run(db.clone(), rx, (self.load, self.native), self.name));
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

/// The loader's task: it reads each batch on a sqlx connection of its own, unless the
/// thread of a connection driven directly takes the queue over.
async fn run<K: Send + Sync + 'static, V: Send + 'static>(
    db: Db,
    mut rx: mpsc::Receiver<Ask<K, V>>,
    (load, native): (LoadFn<K, V>, Option<NativeLoadFn<K, V>>),
    name: &'static str,
) {
    if let Some(read) = native {
        match db.native().await {
            // The connection's thread takes the queue over (see `Native::serve`).
            Ok(Some(n)) => return n.serve(move |c| serve_native(c, rx, read, name)),
            Ok(None) => {}
            Err(e) => {
                tracing::warn!(reader = name, error = %e, "no direct connection; reading through sqlx")
            }
        }
    }
    let mut conn: Option<Conn> = None;
    while let Some(batch) = next_batch(&mut rx, MAX_BATCH).await {
        let (keys, replies) = split(batch);
        let answers = match &mut conn {
            Some(c) => load(c, &keys).await,
            None => match db.dedicated().await {
                Ok(c) => load(conn.insert(c), &keys).await,
                Err(e) => Err(e),
            },
        };
        if !answer(replies, answers, name) {
            // The connection may be what broke: the next read opens a new one.
            conn = None;
        }
    }
}

/// The same loop on a connection driven directly, on its thread.
fn serve_native<K, V>(
    c: &mut Connection,
    mut rx: mpsc::Receiver<Ask<K, V>>,
    read: NativeLoadFn<K, V>,
    name: &'static str,
) {
    while let Some(batch) = next_batch_blocking(&mut rx, MAX_BATCH) {
        let (keys, replies) = split(batch);
        answer(replies, read(c, &keys), name);
    }
}

type Reply<V> = oneshot::Sender<Result<V>>;

fn split<K, V>(batch: Vec<Ask<K, V>>) -> (Vec<K>, Vec<Reply<V>>) {
    batch.into_iter().map(|a| (a.key, a.reply)).unzip()
}

/// Answers each caller with its own value, or all of them with the read's failure
/// (`false`).
fn answer<V>(
    replies: Vec<Reply<V>>,
    answers: std::result::Result<Vec<V>, StoreError>,
    name: &'static str,
) -> bool {
    let asked = replies.len();
    match answers {
        Ok(values) if values.len() == asked => {
            for (reply, value) in replies.into_iter().zip(values) {
                let _ = reply.send(Ok(value));
            }
            true
        }
        outcome => {
            let why = match outcome {
                Ok(values) => format!("{} answers for {asked} keys", values.len()),
                Err(e) => e.to_string(),
            };
            tracing::warn!(reader = name, error = %why, keys = asked, "batched read failed");
            for reply in replies {
                let _ = reply.send(Err(ServiceError::Internal(format!(
                    "{name} read failed: {why}"
                ))));
            }
            false
        }
    }
}
