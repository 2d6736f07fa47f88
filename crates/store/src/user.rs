//! Sign-in accounts, their grants and second-factor recovery codes.

use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct UserRow {
    pub id: i64,
    pub agency_id: Option<i64>,
    pub employee_id: Option<i64>,
    pub username: String,
    pub email: Option<String>,
    pub display_name: String,
    #[serde(skip)]
    pub password_hash: String,
    pub locale: String,
    #[serde(skip)]
    pub totp_secret: Option<String>,
    pub totp_enabled: i64,
    pub disabled: i64,
}

const COLUMNS: &str =
    "u.id, u.agency_id, u.employee_id, u.username, u.email, u.display_name, u.password_hash, u.locale, u.totp_secret, u.totp_enabled, u.disabled";

pub struct NewUser<'a> {
    pub agency_id: Option<i64>,
    pub employee_id: Option<i64>,
    pub username: &'a str,
    pub email: Option<&'a str>,
    pub display_name: &'a str,
    pub password_hash: &'a str,
}

pub async fn insert(c: &mut Conn, u: &NewUser<'_>, now: Millis) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO users (agency_id, employee_id, username, email, display_name, password_hash, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(u.agency_id)
    .bind(u.employee_id)
    .bind(u.username)
    .bind(u.email)
    .bind(u.display_name)
    .bind(u.password_hash)
    .bind(now)
    .fetch_one(c)
    .await?)
}

pub async fn get(c: &mut Conn, id: i64) -> Result<Option<UserRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM users u WHERE u.id = $1"))
            .bind(id)
            .fetch_optional(c)
            .await?,
    )
}

/// Accounts a login string may name: username, e-mail, or an employee's NIP. More than
/// one match (the same NIP in two agencies) is the caller's to refuse.
pub async fn find_by_login(c: &mut Conn, login: &str) -> Result<Vec<UserRow>, StoreError> {
    let login = login.trim();
    let by_name: Vec<UserRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users u WHERE u.username = $1 OR u.email = $2"
    ))
    .bind(login)
    .bind(login.to_lowercase())
    .fetch_all(&mut *c)
    .await?;
    if !by_name.is_empty() {
        return Ok(by_name);
    }
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users u JOIN employees e ON e.id = u.employee_id WHERE e.nip = $1"
    ))
    .bind(login.replace(' ', ""))
    .fetch_all(c)
    .await?)
}

pub async fn by_employee(c: &mut Conn, employee: i64) -> Result<Option<UserRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users u WHERE u.employee_id = $1"
    ))
    .bind(employee)
    .fetch_optional(c)
    .await?)
}

pub async fn by_username(c: &mut Conn, username: &str) -> Result<Option<UserRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users u WHERE u.username = $1"
    ))
    .bind(username)
    .fetch_optional(c)
    .await?)
}

pub async fn set_password(
    c: &mut Conn,
    id: i64,
    hash: &str,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(hash)
        .bind(now)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn set_locale(
    c: &mut Conn,
    id: i64,
    locale: &str,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET locale = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(locale)
        .bind(now)
        .execute(c)
        .await?;
    Ok(())
}

/// Stores a second-factor secret; `enabled` says whether it is confirmed and in force.
pub async fn set_totp(
    c: &mut Conn,
    id: i64,
    secret: Option<&str>,
    enabled: bool,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE users SET totp_secret = $2, totp_enabled = $3, updated_at = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(secret)
    .bind(enabled as i64)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct GrantRow {
    pub id: i64,
    pub role: String,
    pub agency_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub unit_path: Option<String>,
    pub unit_name: Option<String>,
}

pub async fn grants(c: &mut Conn, user: i64) -> Result<Vec<GrantRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT g.id, g.role, g.agency_id, g.unit_id, u.path AS unit_path, u.name AS unit_name
         FROM grants g LEFT JOIN units u ON u.id = g.unit_id WHERE g.user_id = $1 ORDER BY g.id",
    )
    .bind(user)
    .fetch_all(c)
    .await?)
}

pub async fn add_grant(
    c: &mut Conn,
    user: i64,
    agency: Option<i64>,
    role: &str,
    unit: Option<i64>,
    now: Millis,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO grants (user_id, agency_id, role, unit_id, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(user)
    .bind(agency)
    .bind(role)
    .bind(unit)
    .bind(now)
    .fetch_one(c)
    .await?)
}

pub async fn replace_recovery_codes(
    c: &mut Conn,
    user: i64,
    hashes: &[String],
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user)
        .execute(&mut *c)
        .await?;
    for h in hashes {
        sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
            .bind(user)
            .bind(h)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

/// Marks a recovery code used; true when it was valid and unused. The `used_at IS NULL`
/// guard makes two concurrent uses of one code succeed at most once.
pub async fn use_recovery_code(
    c: &mut Conn,
    user: i64,
    hash: &str,
    now: Millis,
) -> Result<bool, StoreError> {
    let r = sqlx::query("UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL")
        .bind(user)
        .bind(hash)
        .bind(now)
        .execute(c)
        .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn unused_recovery_codes(c: &mut Conn, user: i64) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL",
    )
    .bind(user)
    .fetch_one(c)
    .await?)
}

/// Records the time step of an accepted code; false if that step (or a later one) was
/// already used, so one code can never sign in twice (RFC 6238 §5.2).
pub async fn claim_totp_step(c: &mut Conn, id: i64, step: i64) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
    )
    .bind(id)
    .bind(step)
    .execute(c)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Removes one grant of one user; true when it existed.
