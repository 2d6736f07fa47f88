//! Presence: every punch as it arrived (`presence_events`, append-only, one per client
//! key), the running totals of each day and week (`presence_days`, `presence_weeks`), and
//! requests to correct a day (`presence_corrections`). Every statement touches rows of one
//! person and one date or week through a primary or unique key: nothing here reads an
//! employee's past, so a punch costs the same after ten million earlier ones.

use crate::sql::{engine_of, json_rows, json_table, Col, Sql};
use crate::{Conn, Engine, Millis, StoreError};
use sqlx::FromRow;

mod batch;
mod corrections;
pub mod native;
pub use batch::*;
pub use corrections::*;

/// One person's day: the running totals as punches and corrections arrive.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct DayRow {
    pub agency_id: i64,
    pub employee_id: i64,
    pub date: String,
    pub unit_id: i64,
    pub check_in_at: Option<Millis>,
    pub check_in_location: Option<String>,
    pub check_out_at: Option<Millis>,
    pub check_out_location: Option<String>,
    pub planned_location: Option<String>,
    pub mismatch: i64,
    pub expected_minutes: i64,
    pub effective_minutes: i64,
    pub late_minutes: i64,
    pub core_hours_met: i64,
    pub corrected: i64,
    pub updated_at: Millis,
}

const DAY_COLUMNS: &str = "agency_id, employee_id, date, unit_id, check_in_at, check_in_location, check_out_at,
    check_out_location, planned_location, mismatch, expected_minutes, effective_minutes, late_minutes,
    core_hours_met, corrected, updated_at";

/// One person's week (keyed by its Monday): minutes worked against the minutes required.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct WeekRow {
    pub agency_id: i64,
    pub employee_id: i64,
    pub week: String,
    pub required_minutes: i64,
    pub effective_minutes: i64,
    pub days_present: i64,
    pub updated_at: Millis,
}

const WEEK_COLUMNS: &str =
    "agency_id, employee_id, week, required_minutes, effective_minutes, days_present, updated_at";

/// A punch as it arrived.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct EventRow {
    pub id: i64,
    pub agency_id: i64,
    pub employee_id: i64,
    pub date: String,
    pub kind: String,
    pub at: Millis,
    pub location: String,
    pub note: Option<String>,
    pub client_key: String,
    pub source: String,
}

/// A punch to record.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub agency_id: i64,
    pub employee_id: i64,
    pub date: String,
    pub kind: &'static str,
    pub at: Millis,
    pub location: String,
    pub note: Option<String>,
    pub client_key: String,
    pub source: &'static str,
}

/// Records a punch unless the person already sent one with this client key: then nothing
/// is written and `None` comes back (the caller answers with the first one).
pub async fn insert_event(c: &mut Conn, e: &NewEvent) -> Result<Option<i64>, StoreError> {
    Ok(insert_events(c, &[e]).await?.pop().map(|r| r.id))
}

/// The punch a person sent with `key`.
pub async fn event_by_key(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    key: &str,
) -> Result<Option<EventRow>, StoreError> {
    let q = event_by_key_sql(agency, employee, key);
    Ok(q.query_as::<EventRow>().fetch_optional(c).await?)
}

/// The query `event_by_key` runs, built but not run (the contract tests check its plan).
pub fn event_by_key_sql(agency: i64, employee: i64, key: &str) -> Sql {
    let mut q = Sql::default();
    let (e, k, a) = (q.int(employee), q.text_arg(key), q.int(agency));
    q.push(&format!(
        "SELECT e.id, e.agency_id, e.employee_id, e.date, e.kind, e.at, e.location, e.note, e.client_key, e.source
         FROM presence_events e WHERE e.employee_id = {e} AND e.client_key = {k} AND e.agency_id = {a}"
    ));
    q
}

/// The punches of one person and date, oldest first (a day has a handful).
pub async fn events_of_day(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    date: &str,
) -> Result<Vec<EventRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, agency_id, employee_id, date, kind, at, location, note, client_key, source
         FROM presence_events WHERE agency_id = $1 AND employee_id = $2 AND date = $3 ORDER BY at, id",
    )
    .bind(agency)
    .bind(employee)
    .bind(date)
    .fetch_all(c)
    .await?)
}

