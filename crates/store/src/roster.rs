//! Rosters of a unit and month, the skills they cover and the wishes employees give them.
//! Status changes are conditional updates (`WHERE status = …`), so two requests racing to
//! publish cannot both succeed on either engine.

use crate::sql::Sql;
use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

/// A roster without its large JSON columns, for lists.
#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct RosterSummary {
    pub id: i64,
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_path: String,
    pub month: String,
    pub status: String,
    pub objective: Option<i64>,
    pub feasible: Option<i64>,
    pub updated_at: Millis,
}

/// A whole roster.
#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct RosterRow {
    pub id: i64,
    pub agency_id: i64,
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_path: String,
    /// WIB, WITA or WIT: decides which dates are already past.
    pub unit_time_zone: String,
    pub month: String,
    pub status: String,
    pub settings: String,
    pub instance: Option<String>,
    pub cells: Option<String>,
    pub objective: Option<i64>,
    pub feasible: Option<i64>,
    pub report: Option<String>,
    pub relaxed: Option<String>,
    pub created_by: Option<i64>,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub published_at: Option<Millis>,
}

const SELECT: &str =
    "SELECT r.id, r.agency_id, r.unit_id, u.code AS unit_code, u.name AS unit_name,
        u.path AS unit_path, u.time_zone AS unit_time_zone, r.month, r.status, r.settings,
        r.instance, r.cells, r.objective, r.feasible,
        r.report, r.relaxed, r.created_by, r.created_at, r.updated_at, r.published_at
    FROM rosters r JOIN units u ON u.id = r.unit_id";

const SUMMARY: &str =
    "SELECT r.id, r.unit_id, u.code AS unit_code, u.name AS unit_name, u.path AS unit_path,
        r.month, r.status, r.objective, r.feasible, r.updated_at
    FROM rosters r JOIN units u ON u.id = r.unit_id";

pub async fn insert(
    c: &mut Conn,
    agency: i64,
    unit: i64,
    month: &str,
    settings: &str,
    created_by: Option<i64>,
    now: Millis,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO rosters (agency_id, unit_id, month, status, settings, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, 'collecting', $4, $5, $6, $6) RETURNING id",
    )
    .bind(agency)
    .bind(unit)
    .bind(month)
    .bind(settings)
    .bind(created_by)
    .bind(now)
    .fetch_one(c)
    .await?)
}

pub async fn get(c: &mut Conn, agency: i64, id: i64) -> Result<Option<RosterRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{SELECT} WHERE r.agency_id = $1 AND r.id = $2"))
            .bind(agency)
            .bind(id)
            .fetch_optional(c)
            .await?,
    )
}

pub async fn by_unit_month(
    c: &mut Conn,
    agency: i64,
    unit: i64,
    month: &str,
) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM rosters WHERE agency_id = $1 AND unit_id = $2 AND month = $3",
    )
    .bind(agency)
    .bind(unit)
    .bind(month)
    .fetch_optional(c)
    .await?)
}

/// Which rosters a list shows.
pub enum Scope {
    Agency,
    /// Rosters of units at or below these paths, and of these units exactly.
    Units {
        paths: Vec<String>,
        units: Vec<i64>,
    },
}

/// The newest months first, at most `limit` rosters.
pub async fn list(
    c: &mut Conn,
    agency: i64,
    scope: &Scope,
    limit: i64,
) -> Result<Vec<RosterSummary>, StoreError> {
    let mut q = Sql::new(SUMMARY);
    let a = q.int(agency);
    q.push(&format!(" WHERE r.agency_id = {a}"));
    if let Scope::Units { paths, units } = scope {
        q.push(" AND (1 = 0");
        for p in paths {
            let p = q.text_arg(p.clone());
            q.push(&format!(" OR u.path LIKE {p} || '%'"));
        }
        for u in units {
            let u = q.int(*u);
            q.push(&format!(" OR r.unit_id = {u}"));
        }
        q.push(")");
    }
    let l = q.int(limit);
    q.push(&format!(" ORDER BY r.month DESC, u.path LIMIT {l}"));
    Ok(q.query_as::<RosterSummary>().fetch_all(c).await?)
}

