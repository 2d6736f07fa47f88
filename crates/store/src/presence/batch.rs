//! The writes of many punches at once: one statement per kind of row for a whole batch
//! (events, opened days, closed days, weeks), so a batch of 200 punches is a handful of
//! round trips to PostgreSQL instead of 800. Each statement keeps the condition that
//! decides races (a key recorded once, a day opened once, a check-out applied only to the
//! day as it was read), row by row, inside the statement. The rows go as one JSON value
//! (`sql::json_insert`, `sql::json_table`), so each statement has one text whatever the batch size and stays
//! prepared on the writer's connection.
//!
//! Callers give each person at most once per call: `ON CONFLICT DO UPDATE` may not touch
//! one row twice in a statement, and the answers are matched back by person.

use super::{CheckInDay, CheckOutDay, DayRow, NewEvent, WeekRow, DAY_COLUMNS, WEEK_COLUMNS};
use crate::sql::{engine_of, json_insert, json_rows, json_table, row_values, value_rows, Col};
use crate::{Conn, Millis, StoreError};
use serde_json::{json, Value};

/// Ids per `DELETE`: well under both engines' limits on bound values (SQLite 32,766).
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
    if events.is_empty() {
        return Ok(Vec::new());
    }
    let rows = events
        .iter()
        .map(|e| Value::Array(event_values(e)))
        .collect();
    let sql = format!(
        "{} {EVENT_CONFLICT} RETURNING id, employee_id, client_key",
        json_insert(engine_of(c), "presence_events", "$1", &EVENT_COLUMNS, &[])
    );
    Ok(sqlx::query_as::<_, Recorded>(&sql)
        .bind(json_rows(rows))
        .fetch_all(c)
        .await?)
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
    if days.is_empty() {
        return Ok(Vec::new());
    }
    let rows = days
        .iter()
        .map(|d| Value::Array(open_day_values(d)))
        .collect();
    let sql = format!(
        "{} {OPEN_DAY_CONFLICT} RETURNING {DAY_COLUMNS}",
        json_insert(
            engine_of(c),
            "presence_days",
            "$1",
            &OPEN_DAY_COLUMNS,
            &[("updated_at", "CAST($2 AS BIGINT)")],
        )
    );
    Ok(sqlx::query_as::<_, DayRow>(&sql)
        .bind(json_rows(rows))
        .bind(now)
        .fetch_all(c)
        .await?)
}

/// Closes days (a later check-out replaces an earlier one); the rows of the days closed.
/// A day that changed since it was read (a correction or another punch came first) is
/// left alone and missing from the answer: the caller reads it again.
pub async fn check_out_days(
    c: &mut Conn,
    days: &[&CheckOutDay],
    now: Millis,
) -> Result<Vec<DayRow>, StoreError> {
    if days.is_empty() {
        return Ok(Vec::new());
    }
    let rows = days
        .iter()
        .map(|d| Value::Array(close_day_values(d)))
        .collect();
    let sql = format!(
        "WITH v AS ({}) {} RETURNING {}",
        json_table(engine_of(c), "$1", &CLOSE_DAY_COLUMNS),
        close_day("$2"),
        qualified_day_columns()
    );
    Ok(sqlx::query_as::<_, DayRow>(&sql)
        .bind(json_rows(rows))
        .bind(now)
        .fetch_all(c)
        .await?)
}

/// The day's columns named through their table (an `UPDATE … FROM` may see two tables).
pub(super) fn qualified_day_columns() -> String {
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
    if deltas.is_empty() {
        return Ok(Vec::new());
    }
    let rows = deltas
        .iter()
        .map(|d| Value::Array(week_delta_values(d)))
        .collect();
    let sql = format!(
        "{} {WEEK_CONFLICT} RETURNING {WEEK_COLUMNS}",
        json_insert(
            engine_of(c),
            "presence_weeks",
            "$1",
            &WEEK_DELTA_COLUMNS,
            &[("updated_at", "CAST($2 AS BIGINT)")],
        )
    );
    Ok(sqlx::query_as::<_, WeekRow>(&sql)
        .bind(json_rows(rows))
        .bind(now)
        .fetch_all(c)
        .await?)
}

// What each statement writes, shared with the native writer (`native.rs`): the columns,
// each row's values in their order, and what decides a race.

/// A punch's event; a key used before is skipped.
pub(super) const EVENT_COLUMNS: [(&str, Col); 9] = [
    ("agency_id", Col::Int),
    ("employee_id", Col::Int),
    ("date", Col::Text),
    ("kind", Col::Text),
    ("at", Col::Int),
    ("location", Col::Text),
    ("note", Col::Text),
    ("client_key", Col::Text),
    ("source", Col::Text),
];
pub(super) const EVENT_CONFLICT: &str = "ON CONFLICT (employee_id, client_key) DO NOTHING";

