//! Sign-in: passwords, the second factor, sessions and API tokens, throttling, sign-out.
//!
//! Tokens are 256 random bits shown to the client once; only their SHA-256 is stored, so
//! a leaked database does not leak sessions.

use crate::loader::{Loaded, Loader};
use crate::{audit, password, totp, Actor, App, Result, ServiceError};
use base64::Engine as _;
use fleksi_store::session::{self, NewSession};
use fleksi_store::{audit as audit_store, commit, user, Conn};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A web session ends after this long without use…
pub const IDLE_MS: i64 = 2 * 60 * 60 * 1000;
/// …and in any case this long after sign-in.
pub const ABSOLUTE_MS: i64 = 12 * 60 * 60 * 1000;
/// A half-done sign-in waiting for the second factor.
pub const MFA_PENDING_MS: i64 = 5 * 60 * 1000;
/// API tokens live this long unless revoked.
pub const API_TOKEN_MS: i64 = 30 * 24 * 60 * 60 * 1000;
/// Throttling: failures counted over this window…
pub const WINDOW_MS: i64 = 15 * 60 * 1000;
/// …an account locks after this many…
pub const MAX_ACCOUNT_FAILURES: i64 = 5;
/// …and an address after this many (several people may share one office NAT).
pub const MAX_ADDRESS_FAILURES: i64 = 30;
/// Sessions are written back at most this often, not on every request.
const TOUCH_EVERY_MS: i64 = 60 * 1000;

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub struct Credentials {
    pub login: String,
    pub password: String,
    pub totp: Option<String>,
    pub address: Option<String>,
    pub user_agent: Option<String>,
}

pub enum SignIn {
    /// Signed in: the session (or API) token.
    Done { token: String, expires_at: i64 },
    /// Password accepted; the second factor is due. The token is a short-lived pending
    /// session that only the second-factor step accepts.
    NeedsTotp { pending_token: String },
}

/// Checks login and password (and the code, when `api` and the account has a second
/// factor) and opens a session of `kind` ("web" or "api").
pub async fn sign_in(app: &App, creds: Credentials, kind: &str) -> Result<SignIn> {
    let now = app.now();
    let mut c = app.db.conn().await?;
    let matches = user::find_by_login(&mut c, &creds.login).await?;
    let account = if matches.len() == 1 {
        matches.into_iter().next()
    } else {
        None
    };
    let account_key = match &account {
        Some(u) => format!("u:{}", u.id),
        None => format!("l:{}", creds.login.trim().to_lowercase()),
    };
    let address_key = creds.address.as_deref().map(|a| format!("a:{a}"));
    check_throttle(app, &mut c, &account_key, MAX_ACCOUNT_FAILURES).await?;
    if let Some(k) = &address_key {
        check_throttle(app, &mut c, k, MAX_ADDRESS_FAILURES).await?;
    }
    drop(c);
    let ok = password::verify(
        creds.password.clone(),
        account.as_ref().map(|u| u.password_hash.clone()),
    )
    .await;
    let account = match account {
        Some(u) if ok && u.disabled == 0 => u,
        other => {
            let mut tx = app.db.begin().await?;
            session::record_failure(&mut tx, &account_key, now).await?;
            if let Some(k) = &address_key {
                session::record_failure(&mut tx, k, now).await?;
            }
            if let Some(u) = other {
                let actor = Actor::load(app, u.id)
                    .await
                    .map(|a| a.with_request(creds.address.clone(), None));
                if let Ok(actor) = actor {
                    audit_store::append(
                        &mut tx,
                        &[audit::event(
                            app,
                            &actor,
                            "auth.sign_in_failed",
                            "user",
                            u.id,
                        )],
                    )
                    .await?;
                }
            }
            commit(tx).await?;
            return Err(ServiceError::BadCredentials);
        }
    };
    let mut tx = app.db.begin().await?;
    session::clear_failures(&mut tx, &account_key).await?;
    let needs_totp = account.totp_enabled != 0;
    if needs_totp && kind == "api" {
        let code = creds.totp.as_deref().unwrap_or("");
        let secret = account.totp_secret.clone().unwrap_or_default();
        match totp::verify(&secret, code, app.clock.now().as_second()) {
            Some(step) if user::claim_totp_step(&mut tx, account.id, step).await? => {}
            _ => {
                session::record_failure(&mut tx, &account_key, now).await?;
                commit(tx).await?;
                return Err(ServiceError::BadCredentials);
            }
        }
    }
    let token = new_token();
    let pending = needs_totp && kind != "api";
    let expires_at = if pending {
        now + MFA_PENDING_MS
    } else if kind == "api" {
        now + API_TOKEN_MS
    } else {
        now + IDLE_MS
    };
    session::insert(
        &mut tx,
        &NewSession {
            token_hash: &token_hash(&token),
            user_id: account.id,
            kind,
            mfa_pending: pending,
            expires_at,
            address: creds.address.as_deref(),
            user_agent: creds.user_agent.as_deref(),
        },
        now,
    )
    .await?;
    if !pending {
        let actor = Actor::load(app, account.id)
            .await?
            .with_request(creds.address.clone(), None);
        audit_store::append(
            &mut tx,
            &[audit::event(
                app,
                &actor,
                &format!("auth.sign_in_{kind}"),
                "user",
                account.id,
            )],
        )
        .await?;
    }
    commit(tx).await?;
    Ok(if pending {
        SignIn::NeedsTotp {
            pending_token: token,
        }
    } else {
        SignIn::Done { token, expires_at }
    })
}