/// One person's days from `from` to `to` (a point of the primary key for each date).
pub async fn days(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    from: &str,
    to: &str,
) -> Result<Vec<DayRow>, StoreError> {
    let q = days_sql(agency, employee, from, to);
    Ok(q.query_as::<DayRow>().fetch_all(c).await?)
}

/// The query `days` runs, built but not run.
pub fn days_sql(agency: i64, employee: i64, from: &str, to: &str) -> Sql {
    let mut q = Sql::default();
    let (dates, e, a) = (q.dates_arg(from, to), q.int(employee), q.int(agency));
    q.push(&format!(
        "SELECT {DAY_COLUMNS} FROM presence_days d
         WHERE d.date IN ({dates}) AND d.employee_id = {e} AND d.agency_id = {a} ORDER BY d.date"
    ));
    q
}

/// One person's week by its Monday.
pub async fn week(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    week: &str,
) -> Result<Option<WeekRow>, StoreError> {
    let q = week_sql(agency, employee, week);
    Ok(q.query_as::<WeekRow>().fetch_optional(c).await?)
}

/// The query `week` runs, built but not run.
pub fn week_sql(agency: i64, employee: i64, week: &str) -> Sql {
    let mut q = Sql::default();
    let (e, wk, a) = (q.int(employee), q.text_arg(week), q.int(agency));
    q.push(&format!(
        "SELECT {WEEK_COLUMNS} FROM presence_weeks w WHERE w.employee_id = {e} AND w.week = {wk} AND w.agency_id = {a}"
    ));
    q
}

/// What the first check-in of a day writes.
#[derive(Debug, Clone)]
pub struct CheckInDay {
    pub agency_id: i64,
    pub employee_id: i64,
    pub date: String,
    pub unit_id: i64,
    pub at: Millis,
    pub location: String,
    pub planned_location: String,
    pub mismatch: bool,
    pub expected_minutes: i64,
    pub late_minutes: i64,
}

/// Opens the day with its check-in. `None` when the day already has one (the caller
/// refuses the punch): the condition is in the statement, so two check-ins racing from two
/// processes cannot both win.
pub async fn check_in_day(
    c: &mut Conn,
    d: &CheckInDay,
    now: Millis,
) -> Result<Option<DayRow>, StoreError> {
    Ok(check_in_days(c, &[d], now).await?.pop())
}

/// What a check-out writes, with the state of the day it was computed from.
#[derive(Debug, Clone)]
pub struct CheckOutDay {
    pub agency_id: i64,
    pub employee_id: i64,
    pub date: String,
    pub at: Millis,
    pub location: String,
    pub mismatch: bool,
    pub effective_minutes: i64,
    pub core_hours_met: bool,
    /// The day as read before queuing: the write applies only if it is still so.
    pub seen_check_in_at: Millis,
    pub seen_check_out_at: Option<Millis>,
    pub seen_updated_at: Millis,
}

/// Closes the day (a later check-out replaces an earlier one). `None` when the day changed
/// since it was read (a correction or another punch came first): the caller reads again.
pub async fn check_out_day(
    c: &mut Conn,
    d: &CheckOutDay,
    now: Millis,
) -> Result<Option<DayRow>, StoreError> {
    Ok(check_out_days(c, &[d], now).await?.pop())
}

