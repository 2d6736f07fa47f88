//! Evaluations (`evaluations`, `indicator_actuals`, `behaviour_ratings`), 360 feedback
//! (`feedback_requests`, `feedback_respondents`, `feedback_answers`), the agency's period
//! (`performance_settings`) and units' own results (`unit_results`). Ratings are written
//! over the version read and never onto a final evaluation.

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

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct ActualRow {
    pub indicator_id: i64,
    pub actual: f64,
    pub note: String,
    pub evidence_link: Option<String>,
    pub evidence_file_id: Option<i64>,
    pub updated_at: Millis,
}

pub async fn actuals_of(
    c: &mut Conn,
    agency: i64,
    evaluation: i64,
) -> Result<Vec<ActualRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT indicator_id, actual, note, evidence_link, evidence_file_id, updated_at
         FROM indicator_actuals WHERE evaluation_id = $1 AND agency_id = $2 ORDER BY indicator_id",
    )
    .bind(evaluation)
    .bind(agency)
    .fetch_all(c)
    .await?)
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct NewActual {
    pub indicator_id: i64,
    pub actual: f64,
    pub note: String,
    pub evidence_link: Option<String>,
    pub evidence_file_id: Option<i64>,
}

pub async fn put_actual(
    c: &mut Conn,
    agency: i64,
    evaluation: i64,
    a: &NewActual,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO indicator_actuals (evaluation_id, indicator_id, agency_id, actual, note,
            evidence_link, evidence_file_id, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (evaluation_id, indicator_id) DO UPDATE SET actual = excluded.actual,
            note = excluded.note, evidence_link = excluded.evidence_link,
            evidence_file_id = excluded.evidence_file_id, updated_at = excluded.updated_at",
    )
    .bind(evaluation)
    .bind(a.indicator_id)
    .bind(agency)
    .bind(a.actual)
    .bind(&a.note)
    .bind(&a.evidence_link)
    .bind(a.evidence_file_id)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct BehaviourRow {
    pub core_value: String,
    pub rating: String,
}

pub async fn behaviour_of(
    c: &mut Conn,
    agency: i64,
    evaluation: i64,
) -> Result<Vec<BehaviourRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT core_value, rating FROM behaviour_ratings WHERE evaluation_id = $1 AND agency_id = $2
         ORDER BY core_value",
    )
    .bind(evaluation)
    .bind(agency)
    .fetch_all(c)
    .await?)
}

/// The ratings a supervisor writes.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Rated {
    pub results_rating: String,
    pub behaviour_rating: String,
    pub predikat: String,
    pub feedback: String,
    /// Per core value (code, rating); replaces what was there.
    pub behaviour: Vec<(String, String)>,
}

/// Writes the ratings over `version` of a non-final evaluation; false when it moved on.
pub async fn rate(
    c: &mut Conn,
    agency: i64,
    id: i64,
    version: i64,
    r: &Rated,
    by: i64,
    now: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE evaluations SET results_rating = $4, behaviour_rating = $5, predikat = $6,
            feedback = $7, status = 'rated', rated_at = $8, rated_by = $9, version = version + 1,
            updated_at = $8
         WHERE agency_id = $1 AND id = $2 AND version = $3 AND status <> 'final'",
    )
    .bind(agency)
    .bind(id)
    .bind(version)
    .bind(&r.results_rating)
    .bind(&r.behaviour_rating)
    .bind(&r.predikat)
    .bind(&r.feedback)
    .bind(now)
    .bind(by)
    .execute(&mut *c)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM behaviour_ratings WHERE evaluation_id = $1 AND agency_id = $2")
        .bind(id)
        .bind(agency)
        .execute(&mut *c)
        .await?;
    for (value, rating) in &r.behaviour {
        sqlx::query(
            "INSERT INTO behaviour_ratings (evaluation_id, core_value, agency_id, rating) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(value)
        .bind(agency)
        .bind(rating)
        .execute(&mut *c)
        .await?;
    }
    Ok(true)
}

/// Makes every rated evaluation of `period` below `path` final; how many.
pub async fn finalize_below(
    c: &mut Conn,
    agency: i64,
    period: &str,
    path: &str,
    now: Millis,
) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "UPDATE evaluations SET status = 'final', finalized_at = $4, version = version + 1, updated_at = $4
         WHERE agency_id = $1 AND period = $2 AND unit_path LIKE $3 || '%' AND status = 'rated'",
    )
    .bind(agency)
    .bind(period)
    .bind(path)
    .bind(now)
    .execute(c)
    .await?;
    Ok(done.rows_affected())
}

/// The unit's own result for a period, if set.
pub async fn unit_result(
    c: &mut Conn,
    agency: i64,
    unit: i64,
    period: &str,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT result FROM unit_results WHERE agency_id = $1 AND unit_id = $2 AND period = $3",
    )
    .bind(agency)
    .bind(unit)
    .bind(period)
    .fetch_optional(c)
    .await?)
}

