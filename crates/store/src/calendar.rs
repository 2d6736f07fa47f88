//! The working calendar's rows: national holidays and cuti bersama, Ramadan periods, the
//! years loaded from the built-in lists, and agency events (busy periods).
//!
//! Holidays and Ramadan are national (no agency): a system administrator keeps them.
//! Agency events belong to an agency and, optionally, one unit subtree. Dates are
//! `YYYY-MM-DD` text, so a range of dates is a range of the primary key.

use crate::sql::Sql;
use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct HolidayRow {
    pub date: String,
    pub name: String,
    pub name_en: String,
    pub kind: String,
    pub estimate: i64,
    pub updated_at: Millis,
}

/// A holiday to write.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewHoliday {
    pub date: String,
    pub name: String,
    pub name_en: String,
    pub kind: String,
    pub estimate: bool,
}

const HOLIDAY_COLUMNS: &str = "h.date, h.name, h.name_en, h.kind, h.estimate, h.updated_at";

/// Holidays from `from` to `to` (inclusive), by date.
pub async fn holidays_between(
    c: &mut Conn,
    from: &str,
    to: &str,
) -> Result<Vec<HolidayRow>, StoreError> {
    Ok(holidays_between_sql(from, to)
        .query_as::<HolidayRow>()
        .fetch_all(c)
        .await?)
}

/// The query `holidays_between` runs, built but not run (the contract tests check its plan).
pub fn holidays_between_sql(from: &str, to: &str) -> Sql {
    let mut q = Sql::default();
    let (f, t) = (q.text_arg(from), q.text_arg(to));
    q.push(&format!(
        "SELECT {HOLIDAY_COLUMNS} FROM holidays h WHERE h.date >= {f} AND h.date <= {t} ORDER BY h.date"
    ));
    q
}

pub async fn holiday(c: &mut Conn, date: &str) -> Result<Option<HolidayRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {HOLIDAY_COLUMNS} FROM holidays h WHERE h.date = $1"
    ))
    .bind(date)
    .fetch_optional(c)
    .await?)
}

/// Inserts a holiday; returns false (and writes nothing) when the date already has one.
pub async fn insert_holiday(c: &mut Conn, h: &NewHoliday, now: Millis) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "INSERT INTO holidays (date, name, name_en, kind, estimate, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (date) DO NOTHING",
    )
    .bind(&h.date)
    .bind(&h.name)
    .bind(&h.name_en)
    .bind(&h.kind)
    .bind(h.estimate as i64)
    .bind(now)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Changes the name, kind and estimate flag of the holiday on `h.date`; false when none.
pub async fn update_holiday(c: &mut Conn, h: &NewHoliday, now: Millis) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE holidays SET name = $2, name_en = $3, kind = $4, estimate = $5, updated_at = $6 WHERE date = $1",
    )
    .bind(&h.date)
    .bind(&h.name)
    .bind(&h.name_en)
    .bind(&h.kind)
    .bind(h.estimate as i64)
    .bind(now)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete_holiday(c: &mut Conn, date: &str) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM holidays WHERE date = $1")
        .bind(date)
        .execute(c)
        .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct RamadanRow {
    pub year: i64,
    pub first_day: String,
    pub last_day: String,
    pub estimate: i64,
    pub updated_at: Millis,
}

const RAMADAN_COLUMNS: &str = "r.year, r.first_day, r.last_day, r.estimate, r.updated_at";

/// Ramadan periods that overlap `from..=to`. A period is keyed by the year it starts in,
/// so only the years from the one before `from` to that of `to` are looked at.
pub async fn ramadan_overlapping(
    c: &mut Conn,
    from: &str,
    to: &str,
) -> Result<Vec<RamadanRow>, StoreError> {
    Ok(ramadan_overlapping_sql(from, to)
        .query_as::<RamadanRow>()
        .fetch_all(c)
        .await?)
}

/// The query `ramadan_overlapping` runs, built but not run (the contract tests check it).
pub fn ramadan_overlapping_sql(from: &str, to: &str) -> Sql {
    let year = |d: &str| d.get(..4).and_then(|y| y.parse::<i64>().ok()).unwrap_or(0);
    let mut q = Sql::default();
    let (y1, y2) = (q.int(year(from) - 1), q.int(year(to)));
    let (f, t) = (q.text_arg(from), q.text_arg(to));
    q.push(&format!(
        "SELECT {RAMADAN_COLUMNS} FROM ramadan_periods r
         WHERE r.year >= {y1} AND r.year <= {y2} AND r.first_day <= {t} AND r.last_day >= {f} ORDER BY r.year"
    ));
    q
}

pub async fn ramadan_of_year(c: &mut Conn, year: i64) -> Result<Option<RamadanRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {RAMADAN_COLUMNS} FROM ramadan_periods r WHERE r.year = $1"
    ))
    .bind(year)
    .fetch_optional(c)
    .await?)
}

