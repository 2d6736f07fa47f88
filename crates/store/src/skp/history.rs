//! What a plan keeps of its past: the revisions that reopened it, and the performance
//! dialogues recorded on it.

use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

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
