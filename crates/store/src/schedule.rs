//! Reads for the views over plans and presence (my week, the team calendar, the unit
//! board, the monthly recap) and the private calendar feeds. Every read is bounded by a
//! date range and a set of people (by id, at most a page of them, or a unit subtree by
//! path), so its cost follows the range asked for, never an employee's history.

use crate::sql::Sql;
use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

/// `IN (...)` lists are sent in chunks of this many ids (far below both engines' limits).
const CHUNK: usize = 500;

/// A person shown in a view.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct PersonRow {
    pub id: i64,
    pub nip: String,
    pub name: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub position_name: String,
}

const PERSON: &str =
    "SELECT e.id, e.nip, e.name, e.unit_id, u.name AS unit_name, p.name AS position_name
    FROM employees e JOIN units u ON u.id = e.unit_id JOIN positions p ON p.id = e.position_id";

/// People at or below the unit at `path`, by name then id, after the key `after`;
/// at most `limit`.
pub async fn people_below(
    c: &mut Conn,
    agency: i64,
    path: &str,
    after: Option<(&str, i64)>,
    limit: i64,
) -> Result<Vec<PersonRow>, StoreError> {
    let mut q = Sql::default();
    let (a, p) = (q.int(agency), q.text_arg(path));
    q.push(&format!(
        "{PERSON} WHERE e.agency_id = {a} AND u.agency_id = {a} AND u.path LIKE {p} || '%'"
    ));
    if let Some((name, id)) = after {
        let (n, i) = (q.text_arg(name), q.int(id));
        q.push(&format!(
            " AND (e.name > {n} OR (e.name = {n} AND e.id > {i}))"
        ));
    }
    let l = q.int(limit);
    q.push(&format!(" ORDER BY e.name, e.id LIMIT {l}"));
    Ok(q.query_as().fetch_all(c).await?)
}

/// How many people are at or below the unit at `path`.
pub async fn count_below(c: &mut Conn, agency: i64, path: &str) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM employees e JOIN units u ON u.id = e.unit_id
         WHERE e.agency_id = $1 AND u.agency_id = $1 AND u.path LIKE $2 || '%'",
    )
    .bind(agency)
    .bind(path)
    .fetch_one(c)
    .await?)
}

/// The direct reports of `supervisor`, by name; at most `limit`.
pub async fn reports_of(
    c: &mut Conn,
    agency: i64,
    supervisor: i64,
    limit: i64,
) -> Result<Vec<PersonRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{PERSON} WHERE e.agency_id = $1 AND e.supervisor_id = $2 ORDER BY e.name, e.id LIMIT $3"
    ))
    .bind(agency)
    .bind(supervisor)
    .bind(limit)
    .fetch_all(c)
    .await?)
}

/// A planned day as the views show it, with how its time is set.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct PlanRow {
    pub employee_id: i64,
    pub date: String,
    pub location: String,
    pub status: String,
    pub source: String,
    pub request_id: Option<i64>,
    pub time_mode: Option<String>,
    pub start_time: Option<String>,
    pub note: Option<String>,
    pub updated_at: Millis,
}

/// A day of a request still waiting for its approver.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct PendingDayRow {
    pub employee_id: i64,
    pub date: String,
    pub location: String,
    pub description: Option<String>,
    pub request_id: i64,
    pub time_mode: String,
    pub created_at: Millis,
}

/// A day's presence: the running totals the presence writer keeps.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct PresenceRow {
    pub employee_id: i64,
    pub date: String,
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
}

/// A statement over a list of people: `build` gets the builder and the `$n, $m, …` list.
fn for_people(people: &[i64], build: impl Fn(&mut Sql, &str)) -> Sql {
    let mut q = Sql::default();
    let list = people
        .iter()
        .map(|id| q.int(*id))
        .collect::<Vec<_>>()
        .join(", ");
    build(&mut q, &list);
    q
}

/// Runs the statement `sql` builds for each chunk of `people` and gathers the rows.
async fn by_people<T>(
    c: &mut Conn,
    people: &[i64],
    sql: impl Fn(&[i64]) -> Sql,
) -> Result<Vec<T>, StoreError>
where
    T: for<'r> FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let mut out = Vec::new();
    for chunk in people.chunks(CHUNK) {
        let q = sql(chunk);
        out.extend(q.query_as::<T>().fetch_all(&mut *c).await?);
    }
    Ok(out)
}

/// The plan days of `people` from `from` to `to`, whatever their status.
pub async fn plans_of(
    c: &mut Conn,
    agency: i64,
    people: &[i64],
    from: &str,
    to: &str,
) -> Result<Vec<PlanRow>, StoreError> {
    by_people(c, people, |chunk| plans_of_sql(agency, chunk, from, to)).await
}

