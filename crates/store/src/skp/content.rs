//! A plan's content: its results, their indicators, and the behaviour expectations.
//! Writes follow [`super::touch_draft`] in the caller's transaction.

use super::CHUNK;
use crate::sql::Sql;
use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct ResultRow {
    pub id: i64,
    pub plan_id: i64,
    pub kind: String,
    pub text: String,
    pub parent_result_id: Option<i64>,
    pub parent_text: Option<String>,
    pub position: i64,
}

const RESULTS: &str = "SELECT r.id, r.plan_id, r.kind, r.text, r.parent_result_id,
        pr.text AS parent_text, r.position
    FROM planned_results r LEFT JOIN planned_results pr ON pr.id = r.parent_result_id";

/// The results of several plans, by plan then position.
pub async fn results_of(
    c: &mut Conn,
    agency: i64,
    plans: &[i64],
) -> Result<Vec<ResultRow>, StoreError> {
    let mut out = Vec::new();
    for chunk in plans.chunks(CHUNK) {
        let mut q = Sql::new(RESULTS);
        let a = q.int(agency);
        let ids: Vec<String> = chunk.iter().map(|p| q.int(*p)).collect();
        q.push(&format!(
            " WHERE r.agency_id = {a} AND r.plan_id IN ({}) ORDER BY r.plan_id, r.position, r.id",
            ids.join(", ")
        ));
        out.extend(q.query_as::<ResultRow>().fetch_all(&mut *c).await?);
    }
    Ok(out)
}

pub async fn result(c: &mut Conn, agency: i64, id: i64) -> Result<Option<ResultRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{RESULTS} WHERE r.agency_id = $1 AND r.id = $2"))
            .bind(agency)
            .bind(id)
            .fetch_optional(c)
            .await?,
    )
}

/// What a result holds.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ResultFields {
    pub kind: String,
    pub text: String,
    pub parent_result_id: Option<i64>,
}

/// Adds a result at the end of the plan.
pub async fn add_result(
    c: &mut Conn,
    agency: i64,
    plan: i64,
    r: &ResultFields,
    now: Millis,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO planned_results (agency_id, plan_id, kind, text, parent_result_id, position,
            created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5,
            (SELECT COALESCE(MAX(position), 0) + 1 FROM planned_results WHERE agency_id = $1 AND plan_id = $2),
            $6, $6)
         RETURNING id",
    )
    .bind(agency)
    .bind(plan)
    .bind(&r.kind)
    .bind(&r.text)
    .bind(r.parent_result_id)
    .bind(now)
    .fetch_one(c)
    .await?)
}

pub async fn update_result(
    c: &mut Conn,
    agency: i64,
    plan: i64,
    id: i64,
    r: &ResultFields,
    now: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE planned_results SET kind = $4, text = $5, parent_result_id = $6, updated_at = $7
         WHERE agency_id = $1 AND plan_id = $2 AND id = $3",
    )
    .bind(agency)
    .bind(plan)
    .bind(id)
    .bind(&r.kind)
    .bind(&r.text)
    .bind(r.parent_result_id)
    .bind(now)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What still points to a result: results of other plans that support it, tasks and
/// report items that serve it, actual values recorded against its indicators. A result in
/// use is not removed (its text may still be edited).
pub async fn result_uses(c: &mut Conn, agency: i64, id: i64) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM planned_results WHERE agency_id = $1 AND parent_result_id = $2)
              + (SELECT COUNT(*) FROM tasks WHERE agency_id = $1 AND result_id = $2)
              + (SELECT COUNT(*) FROM daily_report_items WHERE agency_id = $1 AND result_id = $2)
              + (SELECT COUNT(*) FROM indicator_actuals a JOIN result_indicators i ON i.id = a.indicator_id
                 WHERE a.agency_id = $1 AND i.result_id = $2)",
    )
    .bind(agency)
    .bind(id)
    .fetch_one(c)
    .await?)
}