pub(super) fn event_values(e: &NewEvent) -> Vec<Value> {
    row_values(json!([
        e.agency_id,
        e.employee_id,
        e.date,
        e.kind,
        e.at,
        e.location,
        e.note,
        e.client_key,
        e.source
    ]))
}

/// A check-in opening its day (and `updated_at`); a day with a check-in is left alone.
pub(super) const OPEN_DAY_COLUMNS: [(&str, Col); 10] = [
    ("agency_id", Col::Int),
    ("employee_id", Col::Int),
    ("date", Col::Text),
    ("unit_id", Col::Int),
    ("check_in_at", Col::Int),
    ("check_in_location", Col::Text),
    ("planned_location", Col::Text),
    ("mismatch", Col::Int),
    ("expected_minutes", Col::Int),
    ("late_minutes", Col::Int),
];
pub(super) const OPEN_DAY_CONFLICT: &str =
    "ON CONFLICT (date, employee_id) DO UPDATE SET check_in_at = excluded.check_in_at,
        check_in_location = excluded.check_in_location, planned_location = excluded.planned_location,
        mismatch = excluded.mismatch, expected_minutes = excluded.expected_minutes,
        late_minutes = excluded.late_minutes, updated_at = excluded.updated_at
     WHERE presence_days.check_in_at IS NULL AND presence_days.agency_id = excluded.agency_id";

pub(super) fn open_day_values(d: &CheckInDay) -> Vec<Value> {
    row_values(json!([
        d.agency_id,
        d.employee_id,
        d.date,
        d.unit_id,
        d.at,
        d.location,
        d.planned_location,
        d.mismatch as i64,
        d.expected_minutes,
        d.late_minutes
    ]))
}

/// A check-out closing its day, as `v` beside the day, with `updated_at` as the given
/// placeholder: applied only to the day as it was read.
pub(super) const CLOSE_DAY_COLUMNS: [(&str, Col); 11] = [
    ("v_employee", Col::Int),
    ("v_date", Col::Text),
    ("v_agency", Col::Int),
    ("v_at", Col::Int),
    ("v_location", Col::Text),
    ("v_mismatch", Col::Int),
    ("v_effective", Col::Int),
    ("v_core", Col::Int),
    ("v_seen_in", Col::Int),
    ("v_seen_out", Col::Int),
    ("v_seen_updated", Col::Int),
];
pub(super) fn close_day(updated_at: &str) -> String {
    format!(
        "UPDATE presence_days SET check_out_at = v.v_at, check_out_location = v.v_location,
            mismatch = v.v_mismatch, effective_minutes = v.v_effective, core_hours_met = v.v_core,
            updated_at = {updated_at}
         FROM v
         WHERE presence_days.employee_id = v.v_employee AND presence_days.date = v.v_date
           AND presence_days.agency_id = v.v_agency AND presence_days.check_in_at = v.v_seen_in
           AND presence_days.updated_at = v.v_seen_updated
           AND COALESCE(presence_days.check_out_at, -1) = v.v_seen_out"
    )
}

pub(super) fn close_day_values(d: &CheckOutDay) -> Vec<Value> {
    // `-1` stands in for "no check-out yet" so one equality compares both cases.
    row_values(json!([
        d.employee_id,
        d.date,
        d.agency_id,
        d.at,
        d.location,
        d.mismatch as i64,
        d.effective_minutes,
        d.core_hours_met as i64,
        d.seen_check_in_at,
        d.seen_check_out_at.unwrap_or(-1),
        d.seen_updated_at
    ]))
}

/// A week moved by a delta (and `updated_at`).
pub(super) const WEEK_DELTA_COLUMNS: [(&str, Col); 6] = [
    ("agency_id", Col::Int),
    ("employee_id", Col::Int),
    ("week", Col::Text),
    ("required_minutes", Col::Int),
    ("effective_minutes", Col::Int),
    ("days_present", Col::Int),
];
pub(super) const WEEK_CONFLICT: &str =
    "ON CONFLICT (week, employee_id) DO UPDATE SET required_minutes = excluded.required_minutes,
        effective_minutes = presence_weeks.effective_minutes + excluded.effective_minutes,
        days_present = presence_weeks.days_present + excluded.days_present,
        updated_at = excluded.updated_at";

pub(super) fn week_delta_values(d: &WeekDelta) -> Vec<Value> {
    row_values(json!([
        d.agency_id,
        d.employee_id,
        d.week,
        d.required_minutes,
        d.effective_minutes,
        d.days_present
    ]))
}