/// The statement `plans_of` runs for one chunk of people (the contract tests check its plan).
pub fn plans_of_sql(agency: i64, people: &[i64], from: &str, to: &str) -> Sql {
    for_people(people, |q, list| {
        let (a, f, t) = (q.int(agency), q.text_arg(from), q.text_arg(to));
        q.push(&format!(
            "SELECT employee_id, date, location, status, source, request_id, time_mode, start_time, note, updated_at
             FROM plan_days WHERE agency_id = {a} AND employee_id IN ({list}) AND date >= {f} AND date <= {t}
             ORDER BY employee_id, date"
        ));
    })
}

/// The days of requests of `people` still pending, from `from` to `to`.
pub async fn pending_days_of(
    c: &mut Conn,
    agency: i64,
    people: &[i64],
    from: &str,
    to: &str,
) -> Result<Vec<PendingDayRow>, StoreError> {
    by_people(c, people, |chunk| {
        pending_days_of_sql(agency, chunk, from, to)
    })
    .await
}

/// The statement `pending_days_of` runs for one chunk of people (the contract tests check its plan).
pub fn pending_days_of_sql(agency: i64, people: &[i64], from: &str, to: &str) -> Sql {
    for_people(people, |q, list| {
        let (a, f, t) = (q.int(agency), q.text_arg(from), q.text_arg(to));
        q.push(&format!(
            "SELECT d.employee_id, d.date, d.location, d.description, d.request_id, r.time_mode, r.created_at
             FROM flex_request_days d JOIN flex_requests r ON r.id = d.request_id
             WHERE d.agency_id = {a} AND r.agency_id = {a} AND d.employee_id IN ({list})
               AND d.date >= {f} AND d.date <= {t} AND r.status = 'pending'
             ORDER BY d.employee_id, d.date, d.request_id"
        ));
    })
}

/// The presence days of `people` from `from` to `to`.
pub async fn presence_of(
    c: &mut Conn,
    agency: i64,
    people: &[i64],
    from: &str,
    to: &str,
) -> Result<Vec<PresenceRow>, StoreError> {
    by_people(c, people, |chunk| presence_of_sql(agency, chunk, from, to)).await
}

/// The statement `presence_of` runs for one chunk of people (the contract tests check its plan).
/// Each person's days are points of the `(date, employee_id)` key. The `+` before
/// `agency_id` keeps SQLite from taking the unit index for that term instead: without
/// statistics it guesses an equality on one column is cheaper than the points, and would
/// walk every day of the agency.
pub fn presence_of_sql(agency: i64, people: &[i64], from: &str, to: &str) -> Sql {
    for_people(people, |q, list| {
        let (a, dates) = (q.int(agency), q.dates_arg(from, to));
        q.push(&format!(
            "SELECT employee_id, date, check_in_at, check_in_location, check_out_at, check_out_location,
                planned_location, mismatch, expected_minutes, effective_minutes, late_minutes, core_hours_met, corrected
             FROM presence_days WHERE +agency_id = {a} AND employee_id IN ({list}) AND date IN ({dates})
             ORDER BY employee_id, date"
        ));
    })
}

/// Approved plan days of everyone at or below the unit at `path`, counted per date and
/// location: the head-count of a whole unit, however many people a page shows.
pub async fn approved_counts_below(
    c: &mut Conn,
    agency: i64,
    path: &str,
    from: &str,
    to: &str,
) -> Result<Vec<(String, String, i64)>, StoreError> {
    let q = approved_counts_below_sql(agency, path, from, to);
    Ok(q.query_as().fetch_all(c).await?)
}

/// The statement `approved_counts_below` runs (the contract tests check its plan): the
/// week's plan days of the agency by the date index, kept when the person is in the unit.
pub fn approved_counts_below_sql(agency: i64, path: &str, from: &str, to: &str) -> Sql {
    let mut q = Sql::default();
    let (a, p, f, t) = (
        q.int(agency),
        q.text_arg(path),
        q.text_arg(from),
        q.text_arg(to),
    );
    q.push(&format!(
        "SELECT p.date, p.location, COUNT(*) FROM plan_days p
         JOIN employees e ON e.id = p.employee_id JOIN units u ON u.id = e.unit_id
         WHERE p.agency_id = {a} AND e.agency_id = {a} AND u.agency_id = {a} AND u.path LIKE {p} || '%'
           AND p.date >= {f} AND p.date <= {t} AND p.status = 'approved'
         GROUP BY p.date, p.location"
    ));
    q
}

