//! The punch writer's statements and the punch reader's query on a SQLite connection
//! driven directly (`crate::native`). The writes are the statements of `batch`, with the
//! same columns, values and race conditions (shared with it), one row at a time: prepared
//! once per connection, a row costs a few microseconds, and the writer runs a whole batch
//! in one hop to the connection. The read is `punch_days_sql` itself.
use super::batch::{
    close_day, close_day_values, event_values, open_day_values, qualified_day_columns,
    week_delta_values, CLOSE_DAY_COLUMNS, EVENT_COLUMNS, EVENT_CONFLICT, OPEN_DAY_COLUMNS,
    OPEN_DAY_CONFLICT, WEEK_CONFLICT, WEEK_DELTA_COLUMNS,
};
use super::{punch_days_of, punch_days_sql, PunchDay, PunchDayRow, PunchKey};
use super::{CheckInDay, CheckOutDay, DayRow, NewEvent, WeekDelta, WeekRow};
use super::{DAY_COLUMNS, WEEK_COLUMNS};
use crate::native::params;
use crate::sql::row_insert;
use crate::{Engine, Millis, StoreError};
use rusqlite::{Connection, OptionalExtension, Row};
use std::sync::LazyLock;

/// Records a punch; its id, or `None` when the person used the key before.
pub fn insert_event(c: &Connection, e: &NewEvent) -> Result<Option<i64>, StoreError> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "{} {EVENT_CONFLICT} RETURNING id",
            row_insert("presence_events", &EVENT_COLUMNS, &[])
        )
    });
    let row = event_values(e);
    Ok(c.prepare_cached(&SQL)?
        .query_row(params(&row), |r| r.get(0))
        .optional()?)
}

/// Takes back an event written earlier in the same transaction (see `batch`).
pub fn delete_event(c: &Connection, id: i64) -> Result<(), StoreError> {
    c.prepare_cached("DELETE FROM presence_events WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Opens the day with its check-in; `None` when it already has one.
pub fn check_in_day(
    c: &Connection,
    d: &CheckInDay,
    now: Millis,
) -> Result<Option<DayRow>, StoreError> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "{} {OPEN_DAY_CONFLICT} RETURNING {DAY_COLUMNS}",
            row_insert("presence_days", &OPEN_DAY_COLUMNS, &["updated_at"])
        )
    });
    let row = with_last(open_day_values(d), now);
    Ok(c.prepare_cached(&SQL)?
        .query_row(params(&row), day_of)
        .optional()?)
}

/// Closes the day; `None` when it changed since it was read.
pub fn check_out_day(
    c: &Connection,
    d: &CheckOutDay,
    now: Millis,
) -> Result<Option<DayRow>, StoreError> {
    // The row's values, then `updated_at`.
    static SQL: LazyLock<String> = LazyLock::new(|| {
        let names: Vec<&str> = CLOSE_DAY_COLUMNS.iter().map(|(n, _)| *n).collect();
        let values: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        format!(
            "WITH v ({}) AS (VALUES ({})) {} RETURNING {}",
            names.join(", "),
            values.join(", "),
            close_day(&format!("?{}", names.len() + 1)),
            qualified_day_columns()
        )
    });
    let row = with_last(close_day_values(d), now);
    Ok(c.prepare_cached(&SQL)?
        .query_row(params(&row), day_of)
        .optional()?)
}

/// Moves a week's running totals by a delta; the week after.
pub fn add_to_week(c: &Connection, d: &WeekDelta, now: Millis) -> Result<WeekRow, StoreError> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "{} {WEEK_CONFLICT} RETURNING {WEEK_COLUMNS}",
            row_insert("presence_weeks", &WEEK_DELTA_COLUMNS, &["updated_at"])
        )
    });
    let row = with_last(week_delta_values(d), now);
    Ok(c.prepare_cached(&SQL)?.query_row(params(&row), week_of)?)
}

/// A row's values followed by `updated_at`.
fn with_last(mut row: Vec<serde_json::Value>, now: Millis) -> Vec<serde_json::Value> {
    row.push(now.into());
    row
}

/// `punch_days_many` on a connection driven directly (for the punch reader): the same
/// query, an answer per key.
pub fn punch_days_many(
    c: &Connection,
    keys: &[PunchKey],
) -> Result<Vec<Vec<PunchDay>>, StoreError> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let rows = punch_days_sql(Engine::Sqlite, keys).native_rows(c, |r| {
        Ok(PunchDayRow {
            key_position: r.get(0)?,
            key_date: r.get(1)?,
            has_day: r.get(2)?,
            day: day_at(r, 3)?,
            plan_location: r.get(19)?,
            plan_status: r.get(20)?,
            plan_time_mode: r.get(21)?,
            plan_start_time: r.get(22)?,
        })
    })?;
    Ok(punch_days_of(keys.len(), rows))
}

/// A day as `DAY_COLUMNS` lists it.
fn day_of(r: &Row) -> rusqlite::Result<DayRow> {
    day_at(r, 0)
}

/// A day as `DAY_COLUMNS` lists it, from column `at` on.
fn day_at(r: &Row, at: usize) -> rusqlite::Result<DayRow> {
    Ok(DayRow {
        agency_id: r.get(at)?,
        employee_id: r.get(at + 1)?,
        date: r.get(at + 2)?,
        unit_id: r.get(at + 3)?,
        check_in_at: r.get(at + 4)?,
        check_in_location: r.get(at + 5)?,
        check_out_at: r.get(at + 6)?,
        check_out_location: r.get(at + 7)?,
        planned_location: r.get(at + 8)?,
        mismatch: r.get(at + 9)?,
        expected_minutes: r.get(at + 10)?,
        effective_minutes: r.get(at + 11)?,
        late_minutes: r.get(at + 12)?,
        core_hours_met: r.get(at + 13)?,
        corrected: r.get(at + 14)?,
        updated_at: r.get(at + 15)?,
    })
}

/// A week as `WEEK_COLUMNS` lists it.
fn week_of(r: &Row) -> rusqlite::Result<WeekRow> {
    Ok(WeekRow {
        agency_id: r.get(0)?,
        employee_id: r.get(1)?,
        week: r.get(2)?,
        required_minutes: r.get(3)?,
        effective_minutes: r.get(4)?,
        days_present: r.get(5)?,
        updated_at: r.get(6)?,
    })
}
