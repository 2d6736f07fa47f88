//! The running output totals dashboards read (`output_person_days`, `output_unit_days`)
//! and the end-of-day closes (`unit_day_closes`). Totals are moved by deltas as reports
//! and tasks change, in the same transaction as the change; reads are bounded by a set of
//! people or a unit subtree and a date range, never by history.

use crate::sql::Sql;
use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

const CHUNK: usize = 200;

/// The counts a change adds to one person's day (negative to take back).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Delta {
    pub reported: i64,
    pub items: i64,
    pub items_done: i64,
    pub items_blocked: i64,
    pub tasks_done: i64,
    pub tasks_on_time: i64,
    pub tasks_late: i64,
    pub responses: i64,
    pub response_ms: i64,
}

/// One person's day to move: who, when, where (used only when the row is new: a day
/// keeps the place it was first given).
#[derive(Debug, Clone, serde::Serialize)]
pub struct PersonDay {
    pub agency_id: i64,
    pub employee_id: i64,
    pub date: String,
    pub unit_id: i64,
    pub place: String,
}

/// What the unit's day must move by after a person's day moved.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct UnitDelta {
    pub agency_id: i64,
    pub unit_id: i64,
    pub date: String,
    pub place: String,
    pub due: i64,
    pub due_reported: i64,
    pub reports: i64,
    pub items: i64,
    pub items_done: i64,
    pub items_blocked: i64,
    pub tasks_done: i64,
    pub tasks_on_time: i64,
    pub tasks_late: i64,
    pub responses: i64,
    pub response_ms: i64,
}

impl UnitDelta {
    /// Adds another delta of the same unit, day and place.
    pub fn add(&mut self, o: &UnitDelta) {
        self.due += o.due;
        self.due_reported += o.due_reported;
        self.reports += o.reports;
        self.items += o.items;
        self.items_done += o.items_done;
        self.items_blocked += o.items_blocked;
        self.tasks_done += o.tasks_done;
        self.tasks_on_time += o.tasks_on_time;
        self.tasks_late += o.tasks_late;
        self.responses += o.responses;
        self.response_ms += o.response_ms;
    }
}

/// Moves one person's day by `d` and returns the matching delta of their unit's day: the
/// place the day has (its first), and — when the day's report came in on a day already
/// counted as due — one more due report.
pub async fn add_to_person_day(
    c: &mut Conn,
    day: &PersonDay,
    d: &Delta,
    now: Millis,
) -> Result<UnitDelta, StoreError> {
    add_to_person_days(c, &[(day, d)], now)
        .await?
        .pop()
        .ok_or(StoreError::NotReturned("output_person_days"))
}

#[derive(Debug, Clone, FromRow)]
struct MovedDay {
    employee_id: i64,
    date: String,
    unit_id: i64,
    place: String,
    due: i64,
}

/// [`add_to_person_day`] for many days in one statement: each (person, date) must appear
/// once (a row may not be updated twice by one statement). The unit deltas come back in
/// the order of `days`.
pub async fn add_to_person_days(
    c: &mut Conn,
    days: &[(&PersonDay, &Delta)],
    now: Millis,
) -> Result<Vec<UnitDelta>, StoreError> {
    let mut out = Vec::with_capacity(days.len());
    for chunk in days.chunks(CHUNK / 2) {
        let mut q = Sql::new(
            "INSERT INTO output_person_days (agency_id, employee_id, date, unit_id, place, reported,
                items, items_done, items_blocked, tasks_done, tasks_on_time, tasks_late, responses,
                response_ms, updated_at) VALUES ",
        );
        let n = q.int(now);
        let rows: Vec<String> = chunk
            .iter()
            .map(|(day, d)| {
                let v = [
                    q.int(day.agency_id),
                    q.int(day.employee_id),
                    q.text_arg(day.date.as_str()),
                    q.int(day.unit_id),
                    q.text_arg(day.place.as_str()),
                    q.int(d.reported),
                    q.int(d.items),
                    q.int(d.items_done),
                    q.int(d.items_blocked),
                    q.int(d.tasks_done),
                    q.int(d.tasks_on_time),
                    q.int(d.tasks_late),
                    q.int(d.responses),
                    q.int(d.response_ms),
                ];
                format!("({}, {n})", v.join(", "))
            })
            .collect();
        q.push(&rows.join(", "));
        q.push(
            " ON CONFLICT (employee_id, date) DO UPDATE SET
                reported = output_person_days.reported + excluded.reported,
                items = output_person_days.items + excluded.items,
                items_done = output_person_days.items_done + excluded.items_done,
                items_blocked = output_person_days.items_blocked + excluded.items_blocked,
                tasks_done = output_person_days.tasks_done + excluded.tasks_done,
                tasks_on_time = output_person_days.tasks_on_time + excluded.tasks_on_time,
                tasks_late = output_person_days.tasks_late + excluded.tasks_late,
                responses = output_person_days.responses + excluded.responses,
                response_ms = output_person_days.response_ms + excluded.response_ms,
                updated_at = excluded.updated_at
             RETURNING employee_id, date, unit_id, place, due",
        );
        let moved = q.query_as::<MovedDay>().fetch_all(&mut *c).await?;
        for (day, d) in chunk {
            let m = moved
                .iter()
                .find(|m| m.employee_id == day.employee_id && m.date == day.date)
                .ok_or(StoreError::NotReturned("output_person_days"))?;
            out.push(UnitDelta {
                agency_id: day.agency_id,
                unit_id: m.unit_id,
                date: day.date.clone(),
                place: m.place.clone(),
                due: 0,
                due_reported: if m.due > 0 { d.reported } else { 0 },
                reports: d.reported,
                items: d.items,
                items_done: d.items_done,
                items_blocked: d.items_blocked,
                tasks_done: d.tasks_done,
                tasks_on_time: d.tasks_on_time,
                tasks_late: d.tasks_late,
                responses: d.responses,
                response_ms: d.response_ms,
            });
        }
    }
    Ok(out)
}