/// Writes a whole day as recomputed (a correction), creating it for a day never punched.
pub async fn put_day(c: &mut Conn, d: &DayRow) -> Result<DayRow, StoreError> {
    Ok(sqlx::query_as(&format!(
        "INSERT INTO presence_days ({DAY_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (date, employee_id) DO UPDATE SET unit_id = excluded.unit_id,
            check_in_at = excluded.check_in_at, check_in_location = excluded.check_in_location,
            check_out_at = excluded.check_out_at, check_out_location = excluded.check_out_location,
            planned_location = excluded.planned_location, mismatch = excluded.mismatch,
            expected_minutes = excluded.expected_minutes, effective_minutes = excluded.effective_minutes,
            late_minutes = excluded.late_minutes, core_hours_met = excluded.core_hours_met,
            corrected = excluded.corrected, updated_at = excluded.updated_at
         RETURNING {DAY_COLUMNS}"
    ))
    .bind(d.agency_id)
    .bind(d.employee_id)
    .bind(&d.date)
    .bind(d.unit_id)
    .bind(d.check_in_at)
    .bind(&d.check_in_location)
    .bind(d.check_out_at)
    .bind(&d.check_out_location)
    .bind(&d.planned_location)
    .bind(d.mismatch)
    .bind(d.expected_minutes)
    .bind(d.effective_minutes)
    .bind(d.late_minutes)
    .bind(d.core_hours_met)
    .bind(d.corrected)
    .bind(d.updated_at)
    .fetch_one(c)
    .await?)
}

/// Moves a week's running totals by what one punch or correction changed (never a sum
/// over the week's days), setting its required minutes from the calendar as it is now.
#[allow(clippy::too_many_arguments)]
pub async fn add_to_week(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    week: &str,
    required_minutes: i64,
    effective_delta: i64,
    days_delta: i64,
    now: Millis,
) -> Result<WeekRow, StoreError> {
    let delta = WeekDelta {
        agency_id: agency,
        employee_id: employee,
        week: week.to_string(),
        required_minutes,
        effective_minutes: effective_delta,
        days_present: days_delta,
    };
    add_to_weeks(c, &[delta], now)
        .await?
        .pop()
        .ok_or(StoreError::NotReturned("presence_weeks"))
}

/// The plan of one person's date as presence needs it.
#[derive(Debug, Clone, FromRow, PartialEq)]
pub struct PlanOfDay {
    pub location: String,
    pub status: String,
    pub time_mode: Option<String>,
    pub start_time: Option<String>,
}

/// A date of a punch: the person's day row, if the day has one, and the plan of the date.
#[derive(Debug, Clone, PartialEq)]
pub struct PunchDay {
    pub date: String,
    pub day: Option<DayRow>,
    pub plan: Option<PlanOfDay>,
}

#[derive(FromRow)]
struct PunchDayRow {
    key_position: i64,
    key_date: String,
    has_day: i64,
    #[sqlx(flatten)]
    day: DayRow,
    plan_location: Option<String>,
    plan_status: Option<String>,
    plan_time_mode: Option<String>,
    plan_start_time: Option<String>,
}

/// Whose dates a punch reads: one person's yesterday and today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PunchKey {
    pub agency: i64,
    pub employee: i64,
    pub dates: [String; 2],
}

/// What a punch reads of one person's yesterday and today, in one query: each date's day
/// row and plan (two primary-key lookups per date).
pub async fn punch_days(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    dates: [&str; 2],
) -> Result<Vec<PunchDay>, StoreError> {
    let key = PunchKey {
        agency,
        employee,
        dates: dates.map(String::from),
    };
    Ok(punch_days_many(c, &[key]).await?.pop().unwrap_or_default())
}

/// `punch_days` for many people in one query (the punches of a moment, read together; see
/// the service's loader): an answer per key, in order.
pub async fn punch_days_many(
    c: &mut Conn,
    keys: &[PunchKey],
) -> Result<Vec<Vec<PunchDay>>, StoreError> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<PunchDayRow> = punch_days_sql(engine_of(c), keys)
        .query_as()
        .fetch_all(c)
        .await?;
    Ok(punch_days_of(keys.len(), rows))
}

/// The rows of `punch_days_sql` as an answer per key.
fn punch_days_of(keys: usize, rows: Vec<PunchDayRow>) -> Vec<Vec<PunchDay>> {
    let mut out: Vec<Vec<PunchDay>> = (0..keys).map(|_| Vec::with_capacity(2)).collect();
    for r in rows {
        let Some(days) = usize::try_from(r.key_position)
            .ok()
            .and_then(|i| out.get_mut(i))
        else {
            continue;
        };
        days.push(PunchDay {
            plan: match (r.plan_location, r.plan_status) {
                (Some(location), Some(status)) => Some(PlanOfDay {
                    location,
                    status,
                    time_mode: r.plan_time_mode,
                    start_time: r.plan_start_time,
                }),
                _ => None,
            },
            day: (r.has_day != 0).then_some(r.day),
            date: r.key_date,
        });
    }
    out
}

