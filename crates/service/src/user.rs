//! Accounts: the first administrator, agencies and their admins, and one's own profile
//! (password, language).

use crate::{audit, password, Actor, App, Result, ServiceError};
use fleksi_domain::password::check_new_password;
use fleksi_domain::role::GrantedRole;
use fleksi_domain::{AgencyId, FieldError, Locale, Message};
use fleksi_store::user::{self, NewUser};
use fleksi_store::{agency, audit as audit_store, commit, session};

/// Creates (or, with `reset`, re-passwords) the deployment's system administrator.
pub async fn create_system_admin(app: &App, username: &str, pass: &str) -> Result<i64> {
    check_new_password(pass).map_err(|m| ServiceError::field("password", m))?;
    let hash = password::hash(pass.to_string()).await?;
    let cli = Actor::cli(None);
    let mut tx = app.db.begin().await?;
    let id = match user::by_username(&mut tx, username).await? {
        Some(existing) => {
            user::set_password(&mut tx, existing.id, &hash, app.now()).await?;
            audit_store::append(
                &mut tx,
                &[audit::event(
                    app,
                    &cli,
                    "user.password_reset",
                    "user",
                    existing.id,
                )],
            )
            .await?;
            existing.id
        }
        None => {
            let id = user::insert(
                &mut tx,
                &NewUser {
                    agency_id: None,
                    employee_id: None,
                    username,
                    email: None,
                    display_name: "Administrator Sistem",
                    password_hash: &hash,
                },
                app.now(),
            )
            .await?;
            user::add_grant(
                &mut tx,
                id,
                None,
                GrantedRole::SystemAdmin.code(),
                None,
                app.now(),
            )
            .await?;
            let after = serde_json::json!({"username": username, "role": "system_admin"});
            audit_store::append(
                &mut tx,
                &[audit::event(app, &cli, "user.create", "user", id).after(&after)],
            )
            .await?;
            id
        }
    };
    commit(tx).await?;
    Ok(id)
}

/// Creates the system administrator unless an account of that name exists.
pub async fn create_system_admin_if_missing(app: &App, username: &str, pass: &str) -> Result<()> {
    let mut c = app.db.conn().await?;
    let exists = user::by_username(&mut c, username).await?.is_some();
    drop(c);
    if !exists {
        create_system_admin(app, username, pass).await?;
    }
    Ok(())
}

/// Creates an agency (system administrators only).
pub async fn create_agency(app: &App, actor: &Actor, code: &str, name: &str) -> Result<AgencyId> {
    if !actor.access.is_system_admin() {
        return Err(ServiceError::Forbidden);
    }
    let code = code.trim().to_uppercase();
    let mut errors = Vec::new();
    if code.is_empty() || code.len() > 30 {
        errors.push(FieldError::new(
            "code",
            if code.is_empty() {
                Message::Required
            } else {
                Message::TooLong { max: 30 }
            },
        ));
    }
    if let Err(m) = fleksi_domain::org::bounded_text(name, 200, true) {
        errors.push(FieldError::new("name", m));
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let mut tx = app.db.begin().await?;
    if agency::by_code(&mut tx, &code).await?.is_some() {
        return Err(ServiceError::Conflict(FieldError::new(
            "code",
            Message::AlreadyExists,
        )));
    }
    let id = agency::insert(&mut tx, &code, name.trim(), app.now()).await?;
    let mut scoped = actor.clone();
    scoped.access.agency_id = Some(AgencyId(id));
    let after = serde_json::json!({"code": code, "name": name.trim()});
    audit_store::append(
        &mut tx,
        &[audit::event(app, &scoped, "agency.create", "agency", id).after(&after)],
    )
    .await?;
    commit(tx).await?;
    Ok(AgencyId(id))
}

/// Changes one's own password (the current one is required) and ends every other session.
pub async fn change_password(
    app: &App,
    actor: &Actor,
    current: &str,
    new: &str,
    confirm: &str,
    keep_token: Option<&str>,
) -> Result<()> {
    let mut errors = Vec::new();
    if let Err(m) = check_new_password(new) {
        errors.push(FieldError::new("new_password", m));
    }
    if new != confirm {
        errors.push(FieldError::new(
            "confirm_password",
            Message::PasswordMismatch,
        ));
    }
    let mut c = app.db.conn().await?;
    let u = user::get(&mut c, actor.user_id.0)
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    drop(c);
    if !password::verify(current.to_string(), Some(u.password_hash)).await {
        errors.push(FieldError::new("current_password", Message::WrongPassword));
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let hash = password::hash(new.to_string()).await?;
    let mut tx = app.db.begin().await?;
    user::set_password(&mut tx, actor.user_id.0, &hash, app.now()).await?;
    // Every other session and token ends; the one that made the change stays, in the same
    // transaction and with its sign-in time, so its 12-hour limit is not stretched.
    let kept = match keep_token {
        Some(token) => session::get(&mut tx, &crate::auth::token_hash(token))
            .await?
            .filter(|s| s.user_id == actor.user_id.0 && s.mfa_pending == 0),
        None => None,
    };
    session::delete_all_for_user(&mut tx, actor.user_id.0).await?;
    if let Some(s) = kept {
        session::insert(
            &mut tx,
            &session::NewSession {
                token_hash: &s.token_hash,
                user_id: s.user_id,
                kind: &s.kind,
                mfa_pending: false,
                expires_at: s.expires_at,
                address: actor.address.as_deref(),
                user_agent: None,
            },
            s.created_at,
        )
        .await?;
    }
    audit_store::append(
        &mut tx,
        &[audit::event(
            app,
            actor,
            "user.password_changed",
            "user",
            actor.user_id,
        )],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

pub async fn set_locale(app: &App, actor: &Actor, locale: Locale) -> Result<()> {
    let mut tx = app.db.begin().await?;
    user::set_locale(&mut tx, actor.user_id.0, locale.code(), app.now()).await?;
    let before = serde_json::json!({"locale": actor.locale.code()});
    let after = serde_json::json!({"locale": locale.code()});
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "user.locale", "user", actor.user_id)
                .before(&before)
                .after(&after),
        ],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}