/// Moves units' days; deltas of the same unit, day and place are summed first (one row
/// may not be updated twice by one statement).
pub async fn add_to_unit_days(
    c: &mut Conn,
    deltas: &[UnitDelta],
    now: Millis,
) -> Result<(), StoreError> {
    let mut summed: Vec<UnitDelta> = Vec::new();
    for d in deltas {
        match summed
            .iter_mut()
            .find(|s| s.unit_id == d.unit_id && s.date == d.date && s.place == d.place)
        {
            Some(s) => s.add(d),
            None => summed.push(d.clone()),
        }
    }
    let moving: Vec<&UnitDelta> = summed.iter().filter(|d| **d != zero_of(d)).collect();
    for chunk in moving.chunks(CHUNK / 2) {
        let mut q = Sql::new(
            "INSERT INTO output_unit_days (agency_id, unit_id, date, place, due, due_reported,
                reports, items, items_done, items_blocked, tasks_done, tasks_on_time, tasks_late,
                responses, response_ms, updated_at) VALUES ",
        );
        let n = q.int(now);
        let rows: Vec<String> = chunk
            .iter()
            .map(|d| {
                let v = [
                    q.int(d.agency_id),
                    q.int(d.unit_id),
                    q.text_arg(d.date.as_str()),
                    q.text_arg(d.place.as_str()),
                    q.int(d.due),
                    q.int(d.due_reported),
                    q.int(d.reports),
                    q.int(d.items),
                    q.int(d.items_done),
                    q.int(d.items_blocked),
                    q.int(d.tasks_done),
                    q.int(d.tasks_on_time),
                    q.int(d.tasks_late),
                    q.int(d.responses),
                    q.int(d.response_ms),
                ];
                format!("({}, {n})", v.join(", "))
            })
            .collect();
        q.push(&rows.join(", "));
        q.push(
            " ON CONFLICT (unit_id, date, place) DO UPDATE SET
                due = output_unit_days.due + excluded.due,
                due_reported = output_unit_days.due_reported + excluded.due_reported,
                reports = output_unit_days.reports + excluded.reports,
                items = output_unit_days.items + excluded.items,
                items_done = output_unit_days.items_done + excluded.items_done,
                items_blocked = output_unit_days.items_blocked + excluded.items_blocked,
                tasks_done = output_unit_days.tasks_done + excluded.tasks_done,
                tasks_on_time = output_unit_days.tasks_on_time + excluded.tasks_on_time,
                tasks_late = output_unit_days.tasks_late + excluded.tasks_late,
                responses = output_unit_days.responses + excluded.responses,
                response_ms = output_unit_days.response_ms + excluded.response_ms,
                updated_at = excluded.updated_at",
        );
        q.execute(&mut *c).await?;
    }
    Ok(())
}

/// The same unit, day and place with nothing to add.
fn zero_of(d: &UnitDelta) -> UnitDelta {
    UnitDelta {
        agency_id: d.agency_id,
        unit_id: d.unit_id,
        date: d.date.clone(),
        place: d.place.clone(),
        ..UnitDelta::default()
    }
}