/// The query `punch_days_many` runs, built but not run: a row per key and date, each key
/// named by its position; a date without a day row still gives a row (its day columns
/// filled with placeholders and `has_day` 0), so the plan is read either way. The keys go
/// as one JSON value (`sql::json_table`): one statement text for any number of keys, and
/// no padding to read and throw away.
pub fn punch_days_sql(engine: Engine, keys: &[PunchKey]) -> Sql {
    let mut rows = Vec::with_capacity(keys.len() * 2);
    for (i, k) in keys.iter().enumerate() {
        for date in &k.dates {
            rows.push(serde_json::json!([i, k.agency, k.employee, date]));
        }
    }
    let mut q = Sql::default();
    let param = q.text_arg(json_rows(rows));
    q.push(&format!(
        "WITH k (position, agency_id, employee_id, date) AS ({})
         SELECT k.position AS key_position, k.date AS key_date,
            CASE WHEN d.date IS NULL THEN CAST(0 AS BIGINT) ELSE CAST(1 AS BIGINT) END AS has_day,
            COALESCE(d.agency_id, 0) AS agency_id, COALESCE(d.employee_id, 0) AS employee_id,
            k.date AS date, COALESCE(d.unit_id, 0) AS unit_id, d.check_in_at, d.check_in_location,
            d.check_out_at, d.check_out_location, d.planned_location, COALESCE(d.mismatch, 0) AS mismatch,
            COALESCE(d.expected_minutes, 0) AS expected_minutes, COALESCE(d.effective_minutes, 0) AS effective_minutes,
            COALESCE(d.late_minutes, 0) AS late_minutes, COALESCE(d.core_hours_met, 0) AS core_hours_met,
            COALESCE(d.corrected, 0) AS corrected, COALESCE(d.updated_at, 0) AS updated_at,
            p.location AS plan_location, p.status AS plan_status, p.time_mode AS plan_time_mode,
            p.start_time AS plan_start_time
         FROM k
         LEFT JOIN presence_days d ON d.employee_id = k.employee_id AND d.date = k.date AND d.agency_id = k.agency_id
         LEFT JOIN plan_days p ON p.employee_id = k.employee_id AND p.date = k.date AND p.agency_id = k.agency_id
         ORDER BY k.position, k.date",
        json_table(
            engine,
            &param,
            &[
                ("position", Col::Int),
                ("agency_id", Col::Int),
                ("employee_id", Col::Int),
                ("date", Col::Text),
            ]
        )
    ));
    q
}

/// The plan of one person and date (one row of `plan_days`, by its unique key).
pub async fn plan_of_day(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    date: &str,
) -> Result<Option<PlanOfDay>, StoreError> {
    let q = plan_of_day_sql(agency, employee, date);
    Ok(q.query_as::<PlanOfDay>().fetch_optional(c).await?)
}

/// The query `plan_of_day` runs, built but not run.
pub fn plan_of_day_sql(agency: i64, employee: i64, date: &str) -> Sql {
    let mut q = Sql::default();
    let (e, d, a) = (q.int(employee), q.text_arg(date), q.int(agency));
    q.push(&format!(
        "SELECT p.location, p.status, p.time_mode, p.start_time FROM plan_days p
         WHERE p.employee_id = {e} AND p.date = {d} AND p.agency_id = {a}"
    ));
    q
}

/// Whether `acting` stands in (Plt/Plh) for `holder` on `date`.
pub async fn acts_for(
    c: &mut Conn,
    agency: i64,
    acting: i64,
    holder: i64,
    date: &str,
) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM acting_officials
         WHERE agency_id = $1 AND holder_id = $2 AND acting_id = $3 AND first_day <= $4 AND last_day >= $4",
    )
    .bind(agency)
    .bind(holder)
    .bind(acting)
    .bind(date)
    .fetch_one(c)
    .await?;
    Ok(n > 0)
}
