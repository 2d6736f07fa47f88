//! Requests to correct a missed or wrong punch, and their decisions. A request never
//! changes an event: approving it rewrites the day's totals, the events stay as they came.

use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

/// A correction with who asked for it (and what a decider needs to know about them).
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct CorrectionRow {
    pub id: i64,
    pub agency_id: i64,
    pub employee_id: i64,
    pub date: String,
    pub check_in: Option<String>,
    pub check_out: Option<String>,
    pub location: Option<String>,
    pub reason: String,
    pub status: String,
    pub decided_by: Option<i64>,
    pub decision_comment: Option<String>,
    pub created_at: Millis,
    pub decided_at: Option<Millis>,
    pub employee_name: String,
    pub employee_nip: String,
    pub supervisor_id: Option<i64>,
    pub unit_id: i64,
    pub unit_path: String,
    pub time_zone: String,
}

const SELECT: &str =
    "SELECT c.id, c.agency_id, c.employee_id, c.date, c.check_in, c.check_out, c.location,
        c.reason, c.status, c.decided_by, c.decision_comment, c.created_at, c.decided_at,
        e.name AS employee_name, e.nip AS employee_nip, e.supervisor_id, e.unit_id,
        u.path AS unit_path, u.time_zone
    FROM presence_corrections c
    JOIN employees e ON e.id = c.employee_id
    JOIN units u ON u.id = e.unit_id";

/// A correction to store, pending.
#[derive(Debug, Clone)]
pub struct NewCorrection {
    pub agency_id: i64,
    pub employee_id: i64,
    pub date: String,
    pub check_in: Option<String>,
    pub check_out: Option<String>,
    pub location: Option<String>,
    pub reason: String,
}

pub async fn insert_correction(
    c: &mut Conn,
    n: &NewCorrection,
    now: Millis,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO presence_corrections (agency_id, employee_id, date, check_in, check_out, location,
            reason, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8) RETURNING id",
    )
    .bind(n.agency_id)
    .bind(n.employee_id)
    .bind(&n.date)
    .bind(&n.check_in)
    .bind(&n.check_out)
    .bind(&n.location)
    .bind(&n.reason)
    .bind(now)
    .fetch_one(c)
    .await?)
}

pub async fn correction(
    c: &mut Conn,
    agency: i64,
    id: i64,
) -> Result<Option<CorrectionRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{SELECT} WHERE c.agency_id = $1 AND c.id = $2"))
            .bind(agency)
            .bind(id)
            .fetch_optional(c)
            .await?,
    )
}

/// A person's latest corrections, newest date first.
pub async fn corrections_of(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    limit: i64,
) -> Result<Vec<CorrectionRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE c.agency_id = $1 AND c.employee_id = $2 ORDER BY c.date DESC, c.id DESC LIMIT $3"
    ))
    .bind(agency)
    .bind(employee)
    .bind(limit)
    .fetch_all(c)
    .await?)
}

/// Whether a person already waits for a decision on a correction of `date`.
pub async fn pending_on(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    date: &str,
) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM presence_corrections
         WHERE agency_id = $1 AND employee_id = $2 AND date = $3 AND status = 'pending'",
    )
    .bind(agency)
    .bind(employee)
    .bind(date)
    .fetch_one(c)
    .await?;
    Ok(n > 0)
}

/// Pending corrections `decider` may decide on `today`: of their direct reports, and of the
/// reports of officials they stand in for today (Plt/Plh); never their own.
pub async fn pending_for(
    c: &mut Conn,
    agency: i64,
    decider: i64,
    today: &str,
    limit: i64,
) -> Result<Vec<CorrectionRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE c.agency_id = $1 AND c.status = 'pending' AND c.employee_id <> $2
           AND (e.supervisor_id = $2 OR e.supervisor_id IN (
                SELECT a.holder_id FROM acting_officials a
                WHERE a.agency_id = $1 AND a.acting_id = $2 AND a.first_day <= $3 AND a.last_day >= $3))
         ORDER BY c.date, c.id LIMIT $4"
    ))
    .bind(agency)
    .bind(decider)
    .bind(today)
    .bind(limit)
    .fetch_all(c)
    .await?)
}

/// Records the decision on a pending correction; `false` when it was no longer pending.
pub async fn decide_correction(
    c: &mut Conn,
    agency: i64,
    id: i64,
    status: &str,
    by: Option<i64>,
    comment: Option<&str>,
    now: Millis,
) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE presence_corrections SET status = $3, decided_by = $4, decision_comment = $5, decided_at = $6
         WHERE agency_id = $1 AND id = $2 AND status = 'pending'",
    )
    .bind(agency)
    .bind(id)
    .bind(status)
    .bind(by)
    .bind(comment)
    .bind(now)
    .execute(c)
    .await?;
    Ok(r.rows_affected() == 1)
}