/// Rosters that are collecting wishes or in draft for `months`, of the unit at `unit_path`
/// or any unit above it: the rosters an employee of that unit may give wishes to.
pub async fn open_above(
    c: &mut Conn,
    agency: i64,
    unit_path: &str,
    months: &[String],
) -> Result<Vec<RosterRow>, StoreError> {
    let mut q = Sql::new(SELECT);
    let a = q.int(agency);
    let p = q.text_arg(unit_path);
    q.push(&format!(
        " WHERE r.agency_id = {a} AND r.status IN ('collecting', 'draft') AND {p} LIKE u.path || '%' AND r.month IN ("
    ));
    for (i, m) in months.iter().enumerate() {
        let m = q.text_arg(m.clone());
        q.push(if i == 0 { "" } else { ", " }).push(&m);
    }
    if months.is_empty() {
        q.push("''");
    }
    q.push(") ORDER BY r.month, u.path");
    Ok(q.query_as::<RosterRow>().fetch_all(c).await?)
}

/// New settings; `status` is where the roster goes with them (back to collecting when a
/// draft no longer matches). Refused (false) once published.
pub async fn set_settings(
    c: &mut Conn,
    agency: i64,
    id: i64,
    settings: &str,
    status: &str,
    now: Millis,
) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE rosters SET settings = $3, status = $4, updated_at = $5
         WHERE agency_id = $1 AND id = $2 AND status <> 'published'",
    )
    .bind(agency)
    .bind(id)
    .bind(settings)
    .bind(status)
    .bind(now)
    .execute(c)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Sets the status of a roster that is not published (a draft goes back to collecting
/// when its people's skills change).
pub async fn set_status(
    c: &mut Conn,
    agency: i64,
    id: i64,
    status: &str,
    now: Millis,
) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE rosters SET status = $3, updated_at = $4
         WHERE agency_id = $1 AND id = $2 AND status <> 'published'",
    )
    .bind(agency)
    .bind(id)
    .bind(status)
    .bind(now)
    .execute(c)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// The score of the current cells.
pub struct Score<'a> {
    pub objective: i64,
    pub feasible: bool,
    /// JSON: totals and the validator's violations.
    pub report: &'a str,
}

/// Stores a generated roster: the instance it came from, the cells, the score and what
/// had to be relaxed. The roster becomes a draft.
#[allow(clippy::too_many_arguments)]
pub async fn save_generated(
    c: &mut Conn,
    agency: i64,
    id: i64,
    instance: &str,
    cells: &str,
    score: &Score<'_>,
    relaxed: &str,
    now: Millis,
) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE rosters SET status = 'draft', instance = $3, cells = $4, objective = $5, feasible = $6,
            report = $7, relaxed = $8, updated_at = $9
         WHERE agency_id = $1 AND id = $2 AND status <> 'published'",
    )
    .bind(agency)
    .bind(id)
    .bind(instance)
    .bind(cells)
    .bind(score.objective)
    .bind(score.feasible as i64)
    .bind(score.report)
    .bind(relaxed)
    .bind(now)
    .execute(c)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Stores edited cells of a draft with their new score.
pub async fn save_cells(
    c: &mut Conn,
    agency: i64,
    id: i64,
    cells: &str,
    score: &Score<'_>,
    now: Millis,
) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE rosters SET cells = $3, objective = $4, feasible = $5, report = $6, updated_at = $7
         WHERE agency_id = $1 AND id = $2 AND status = 'draft'",
    )
    .bind(agency)
    .bind(id)
    .bind(cells)
    .bind(score.objective)
    .bind(score.feasible as i64)
    .bind(score.report)
    .bind(now)
    .execute(c)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Draft → published; false when it was not a draft (published twice, or changed meanwhile).
pub async fn mark_published(
    c: &mut Conn,
    agency: i64,
    id: i64,
    now: Millis,
) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE rosters SET status = 'published', published_at = $3, updated_at = $3
         WHERE agency_id = $1 AND id = $2 AND status = 'draft'",
    )
    .bind(agency)
    .bind(id)
    .bind(now)
    .execute(c)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// A person of a roster's unit subtree.
#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct PersonRow {
    pub id: i64,
    pub nip: String,
    pub name: String,
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_path: String,
}