pub async fn set_unit_result(
    c: &mut Conn,
    agency: i64,
    unit: i64,
    period: &str,
    result: &str,
    by: Option<i64>,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO unit_results (agency_id, unit_id, period, result, set_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (unit_id, period) DO UPDATE SET result = excluded.result, set_by = excluded.set_by,
            updated_at = excluded.updated_at",
    )
    .bind(agency)
    .bind(unit)
    .bind(period)
    .bind(result)
    .bind(by)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

/// A 360 request with how many were asked and how many answered.
#[derive(Debug, Clone, FromRow, PartialEq, Eq, serde::Serialize)]
pub struct RequestRow {
    pub id: i64,
    pub evaluation_id: i64,
    pub created_at: Millis,
    pub asked: i64,
    pub answered: i64,
}

pub async fn request_of(
    c: &mut Conn,
    agency: i64,
    evaluation: i64,
) -> Result<Option<RequestRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT r.id, r.evaluation_id, r.created_at,
            (SELECT COUNT(*) FROM feedback_respondents x WHERE x.request_id = r.id) AS asked,
            (SELECT COUNT(*) FROM feedback_respondents x WHERE x.request_id = r.id AND x.answered_at IS NOT NULL) AS answered
         FROM feedback_requests r WHERE r.agency_id = $1 AND r.evaluation_id = $2",
    )
    .bind(agency)
    .bind(evaluation)
    .fetch_optional(c)
    .await?)
}

/// Asks `respondents` for 360 feedback on `evaluation`; None when it was asked already.
pub async fn insert_request(
    c: &mut Conn,
    agency: i64,
    evaluation: i64,
    by: i64,
    respondents: &[i64],
    now: Millis,
) -> Result<Option<i64>, StoreError> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO feedback_requests (agency_id, evaluation_id, requested_by, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (evaluation_id) DO NOTHING RETURNING id",
    )
    .bind(agency)
    .bind(evaluation)
    .bind(by)
    .bind(now)
    .fetch_optional(&mut *c)
    .await?;
    let Some(id) = id else { return Ok(None) };
    for r in respondents {
        sqlx::query(
            "INSERT INTO feedback_respondents (request_id, respondent_id, agency_id) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(r)
        .bind(agency)
        .execute(&mut *c)
        .await?;
    }
    Ok(Some(id))
}

/// A request someone is asked to answer.
#[derive(Debug, Clone, FromRow, PartialEq, Eq, serde::Serialize)]
pub struct AskedRow {
    pub request_id: i64,
    pub evaluation_id: i64,
    pub subject_name: String,
    pub period: String,
    pub answered_at: Option<Millis>,
}

/// The requests `respondent` was asked, unanswered first, newest first; at most 50.
pub async fn asked_of(
    c: &mut Conn,
    agency: i64,
    respondent: i64,
) -> Result<Vec<AskedRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT x.request_id, r.evaluation_id, e.name AS subject_name, v.period, x.answered_at
         FROM feedback_respondents x
         JOIN feedback_requests r ON r.id = x.request_id
         JOIN evaluations v ON v.id = r.evaluation_id
         JOIN employees e ON e.id = v.employee_id
         WHERE x.agency_id = $1 AND x.respondent_id = $2
         ORDER BY CASE WHEN x.answered_at IS NULL THEN 0 ELSE 1 END, x.request_id DESC LIMIT 50",
    )
    .bind(agency)
    .bind(respondent)
    .fetch_all(c)
    .await?)
}

/// Marks `respondent`'s answer to `request` as given; false when they were not asked or
/// answered already.
pub async fn mark_answered(
    c: &mut Conn,
    agency: i64,
    request: i64,
    respondent: i64,
    now: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE feedback_respondents SET answered_at = $4
         WHERE agency_id = $1 AND request_id = $2 AND respondent_id = $3 AND answered_at IS NULL",
    )
    .bind(agency)
    .bind(request)
    .bind(respondent)
    .bind(now)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Stores one answer, apart from who gave it.
pub async fn insert_answer(
    c: &mut Conn,
    agency: i64,
    request: i64,
    ratings_json: &str,
    comment: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO feedback_answers (request_id, agency_id, ratings, comment) VALUES ($1, $2, $3, $4)",
    )
    .bind(request)
    .bind(agency)
    .bind(ratings_json)
    .bind(comment)
    .execute(c)
    .await?;
    Ok(())
}

/// The answers to a request: (ratings JSON, comment).
pub async fn answers_of(
    c: &mut Conn,
    agency: i64,
    request: i64,
) -> Result<Vec<(String, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT ratings, comment FROM feedback_answers WHERE agency_id = $1 AND request_id = $2 ORDER BY id",
    )
    .bind(agency)
    .bind(request)
    .fetch_all(c)
    .await?)
}

/// Whether `respondent` was asked `request`, and whether they answered.
pub async fn asked(
    c: &mut Conn,
    agency: i64,
    request: i64,
    respondent: i64,
) -> Result<Option<Option<Millis>>, StoreError> {
    let row: Option<(Option<Millis>,)> = sqlx::query_as(
        "SELECT answered_at FROM feedback_respondents WHERE agency_id = $1 AND request_id = $2 AND respondent_id = $3",
    )
    .bind(agency)
    .bind(request)
    .bind(respondent)
    .fetch_optional(c)
    .await?;
    Ok(row.map(|r| r.0))
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
