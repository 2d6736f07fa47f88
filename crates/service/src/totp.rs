//! The second factor: TOTP (RFC 6238; SHA-1, 6 digits, 30-second steps — what every
//! authenticator app speaks) with enrolment, confirmation and one-time recovery codes.

use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::Message;
use fleksi_store::{audit as audit_store, commit, user};
use rand::Rng;
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, Secret, TOTP};

const STEP: u64 = 30;
const DIGITS: usize = 6;
const RECOVERY_CODES: usize = 10;

fn totp(secret_b32: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_b32.to_string()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, DIGITS, 0, STEP, bytes).ok()
}

/// Checks a code at `unix_secs`, allowing one step of clock drift either way. Returns the
/// matching time step, so the caller can refuse a second use of the same code.
pub fn verify(secret_b32: &str, code: &str, unix_secs: i64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS || !code.chars().all(|c| c.is_ascii_digit()) || unix_secs < STEP as i64
    {
        return None;
    }
    let t = totp(secret_b32)?;
    [0i64, -1, 1].into_iter().find_map(|drift| {
        let at = (unix_secs + drift * STEP as i64) as u64;
        t.check(&code, at).then_some((at / STEP) as i64)
    })
}

pub fn recovery_hash(code: &str) -> String {
    let normal: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    hex::encode(Sha256::digest(normal.as_bytes()))
}

/// What a user needs to add the account to an authenticator app.
pub struct Enrolment {
    pub secret: String,
    pub otpauth_url: String,
}

/// Starts enrolment: a new secret, stored but not yet in force.
pub async fn begin(app: &App, actor: &Actor) -> Result<Enrolment> {
    if actor.totp_enabled {
        return Err(ServiceError::Forbidden);
    }
    let secret = match Secret::generate_secret().to_encoded() {
        Secret::Encoded(s) => s,
        Secret::Raw(_) => return Err(ServiceError::Internal("secret encoding".into())),
    };
    let mut tx = app.db.begin().await?;
    user::set_totp(&mut tx, actor.user_id.0, Some(&secret), false, app.now()).await?;
    audit_store::append(
        &mut tx,
        &[audit::event(
            app,
            actor,
            "totp.enrolment_started",
            "user",
            actor.user_id,
        )],
    )
    .await?;
    commit(tx).await?;
    Ok(Enrolment {
        otpauth_url: otpauth_url(&secret, &actor.username),
        secret,
    })
}

/// The secret under enrolment, if any (to show the QR code again after a wrong code).
pub async fn pending_enrolment(app: &App, actor: &Actor) -> Result<Option<Enrolment>> {
    let mut c = app.db.conn().await?;
    let u = user::get(&mut c, actor.user_id.0)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(match (u.totp_enabled, u.totp_secret) {
        (0, Some(secret)) => Some(Enrolment {
            otpauth_url: otpauth_url(&secret, &actor.username),
            secret,
        }),
        _ => None,
    })
}

pub fn otpauth_url(secret: &str, account: &str) -> String {
    let label: String = account
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_' || *c == '-')
        .collect();
    format!("otpauth://totp/Fleksi:{label}?secret={secret}&issuer=Fleksi&algorithm=SHA1&digits=6&period=30")
}

/// Confirms enrolment with a first code; puts the factor in force and returns fresh
/// recovery codes (shown once).
pub async fn confirm(app: &App, actor: &Actor, code: &str) -> Result<Vec<String>> {
    let pending = pending_enrolment(app, actor)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    let step = verify(&pending.secret, code, app.clock.now().as_second())
        .ok_or_else(|| ServiceError::field("code", Message::InvalidTotp))?;
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
    let hashes: Vec<String> = codes.iter().map(|c| recovery_hash(c)).collect();
    let mut tx = app.db.begin().await?;
    user::set_totp(
        &mut tx,
        actor.user_id.0,
        Some(&pending.secret),
        true,
        app.now(),
    )
    .await?;
    user::claim_totp_step(&mut tx, actor.user_id.0, step).await?;
    user::replace_recovery_codes(&mut tx, actor.user_id.0, &hashes).await?;
    audit_store::append(
        &mut tx,
        &[audit::event(
            app,
            actor,
            "totp.enabled",
            "user",
            actor.user_id,
        )],
    )
    .await?;
    commit(tx).await?;
    Ok(codes)
}

/// Turns the second factor off (needs a current code). Not allowed where the agency
/// requires it for this admin.
pub async fn disable(app: &App, actor: &Actor, code: &str) -> Result<()> {
    let mut c = app.db.conn().await?;
    let u = user::get(&mut c, actor.user_id.0)
        .await?
        .ok_or(ServiceError::NotFound)?;
    drop(c);
    let is_admin = actor.access.grants.iter().any(|g| g.role.is_admin());
    if let Some(a) = actor.access.agency_id {
        let mut c = app.db.conn().await?;
        let required = fleksi_store::agency::get(&mut c, a.0)
            .await?
            .is_some_and(|a| a.require_totp_for_admins != 0);
        if required && is_admin {
            return Err(ServiceError::Forbidden);
        }
    }
    if verify(
        u.totp_secret.as_deref().unwrap_or(""),
        code,
        app.clock.now().as_second(),
    )
    .is_none()
    {
        return Err(ServiceError::field("code", Message::InvalidTotp));
    }
    let mut tx = app.db.begin().await?;
    user::set_totp(&mut tx, actor.user_id.0, None, false, app.now()).await?;
    user::replace_recovery_codes(&mut tx, actor.user_id.0, &[]).await?;
    audit_store::append(
        &mut tx,
        &[audit::event(
            app,
            actor,
            "totp.disabled",
            "user",
            actor.user_id,
        )],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

fn new_recovery_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    let mut pick = || ALPHABET[rng.gen_range(0..ALPHABET.len())] as char;
    let a: String = (0..5).map(|_| pick()).collect();
    let b: String = (0..5).map(|_| pick()).collect();
    format!("{a}-{b}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B, SHA-1 rows: secret "12345678901234567890", 8 digits.
    #[test]
    fn rfc6238_test_vectors() {
        let t = TOTP::new_unchecked(Algorithm::SHA1, 8, 0, 30, b"12345678901234567890".to_vec());
        for (time, code) in [
            (59u64, "94287082"),
            (1111111109, "07081804"),
            (1111111111, "14050471"),
            (1234567890, "89005924"),
            (2000000000, "69279037"),
            (20000000000, "65353130"),
        ] {
            assert_eq!(t.generate(time), code, "at {time}");
        }
    }

    #[test]
    fn verify_accepts_one_step_of_drift_and_returns_the_step() {
        let secret = match Secret::Raw(b"12345678901234567890".to_vec()).to_encoded() {
            Secret::Encoded(s) => s,
            _ => unreachable!(),
        };
        let t = totp(&secret).unwrap();
        let now = 1_767_225_615i64;
        let code = t.generate(now as u64);
        assert_eq!(verify(&secret, &code, now), Some(now / 30));
        assert_eq!(verify(&secret, &code, now + 30), Some(now / 30));
        assert_eq!(verify(&secret, &code, now + 90), None);
        assert_eq!(verify(&secret, "12a456", now), None);
        assert_eq!(verify("not base32!", &code, now), None);
    }

    #[test]
    fn recovery_codes_normalise() {
        let c = new_recovery_code();
        assert_eq!(c.len(), 11);
        assert_eq!(
            recovery_hash(&c),
            recovery_hash(&c.to_uppercase().replace('-', " "))
        );
    }
}
