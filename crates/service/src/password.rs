//! Password hashing with Argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane).
//! Hashing is deliberately slow, so it runs on the blocking pool, never on the
//! request threads.

use crate::{Result, ServiceError};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;

pub async fn hash(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))?
}

pub fn hash_now(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::Internal(e.to_string()))
}

/// Verifies against a stored hash. With `None` it still does the work of a verification,
/// so an unknown login takes as long as a wrong password and reveals nothing.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| {
            DUMMY
                .get_or_init(|| hash_now("dummy password").unwrap_or_default())
                .clone()
        });
        match PasswordHash::new(&stored) {
            Ok(parsed) => Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok(),
            Err(_) => false,
        }
    })
    .await
    .unwrap_or(false)
}

static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn hashes_verify_and_are_salted() {
        let a = super::hash("kopi tubruk pagi".into()).await.unwrap();
        let b = super::hash("kopi tubruk pagi".into()).await.unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b);
        assert!(super::verify("kopi tubruk pagi".into(), Some(a.clone())).await);
        assert!(!super::verify("kopi tubruk sore".into(), Some(a)).await);
        assert!(!super::verify("anything".into(), None).await);
    }
}
