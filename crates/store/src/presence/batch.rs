//! The writes of many punches at once: one statement per kind of row for a whole batch
//! (events, opened days, closed days, weeks), so a batch of 200 punches is a handful of
//! round trips to PostgreSQL instead of 800. Each statement keeps the condition that
//! decides races (a key recorded once, a day opened once, a check-out applied only to the
//! day as it was read), row by row, inside the statement.
//!
//! Callers give each person at most once per call: `ON CONFLICT DO UPDATE` may not touch
//! one row twice in a statement, and the answers are matched back by person.

use super::{CheckInDay, CheckOutDay, DayRow, NewEvent, WeekRow, DAY_COLUMNS, WEEK_COLUMNS};
use crate::sql::value_rows;
use crate::{Conn, Millis, StoreError};

/// Rows per statement: well under both engines' limits on bound values (SQLite 32,766).
const CHUNK: usize = 500;

/// The event a person's punch was recorded as.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Recorded {
    pub id: i64,
    pub employee_id: i64,
    pub client_key: String,
}

/// Records punches; one `Recorded` for each that was new. A client key the person used
/// before is skipped (the caller answers with the first punch).
pub async fn insert_events(
    c: &mut Conn,
    events: &[&NewEvent],
) -> Result<Vec<Recorded>, StoreError> {
    let mut out = Vec::with_capacity(events.len());
    for chunk in events.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO presence_events (agency_id, employee_id, date, kind, at, location, note, client_key, source)
             VALUES {}
             ON CONFLICT (employee_id, client_key) DO NOTHING RETURNING id, employee_id, client_key",
            value_rows(chunk.len(), 9)
        );
        let mut q = sqlx::query_as::<_, Recorded>(&sql);
        for e in chunk {
            q = q
                .bind(e.agency_id)
                .bind(e.employee_id)
                .bind(&e.date)
                .bind(e.kind)
                .bind(e.at)
                .bind(&e.location)
                .bind(&e.note)
                .bind(&e.client_key)
                .bind(e.source);
        }
        out.extend(q.fetch_all(&mut *c).await?);
    }
    Ok(out)
}

/// Takes back events written earlier in the same transaction whose punches turned out to
/// be refused (a second check-in that raced the first).
pub async fn delete_uncommitted_events(c: &mut Conn, ids: &[i64]) -> Result<(), StoreError> {
    for chunk in ids.chunks(CHUNK) {
        let sql = format!(
            "DELETE FROM presence_events WHERE id IN {}",
            value_rows(1, chunk.len())
        );
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        q.execute(&mut *c).await?;
    }
    Ok(())
}

/// Opens days with their check-ins; the rows of the days opened. A day that already has a
/// check-in is left alone and missing from the answer: the condition is in the statement,
/// so two check-ins racing from two processes cannot both win.
pub async fn check_in_days(
    c: &mut Conn,
    days: &[&CheckInDay],
    now: Millis,
) -> Result<Vec<DayRow>, StoreError> {
    let mut out = Vec::with_capacity(days.len());
    for chunk in days.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO presence_days (agency_id, employee_id, date, unit_id, check_in_at, check_in_location,
                planned_location, mismatch, expected_minutes, late_minutes, updated_at)
             VALUES {}
             ON CONFLICT (employee_id, date) DO UPDATE SET check_in_at = excluded.check_in_at,
                check_in_location = excluded.check_in_location, planned_location = excluded.planned_location,
                mismatch = excluded.mismatch, expected_minutes = excluded.expected_minutes,
                late_minutes = excluded.late_minutes, updated_at = excluded.updated_at
             WHERE presence_days.check_in_at IS NULL AND presence_days.agency_id = excluded.agency_id
             RETURNING {DAY_COLUMNS}",
            value_rows(chunk.len(), 11)
        );
        let mut q = sqlx::query_as::<_, DayRow>(&sql);
        for d in chunk {
            q = q
                .bind(d.agency_id)
                .bind(d.employee_id)
                .bind(&d.date)
                .bind(d.unit_id)
                .bind(d.at)
                .bind(&d.location)
                .bind(&d.planned_location)
                .bind(d.mismatch as i64)
                .bind(d.expected_minutes)
                .bind(d.late_minutes)
                .bind(now);
        }
        out.extend(q.fetch_all(&mut *c).await?);
    }
    Ok(out)
}

