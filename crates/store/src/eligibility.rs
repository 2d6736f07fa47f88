//! Activity mapping (`position_activities`): each activity of a position in a unit with the
//! six task criteria of Permen PANRB 4/2025, and the positions held in a unit.

use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct ActivityRow {
    pub id: i64,
    pub unit_id: i64,
    pub position_id: i64,
    pub activity: String,
    pub outside_office: i64,
    pub no_special_workspace: i64,
    pub ict_possible: i64,
    pub minimal_face_to_face: i64,
    pub no_continuous_supervision: i64,
    pub agency_criteria: i64,
    pub updated_at: Millis,
}

impl ActivityRow {
    /// The six criteria in the regulation's order (a–f).
    pub fn criteria(&self) -> [bool; 6] {
        [
            self.outside_office != 0,
            self.no_special_workspace != 0,
            self.ict_possible != 0,
            self.minimal_face_to_face != 0,
            self.no_continuous_supervision != 0,
            self.agency_criteria != 0,
        ]
    }
}

const COLUMNS: &str =
    "id, unit_id, position_id, activity, outside_office, no_special_workspace, ict_possible,
    minimal_face_to_face, no_continuous_supervision, agency_criteria, updated_at";

/// The activities of one position in one unit, in the order they were added. One indexed
/// range (agency, unit, position): an employee's eligibility reads this on every check.
pub async fn of_position(
    c: &mut Conn,
    agency: i64,
    unit: i64,
    position: i64,
) -> Result<Vec<ActivityRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM position_activities
         WHERE agency_id = $1 AND unit_id = $2 AND position_id = $3 ORDER BY id"
    ))
    .bind(agency)
    .bind(unit)
    .bind(position)
    .fetch_all(c)
    .await?)
}

/// Every activity mapped in a unit, by position then order added.
pub async fn of_unit(c: &mut Conn, agency: i64, unit: i64) -> Result<Vec<ActivityRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM position_activities
         WHERE agency_id = $1 AND unit_id = $2 ORDER BY position_id, id"
    ))
    .bind(agency)
    .bind(unit)
    .fetch_all(c)
    .await?)
}

pub async fn get(c: &mut Conn, agency: i64, id: i64) -> Result<Option<ActivityRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM position_activities WHERE agency_id = $1 AND id = $2"
    ))
    .bind(agency)
    .bind(id)
    .fetch_optional(c)
    .await?)
}

/// An activity to store: its name and the six criteria (a–f).
pub struct NewActivity<'a> {
    pub unit_id: i64,
    pub position_id: i64,
    pub activity: &'a str,
    pub criteria: [bool; 6],
}

pub async fn insert(
    c: &mut Conn,
    agency: i64,
    a: &NewActivity<'_>,
    by: Option<i64>,
    now: Millis,
) -> Result<i64, StoreError> {
    let k = a.criteria.map(i64::from);
    Ok(sqlx::query_scalar(
        "INSERT INTO position_activities (agency_id, unit_id, position_id, activity, outside_office,
            no_special_workspace, ict_possible, minimal_face_to_face, no_continuous_supervision,
            agency_criteria, updated_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
    )
    .bind(agency)
    .bind(a.unit_id)
    .bind(a.position_id)
    .bind(a.activity)
    .bind(k[0])
    .bind(k[1])
    .bind(k[2])
    .bind(k[3])
    .bind(k[4])
    .bind(k[5])
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await?)
}

/// Changes an activity's name and criteria (its unit and position stay).
pub async fn update(
    c: &mut Conn,
    agency: i64,
    id: i64,
    activity: &str,
    criteria: [bool; 6],
    by: Option<i64>,
    now: Millis,
) -> Result<(), StoreError> {
    let k = criteria.map(i64::from);
    sqlx::query(
        "UPDATE position_activities SET activity = $3, outside_office = $4, no_special_workspace = $5,
            ict_possible = $6, minimal_face_to_face = $7, no_continuous_supervision = $8,
            agency_criteria = $9, updated_by = $10, updated_at = $11
         WHERE agency_id = $1 AND id = $2",
    )
    .bind(agency)
    .bind(id)
    .bind(activity)
    .bind(k[0])
    .bind(k[1])
    .bind(k[2])
    .bind(k[3])
    .bind(k[4])
    .bind(k[5])
    .bind(by)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn delete(c: &mut Conn, agency: i64, id: i64) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM position_activities WHERE agency_id = $1 AND id = $2")
        .bind(agency)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

/// A position of a unit's mapping page, with how many of the unit's own people hold it.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct UnitPosition {
    pub position_id: i64,
    pub name: String,
    pub kind: String,
    pub grade: Option<i64>,
    pub people: i64,
}

/// The positions of a unit: those held by its own people (not its sub-units') and those
/// that still have activities mapped there although nobody holds them now, by grade then
/// name. Both subqueries are bounded by indexes on (agency, unit).
pub async fn positions(
    c: &mut Conn,
    agency: i64,
    unit: i64,
) -> Result<Vec<UnitPosition>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT p.id AS position_id, p.name, p.kind, p.grade,
            (SELECT COUNT(*) FROM employees e
             WHERE e.agency_id = $1 AND e.unit_id = $2 AND e.position_id = p.id) AS people
         FROM positions p
         WHERE p.agency_id = $1
           AND (p.id IN (SELECT e.position_id FROM employees e WHERE e.agency_id = $1 AND e.unit_id = $2)
             OR p.id IN (SELECT a.position_id FROM position_activities a WHERE a.agency_id = $1 AND a.unit_id = $2))
         ORDER BY COALESCE(p.grade, 0) DESC, p.name, p.id",
    )
    .bind(agency)
    .bind(unit)
    .fetch_all(c)
    .await?)
}
