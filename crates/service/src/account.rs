//! Accounts and roles, administered: the system administrator creates agencies and their
//! first admins; an agency's admins issue sign-in passwords to employees and grant roles.

use crate::{audit, password, Actor, App, Result, ServiceError};
use fleksi_domain::org::{bounded_text, OrgPath};
use fleksi_domain::password::check_new_password;
use fleksi_domain::role::GrantedRole;
use fleksi_domain::{AgencyId, FieldError, Message};
use fleksi_store::agency::{self, AgencyRow};
use fleksi_store::employee::{self, EmployeeRow};
use fleksi_store::user::{self, GrantRow, NewUser, UserRow};
use fleksi_store::{audit as audit_store, commit, org, session};
use rand::Rng;

/// Every agency of the deployment (system administrators only).
pub async fn list_agencies(app: &App, actor: &Actor) -> Result<Vec<AgencyRow>> {
    if !actor.access.is_system_admin() {
        return Err(ServiceError::Forbidden);
    }
    let mut c = app.db.conn().await?;
    Ok(agency::list(&mut c).await?)
}

/// Creates the first admin account of an agency (system administrators only).
pub async fn create_agency_admin(
    app: &App,
    actor: &Actor,
    agency_id: i64,
    username: &str,
    display_name: &str,
    pass: &str,
) -> Result<i64> {
    if !actor.access.is_system_admin() {
        return Err(ServiceError::Forbidden);
    }
    let username = username.trim().to_lowercase();
    let mut errors = Vec::new();
    if username.len() < 3
        || username.len() > 60
        || !username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-_".contains(c))
    {
        errors.push(FieldError::new(
            "username",
            Message::InvalidChoice {
                allowed: "a-z 0-9 . - _ (3–60)".into(),
            },
        ));
    }
    if let Err(m) = bounded_text(display_name, 150, true) {
        errors.push(FieldError::new("display_name", m));
    }
    if let Err(m) = check_new_password(pass) {
        errors.push(FieldError::new("password", m));
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let hash = password::hash(pass.to_string()).await?;
    let mut tx = app.db.begin().await?;
    if agency::get(&mut tx, agency_id).await?.is_none() {
        return Err(ServiceError::field("agency_id", Message::NotFound));
    }
    if user::by_username(&mut tx, &username).await?.is_some() {
        return Err(ServiceError::Conflict(FieldError::new(
            "username",
            Message::AlreadyExists,
        )));
    }
    let now = app.now();
    let new = NewUser {
        agency_id: Some(agency_id),
        employee_id: None,
        username: &username,
        email: None,
        display_name: display_name.trim(),
        password_hash: &hash,
    };
    let id = user::insert(&mut tx, &new, now).await?;
    user::add_grant(
        &mut tx,
        id,
        Some(agency_id),
        GrantedRole::AgencyAdmin.code(),
        None,
        now,
    )
    .await?;
    let mut scoped = actor.clone();
    scoped.access.agency_id = Some(AgencyId(agency_id));
    let after = serde_json::json!({"username": username, "role": "agency_admin"});
    audit_store::append(
        &mut tx,
        &[audit::event(app, &scoped, "user.create", "user", id).after(&after)],
    )
    .await?;
    commit(tx).await?;
    Ok(id)
}

/// An employee's sign-in account and roles, as their administrator sees them.
pub struct AccountView {
    pub employee: EmployeeRow,
    pub user: Option<UserRow>,
    pub grants: Vec<GrantRow>,
    /// The viewer may grant and revoke roles (agency admins only).
    pub can_grant: bool,
}

/// The employee, if the actor administers their unit.
async fn administered(
    app: &App,
    actor: &Actor,
    employee_id: i64,
) -> Result<(AgencyId, EmployeeRow)> {
    let agency = actor.agency()?;
    let mut c = app.db.conn().await?;
    let e = employee::get(&mut c, agency.0, employee_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !actor
        .access
        .can_administer(agency, &OrgPath::from_trusted(e.unit_path.clone()))
    {
        return Err(ServiceError::Forbidden);
    }
    Ok((agency, e))
}

pub async fn view(app: &App, actor: &Actor, employee_id: i64) -> Result<AccountView> {
    let (agency, employee) = administered(app, actor, employee_id).await?;
    let mut c = app.db.conn().await?;
    let user = user::by_employee(&mut c, employee_id).await?;
    let grants = match &user {
        Some(u) => user::grants(&mut c, u.id).await?,
        None => vec![],
    };
    Ok(AccountView {
        employee,
        user,
        grants,
        can_grant: actor.access.is_agency_admin(agency),
    })
}

/// Gives an employee a new one-time password to sign in with (creating the account, with
/// the NIP as username, if there is none) and ends their sessions. The password is shown
/// once to the admin, who hands it over; only its hash is kept.
pub async fn issue_password(app: &App, actor: &Actor, employee_id: i64) -> Result<String> {
    let (agency, e) = administered(app, actor, employee_id).await?;
    let temporary = temporary_password();
    let hash = password::hash(temporary.clone()).await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (id, action) = match user::by_employee(&mut tx, employee_id).await? {
        Some(u) => {
            user::set_password(&mut tx, u.id, &hash, now).await?;
            session::delete_all_for_user(&mut tx, u.id).await?;
            (u.id, "user.password_issued")
        }
        None => {
            let new = NewUser {
                agency_id: Some(agency.0),
                employee_id: Some(e.id),
                username: &e.nip,
                email: e.email.as_deref(),
                display_name: &e.name,
                password_hash: &hash,
            };
            (user::insert(&mut tx, &new, now).await?, "user.create")
        }
    };
    let after = serde_json::json!({"employee_id": e.id, "username": e.nip});
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, action, "user", id)
            .in_unit(&e.unit_path)
            .after(&after)],
    )
    .await?;
    commit(tx).await?;
    Ok(temporary)
}

