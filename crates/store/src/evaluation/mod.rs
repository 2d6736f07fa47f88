//! Evaluations (`evaluations`, `indicator_actuals`, `behaviour_ratings`), 360 feedback
//! (`feedback_requests`, `feedback_respondents`, `feedback_answers`), the agency's period
//! (`performance_settings`) and units' own results (`unit_results`). Ratings are written
//! over the version read and never onto a final evaluation.

mod feedback;
mod ratings;

pub use feedback::{
    answers_of, asked, asked_of, insert_answer, insert_request, mark_answered, request_of,
    AskedRow, RequestRow,
};
pub use ratings::{
    actuals_of, behaviour_of, finalize_below, put_actual, rate, set_unit_result, unit_result,
    ActualRow, BehaviourRow, NewActual, Rated,
};

use crate::sql::Sql;
use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

const CHUNK: usize = 500;

/// The agency's kind of period, if it chose one.
pub async fn period_kind(c: &mut Conn, agency: i64) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT period_kind FROM performance_settings WHERE agency_id = $1")
            .bind(agency)
            .fetch_optional(c)
            .await?,
    )
}

pub async fn set_period_kind(
    c: &mut Conn,
    agency: i64,
    kind: &str,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO performance_settings (agency_id, period_kind, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (agency_id) DO UPDATE SET period_kind = excluded.period_kind, updated_at = excluded.updated_at",
    )
    .bind(agency)
    .bind(kind)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct EvaluationRow {
    pub id: i64,
    pub agency_id: i64,
    pub plan_id: i64,
    pub plan_year: i64,
    pub employee_id: i64,
    pub employee_name: String,
    pub nip: String,
    pub position_name: String,
    pub unit_id: i64,
    pub unit_path: String,
    pub unit_name: String,
    pub period: String,
    pub evaluator_id: Option<i64>,
    pub evaluator_name: Option<String>,
    pub evaluator_nip: Option<String>,
    pub results_rating: Option<String>,
    pub behaviour_rating: Option<String>,
    pub predikat: Option<String>,
    pub feedback: String,
    pub status: String,
    pub version: i64,
    pub rated_at: Option<Millis>,
    pub finalized_at: Option<Millis>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

const SELECT: &str = "SELECT v.id, v.agency_id, v.plan_id, p.year AS plan_year, v.employee_id,
        e.name AS employee_name, e.nip, pos.name AS position_name, v.unit_id, v.unit_path,
        u.name AS unit_name, v.period, v.evaluator_id, ev.name AS evaluator_name,
        ev.nip AS evaluator_nip, v.results_rating, v.behaviour_rating, v.predikat, v.feedback,
        v.status, v.version, v.rated_at, v.finalized_at, v.created_at, v.updated_at
    FROM evaluations v
    JOIN performance_plans p ON p.id = v.plan_id
    JOIN employees e ON e.id = v.employee_id
    JOIN positions pos ON pos.id = e.position_id
    JOIN units u ON u.id = v.unit_id
    LEFT JOIN employees ev ON ev.id = v.evaluator_id";

pub async fn get(c: &mut Conn, agency: i64, id: i64) -> Result<Option<EvaluationRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{SELECT} WHERE v.agency_id = $1 AND v.id = $2"))
            .bind(agency)
            .bind(id)
            .fetch_optional(c)
            .await?,
    )
}

pub async fn of_plan(
    c: &mut Conn,
    agency: i64,
    plan: i64,
    period: &str,
) -> Result<Option<EvaluationRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE v.agency_id = $1 AND v.plan_id = $2 AND v.period = $3"
    ))
    .bind(agency)
    .bind(plan)
    .bind(period)
    .fetch_optional(c)
    .await?)
}

/// One person's evaluations, newest period first (their history), at most 100.
pub async fn of_employee(
    c: &mut Conn,
    agency: i64,
    employee: i64,
) -> Result<Vec<EvaluationRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE v.agency_id = $1 AND v.employee_id = $2 ORDER BY v.period DESC LIMIT 100"
    ))
    .bind(agency)
    .bind(employee)
    .fetch_all(c)
    .await?)
}