/// Removes a result and its indicators.
pub async fn remove_result(
    c: &mut Conn,
    agency: i64,
    plan: i64,
    id: i64,
) -> Result<bool, StoreError> {
    sqlx::query(
        "DELETE FROM result_indicators WHERE agency_id = $1 AND plan_id = $2 AND result_id = $3",
    )
    .bind(agency)
    .bind(plan)
    .bind(id)
    .execute(&mut *c)
    .await?;
    let done = sqlx::query(
        "DELETE FROM planned_results WHERE agency_id = $1 AND plan_id = $2 AND id = $3",
    )
    .bind(agency)
    .bind(plan)
    .bind(id)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct IndicatorRow {
    pub id: i64,
    pub plan_id: i64,
    pub result_id: i64,
    pub aspect: String,
    pub text: String,
    pub target: f64,
    pub unit: String,
    pub position: i64,
}

/// The indicators of several plans, by plan, result, position.
pub async fn indicators_of(
    c: &mut Conn,
    agency: i64,
    plans: &[i64],
) -> Result<Vec<IndicatorRow>, StoreError> {
    let mut out = Vec::new();
    for chunk in plans.chunks(CHUNK) {
        let mut q = Sql::new(
            "SELECT i.id, i.plan_id, i.result_id, i.aspect, i.text, i.target, i.unit, i.position
             FROM result_indicators i",
        );
        let a = q.int(agency);
        let ids: Vec<String> = chunk.iter().map(|p| q.int(*p)).collect();
        q.push(&format!(
            " WHERE i.agency_id = {a} AND i.plan_id IN ({}) ORDER BY i.plan_id, i.result_id, i.position, i.id",
            ids.join(", ")
        ));
        out.extend(q.query_as::<IndicatorRow>().fetch_all(&mut *c).await?);
    }
    Ok(out)
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct NewIndicator {
    pub aspect: String,
    pub text: String,
    pub target: f64,
    pub unit: String,
}

pub async fn add_indicator(
    c: &mut Conn,
    agency: i64,
    plan: i64,
    result: i64,
    i: &NewIndicator,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO result_indicators (agency_id, plan_id, result_id, aspect, text, target, unit, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7,
            (SELECT COALESCE(MAX(position), 0) + 1 FROM result_indicators WHERE agency_id = $1 AND result_id = $3))
         RETURNING id",
    )
    .bind(agency)
    .bind(plan)
    .bind(result)
    .bind(&i.aspect)
    .bind(&i.text)
    .bind(i.target)
    .bind(&i.unit)
    .fetch_one(c)
    .await?)
}

pub async fn update_indicator(
    c: &mut Conn,
    agency: i64,
    plan: i64,
    id: i64,
    i: &NewIndicator,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE result_indicators SET aspect = $4, text = $5, target = $6, unit = $7
         WHERE agency_id = $1 AND plan_id = $2 AND id = $3",
    )
    .bind(agency)
    .bind(plan)
    .bind(id)
    .bind(&i.aspect)
    .bind(&i.text)
    .bind(i.target)
    .bind(&i.unit)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// How many actual values were recorded against an indicator (one in use is not removed).
pub async fn indicator_uses(c: &mut Conn, agency: i64, id: i64) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM indicator_actuals WHERE agency_id = $1 AND indicator_id = $2",
    )
    .bind(agency)
    .bind(id)
    .fetch_one(c)
    .await?)
}

pub async fn remove_indicator(
    c: &mut Conn,
    agency: i64,
    plan: i64,
    id: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "DELETE FROM result_indicators WHERE agency_id = $1 AND plan_id = $2 AND id = $3",
    )
    .bind(agency)
    .bind(plan)
    .bind(id)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct ExpectationRow {
    pub core_value: String,
    pub expectation: String,
}

pub async fn expectations_of(
    c: &mut Conn,
    agency: i64,
    plan: i64,
) -> Result<Vec<ExpectationRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT core_value, expectation FROM behaviour_expectations
         WHERE plan_id = $1 AND agency_id = $2 ORDER BY core_value",
    )
    .bind(plan)
    .bind(agency)
    .fetch_all(c)
    .await?)
}

/// Sets the expectation for one value; an empty text removes it.
pub async fn set_expectation(
    c: &mut Conn,
    agency: i64,
    plan: i64,
    value: &str,
    text: &str,
) -> Result<(), StoreError> {
    if text.is_empty() {
        sqlx::query("DELETE FROM behaviour_expectations WHERE plan_id = $1 AND agency_id = $2 AND core_value = $3")
            .bind(plan)
            .bind(agency)
            .bind(value)
            .execute(c)
            .await?;
    } else {
        sqlx::query(
            "INSERT INTO behaviour_expectations (plan_id, agency_id, core_value, expectation)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (plan_id, core_value) DO UPDATE SET expectation = excluded.expectation",
        )
        .bind(plan)
        .bind(agency)
        .bind(value)
        .bind(text)
        .execute(c)
        .await?;
    }
    Ok(())
}