fn temporary_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    let groups: Vec<String> = (0..3)
        .map(|_| {
            (0..4)
                .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
                .collect()
        })
        .collect();
    groups.join("-")
}

/// Grants a role to an employee's account (agency admins only). A unit admin or a unit
/// auditor is scoped to `unit_code`'s subtree.
pub async fn grant(
    app: &App,
    actor: &Actor,
    employee_id: i64,
    role: &str,
    unit_code: Option<&str>,
) -> Result<()> {
    let (agency, e) = administered(app, actor, employee_id).await?;
    if !actor.access.is_agency_admin(agency) {
        return Err(ServiceError::Forbidden);
    }
    let role = GrantedRole::parse(role).map_err(|m| ServiceError::field("role", m))?;
    if role == GrantedRole::SystemAdmin {
        return Err(ServiceError::field(
            "role",
            Message::InvalidChoice {
                allowed: "agency_admin, unit_admin, auditor, helpdesk".into(),
            },
        ));
    }
    let mut tx = app.db.begin().await?;
    let u = user::by_employee(&mut tx, employee_id)
        .await?
        .ok_or_else(|| ServiceError::field("account", Message::NotFound))?;
    let unit = match unit_code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => Some(
            org::by_code(&mut tx, agency.0, code)
                .await?
                .ok_or_else(|| {
                    ServiceError::field("unit", Message::UnknownUnit { code: code.into() })
                })?,
        ),
        None if role == GrantedRole::UnitAdmin => {
            return Err(ServiceError::field("unit", Message::Required))
        }
        None => None,
    };
    let id = user::add_grant(
        &mut tx,
        u.id,
        Some(agency.0),
        role.code(),
        unit.as_ref().map(|u| u.id),
        app.now(),
    )
    .await?;
    let after = serde_json::json!({"user_id": u.id, "role": role.code(), "unit": unit.as_ref().map(|u| &u.code)});
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "grant.create", "grant", id)
            .in_unit(&e.unit_path)
            .after(&after)],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

pub async fn revoke(app: &App, actor: &Actor, employee_id: i64, grant_id: i64) -> Result<()> {
    let (agency, e) = administered(app, actor, employee_id).await?;
    if !actor.access.is_agency_admin(agency) {
        return Err(ServiceError::Forbidden);
    }
    let mut tx = app.db.begin().await?;
    let u = user::by_employee(&mut tx, employee_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let before = user::grants(&mut tx, u.id)
        .await?
        .into_iter()
        .find(|g| g.id == grant_id)
        .ok_or(ServiceError::NotFound)?;
    user::delete_grant(&mut tx, u.id, grant_id).await?;
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "grant.delete", "grant", grant_id)
            .in_unit(&e.unit_path)
            .before(&before)],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

/// Whether the agency requires a second factor of its admins (agency admins only).
pub async fn set_require_totp(app: &App, actor: &Actor, required: bool) -> Result<()> {
    let agency = actor.agency()?;
    if !actor.access.is_agency_admin(agency) {
        return Err(ServiceError::Forbidden);
    }
    let mut tx = app.db.begin().await?;
    let before = agency::get(&mut tx, agency.0)
        .await?
        .ok_or(ServiceError::NotFound)?;
    agency::set_require_totp(&mut tx, agency.0, required).await?;
    let after = serde_json::json!({"require_totp_for_admins": required});
    let before =
        serde_json::json!({"require_totp_for_admins": before.require_totp_for_admins != 0});
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "agency.require_totp", "agency", agency.0)
                .before(&before)
                .after(&after),
        ],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

/// The actor's agency, for its settings card.
pub async fn my_agency(app: &App, actor: &Actor) -> Result<AgencyRow> {
    let agency = actor.agency()?;
    let mut c = app.db.conn().await?;
    agency::get(&mut c, agency.0)
        .await?
        .ok_or(ServiceError::NotFound)
}