/// Closes days (a later check-out replaces an earlier one); the rows of the days closed.
/// A day that changed since it was read (a correction or another punch came first) is
/// left alone and missing from the answer: the caller reads it again.
pub async fn check_out_days(
    c: &mut Conn,
    days: &[&CheckOutDay],
    now: Millis,
) -> Result<Vec<DayRow>, StoreError> {
    let mut out = Vec::with_capacity(days.len());
    for chunk in days.chunks(CHUNK) {
        // The values as a named table both engines can join in an UPDATE; `-1` stands in
        // for "no check-out yet" so one equality compares both cases.
        let n = chunk.len() * 11;
        let sql = format!(
            "WITH v (v_employee, v_date, v_agency, v_at, v_location, v_mismatch, v_effective, v_core,
                     v_seen_in, v_seen_out, v_seen_updated) AS (VALUES {})
             UPDATE presence_days SET check_out_at = v.v_at, check_out_location = v.v_location,
                mismatch = v.v_mismatch, effective_minutes = v.v_effective, core_hours_met = v.v_core,
                updated_at = ${}
             FROM v
             WHERE presence_days.employee_id = v.v_employee AND presence_days.date = v.v_date
               AND presence_days.agency_id = v.v_agency AND presence_days.check_in_at = v.v_seen_in
               AND presence_days.updated_at = v.v_seen_updated
               AND COALESCE(presence_days.check_out_at, -1) = v.v_seen_out
             RETURNING {}",
            value_rows(chunk.len(), 11),
            n + 1,
            qualified_day_columns()
        );
        let mut q = sqlx::query_as::<_, DayRow>(&sql);
        for d in chunk {
            q = q
                .bind(d.employee_id)
                .bind(&d.date)
                .bind(d.agency_id)
                .bind(d.at)
                .bind(&d.location)
                .bind(d.mismatch as i64)
                .bind(d.effective_minutes)
                .bind(d.core_hours_met as i64)
                .bind(d.seen_check_in_at)
                .bind(d.seen_check_out_at.unwrap_or(-1))
                .bind(d.seen_updated_at);
        }
        out.extend(q.bind(now).fetch_all(&mut *c).await?);
    }
    Ok(out)
}

/// The day's columns named through their table (an `UPDATE … FROM` may see two tables).
fn qualified_day_columns() -> String {
    DAY_COLUMNS
        .split(',')
        .map(|c| format!("presence_days.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How one punch or correction moves a person's week.
#[derive(Debug, Clone)]
pub struct WeekDelta {
    pub agency_id: i64,
    pub employee_id: i64,
    /// The Monday.
    pub week: String,
    /// The week's required minutes under the calendar as it is now.
    pub required_minutes: i64,
    pub effective_minutes: i64,
    pub days_present: i64,
}

/// Moves weeks' running totals by deltas (never a sum over the week's days); the rows
/// after. Each week at most once per call.
pub async fn add_to_weeks(
    c: &mut Conn,
    deltas: &[WeekDelta],
    now: Millis,
) -> Result<Vec<WeekRow>, StoreError> {
    let mut out = Vec::with_capacity(deltas.len());
    for chunk in deltas.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO presence_weeks ({WEEK_COLUMNS}) VALUES {}
             ON CONFLICT (employee_id, week) DO UPDATE SET required_minutes = excluded.required_minutes,
                effective_minutes = presence_weeks.effective_minutes + excluded.effective_minutes,
                days_present = presence_weeks.days_present + excluded.days_present,
                updated_at = excluded.updated_at
             RETURNING {WEEK_COLUMNS}",
            value_rows(chunk.len(), 7)
        );
        let mut q = sqlx::query_as::<_, WeekRow>(&sql);
        for d in chunk {
            q = q
                .bind(d.agency_id)
                .bind(d.employee_id)
                .bind(&d.week)
                .bind(d.required_minutes)
                .bind(d.effective_minutes)
                .bind(d.days_present)
                .bind(now);
        }
        out.extend(q.fetch_all(&mut *c).await?);
    }
    Ok(out)
}