/// Everyone at or below the unit at `path`, by unit then name; at most `limit`.
pub async fn people(
    c: &mut Conn,
    agency: i64,
    path: &str,
    limit: i64,
) -> Result<Vec<PersonRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT e.id, e.nip, e.name, e.unit_id, u.code AS unit_code, u.name AS unit_name, u.path AS unit_path
         FROM employees e JOIN units u ON u.id = e.unit_id
         WHERE e.agency_id = $1 AND u.agency_id = $1 AND u.path LIKE $2 || '%'
         ORDER BY u.path, e.name, e.id LIMIT $3",
    )
    .bind(agency)
    .bind(path)
    .bind(limit)
    .fetch_all(c)
    .await?)
}

pub async fn count_people(c: &mut Conn, agency: i64, path: &str) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM employees e JOIN units u ON u.id = e.unit_id
         WHERE e.agency_id = $1 AND u.agency_id = $1 AND u.path LIKE $2 || '%'",
    )
    .bind(agency)
    .bind(path)
    .fetch_one(c)
    .await?)
}

/// `(employee id, skill)` of everyone at or below the unit at `path`.
pub async fn skills_below(
    c: &mut Conn,
    agency: i64,
    path: &str,
) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT s.employee_id, s.skill FROM employee_skills s
         JOIN employees e ON e.id = s.employee_id JOIN units u ON u.id = e.unit_id
         WHERE s.agency_id = $1 AND e.agency_id = $1 AND u.path LIKE $2 || '%'
         ORDER BY s.employee_id, s.skill",
    )
    .bind(agency)
    .bind(path)
    .fetch_all(c)
    .await?)
}

/// Replaces one employee's skills.
pub async fn set_skills(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    skills: &[String],
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM employee_skills WHERE agency_id = $1 AND employee_id = $2")
        .bind(agency)
        .bind(employee)
        .execute(&mut *c)
        .await?;
    for s in skills {
        sqlx::query(
            "INSERT INTO employee_skills (employee_id, skill, agency_id) VALUES ($1, $2, $3)",
        )
        .bind(employee)
        .bind(s)
        .bind(agency)
        .execute(&mut *c)
        .await?;
    }
    Ok(())
}

/// Whether anyone in the agency has a skill recorded (the demo seeds skills once).
pub async fn any_skills(c: &mut Conn, agency: i64) -> Result<bool, StoreError> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT employee_id FROM employee_skills WHERE agency_id = $1 LIMIT 1")
            .bind(agency)
            .fetch_optional(c)
            .await?;
    Ok(found.is_some())
}

/// `(employee id, date, weight)` of the wishes of everyone at or below `path` from `from`
/// to `to` (inclusive).
pub async fn wishes_below(
    c: &mut Conn,
    agency: i64,
    path: &str,
    from: &str,
    to: &str,
) -> Result<Vec<(i64, String, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT w.employee_id, w.date, w.weight FROM roster_wishes w
         JOIN employees e ON e.id = w.employee_id JOIN units u ON u.id = e.unit_id
         WHERE w.agency_id = $1 AND w.date >= $3 AND w.date <= $4 AND u.path LIKE $2 || '%'",
    )
    .bind(agency)
    .bind(path)
    .bind(from)
    .bind(to)
    .fetch_all(c)
    .await?)
}

/// `(date, weight)` of one employee's wishes from `from` to `to`.
pub async fn wishes_of(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    from: &str,
    to: &str,
) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT date, weight FROM roster_wishes
         WHERE agency_id = $1 AND employee_id = $2 AND date >= $3 AND date <= $4 ORDER BY date",
    )
    .bind(agency)
    .bind(employee)
    .bind(from)
    .bind(to)
    .fetch_all(c)
    .await?)
}

/// Sets a wish; weight 0 removes it.
pub async fn set_wish(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    date: &str,
    weight: i64,
    now: Millis,
) -> Result<(), StoreError> {
    if weight == 0 {
        sqlx::query(
            "DELETE FROM roster_wishes WHERE agency_id = $1 AND employee_id = $2 AND date = $3",
        )
        .bind(agency)
        .bind(employee)
        .bind(date)
        .execute(c)
        .await?;
    } else {
        sqlx::query(
            "INSERT INTO roster_wishes (employee_id, date, agency_id, weight, updated_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (employee_id, date) DO UPDATE SET weight = excluded.weight, updated_at = excluded.updated_at",
        )
        .bind(employee)
        .bind(date)
        .bind(agency)
        .bind(weight)
        .bind(now)
        .execute(c)
        .await?;
    }
    Ok(())
}
