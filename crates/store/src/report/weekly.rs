//! Weekly reports (`weekly_reports`): one per person and week, written over the version
//! read while not acknowledged.

use super::{acknowledge_in, CHUNK};
use crate::sql::Sql;
use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct WeeklyRow {
    pub id: i64,
    pub agency_id: i64,
    pub employee_id: i64,
    pub week: String,
    pub unit_id: i64,
    pub went_well: String,
    pub to_improve: String,
    pub next_week: String,
    pub days_reported: i64,
    pub items_done: i64,
    pub items_blocked: i64,
    pub version: i64,
    pub submitted_at: Millis,
    pub updated_at: Millis,
    pub acknowledged_at: Option<Millis>,
    pub acknowledged_by: Option<i64>,
    pub comment: Option<String>,
    pub commented_at: Option<Millis>,
}

const WEEKLY: &str = "SELECT w.id, w.agency_id, w.employee_id, w.week, w.unit_id, w.went_well,
        w.to_improve, w.next_week, w.days_reported, w.items_done, w.items_blocked, w.version,
        w.submitted_at, w.updated_at, w.acknowledged_at, w.acknowledged_by, w.comment, w.commented_at
    FROM weekly_reports w";

#[derive(Debug, Clone, serde::Serialize)]
pub struct NewWeekly {
    pub agency_id: i64,
    pub employee_id: i64,
    pub week: String,
    pub unit_id: i64,
    pub went_well: String,
    pub to_improve: String,
    pub next_week: String,
    pub days_reported: i64,
    pub items_done: i64,
    pub items_blocked: i64,
}

pub async fn weekly(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    week: &str,
) -> Result<Option<WeeklyRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{WEEKLY} WHERE w.employee_id = $1 AND w.week = $2 AND w.agency_id = $3"
    ))
    .bind(employee)
    .bind(week)
    .bind(agency)
    .fetch_optional(c)
    .await?)
}

pub async fn weekly_by_id(
    c: &mut Conn,
    agency: i64,
    id: i64,
) -> Result<Option<WeeklyRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{WEEKLY} WHERE w.agency_id = $1 AND w.id = $2"))
            .bind(agency)
            .bind(id)
            .fetch_optional(c)
            .await?,
    )
}

/// The weekly reports of `people` for `week`.
pub async fn weekly_of_people(
    c: &mut Conn,
    agency: i64,
    people: &[i64],
    week: &str,
) -> Result<Vec<WeeklyRow>, StoreError> {
    let mut out = Vec::new();
    for chunk in people.chunks(CHUNK) {
        let mut q = Sql::new(WEEKLY);
        let w = q.text_arg(week);
        let ids: Vec<String> = chunk.iter().map(|p| q.int(*p)).collect();
        let a = q.int(agency);
        q.push(&format!(
            " WHERE w.employee_id IN ({}) AND w.week = {w} AND w.agency_id = {a}",
            ids.join(", ")
        ));
        out.extend(q.query_as::<WeeklyRow>().fetch_all(&mut *c).await?);
    }
    Ok(out)
}

/// Writes a weekly report: a new one, or over `version` of the existing one while it is
/// not acknowledged. None when someone else wrote first.
pub async fn put_weekly(
    c: &mut Conn,
    w: &NewWeekly,
    version: Option<i64>,
    now: Millis,
) -> Result<Option<i64>, StoreError> {
    match version {
        None => Ok(sqlx::query_scalar(
            "INSERT INTO weekly_reports (agency_id, employee_id, week, unit_id, went_well,
                to_improve, next_week, days_reported, items_done, items_blocked, version,
                submitted_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $11)
             ON CONFLICT (employee_id, week) DO NOTHING RETURNING id",
        )
        .bind(w.agency_id)
        .bind(w.employee_id)
        .bind(&w.week)
        .bind(w.unit_id)
        .bind(&w.went_well)
        .bind(&w.to_improve)
        .bind(&w.next_week)
        .bind(w.days_reported)
        .bind(w.items_done)
        .bind(w.items_blocked)
        .bind(now)
        .fetch_optional(c)
        .await?),
        Some(v) => Ok(sqlx::query_scalar(
            "UPDATE weekly_reports SET went_well = $4, to_improve = $5, next_week = $6,
                days_reported = $7, items_done = $8, items_blocked = $9,
                version = version + 1, updated_at = $10
             WHERE agency_id = $1 AND employee_id = $2 AND week = $3 AND version = $11
               AND acknowledged_at IS NULL
             RETURNING id",
        )
        .bind(w.agency_id)
        .bind(w.employee_id)
        .bind(&w.week)
        .bind(&w.went_well)
        .bind(&w.to_improve)
        .bind(&w.next_week)
        .bind(w.days_reported)
        .bind(w.items_done)
        .bind(w.items_blocked)
        .bind(now)
        .bind(v)
        .fetch_optional(c)
        .await?),
    }
}

/// The supervisor's acknowledgement of a weekly report, only on the version read.
pub async fn acknowledge_weekly(
    c: &mut Conn,
    agency: i64,
    id: i64,
    version: i64,
    by: i64,
    comment: Option<&str>,
    now: Millis,
) -> Result<bool, StoreError> {
    acknowledge_in(c, "weekly_reports", agency, id, version, by, comment, now).await
}
