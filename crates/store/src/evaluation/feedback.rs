//! 360 feedback: a request, the people asked, and their answers kept apart from who
//! gave them.

use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

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