/// A person found due to report on a closed day: their id, the place of their day and
/// whether the report is in already.
#[derive(Debug, Clone, FromRow, PartialEq, Eq)]
pub struct Due {
    pub employee_id: i64,
    pub place: String,
    pub reported: i64,
}

/// Marks `people` (id and the place of their day) as due to report on `date`; returns
/// those not marked before. A day already due is left alone, so closing twice counts once.
pub async fn mark_due(
    c: &mut Conn,
    agency: i64,
    unit: i64,
    date: &str,
    people: &[(i64, String)],
    now: Millis,
) -> Result<Vec<Due>, StoreError> {
    let mut out = Vec::new();
    for chunk in people.chunks(CHUNK) {
        let mut q = Sql::new(
            "INSERT INTO output_person_days (agency_id, employee_id, date, unit_id, place, due,
                updated_at) VALUES ",
        );
        let (a, d, u, n) = (q.int(agency), q.text_arg(date), q.int(unit), q.int(now));
        let rows: Vec<String> = chunk
            .iter()
            .map(|(e, place)| {
                let (e, p) = (q.int(*e), q.text_arg(place.as_str()));
                format!("({a}, {e}, {d}, {u}, {p}, 1, {n})")
            })
            .collect();
        q.push(&rows.join(", "));
        q.push(&format!(
            " ON CONFLICT (employee_id, date) DO UPDATE SET due = 1, updated_at = {n}
              WHERE output_person_days.due = 0
              RETURNING employee_id, place, reported"
        ));
        out.extend(q.query_as::<Due>().fetch_all(&mut *c).await?);
    }
    Ok(out)
}

/// Records the reminder sent to `people` for `date`.
pub async fn set_reminded(
    c: &mut Conn,
    agency: i64,
    people: &[i64],
    date: &str,
    now: Millis,
) -> Result<(), StoreError> {
    for chunk in people.chunks(CHUNK) {
        let mut q = Sql::new("UPDATE output_person_days SET reminded_at = ");
        let n = q.int(now);
        let d = q.text_arg(date);
        let a = q.int(agency);
        let ids: Vec<String> = chunk.iter().map(|p| q.int(*p)).collect();
        q.push(&format!(
            "{n} WHERE date = {d} AND agency_id = {a} AND employee_id IN ({})",
            ids.join(", ")
        ));
        q.execute(&mut *c).await?;
    }
    Ok(())
}

/// Whether the unit's `date` was closed already.
pub async fn is_closed(c: &mut Conn, unit: i64, date: &str) -> Result<bool, StoreError> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT unit_id FROM unit_day_closes WHERE unit_id = $1 AND date = $2")
            .bind(unit)
            .bind(date)
            .fetch_optional(c)
            .await?;
    Ok(found.is_some())
}

/// Records the close of a unit's day; false when another runner closed it first.
pub async fn insert_close(
    c: &mut Conn,
    agency: i64,
    unit: i64,
    date: &str,
    due: i64,
    reminded: i64,
    now: Millis,
) -> Result<bool, StoreError> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO unit_day_closes (agency_id, unit_id, date, due, reminded, closed_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (unit_id, date) DO NOTHING RETURNING unit_id",
    )
    .bind(agency)
    .bind(unit)
    .bind(date)
    .bind(due)
    .bind(reminded)
    .bind(now)
    .fetch_optional(c)
    .await?;
    Ok(id.is_some())
}

/// A person of a unit on a day, with the location of their approved plan (if any).
#[derive(Debug, Clone, FromRow, PartialEq, Eq)]
pub struct PersonPlan {
    pub employee_id: i64,
    pub location: Option<String>,
}

/// The people placed in `unit` with their approved plan's location on `date`.
pub async fn people_of_unit_on(
    c: &mut Conn,
    agency: i64,
    unit: i64,
    date: &str,
) -> Result<Vec<PersonPlan>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT e.id AS employee_id, p.location FROM employees e
         LEFT JOIN plan_days p ON p.employee_id = e.id AND p.date = $3 AND p.status = 'approved'
         WHERE e.agency_id = $1 AND e.unit_id = $2 ORDER BY e.id",
    )
    .bind(agency)
    .bind(unit)
    .bind(date)
    .fetch_all(c)
    .await?)
}