/// Presence of everyone at or below the unit at `path` per date: `(date, checked in,
/// checked in at the office, late)`.
pub async fn presence_counts_below(
    c: &mut Conn,
    agency: i64,
    path: &str,
    from: &str,
    to: &str,
) -> Result<Vec<(String, i64, i64, i64)>, StoreError> {
    let q = presence_counts_below_sql(agency, path, from, to);
    Ok(q.query_as().fetch_all(c).await?)
}

/// The statement `presence_counts_below` runs (the contract tests check its plan): the
/// days of the unit's units by the `(agency, unit, date)` index.
pub fn presence_counts_below_sql(agency: i64, path: &str, from: &str, to: &str) -> Sql {
    let mut q = Sql::default();
    let (a, p, f, t) = (
        q.int(agency),
        q.text_arg(path),
        q.text_arg(from),
        q.text_arg(to),
    );
    q.push(&format!(
        "SELECT d.date, COUNT(d.check_in_at),
            CAST(SUM(CASE WHEN d.check_in_location = 'office' THEN 1 ELSE 0 END) AS BIGINT),
            CAST(SUM(CASE WHEN d.late_minutes > 0 THEN 1 ELSE 0 END) AS BIGINT)
         FROM presence_days d JOIN units u ON u.id = d.unit_id
         WHERE d.agency_id = {a} AND u.agency_id = {a} AND u.path LIKE {p} || '%'
           AND d.date >= {f} AND d.date <= {t}
         GROUP BY d.date"
    ));
    q
}

/// A person's hours of one week (its Monday), as the presence writer keeps them.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct WeekRow {
    pub required_minutes: i64,
    pub effective_minutes: i64,
    pub days_present: i64,
}

pub async fn week_of(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    monday: &str,
) -> Result<Option<WeekRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT required_minutes, effective_minutes, days_present FROM presence_weeks
         WHERE agency_id = $1 AND employee_id = $2 AND week = $3",
    )
    .bind(agency)
    .bind(employee)
    .bind(monday)
    .fetch_optional(c)
    .await?)
}

/// A request of one's own that still waits for something.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct OpenRequestRow {
    pub id: i64,
    pub first_day: String,
    pub last_day: String,
    pub status: String,
    pub created_at: Millis,
}

/// One's requests waiting for the approver or for changes. Read through the status
/// index: open requests are few, whatever was decided before.
pub async fn open_requests_of(
    c: &mut Conn,
    agency: i64,
    employee: i64,
) -> Result<Vec<OpenRequestRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, first_day, last_day, status, created_at FROM flex_requests
         WHERE agency_id = $1 AND status IN ('pending', 'changes_requested') AND employee_id = $2
         ORDER BY first_day, id LIMIT 50",
    )
    .bind(agency)
    .bind(employee)
    .fetch_all(c)
    .await?)
}

/// A correction of one's own punches still waiting for the supervisor.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct OpenCorrectionRow {
    pub id: i64,
    pub date: String,
    pub created_at: Millis,
}

/// One's pending corrections of dates from `since` on (corrections are asked for recent
/// days; the bound keeps the read to them).
pub async fn open_corrections_of(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    since: &str,
) -> Result<Vec<OpenCorrectionRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, date, created_at FROM presence_corrections
         WHERE agency_id = $1 AND employee_id = $2 AND date >= $3 AND status = 'pending'
         ORDER BY date, id LIMIT 50",
    )
    .bind(agency)
    .bind(employee)
    .bind(since)
    .fetch_all(c)
    .await?)
}

/// The monthly recap's presence figures of one person.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq, Default)]
pub struct RecapPresenceRow {
    pub employee_id: i64,
    pub days_present: i64,
    pub office_days: i64,
    pub remote_days: i64,
    pub other_days: i64,
    pub effective_minutes: i64,
    pub late_days: i64,
    pub missing_checkouts: i64,
    pub corrected_days: i64,
}

/// Presence of `people` from `from` to `to`, summed per person. A day checked in before
/// `today` without a check-out is a missing check-out; today's may still come.
pub async fn recap_presence(
    c: &mut Conn,
    agency: i64,
    people: &[i64],
    from: &str,
    to: &str,
    today: &str,
) -> Result<Vec<RecapPresenceRow>, StoreError> {
    by_people(c, people, |chunk| {
        recap_presence_sql(agency, chunk, from, to, today)
    })
    .await
}