async fn check_throttle(app: &App, c: &mut fleksi_store::Conn, key: &str, max: i64) -> Result<()> {
    let now = app.now();
    let (count, last) = session::failures_since(c, key, now - WINDOW_MS).await?;
    if count >= max {
        let until = last.unwrap_or(now) + WINDOW_MS;
        return Err(ServiceError::Throttled {
            retry_after_secs: ((until - now) / 1000).max(1),
        });
    }
    Ok(())
}

/// Completes a sign-in that waits for the second factor, with a TOTP code or a recovery
/// code. Returns the full session token.
pub async fn complete_totp(
    app: &App,
    pending_token: &str,
    code: &str,
    address: Option<String>,
) -> Result<(String, i64)> {
    let now = app.now();
    let mut c = app.db.conn().await?;
    let pending = session::get(&mut c, &token_hash(pending_token))
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    if pending.mfa_pending == 0 || pending.expires_at < now {
        return Err(ServiceError::Unauthenticated);
    }
    let account = user::get(&mut c, pending.user_id)
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    let key = format!("u:{}", account.id);
    check_throttle(app, &mut c, &key, MAX_ACCOUNT_FAILURES).await?;
    drop(c);
    let mut tx = app.db.begin().await?;
    let secret = account.totp_secret.clone().unwrap_or_default();
    let ok = match totp::verify(&secret, code, app.clock.now().as_second()) {
        Some(step) => user::claim_totp_step(&mut tx, account.id, step).await?,
        None => {
            user::use_recovery_code(&mut tx, account.id, &totp::recovery_hash(code), now).await?
        }
    };
    if !ok {
        session::record_failure(&mut tx, &key, now).await?;
        commit(tx).await?;
        return Err(ServiceError::field(
            "code",
            fleksi_domain::Message::InvalidTotp,
        ));
    }
    session::delete(&mut tx, &pending.token_hash).await?;
    session::clear_failures(&mut tx, &key).await?;
    let token = new_token();
    let expires_at = now + IDLE_MS;
    session::insert(
        &mut tx,
        &NewSession {
            token_hash: &token_hash(&token),
            user_id: account.id,
            kind: "web",
            mfa_pending: false,
            expires_at,
            address: address.as_deref(),
            user_agent: None,
        },
        now,
    )
    .await?;
    let actor = Actor::load(app, account.id)
        .await?
        .with_request(address, None);
    audit_store::append(
        &mut tx,
        &[audit::event(
            app,
            &actor,
            "auth.sign_in_web",
            "user",
            account.id,
        )],
    )
    .await?;
    commit(tx).await?;
    Ok((token, expires_at))
}

/// Where a token is presented: a browser's cookie or an API client's bearer header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Web,
    Api,
}

