//! The connection pool, its engine, migrations and transactions.

use crate::native::Native;
use crate::StoreError;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Connection, Executor};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Arc, Once};
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

pub type Conn = sqlx::AnyConnection;
/// A write transaction on a pooled connection (see `Db::begin`).
pub type Tx = WriteTx<'static>;

/// How long a write waits for its turn before giving up, as SQLite's busy timeout does.
const TURN_TIMEOUT: Duration = Duration::from_secs(10);

/// A write transaction. On SQLite it also holds this process's turn to write (see
/// `Db::begin`), given back when it commits or is dropped. It is used as the connection
/// it runs on (`&mut tx` where a `&mut Conn` is asked for).
pub struct WriteTx<'c> {
    tx: sqlx::Transaction<'c, sqlx::Any>,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTx<'_> {
    pub async fn commit(self) -> Result<(), StoreError> {
        Ok(self.tx.commit().await?)
    }
}

impl std::ops::Deref for WriteTx<'_> {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx<'_> {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.tx
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    engine: Engine,
    options: AnyConnectOptions,
    /// SQLite's one writer at a time, queued in this process (see `begin`).
    turn: Arc<Mutex<()>>,
    /// The SQLite database's file, for a connection driven directly (see `native`).
    sqlite_file: Option<PathBuf>,
}

static DRIVERS: Once = Once::new();

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