/// The statement `recap_presence` runs for one chunk of people (the contract tests check
/// its plan); points of the key, as `presence_of_sql` explains.
pub fn recap_presence_sql(agency: i64, people: &[i64], from: &str, to: &str, today: &str) -> Sql {
    for_people(people, |q, list| {
        let (a, dates, d) = (q.int(agency), q.dates_arg(from, to), q.text_arg(today));
        q.push(&format!(
            "SELECT employee_id, COUNT(check_in_at) AS days_present,
                CAST(SUM(CASE WHEN check_in_location = 'office' THEN 1 ELSE 0 END) AS BIGINT) AS office_days,
                CAST(SUM(CASE WHEN check_in_location = 'home' THEN 1 ELSE 0 END) AS BIGINT) AS remote_days,
                CAST(SUM(CASE WHEN check_in_location IN ('other_office', 'other') THEN 1 ELSE 0 END) AS BIGINT) AS other_days,
                CAST(SUM(effective_minutes) AS BIGINT) AS effective_minutes,
                CAST(SUM(CASE WHEN late_minutes > 0 THEN 1 ELSE 0 END) AS BIGINT) AS late_days,
                CAST(SUM(CASE WHEN check_in_at IS NOT NULL AND check_out_at IS NULL AND date < {d} THEN 1 ELSE 0 END) AS BIGINT) AS missing_checkouts,
                CAST(SUM(CASE WHEN corrected <> 0 THEN 1 ELSE 0 END) AS BIGINT) AS corrected_days
             FROM presence_days WHERE +agency_id = {a} AND employee_id IN ({list}) AND date IN ({dates})
             GROUP BY employee_id"
        ));
    })
}

/// Approved leave days of `people` from `from` to `to`: `(employee, date)`.
pub async fn leave_days_of(
    c: &mut Conn,
    agency: i64,
    people: &[i64],
    from: &str,
    to: &str,
) -> Result<Vec<(i64, String)>, StoreError> {
    by_people(c, people, |chunk| {
        leave_days_of_sql(agency, chunk, from, to)
    })
    .await
}

/// The statement `leave_days_of` runs for one chunk of people (the contract tests check its plan).
pub fn leave_days_of_sql(agency: i64, people: &[i64], from: &str, to: &str) -> Sql {
    for_people(people, |q, list| {
        let (a, f, t) = (q.int(agency), q.text_arg(from), q.text_arg(to));
        q.push(&format!(
            "SELECT employee_id, date FROM plan_days
             WHERE agency_id = {a} AND employee_id IN ({list}) AND date >= {f} AND date <= {t}
               AND status = 'approved' AND location = 'leave'"
        ));
    })
}

/// Corrections asked for by `people` for dates from `from` to `to`: `(employee, count)`.
pub async fn recap_corrections(
    c: &mut Conn,
    agency: i64,
    people: &[i64],
    from: &str,
    to: &str,
) -> Result<Vec<(i64, i64)>, StoreError> {
    by_people(c, people, |chunk| {
        recap_corrections_sql(agency, chunk, from, to)
    })
    .await
}

/// The statement `recap_corrections` runs for one chunk of people (the contract tests check its plan).
pub fn recap_corrections_sql(agency: i64, people: &[i64], from: &str, to: &str) -> Sql {
    for_people(people, |q, list| {
        let (a, f, t) = (q.int(agency), q.text_arg(from), q.text_arg(to));
        q.push(&format!(
            "SELECT employee_id, COUNT(*) FROM presence_corrections
             WHERE agency_id = {a} AND employee_id IN ({list}) AND date >= {f} AND date <= {t}
             GROUP BY employee_id"
        ));
    })
}

/// A private calendar feed.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct FeedRow {
    pub agency_id: i64,
    pub employee_id: i64,
    pub created_at: Millis,
}

/// The live feed of a token hash (a revoked one is no feed).
pub async fn feed_by_hash(c: &mut Conn, token_hash: &str) -> Result<Option<FeedRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT agency_id, employee_id, created_at FROM calendar_feeds
         WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(c)
    .await?)
}

/// One's live feed, if any.
pub async fn live_feed_of(
    c: &mut Conn,
    agency: i64,
    employee: i64,
) -> Result<Option<FeedRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT agency_id, employee_id, created_at FROM calendar_feeds
         WHERE agency_id = $1 AND employee_id = $2 AND revoked_at IS NULL
         ORDER BY created_at DESC LIMIT 1",
    )
    .bind(agency)
    .bind(employee)
    .fetch_optional(c)
    .await?)
}

/// Ends every live feed of one person; returns how many.
pub async fn revoke_feeds(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    now: Millis,
) -> Result<u64, StoreError> {
    Ok(sqlx::query(
        "UPDATE calendar_feeds SET revoked_at = $3
         WHERE agency_id = $1 AND employee_id = $2 AND revoked_at IS NULL",
    )
    .bind(agency)
    .bind(employee)
    .bind(now)
    .execute(c)
    .await?
    .rows_affected())
}

pub async fn insert_feed(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    token_hash: &str,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO calendar_feeds (token_hash, agency_id, employee_id, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(agency)
    .bind(employee)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}
