//! Performance plans (SKP): `performance_plans` with their `planned_results`,
//! `result_indicators`, `behaviour_expectations`, `plan_revisions` and
//! `performance_dialogues`. Content writes go through [`touch_draft`] first, which moves
//! the plan's version only while it is a draft: a locked plan cannot be changed by a write
//! that raced its approval.

mod content;
mod history;

pub use content::{
    add_indicator, add_result, expectations_of, indicator_uses, indicators_of, remove_indicator,
    remove_result, result, result_uses, results_of, set_expectation, update_indicator,
    update_result, ExpectationRow, IndicatorRow, NewIndicator, ResultFields, ResultRow,
};
pub use history::{
    dialogues_of, insert_dialogue, insert_revision, revisions_of, DialogueRow, NewDialogue,
    NewRevision, RevisionRow,
};

use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

const CHUNK: usize = 500;

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct PlanRow {
    pub id: i64,
    pub agency_id: i64,
    pub employee_id: i64,
    pub employee_name: String,
    pub nip: String,
    pub position_name: String,
    pub year: i64,
    pub unit_id: i64,
    pub unit_path: String,
    pub unit_name: String,
    pub evaluator_id: Option<i64>,
    pub evaluator_name: Option<String>,
    pub evaluator_nip: Option<String>,
    pub status: String,
    pub revision: i64,
    pub version: i64,
    pub resources: String,
    pub accountability: String,
    pub consequences: String,
    pub return_comment: Option<String>,
    pub submitted_at: Option<Millis>,
    pub approved_at: Option<Millis>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

const SELECT: &str = "SELECT p.id, p.agency_id, p.employee_id, e.name AS employee_name, e.nip,
        pos.name AS position_name, p.year, p.unit_id, p.unit_path, u.name AS unit_name,
        p.evaluator_id, ev.name AS evaluator_name, ev.nip AS evaluator_nip, p.status, p.revision,
        p.version, p.resources, p.accountability, p.consequences, p.return_comment,
        p.submitted_at, p.approved_at, p.created_at, p.updated_at
    FROM performance_plans p
    JOIN employees e ON e.id = p.employee_id
    JOIN positions pos ON pos.id = e.position_id
    JOIN units u ON u.id = p.unit_id
    LEFT JOIN employees ev ON ev.id = p.evaluator_id";

pub async fn get(c: &mut Conn, agency: i64, id: i64) -> Result<Option<PlanRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{SELECT} WHERE p.agency_id = $1 AND p.id = $2"))
            .bind(agency)
            .bind(id)
            .fetch_optional(c)
            .await?,
    )
}

pub async fn of_employee(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    year: i64,
) -> Result<Option<PlanRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE p.employee_id = $1 AND p.year = $2 AND p.agency_id = $3"
    ))
    .bind(employee)
    .bind(year)
    .bind(agency)
    .fetch_optional(c)
    .await?)
}

/// Every plan of one person, newest year first (their history).
pub async fn years_of(
    c: &mut Conn,
    agency: i64,
    employee: i64,
) -> Result<Vec<PlanRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE p.employee_id = $1 AND p.agency_id = $2 ORDER BY p.year DESC LIMIT 50"
    ))
    .bind(employee)
    .bind(agency)
    .fetch_all(c)
    .await?)
}

/// The plans `evaluator` approves and rates for `year`, by name.
pub async fn evaluated_by(
    c: &mut Conn,
    agency: i64,
    evaluator: i64,
    year: i64,
) -> Result<Vec<PlanRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE p.agency_id = $1 AND p.evaluator_id = $2 AND p.year = $3
         ORDER BY e.name, e.id LIMIT 500"
    ))
    .bind(agency)
    .bind(evaluator)
    .bind(year)
    .fetch_all(c)
    .await?)
}

/// The plans of `year` in the unit subtree at `path`, at most `limit`, by unit path then
/// name (the cascade of a unit).
pub async fn below(
    c: &mut Conn,
    agency: i64,
    year: i64,
    path: &str,
    limit: i64,
) -> Result<Vec<PlanRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE p.agency_id = $1 AND p.year = $2 AND p.unit_path LIKE $3 || '%'
         ORDER BY p.unit_path, e.name, p.id LIMIT $4"
    ))
    .bind(agency)
    .bind(year)
    .bind(path)
    .bind(limit)
    .fetch_all(c)
    .await?)
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct NewPlan {
    pub employee_id: i64,
    pub year: i64,
    pub unit_id: i64,
    pub unit_path: String,
    pub evaluator_id: Option<i64>,
}

/// Opens a plan as a draft; None when the person has one for the year already.
pub async fn insert(
    c: &mut Conn,
    agency: i64,
    p: &NewPlan,
    now: Millis,
) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO performance_plans (agency_id, employee_id, year, unit_id, unit_path,
            evaluator_id, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $7)
         ON CONFLICT (employee_id, year) DO NOTHING RETURNING id",
    )
    .bind(agency)
    .bind(p.employee_id)
    .bind(p.year)
    .bind(p.unit_id)
    .bind(&p.unit_path)
    .bind(p.evaluator_id)
    .bind(now)
    .fetch_optional(c)
    .await?)
}

/// Moves a draft's version (before a content change); false when the plan is not a
/// draft any more (submitted or approved in the meantime): the change must be refused.
pub async fn touch_draft(
    c: &mut Conn,
    agency: i64,
    plan: i64,
    now: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE performance_plans SET version = version + 1, updated_at = $3
         WHERE agency_id = $1 AND id = $2 AND status = 'draft'",
    )
    .bind(agency)
    .bind(plan)
    .bind(now)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The fields a state change writes.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StatusChange {
    pub status: String,
    pub revision: i64,
    pub return_comment: Option<String>,
    pub submitted_at: Option<Millis>,
    pub approved_at: Option<Millis>,
    pub approved_by: Option<i64>,
}

/// Writes a state change only over the `version` read; false when the plan moved on.
pub async fn set_status(
    c: &mut Conn,
    agency: i64,
    plan: i64,
    version: i64,
    s: &StatusChange,
    now: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE performance_plans SET status = $4, revision = $5, return_comment = $6,
            submitted_at = $7, approved_at = $8, approved_by = $9, version = version + 1,
            updated_at = $10
         WHERE agency_id = $1 AND id = $2 AND version = $3",
    )
    .bind(agency)
    .bind(plan)
    .bind(version)
    .bind(&s.status)
    .bind(s.revision)
    .bind(&s.return_comment)
    .bind(s.submitted_at)
    .bind(s.approved_at)
    .bind(s.approved_by)
    .bind(now)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The annex of a draft (call [`touch_draft`] first).
pub async fn set_annex(
    c: &mut Conn,
    agency: i64,
    plan: i64,
    resources: &str,
    accountability: &str,
    consequences: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE performance_plans SET resources = $3, accountability = $4, consequences = $5
         WHERE agency_id = $1 AND id = $2",
    )
    .bind(agency)
    .bind(plan)
    .bind(resources)
    .bind(accountability)
    .bind(consequences)
    .execute(c)
    .await?;
    Ok(())
}