/// The evaluations `evaluator` rates for `period`.
pub async fn of_evaluator(
    c: &mut Conn,
    agency: i64,
    evaluator: i64,
    period: &str,
) -> Result<Vec<EvaluationRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE v.agency_id = $1 AND v.evaluator_id = $2 AND v.period = $3 ORDER BY e.name, v.id LIMIT 500"
    ))
    .bind(agency)
    .bind(evaluator)
    .bind(period)
    .fetch_all(c)
    .await?)
}

/// The evaluations of `period` in the unit subtree at `path`, at most `limit`.
pub async fn below(
    c: &mut Conn,
    agency: i64,
    period: &str,
    path: &str,
    limit: i64,
) -> Result<Vec<EvaluationRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE v.agency_id = $1 AND v.period = $2 AND v.unit_path LIKE $3 || '%'
         ORDER BY v.unit_path, e.name, v.id LIMIT $4"
    ))
    .bind(agency)
    .bind(period)
    .bind(path)
    .bind(limit)
    .fetch_all(c)
    .await?)
}

/// How many evaluations of `period` below `path` hold each predikat and status.
#[derive(Debug, Clone, FromRow, PartialEq, Eq, serde::Serialize)]
pub struct SpreadRow {
    pub predikat: Option<String>,
    pub status: String,
    pub people: i64,
}

pub async fn spread_below(
    c: &mut Conn,
    agency: i64,
    period: &str,
    path: &str,
) -> Result<Vec<SpreadRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT v.predikat, v.status, COUNT(*) AS people FROM evaluations v
         WHERE v.agency_id = $1 AND v.period = $2 AND v.unit_path LIKE $3 || '%'
         GROUP BY v.predikat, v.status",
    )
    .bind(agency)
    .bind(period)
    .bind(path)
    .fetch_all(c)
    .await?)
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct NewEvaluation {
    pub plan_id: i64,
    pub employee_id: i64,
    pub unit_id: i64,
    pub unit_path: String,
    pub period: String,
    pub evaluator_id: Option<i64>,
}

/// Opens an evaluation; None when the plan has one for the period already.
pub async fn insert(
    c: &mut Conn,
    agency: i64,
    n: &NewEvaluation,
    now: Millis,
) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO evaluations (agency_id, plan_id, employee_id, unit_id, unit_path, period,
            evaluator_id, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $8)
         ON CONFLICT (plan_id, period) DO NOTHING RETURNING id",
    )
    .bind(agency)
    .bind(n.plan_id)
    .bind(n.employee_id)
    .bind(n.unit_id)
    .bind(&n.unit_path)
    .bind(&n.period)
    .bind(n.evaluator_id)
    .bind(now)
    .fetch_optional(c)
    .await?)
}

/// Moves an evaluation's version before a change of its actual values; false when it is
/// final (nothing may change any more).
pub async fn touch_unfinal(
    c: &mut Conn,
    agency: i64,
    id: i64,
    now: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE evaluations SET version = version + 1, updated_at = $3
         WHERE agency_id = $1 AND id = $2 AND status <> 'final'",
    )
    .bind(agency)
    .bind(id)
    .bind(now)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The evaluations of several people for one period (the unit recap), by employee.
pub async fn of_people(
    c: &mut Conn,
    agency: i64,
    people: &[i64],
    period: &str,
) -> Result<Vec<EvaluationRow>, StoreError> {
    let mut out = Vec::new();
    for chunk in people.chunks(CHUNK) {
        let mut q = Sql::new(SELECT);
        let a = q.int(agency);
        let p = q.text_arg(period);
        let ids: Vec<String> = chunk.iter().map(|x| q.int(*x)).collect();
        q.push(&format!(
            " WHERE v.agency_id = {a} AND v.period = {p} AND v.employee_id IN ({})",
            ids.join(", ")
        ));
        out.extend(q.query_as::<EvaluationRow>().fetch_all(&mut *c).await?);
    }
    Ok(out)
}
