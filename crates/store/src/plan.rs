//! Location plans, their minimal core: one planned day per employee and date, with where
//! (office, home, leave…), whether it is approved, and where it came from (a roster, a
//! request, leave). The arrangements feature extends this table; rosters read and write it.

use crate::sql::Sql;
use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct PlanDayRow {
    pub employee_id: i64,
    pub date: String,
    pub location: String,
    pub status: String,
    pub source: String,
    pub roster_id: Option<i64>,
    pub note: Option<String>,
}

const COLUMNS: &str = "p.employee_id, p.date, p.location, p.status, p.source, p.roster_id, p.note";

/// Approved days of everyone at or below the unit at `path`, from `from` to `to`.
pub async fn approved_below(
    c: &mut Conn,
    agency: i64,
    path: &str,
    from: &str,
    to: &str,
) -> Result<Vec<PlanDayRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM plan_days p JOIN employees e ON e.id = p.employee_id JOIN units u ON u.id = e.unit_id
         WHERE p.agency_id = $1 AND p.date >= $3 AND p.date <= $4 AND p.status = 'approved'
           AND u.path LIKE $2 || '%'"
    ))
    .bind(agency)
    .bind(path)
    .bind(from)
    .bind(to)
    .fetch_all(c)
    .await?)
}

/// One employee's days from `from` to `to`, whatever their status.
pub async fn of_employee(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    from: &str,
    to: &str,
) -> Result<Vec<PlanDayRow>, StoreError> {
    let q = of_employee_sql(agency, employee, from, to);
    Ok(q.query_as::<PlanDayRow>().fetch_all(c).await?)
}

/// The query `of_employee` runs, built but not run (the contract tests check its plan).
pub fn of_employee_sql(agency: i64, employee: i64, from: &str, to: &str) -> Sql {
    let mut q = Sql::default();
    let (a, e, f, t) = (
        q.int(agency),
        q.int(employee),
        q.text_arg(from),
        q.text_arg(to),
    );
    q.push(&format!(
        "SELECT {COLUMNS} FROM plan_days p
         WHERE p.agency_id = {a} AND p.employee_id = {e} AND p.date >= {f} AND p.date <= {t} ORDER BY p.date"
    ));
    q
}

/// Days a roster wrote.
pub async fn count_of_roster(c: &mut Conn, agency: i64, roster: i64) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM plan_days WHERE agency_id = $1 AND roster_id = $2",
        )
        .bind(agency)
        .bind(roster)
        .fetch_one(c)
        .await?,
    )
}

/// A day to write.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewDay {
    pub employee_id: i64,
    pub date: String,
    pub location: String,
}

/// Writes approved days from `source`, many per statement. A day that already has an
/// approved plan keeps it (approved leave and earlier approved requests are never
/// overridden); a pending or rejected one is decided by this one. Returns the days written.
pub async fn approve_unless_decided(
    c: &mut Conn,
    agency: i64,
    days: &[NewDay],
    source: &str,
    roster: Option<i64>,
    decided_by: Option<i64>,
    now: Millis,
) -> Result<u64, StoreError> {
    let mut written = 0;
    // 3 values a row beside 5 shared ones; 500 rows stay far below both engines' limits.
    for chunk in days.chunks(500) {
        let mut sql = String::from(
            "INSERT INTO plan_days (agency_id, source, roster_id, decided_by, created_at, updated_at,
                employee_id, date, location, status) VALUES ",
        );
        for i in 0..chunk.len() {
            let b = 6 + i * 3;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "($1, $2, $3, $4, $5, $5, ${}, ${}, ${}, 'approved')",
                b,
                b + 1,
                b + 2
            ));
        }
        sql.push_str(
            " ON CONFLICT (employee_id, date) DO UPDATE SET location = excluded.location, status = 'approved',
                source = excluded.source, roster_id = excluded.roster_id, decided_by = excluded.decided_by,
                note = NULL, updated_at = excluded.updated_at
              WHERE plan_days.status <> 'approved' AND plan_days.agency_id = excluded.agency_id",
        );
        let mut q = sqlx::query(&sql)
            .bind(agency)
            .bind(source)
            .bind(roster)
            .bind(decided_by)
            .bind(now);
        for d in chunk {
            q = q.bind(d.employee_id).bind(&d.date).bind(&d.location);
        }
        written += q.execute(&mut *c).await?.rows_affected();
    }
    Ok(written)
}

/// Sets one day as given (the demo's approved leave; tests).
#[allow(clippy::too_many_arguments)]
pub async fn put(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    date: &str,
    location: &str,
    status: &str,
    source: &str,
    note: Option<&str>,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO plan_days (agency_id, employee_id, date, location, status, source, note, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
         ON CONFLICT (employee_id, date) DO UPDATE SET location = excluded.location, status = excluded.status,
            source = excluded.source, note = excluded.note, updated_at = excluded.updated_at",
    )
    .bind(agency)
    .bind(employee)
    .bind(date)
    .bind(location)
    .bind(status)
    .bind(source)
    .bind(note)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}