impl Db {
    /// Opens `sqlite://FILE` (created if missing) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        DRIVERS.call_once(sqlx::any::install_default_drivers);
        let (engine, url) = if url.starts_with("sqlite:") {
            let url = if url.contains("mode=") {
                url.to_string()
            } else if url.contains('?') {
                format!("{url}&mode=rwc")
            } else {
                format!("{url}?mode=rwc")
            };
            (Engine::Sqlite, url)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Engine::Postgres, url.to_string())
        } else {
            return Err(StoreError::UnsupportedUrl(url.to_string()));
        };
        let options = AnyConnectOptions::from_str(&url)?;
        // An in-memory database is one per connection: a connection of one's own would not
        // see it, so it gets none (everything then goes through the pool).
        let sqlite_file = match engine {
            Engine::Sqlite if !url.contains("mode=memory") && !url.contains(":memory:") => Some(
                sqlx::sqlite::SqliteConnectOptions::from_str(&url)?
                    .get_filename()
                    .to_path_buf(),
            ),
            _ => None,
        };
        let pool = AnyPoolOptions::new()
            // SQLite has one writer at a time; a few readers beside it is all WAL can use.
            .max_connections(if engine == Engine::Sqlite { 8 } else { 20 })
            .acquire_timeout(Duration::from_secs(10))
            // No ping before every use (a round trip per request): a connection that broke
            // while idle fails its query and is dropped from the pool.
            .test_before_acquire(false)
            .after_connect(move |conn, _| Box::pin(configure(engine, conn)))
            .connect_with(options.clone())
            .await?;
        Ok(Db {
            pool,
            engine,
            options,
            turn: Arc::new(Mutex::new(())),
            sqlite_file,
        })
    }

    /// A connection of its own, outside the pool, set up like the pool's: for a task that
    /// keeps one for its whole life (a writer, a coalescing reader). It skips what the pool
    /// does around every use — wait for a free connection, and on giving it back a round
    /// trip (PostgreSQL) or a hop to SQLite's thread to check it still works — and its
    /// prepared statements stay warm.
    pub async fn dedicated(&self) -> Result<Conn, StoreError> {
        let mut conn = Conn::connect_with(&self.options).await?;
        configure(self.engine, &mut conn).await?;
        Ok(conn)
    }

    /// On SQLite, a connection of its own driven directly on a thread of its own (see
    /// `native`); `None` on PostgreSQL and for an in-memory SQLite database. Its writes
    /// take this process's turn like any other (`write_turn`).
    pub async fn native(&self) -> Result<Option<Native>, StoreError> {
        match &self.sqlite_file {
            Some(file) => Ok(Some(Native::open(file.clone()).await?)),
            None => Ok(None),
        }
    }

    /// This process's turn to write, for a write that begins its own transaction (a
    /// `native` connection): held until it commits. `None` on PostgreSQL.
    pub async fn write_turn(&self) -> Result<Option<OwnedMutexGuard<()>>, StoreError> {
        self.turn().await
    }

    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self.engine {
            Engine::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await?,
            Engine::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        Ok(())
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`):
    /// a deferred transaction that later tries to write can fail with "database is
    /// locked" without ever waiting on the busy timeout.
    ///
    /// SQLite allows one writer at a time, and a writer that finds the lock taken sleeps in
    /// SQLite's busy handler for 1, 2, 5, … up to 100 ms at a time, so while one task writes
    /// in a loop (the end-of-day job closing hundreds of units) another (the punch writer)
    /// can sleep through every gap and wait a second or more. Writes of this process
    /// therefore first queue for their turn, first come first served, and only then take
    /// the lock; the busy timeout is left for other processes (the command line).
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let turn = self.turn().await?;
        let tx = self.pool.begin_with(self.begin_statement()).await?;
        Ok(WriteTx { tx, _turn: turn })
    }

    /// A write transaction on a connection of one's own (see `dedicated`), begun as `begin`
    /// begins one.
    pub async fn begin_on<'c>(&self, conn: &'c mut Conn) -> Result<WriteTx<'c>, StoreError> {
        let turn = self.turn().await?;
        let tx = conn.begin_with(self.begin_statement()).await?;
        Ok(WriteTx { tx, _turn: turn })
    }

    fn begin_statement(&self) -> &'static str {
        match self.engine {
            Engine::Sqlite => "BEGIN IMMEDIATE",
            Engine::Postgres => "BEGIN",
        }
    }

    /// This process's turn to write on SQLite; PostgreSQL writers need none.
    async fn turn(&self) -> Result<Option<OwnedMutexGuard<()>>, StoreError> {
        if self.engine != Engine::Sqlite {
            return Ok(None);
        }
        match tokio::time::timeout(TURN_TIMEOUT, self.turn.clone().lock_owned()).await {
            Ok(turn) => Ok(Some(turn)),
            Err(_) => Err(StoreError::Busy(TURN_TIMEOUT.as_secs())),
        }
    }

    /// A connection for reads.
    pub async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>, StoreError> {
        Ok(self.pool.acquire().await?)
    }

    /// Whether the database answers: for `/readyz`.
    pub async fn ping(&self) -> bool {
        match self.pool.acquire().await {
            Ok(mut c) => c.ping().await.is_ok(),
            Err(_) => false,
        }
    }

    /// Pool figures for `/metrics`.
    pub fn pool_stats(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    /// A consistent copy of a SQLite database while it is in use (`VACUUM INTO` reads one
    /// snapshot). PostgreSQL has its own tools (pg_dump, base backups) for this.
    pub async fn backup_to(&self, path: &str) -> Result<(), StoreError> {
        if self.engine != Engine::Sqlite {
            return Err(StoreError::UnsupportedUrl(
                "backup is for SQLite; use pg_dump for PostgreSQL".into(),
            ));
        }
        sqlx::query("VACUUM INTO $1")
            .bind(path.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// What every new SQLite connection runs first. Durability and integrity first: every
/// acknowledged write survives a power cut (synchronous=FULL), references are enforced, and
/// a busy writer is waited for instead of failing the request. A 32 MiB page cache (default
/// 2 MiB) keeps the hot indexes of a large agency in memory.
///
/// No memory map (SQLite's default): in WAL mode a connection drops its page cache, and
/// with it its whole map, whenever another connection has committed since its last read,
/// because it cannot know which pages changed. Under a check-in load that is every read:
/// unmapping (with the other cores' TLBs flushed) and faulting the pages back in cost the
/// readers about a sixth more CPU than reading the same pages from the OS cache with a
/// system call each (bench/presence/README.md, "No memory map").
pub(crate) const SQLITE_SETUP: &str = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; \
     PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA cache_size=-32768;";

/// What every new connection runs first.
async fn configure(engine: Engine, conn: &mut Conn) -> Result<(), sqlx::Error> {
    if engine == Engine::Sqlite {
        conn.execute(SQLITE_SETUP).await?;
    }
    Ok(())
}

/// Commits a transaction, with the store's error type.
pub async fn commit(tx: Tx) -> Result<(), StoreError> {
    tx.commit().await
}
