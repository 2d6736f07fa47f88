//! The service layer's one error type. Handlers turn it into a page or a JSON problem.

use fleksi_domain::import::ImportError;
use fleksi_domain::{FieldError, Message};
use fleksi_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// No valid session or token.
    #[error("not signed in")]
    Unauthenticated,
    /// Signed in, but this is outside what the actor may do or see.
    #[error("forbidden")]
    Forbidden,
    /// Nothing there, or nothing the actor may know exists (other agencies' ids answer
    /// the same as missing ones, so ids cannot be probed).
    #[error("not found")]
    NotFound,
    /// Input that breaks a rule, per field.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// An import file with problems: every row's reasons.
    #[error("import refused")]
    ImportRefused {
        errors: Vec<ImportError>,
        more: usize,
    },
    /// Too many failed sign-ins; try again after this many seconds.
    #[error("throttled")]
    Throttled { retry_after_secs: i64 },
    /// Sign-in failed (wrong login or password); deliberately says no more than that.
    #[error("bad credentials")]
    BadCredentials,
    /// The request clashed with stored data (a name already taken, …).
    #[error("conflict")]
    Conflict(FieldError),
    #[error("storage: {0}")]
    Store(#[from] StoreError),
    #[error("internal: {0}")]
    Internal(String),
}

impl ServiceError {
    pub fn field(field: &str, message: Message) -> ServiceError {
        ServiceError::Invalid(vec![FieldError::new(field, message)])
    }
}
