//! A SQLite connection of its own on a thread of its own, driven directly (rusqlite, on the
//! same SQLite library sqlx links) instead of through sqlx: for the hot paths of a
//! check-in only — the punch writer and the two coalesced readers (the session behind a
//! token, the days a punch checks). See `presence::native` and `session`.
//!
//! Why: through sqlx every statement is a hop to the connection's thread and back, each
//! result row is copied into an `AnyRow`, and a batch of punches is about six hops. On a
//! loaded machine each hop waits for a core (about half a millisecond), so the writer
//! spent more time waiting than writing, and the writer bounds the rate of check-ins.
//! Here the writer and the readers hand the thread their queues (`Native::serve`): the
//! thread takes a batch, writes it begin to commit (or reads it), answers each caller and
//! takes the next, with no hop at all in between.
//!
//! PostgreSQL has no such path: its statements are network round trips anyway, and the
//! batch writer already sends a handful per batch.
use crate::StoreError;
use rusqlite::types::{ToSqlOutput, ValueRef};
pub use rusqlite::Connection;
use std::path::PathBuf;
use std::sync::mpsc;
use tokio::sync::oneshot;

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// The connection's thread; it ends when this is dropped.
pub struct Native {
    jobs: mpsc::Sender<Job>,
}

impl Native {
    /// Opens the database file on a new thread, set up as the pool's connections are.
    pub(crate) async fn open(file: PathBuf) -> Result<Native, StoreError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let (opened, answer) = oneshot::channel();
        std::thread::Builder::new()
            .name("sqlite-native".into())
            .spawn(move || {
                let conn = rusqlite::Connection::open(&file).and_then(|c| {
                    c.execute_batch(crate::db::SQLITE_SETUP)?;
                    Ok(c)
                });
                let mut conn = match conn {
                    Ok(c) => {
                        let _ = opened.send(Ok(()));
                        c
                    }
                    Err(e) => {
                        let _ = opened.send(Err(e));
                        return;
                    }
                };
                for job in queue {
                    job(&mut conn);
                }
            })
            .map_err(|e| StoreError::NativeThread(e.to_string()))?;
        answer.await.map_err(|_| thread_gone())??;
        Ok(Native { jobs })
    }

    /// Runs `f` on the connection's thread and waits for its answer (the store's tests
    /// compare direct reads with sqlx's this way).
    pub async fn call<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Box::new(move |c| {
                let _ = reply.send(f(c));
            }))
            .map_err(|_| thread_gone())?;
        answer.await.map_err(|_| thread_gone())?
    }
}

impl Native {
    /// Hands the connection's thread to `f` for the rest of its life: for a worker that
    /// takes its own queue (the punch writer, a coalescing reader), so that nothing stands
    /// between one batch and the next — no hop through the async runtime, whose threads
    /// are busy with requests exactly when batches are large. The thread ends when `f`
    /// returns.
    pub fn serve<F>(self, f: F)
    where
        F: FnOnce(&mut Connection) + Send + 'static,
    {
        // The thread takes this job before it sees the queue closed behind it.
        let _ = self.jobs.send(Box::new(f));
    }
}

/// Runs `f` in one write transaction on `c` (`BEGIN IMMEDIATE`, as `Db::begin`), committed
/// when `f` succeeds and rolled back when it fails. The caller holds this process's turn
/// to write (`Db::write_turn`).
pub fn transaction<T>(
    c: &mut Connection,
    f: impl FnOnce(&Connection) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let done = f(&tx)?;
    tx.commit()?;
    Ok(done)
}

fn thread_gone() -> StoreError {
    StoreError::NativeThread("stopped".into())
}

/// The values of a row as the batch statements' JSON has them (`presence::batch`), bound
/// one by one to a statement here: numbers as integers, text as text (rusqlite's own
/// binding of a JSON value would bind its JSON text, quotes and all).
pub fn params(row: &[serde_json::Value]) -> impl rusqlite::Params + '_ {
    rusqlite::params_from_iter(row.iter().map(Bind))
}

/// One value of such a row.
pub struct Bind<'a>(&'a serde_json::Value);

impl rusqlite::ToSql for Bind<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        use serde_json::Value;
        Ok(match self.0 {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Bool(b) => ToSqlOutput::from(*b as i64),
            Value::Number(n) => match n.as_i64() {
                Some(i) => ToSqlOutput::from(i),
                None => ToSqlOutput::from(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            other => ToSqlOutput::from(other.to_string()),
        })
    }
}