/// Sets the Ramadan of a year (replacing the one stored).
pub async fn put_ramadan(
    c: &mut Conn,
    year: i64,
    first_day: &str,
    last_day: &str,
    estimate: bool,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO ramadan_periods (year, first_day, last_day, estimate, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (year) DO UPDATE SET first_day = excluded.first_day, last_day = excluded.last_day,
            estimate = excluded.estimate, updated_at = excluded.updated_at",
    )
    .bind(year)
    .bind(first_day)
    .bind(last_day)
    .bind(estimate as i64)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn delete_ramadan(c: &mut Conn, year: i64) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM ramadan_periods WHERE year = $1")
        .bind(year)
        .execute(c)
        .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct YearRow {
    pub year: i64,
    pub source: String,
    pub loaded_at: Millis,
}

/// Claims a year for loading: true when it was not there yet (this caller loads it),
/// false when it was — loaded before, perhaps by another process, and perhaps corrected
/// by an administrator since, so it must not be loaded again.
pub async fn claim_year(
    c: &mut Conn,
    year: i64,
    source: &str,
    now: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "INSERT INTO calendar_years (year, source, loaded_at) VALUES ($1, $2, $3) ON CONFLICT (year) DO NOTHING",
    )
    .bind(year)
    .bind(source)
    .bind(now)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The years the calendar knows: loaded or added ones, and any year with a holiday.
pub async fn years(c: &mut Conn) -> Result<Vec<i64>, StoreError> {
    // A few dozen rows at most: one per year.
    let mut years: Vec<i64> = sqlx::query_scalar("SELECT year FROM calendar_years")
        .fetch_all(&mut *c)
        .await?;
    let with_holidays: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT substr(date, 1, 4) FROM holidays")
            .fetch_all(&mut *c)
            .await?;
    years.extend(with_holidays.iter().filter_map(|y| y.parse::<i64>().ok()));
    years.sort_unstable();
    years.dedup();
    Ok(years)
}

/// Inserts many holidays, keeping any date that already has one (an administrator's entry
/// wins over a list loaded later). Returns how many were written.
pub async fn insert_holidays_missing(
    c: &mut Conn,
    rows: &[NewHoliday],
    now: Millis,
) -> Result<u64, StoreError> {
    let mut written = 0;
    // 5 values a row; 100 rows stay far below both engines' parameter limits.
    for chunk in rows.chunks(100) {
        let mut sql = String::from(
            "INSERT INTO holidays (updated_at, date, name, name_en, kind, estimate) VALUES ",
        );
        for i in 0..chunk.len() {
            let b = 2 + i * 5;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "($1, ${}, ${}, ${}, ${}, ${})",
                b,
                b + 1,
                b + 2,
                b + 3,
                b + 4
            ));
        }
        sql.push_str(" ON CONFLICT (date) DO NOTHING");
        let mut q = sqlx::query(&sql).bind(now);
        for h in chunk {
            q = q
                .bind(&h.date)
                .bind(&h.name)
                .bind(&h.name_en)
                .bind(&h.kind)
                .bind(h.estimate as i64);
        }
        written += q.execute(&mut *c).await?.rows_affected();
    }
    Ok(written)
}

/// Sets the Ramadan of a year unless one is stored.
pub async fn insert_ramadan_missing(
    c: &mut Conn,
    year: i64,
    first_day: &str,
    last_day: &str,
    estimate: bool,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO ramadan_periods (year, first_day, last_day, estimate, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (year) DO NOTHING",
    )
    .bind(year)
    .bind(first_day)
    .bind(last_day)
    .bind(estimate as i64)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct EventRow {
    pub id: i64,
    pub agency_id: i64,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub unit_path: Option<String>,
    pub name: String,
    pub kind: String,
    pub first_day: String,
    pub last_day: String,
    pub created_at: Millis,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct NewEvent {
    pub unit_id: Option<i64>,
    pub name: String,
    pub kind: String,
    pub first_day: String,
    pub last_day: String,
}

const EVENT_COLUMNS: &str =
    "e.id, e.agency_id, e.unit_id, u.name AS unit_name, u.path AS unit_path, \
    e.name, e.kind, e.first_day, e.last_day, e.created_at";

/// Events of an agency that overlap `from..=to`, by first day.
pub async fn events_between(
    c: &mut Conn,
    agency: i64,
    from: &str,
    to: &str,
) -> Result<Vec<EventRow>, StoreError> {
    Ok(events_between_sql(agency, from, to)
        .query_as::<EventRow>()
        .fetch_all(c)
        .await?)
}

/// The query `events_between` runs, built but not run (the contract tests check its plan).
pub fn events_between_sql(agency: i64, from: &str, to: &str) -> Sql {
    let mut q = Sql::default();
    let (a, f, t) = (q.int(agency), q.text_arg(from), q.text_arg(to));
    q.push(&format!(
        "SELECT {EVENT_COLUMNS} FROM agency_events e LEFT JOIN units u ON u.id = e.unit_id
         WHERE e.agency_id = {a} AND e.first_day <= {t} AND e.last_day >= {f} ORDER BY e.first_day, e.id"
    ));
    q
}

pub async fn event(c: &mut Conn, agency: i64, id: i64) -> Result<Option<EventRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {EVENT_COLUMNS} FROM agency_events e LEFT JOIN units u ON u.id = e.unit_id
         WHERE e.agency_id = $1 AND e.id = $2"
    ))
    .bind(agency)
    .bind(id)
    .fetch_optional(c)
    .await?)
}

pub async fn insert_event(
    c: &mut Conn,
    agency: i64,
    e: &NewEvent,
    by: Option<i64>,
    now: Millis,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO agency_events (agency_id, unit_id, name, kind, first_day, last_day, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(agency)
    .bind(e.unit_id)
    .bind(&e.name)
    .bind(&e.kind)
    .bind(&e.first_day)
    .bind(&e.last_day)
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await?)
}

pub async fn delete_event(c: &mut Conn, agency: i64, id: i64) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM agency_events WHERE agency_id = $1 AND id = $2")
        .bind(agency)
        .bind(id)
        .execute(c)
        .await?;
    Ok(done.rows_affected() == 1)
}