impl Channel {
    fn kind(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Api => "api",
        }
    }
}

/// The actor behind a session (web) or API token, sliding the idle expiry of web
/// sessions. A token only works on its own channel: a stolen cookie is no API key, and an
/// API token in a cookie gets none of the browser's CSRF defences.
pub async fn resolve(app: &App, token: &str, channel: Channel) -> Result<Actor> {
    let now = app.now();
    let hash = token_hash(token);
    // Read together with the other requests of the moment (see `loader`).
    let found = app
        .sessions
        .get(&app.db, hash.clone())
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    let s = found.session;
    if s.kind != channel.kind()
        || s.mfa_pending != 0
        || s.expires_at <= now
        || (s.kind == "web" && now - s.created_at > ABSOLUTE_MS)
    {
        return Err(ServiceError::Unauthenticated);
    }
    if s.kind == "web" && now - s.last_seen_at > TOUCH_EVERY_MS {
        let expires = (now + IDLE_MS).min(s.created_at + ABSOLUTE_MS);
        let mut c = app.db.conn().await?;
        session::touch(&mut c, &hash, now, expires).await?;
    }
    Actor::of_row(found.actor)
}

/// The reader of sessions behind tokens, shared by every request of an `App`.
pub type Sessions = Loader<String, Option<session::SessionActor>>;

pub fn sessions() -> Sessions {
    Loader::new("session", read_sessions).with_native(session::get_with_actor_many_native)
}

fn read_sessions<'a>(
    c: &'a mut Conn,
    hashes: &'a [String],
) -> Loaded<'a, Option<session::SessionActor>> {
    Box::pin(session::get_with_actor_many(c, hashes))
}

pub async fn sign_out(app: &App, actor: &Actor, token: &str) -> Result<()> {
    let mut tx = app.db.begin().await?;
    session::delete(&mut tx, &token_hash(token)).await?;
    audit_store::append(
        &mut tx,
        &[audit::event(
            app,
            actor,
            "auth.sign_out",
            "user",
            actor.user_id,
        )],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

/// Ends every session and API token of the actor, everywhere.
pub async fn sign_out_everywhere(app: &App, actor: &Actor) -> Result<u64> {
    let mut tx = app.db.begin().await?;
    let n = session::delete_all_for_user(&mut tx, actor.user_id.0).await?;
    audit_store::append(
        &mut tx,
        &[audit::event(
            app,
            actor,
            "auth.sign_out_everywhere",
            "user",
            actor.user_id,
        )],
    )
    .await?;
    commit(tx).await?;
    Ok(n)
}

/// An API token for `login`, made by the operator at the command line.
pub async fn create_token_for(app: &App, login: &str) -> Result<(String, i64)> {
    let now = app.now();
    let mut c = app.db.conn().await?;
    let mut matches = user::find_by_login(&mut c, login).await?;
    if matches.len() != 1 {
        return Err(ServiceError::NotFound);
    }
    let u = matches.remove(0);
    drop(c);
    let token = new_token();
    let expires_at = now + API_TOKEN_MS;
    let mut tx = app.db.begin().await?;
    session::insert(
        &mut tx,
        &NewSession {
            token_hash: &token_hash(&token),
            user_id: u.id,
            kind: "api",
            mfa_pending: false,
            expires_at,
            address: None,
            user_agent: Some("cli"),
        },
        now,
    )
    .await?;
    let mut cli = Actor::cli(u.agency_id.map(fleksi_domain::AgencyId));
    cli.access.agency_id = u.agency_id.map(fleksi_domain::AgencyId);
    audit_store::append(
        &mut tx,
        &[audit::event(app, &cli, "auth.token_created", "user", u.id)],
    )
    .await?;
    commit(tx).await?;
    Ok((token, expires_at))
}

/// Housekeeping: removes expired sessions and tokens and failures past the throttling
/// window. Idempotent, so several app processes may run it at once.
pub async fn purge_expired(app: &App) -> Result<(u64, u64)> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let sessions = session::delete_expired(&mut tx, now).await?;
    let failures = session::delete_failures_before(&mut tx, now - WINDOW_MS).await?;
    commit(tx).await?;
    Ok((sessions, failures))
}
