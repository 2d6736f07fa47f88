//! What an evaluation is rated on: actual values against the indicators, the
//! behaviour ratings and the supervisor's ratings (over the version read, never onto a
//! final evaluation), the final step, and the unit's own result.

use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

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