pub async fn delete_grant(c: &mut Conn, user: i64, grant: i64) -> Result<bool, StoreError> {
    let r = sqlx::query("DELETE FROM grants WHERE id = $1 AND user_id = $2")
        .bind(grant)
        .bind(user)
        .execute(c)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// A user with what permission checks derive from other tables: whether they supervise
/// anyone or lead a team, whether their agency requires a second factor of admins, and —
/// for an employee — their unit and its time zone (what services acting on one's own
/// records need, read here so that they need not read the employee again).
#[derive(Debug, Clone, FromRow)]
pub struct ActorRow {
    #[sqlx(flatten)]
    pub user: UserRow,
    pub is_supervisor: i64,
    pub is_team_lead: i64,
    pub agency_requires_totp: i64,
    pub home_unit_id: Option<i64>,
    pub home_unit_path: Option<String>,
    pub home_time_zone: Option<String>,
}

/// One row of an actor query: the actor with one of their grants (a row per grant, or a
/// single row without one).
#[derive(Debug, Clone, FromRow)]
pub struct ActorGrantRow {
    #[sqlx(flatten)]
    pub actor: ActorRow,
    pub grant_id: Option<i64>,
    pub grant_role: Option<String>,
    pub grant_agency_id: Option<i64>,
    pub grant_unit_id: Option<i64>,
    pub grant_unit_path: Option<String>,
    pub grant_unit_name: Option<String>,
}

/// An actor and all their grants, read in one query.
#[derive(Debug, Clone)]
pub struct ActorWithGrants {
    pub row: ActorRow,
    pub grants: Vec<GrantRow>,
}

/// The columns of `ActorGrantRow` for a query over `users u` joined with `ACTOR_JOINS`.
pub fn actor_columns() -> String {
    format!(
        "{COLUMNS},
        CASE WHEN EXISTS (SELECT 1 FROM employees e WHERE e.agency_id = u.agency_id AND e.supervisor_id = u.employee_id)
            THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END AS is_supervisor,
        CASE WHEN EXISTS (SELECT 1 FROM teams t WHERE t.agency_id = u.agency_id AND t.lead_id = u.employee_id)
            THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END AS is_team_lead,
        COALESCE((SELECT a.require_totp_for_admins FROM agencies a WHERE a.id = u.agency_id), CAST(0 AS BIGINT))
            AS agency_requires_totp,
        ue.unit_id AS home_unit_id, uu.path AS home_unit_path, uu.time_zone AS home_time_zone,
        g.id AS grant_id, g.role AS grant_role, g.agency_id AS grant_agency_id, g.unit_id AS grant_unit_id,
        gu.path AS grant_unit_path, gu.name AS grant_unit_name"
    )
}

/// The joins `actor_columns` reads from, after `users u`; order the rows by `g.id`.
pub const ACTOR_JOINS: &str = "LEFT JOIN employees ue ON ue.id = u.employee_id
    LEFT JOIN units uu ON uu.id = ue.unit_id
    LEFT JOIN grants g ON g.user_id = u.id
    LEFT JOIN units gu ON gu.id = g.unit_id";

/// A row of `actor_columns` read on a SQLite connection driven directly (see `native`),
/// from column `at` on, in the order `actor_columns` lists them (`COLUMNS` first). By
/// position, not by name: a name is looked up among all the columns, for every column of
/// every row of every signed-in request. The session contract test compares the answers
/// with `FromRow`'s.
pub fn actor_grant_row_native(r: &rusqlite::Row, at: usize) -> rusqlite::Result<ActorGrantRow> {
    Ok(ActorGrantRow {
        actor: ActorRow {
            user: UserRow {
                id: r.get(at)?,
                agency_id: r.get(at + 1)?,
                employee_id: r.get(at + 2)?,
                username: r.get(at + 3)?,
                email: r.get(at + 4)?,
                display_name: r.get(at + 5)?,
                password_hash: r.get(at + 6)?,
                locale: r.get(at + 7)?,
                totp_secret: r.get(at + 8)?,
                totp_enabled: r.get(at + 9)?,
                disabled: r.get(at + 10)?,
            },
            is_supervisor: r.get(at + 11)?,
            is_team_lead: r.get(at + 12)?,
            agency_requires_totp: r.get(at + 13)?,
            home_unit_id: r.get(at + 14)?,
            home_unit_path: r.get(at + 15)?,
            home_time_zone: r.get(at + 16)?,
        },
        grant_id: r.get(at + 17)?,
        grant_role: r.get(at + 18)?,
        grant_agency_id: r.get(at + 19)?,
        grant_unit_id: r.get(at + 20)?,
        grant_unit_path: r.get(at + 21)?,
        grant_unit_name: r.get(at + 22)?,
    })
}

/// The rows of one actor (a row per grant) as the actor and their grants; `None` without rows.
pub fn fold_actor(rows: Vec<ActorGrantRow>) -> Option<ActorWithGrants> {
    let first = rows.first()?.actor.clone();
    let grants = rows
        .into_iter()
        .filter_map(|r| {
            Some(GrantRow {
                id: r.grant_id?,
                role: r.grant_role?,
                agency_id: r.grant_agency_id,
                unit_id: r.grant_unit_id,
                unit_path: r.grant_unit_path,
                unit_name: r.grant_unit_name,
            })
        })
        .collect();
    Some(ActorWithGrants { row: first, grants })
}

/// One user as an actor with their grants, in one query.
pub async fn actor(c: &mut Conn, id: i64) -> Result<Option<ActorWithGrants>, StoreError> {
    let rows: Vec<ActorGrantRow> = sqlx::query_as(&format!(
        "SELECT {} FROM users u {ACTOR_JOINS} WHERE u.id = $1 ORDER BY g.id",
        actor_columns()
    ))
    .bind(id)
    .fetch_all(c)
    .await?;
    Ok(fold_actor(rows))
}
