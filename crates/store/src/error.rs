//! The store's one error type.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlx(#[from] sqlx::Error),
    /// From the SQLite connection driven directly (see `native`).
    #[error("database: {0}")]
    Native(#[from] rusqlite::Error),
    /// That connection's thread could not start or has stopped.
    #[error("the SQLite connection's thread: {0}")]
    NativeThread(String),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported database url (use sqlite:// or postgres://): {0}")]
    UnsupportedUrl(String),
    /// A statement that always writes a row (an upsert) did not return it.
    #[error("the written {0} row did not come back")]
    NotReturned(&'static str),
    /// This process's writes queued longer than SQLite's busy timeout.
    #[error("database busy: no turn to write within {0} s")]
    Busy(u64),
}

impl StoreError {
    /// A unique or foreign-key violation: the caller's input clashed with stored data.
    pub fn is_constraint(&self) -> bool {
        match self {
            StoreError::Sqlx(sqlx::Error::Database(e)) => {
                e.is_unique_violation() || e.is_foreign_key_violation() || e.is_check_violation()
            }
            StoreError::Native(rusqlite::Error::SqliteFailure(e, _)) => {
                e.code == rusqlite::ErrorCode::ConstraintViolation
            }
            _ => false,
        }
    }
}