/// Totals of a day and place (summed over units or people).
#[derive(Debug, Clone, FromRow, PartialEq, Eq, serde::Serialize)]
pub struct DayTotals {
    pub date: String,
    pub place: String,
    pub due: i64,
    pub due_reported: i64,
    pub reports: i64,
    pub items: i64,
    pub items_done: i64,
    pub items_blocked: i64,
    pub tasks_done: i64,
    pub tasks_on_time: i64,
    pub tasks_late: i64,
    pub responses: i64,
    pub response_ms: i64,
}

/// The days of the units at or below `path`, from `from` to `to`, summed per day and place:
/// at most units × days × 2 rows read, through the unit path index and the days' key.
pub async fn unit_days_below(
    c: &mut Conn,
    agency: i64,
    path: &str,
    from: &str,
    to: &str,
) -> Result<Vec<DayTotals>, StoreError> {
    Ok(unit_days_below_sql(agency, path, from, to)
        .query_as()
        .fetch_all(c)
        .await?)
}

/// The query `unit_days_below` runs, built but not run.
pub fn unit_days_below_sql(agency: i64, path: &str, from: &str, to: &str) -> Sql {
    let mut q = Sql::default();
    let (a, p, f, t) = (
        q.int(agency),
        q.text_arg(path),
        q.text_arg(from),
        q.text_arg(to),
    );
    q.push(&format!(
        "SELECT o.date, o.place, CAST(SUM(o.due) AS BIGINT) AS due, CAST(SUM(o.due_reported) AS BIGINT) AS due_reported,
            CAST(SUM(o.reports) AS BIGINT) AS reports, CAST(SUM(o.items) AS BIGINT) AS items, CAST(SUM(o.items_done) AS BIGINT) AS items_done,
            CAST(SUM(o.items_blocked) AS BIGINT) AS items_blocked, CAST(SUM(o.tasks_done) AS BIGINT) AS tasks_done,
            CAST(SUM(o.tasks_on_time) AS BIGINT) AS tasks_on_time, CAST(SUM(o.tasks_late) AS BIGINT) AS tasks_late,
            CAST(SUM(o.responses) AS BIGINT) AS responses, CAST(SUM(o.response_ms) AS BIGINT) AS response_ms
         FROM units u JOIN output_unit_days o ON o.unit_id = u.id
         WHERE u.agency_id = {a} AND u.path LIKE {p} || '%' AND o.date >= {f} AND o.date <= {t}
           AND o.agency_id = {a}
         GROUP BY o.date, o.place ORDER BY o.date, o.place"
    ));
    q
}

/// One person's day.
#[derive(Debug, Clone, FromRow, PartialEq, Eq, serde::Serialize)]
pub struct PersonDayRow {
    pub employee_id: i64,
    pub date: String,
    pub place: String,
    pub due: i64,
    pub reported: i64,
    pub items: i64,
    pub items_done: i64,
    pub items_blocked: i64,
    pub tasks_done: i64,
    pub tasks_on_time: i64,
    pub tasks_late: i64,
    pub responses: i64,
    pub response_ms: i64,
}

/// The days of `people` from `from` to `to` (a supervisor's team, one person's month).
pub async fn person_days(
    c: &mut Conn,
    agency: i64,
    people: &[i64],
    from: &str,
    to: &str,
) -> Result<Vec<PersonDayRow>, StoreError> {
    let mut out = Vec::new();
    for chunk in people.chunks(CHUNK) {
        out.extend(
            person_days_sql(agency, chunk, from, to)
                .query_as::<PersonDayRow>()
                .fetch_all(&mut *c)
                .await?,
        );
    }
    Ok(out)
}

/// The query `person_days` runs for one chunk, built but not run.
pub fn person_days_sql(agency: i64, people: &[i64], from: &str, to: &str) -> Sql {
    let mut q = Sql::new(
        "SELECT o.employee_id, o.date, o.place, o.due, o.reported, o.items, o.items_done,
            o.items_blocked, o.tasks_done, o.tasks_on_time, o.tasks_late, o.responses, o.response_ms
         FROM output_person_days o",
    );
    let ids: Vec<String> = people.iter().map(|p| q.int(*p)).collect();
    let (f, t, a) = (q.text_arg(from), q.text_arg(to), q.int(agency));
    q.push(&format!(
        " WHERE o.employee_id IN ({}) AND o.date >= {f} AND o.date <= {t} AND o.agency_id = {a}
         ORDER BY o.employee_id, o.date",
        if ids.is_empty() {
            "NULL".to_string()
        } else {
            ids.join(", ")
        }
    ));
    q
}
