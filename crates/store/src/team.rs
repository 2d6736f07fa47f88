//! Work teams (tim kerja) across units, with a lead and members.

use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct TeamRow {
    pub id: i64,
    pub name: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_path: String,
    pub lead_id: i64,
    pub lead_name: String,
    pub member_count: i64,
}

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct MemberRow {
    pub employee_id: i64,
    pub nip: String,
    pub name: String,
    pub unit_name: String,
    pub cross_unit: i64,
    pub assignment_letter: Option<String>,
}

const SELECT: &str = "SELECT t.id, t.name, t.unit_id, u.name AS unit_name, u.path AS unit_path, t.lead_id,
        l.name AS lead_name, (SELECT COUNT(*) FROM team_members m WHERE m.team_id = t.id) AS member_count
    FROM teams t JOIN units u ON u.id = t.unit_id JOIN employees l ON l.id = t.lead_id";

pub async fn insert(
    c: &mut Conn,
    agency: i64,
    name: &str,
    unit: i64,
    lead: i64,
    now: Millis,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO teams (agency_id, name, unit_id, lead_id, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(agency)
    .bind(name)
    .bind(unit)
    .bind(lead)
    .bind(now)
    .fetch_one(c)
    .await?)
}

pub async fn add_member(
    c: &mut Conn,
    agency: i64,
    team: i64,
    employee: i64,
    letter: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO team_members (team_id, employee_id, agency_id, assignment_letter) VALUES ($1, $2, $3, $4)
         ON CONFLICT (team_id, employee_id) DO UPDATE SET assignment_letter = excluded.assignment_letter",
    )
    .bind(team)
    .bind(employee)
    .bind(agency)
    .bind(letter)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn get(c: &mut Conn, agency: i64, id: i64) -> Result<Option<TeamRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{SELECT} WHERE t.agency_id = $1 AND t.id = $2"))
            .bind(agency)
            .bind(id)
            .fetch_optional(c)
            .await?,
    )
}

pub async fn by_name(c: &mut Conn, agency: i64, name: &str) -> Result<Option<TeamRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{SELECT} WHERE t.agency_id = $1 AND t.name = $2"))
            .bind(agency)
            .bind(name)
            .fetch_optional(c)
            .await?,
    )
}

/// Teams of the agency; `member_of` limits them to teams the employee leads or is in.
pub async fn list(
    c: &mut Conn,
    agency: i64,
    member_of: Option<i64>,
) -> Result<Vec<TeamRow>, StoreError> {
    match member_of {
        None => Ok(sqlx::query_as(&format!("{SELECT} WHERE t.agency_id = $1 ORDER BY t.name"))
            .bind(agency)
            .fetch_all(c)
            .await?),
        Some(e) => Ok(sqlx::query_as(&format!(
            "{SELECT} WHERE t.agency_id = $1 AND (t.lead_id = $2 OR t.id IN
                (SELECT team_id FROM team_members WHERE agency_id = $1 AND employee_id = $2)) ORDER BY t.name"
        ))
        .bind(agency)
        .bind(e)
        .fetch_all(c)
        .await?),
    }
}

pub async fn members(c: &mut Conn, agency: i64, team: i64) -> Result<Vec<MemberRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT e.id AS employee_id, e.nip, e.name, u.name AS unit_name,
            CASE WHEN e.unit_id <> t.unit_id THEN 1 ELSE 0 END AS cross_unit, m.assignment_letter
         FROM team_members m JOIN employees e ON e.id = m.employee_id JOIN units u ON u.id = e.unit_id
         JOIN teams t ON t.id = m.team_id
         WHERE m.agency_id = $1 AND m.team_id = $2 ORDER BY e.name, e.id",
    )
    .bind(agency)
    .bind(team)
    .fetch_all(c)
    .await?)
}

pub async fn leads_any(c: &mut Conn, agency: i64, employee: i64) -> Result<bool, StoreError> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM teams WHERE agency_id = $1 AND lead_id = $2 LIMIT 1")
            .bind(agency)
            .bind(employee)
            .fetch_optional(c)
            .await?;
    Ok(found.is_some())
}
