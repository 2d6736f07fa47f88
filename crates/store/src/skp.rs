//! Performance plans (SKP): `performance_plans` with their `planned_results`,
//! `result_indicators`, `behaviour_expectations`, `plan_revisions` and
//! `performance_dialogues`. Content writes go through [`touch_draft`] first, which moves
//! the plan's version only while it is a draft: a locked plan cannot be changed by a write
//! that raced its approval.

use crate::sql::Sql;
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

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct RevisionRow {
    pub id: i64,
    pub revision: i64,
    pub reason: String,
    pub snapshot: String,
    pub created_at: Millis,
}

/// The approved content of a plan kept as a revision reopens it.
#[derive(Debug, Clone)]
pub struct NewRevision {
    pub plan_id: i64,
    pub revision: i64,
    pub reason: String,
    /// The content as JSON.
    pub snapshot: String,
    pub created_by: Option<i64>,
}

/// Keeps the approved content of a revision as it is reopened.
pub async fn insert_revision(
    c: &mut Conn,
    agency: i64,
    r: &NewRevision,
    now: Millis,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO plan_revisions (agency_id, plan_id, revision, reason, snapshot, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(agency)
    .bind(r.plan_id)
    .bind(r.revision)
    .bind(&r.reason)
    .bind(&r.snapshot)
    .bind(r.created_by)
    .bind(now)
    .fetch_one(c)
    .await?)
}

pub async fn revisions_of(
    c: &mut Conn,
    agency: i64,
    plan: i64,
) -> Result<Vec<RevisionRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, revision, reason, snapshot, created_at FROM plan_revisions
         WHERE plan_id = $1 AND agency_id = $2 ORDER BY revision",
    )
    .bind(plan)
    .bind(agency)
    .fetch_all(c)
    .await?)
}

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct DialogueRow {
    pub id: i64,
    pub plan_id: i64,
    pub date: String,
    pub recorded_by: i64,
    pub recorded_by_name: String,
    pub participants: String,
    pub topic: String,
    pub agreed: String,
    pub created_at: Millis,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct NewDialogue {
    pub plan_id: i64,
    pub date: String,
    pub recorded_by: i64,
    pub participants: String,
    pub topic: String,
    pub agreed: String,
}

pub async fn insert_dialogue(
    c: &mut Conn,
    agency: i64,
    d: &NewDialogue,
    now: Millis,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO performance_dialogues (agency_id, plan_id, date, recorded_by, participants,
            topic, agreed, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(agency)
    .bind(d.plan_id)
    .bind(&d.date)
    .bind(d.recorded_by)
    .bind(&d.participants)
    .bind(&d.topic)
    .bind(&d.agreed)
    .bind(now)
    .fetch_one(c)
    .await?)
}

pub async fn dialogues_of(
    c: &mut Conn,
    agency: i64,
    plan: i64,
) -> Result<Vec<DialogueRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT d.id, d.plan_id, d.date, d.recorded_by, e.name AS recorded_by_name, d.participants,
            d.topic, d.agreed, d.created_at
         FROM performance_dialogues d JOIN employees e ON e.id = d.recorded_by
         WHERE d.agency_id = $1 AND d.plan_id = $2 ORDER BY d.date, d.id",
    )
    .bind(agency)
    .bind(plan)
    .fetch_all(c)
    .await?)
}
