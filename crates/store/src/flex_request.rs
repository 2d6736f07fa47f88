//! Requests for flexible work (`flex_requests`) with their dated days
//! (`flex_request_days`) and evidence files, and the plan days an approval writes. Every
//! query filters by agency; lists are bounded by a limit or a date range.

use crate::sql::Sql;
use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

/// A request with the names the pages show.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct RequestRow {
    pub id: i64,
    pub agency_id: i64,
    pub employee_id: i64,
    pub employee_name: String,
    pub nip: String,
    pub supervisor_id: Option<i64>,
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_path: String,
    pub first_day: String,
    pub last_day: String,
    pub pattern: Option<String>,
    pub time_mode: String,
    pub shift_start: Option<String>,
    pub reason: String,
    pub evidence_link: Option<String>,
    pub evidence_file_id: Option<i64>,
    pub work_plan: String,
    pub status: String,
    pub flags: Option<String>,
    pub decided_by: Option<i64>,
    pub decided_by_name: Option<String>,
    pub decided_as_acting: i64,
    pub decision_comment: Option<String>,
    pub created_at: Millis,
    pub decided_at: Option<Millis>,
}

const SELECT: &str = "SELECT r.id, r.agency_id, r.employee_id, e.name AS employee_name, e.nip,
        e.supervisor_id, r.unit_id, u.name AS unit_name, u.path AS unit_path, r.first_day, r.last_day,
        r.pattern, r.time_mode, r.shift_start, r.reason, r.evidence_link, r.evidence_file_id,
        r.work_plan, r.status, r.flags, r.decided_by, d.display_name AS decided_by_name,
        r.decided_as_acting, r.decision_comment, r.created_at, r.decided_at
    FROM flex_requests r
    JOIN employees e ON e.id = r.employee_id
    JOIN units u ON u.id = r.unit_id
    LEFT JOIN users d ON d.id = r.decided_by";

/// The values a submission (or resubmission) stores.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewRequest {
    pub employee_id: i64,
    pub unit_id: i64,
    pub first_day: String,
    pub last_day: String,
    pub pattern: Option<String>,
    pub time_mode: String,
    pub shift_start: Option<String>,
    pub reason: String,
    pub evidence_link: Option<String>,
    pub evidence_file_id: Option<i64>,
    pub work_plan: String,
    pub flags: Option<String>,
}

/// One dated day of a request.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct DayRow {
    pub request_id: i64,
    pub date: String,
    pub location: String,
    pub description: Option<String>,
}

pub async fn insert(
    c: &mut Conn,
    agency: i64,
    r: &NewRequest,
    now: Millis,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO flex_requests (agency_id, employee_id, unit_id, first_day, last_day, pattern, time_mode,
            shift_start, reason, evidence_link, evidence_file_id, work_plan, status, flags, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'pending', $13, $14) RETURNING id",
    )
    .bind(agency)
    .bind(r.employee_id)
    .bind(r.unit_id)
    .bind(&r.first_day)
    .bind(&r.last_day)
    .bind(&r.pattern)
    .bind(&r.time_mode)
    .bind(&r.shift_start)
    .bind(&r.reason)
    .bind(&r.evidence_link)
    .bind(r.evidence_file_id)
    .bind(&r.work_plan)
    .bind(&r.flags)
    .bind(now)
    .fetch_one(c)
    .await?)
}

/// A resubmission after "changes requested": the new values, pending again. False when the
/// request is no longer waiting for changes (someone else got there first).
pub async fn replace(
    c: &mut Conn,
    agency: i64,
    id: i64,
    r: &NewRequest,
    now: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE flex_requests SET first_day = $3, last_day = $4, pattern = $5, time_mode = $6,
            shift_start = $7, reason = $8, evidence_link = $9, evidence_file_id = $10, work_plan = $11,
            flags = $12, status = 'pending', created_at = $13
         WHERE agency_id = $1 AND id = $2 AND status = 'changes_requested'",
    )
    .bind(agency)
    .bind(id)
    .bind(&r.first_day)
    .bind(&r.last_day)
    .bind(&r.pattern)
    .bind(&r.time_mode)
    .bind(&r.shift_start)
    .bind(&r.reason)
    .bind(&r.evidence_link)
    .bind(r.evidence_file_id)
    .bind(&r.work_plan)
    .bind(&r.flags)
    .bind(now)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn get(c: &mut Conn, agency: i64, id: i64) -> Result<Option<RequestRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{SELECT} WHERE r.agency_id = $1 AND r.id = $2"))
            .bind(agency)
            .bind(id)
            .fetch_optional(c)
            .await?,
    )
}

/// An employee's requests, newest first, `limit` per page before the id `before`.
pub async fn of_employee(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<RequestRow>, StoreError> {
    let q = of_employee_sql(agency, employee, before, limit);
    Ok(q.query_as::<RequestRow>().fetch_all(c).await?)
}

/// The query `of_employee` runs, built but not run (for a plan check).
pub fn of_employee_sql(agency: i64, employee: i64, before: Option<i64>, limit: i64) -> Sql {
    let mut q = Sql::new(SELECT);
    let (a, e) = (q.int(agency), q.int(employee));
    q.push(&format!(" WHERE r.agency_id = {a} AND r.employee_id = {e}"));
    if let Some(b) = before {
        let b = q.int(b);
        q.push(&format!(" AND r.id < {b}"));
    }
    let l = q.int(limit);
    q.push(&format!(" ORDER BY r.id DESC LIMIT {l}"));
    q
}

/// Pending requests of the people whose direct supervisor is one of `supervisors`, oldest
/// first (they have waited longest).
pub async fn pending_of_reports(
    c: &mut Conn,
    agency: i64,
    supervisors: &[i64],
    limit: i64,
) -> Result<Vec<RequestRow>, StoreError> {
    if supervisors.is_empty() {
        return Ok(vec![]);
    }
    let mut q = Sql::new(SELECT);
    let a = q.int(agency);
    let list: Vec<String> = supervisors.iter().map(|s| q.int(*s)).collect();
    let l = q.int(limit);
    q.push(&format!(
        " WHERE r.agency_id = {a} AND r.status = 'pending' AND e.agency_id = {a}
            AND e.supervisor_id IN ({}) ORDER BY r.id LIMIT {l}",
        list.join(", ")
    ));
    Ok(q.query_as::<RequestRow>().fetch_all(c).await?)
}

/// Pending requests of people in the units at or below `paths` (admins' view).
pub async fn pending_below(
    c: &mut Conn,
    agency: i64,
    paths: Option<&[String]>,
    limit: i64,
) -> Result<Vec<RequestRow>, StoreError> {
    let mut q = Sql::new(SELECT);
    let a = q.int(agency);
    q.push(&format!(
        " WHERE r.agency_id = {a} AND r.status = 'pending'"
    ));
    if let Some(paths) = paths {
        if paths.is_empty() {
            return Ok(vec![]);
        }
        let parts: Vec<String> = paths
            .iter()
            .map(|p| {
                let p = q.text_arg(crate::sql::like_escape(p));
                format!("u.path LIKE {p} || '%' ESCAPE '\\'")
            })
            .collect();
        q.push(&format!(" AND ({})", parts.join(" OR ")));
    }
    let l = q.int(limit);
    q.push(&format!(" ORDER BY r.id LIMIT {l}"));
    Ok(q.query_as::<RequestRow>().fetch_all(c).await?)
}

/// Moves a request from `from` (one or two states) to `to` with the decision's details.
/// False when it was in neither (decided or withdrawn meanwhile): the caller refuses.
#[allow(clippy::too_many_arguments)]
pub async fn set_status(
    c: &mut Conn,
    agency: i64,
    id: i64,
    from: &[&str],
    to: &str,
    decided_by: Option<i64>,
    as_acting: bool,
    comment: Option<&str>,
    now: Millis,
) -> Result<bool, StoreError> {
    let (Some(a), b) = (from.first(), from.get(1)) else {
        return Ok(false);
    };
    let done = sqlx::query(
        "UPDATE flex_requests SET status = $3, decided_by = $4, decided_as_acting = $5,
            decision_comment = $6, decided_at = $7
         WHERE agency_id = $1 AND id = $2 AND status IN ($8, $9)",
    )
    .bind(agency)
    .bind(id)
    .bind(to)
    .bind(decided_by)
    .bind(as_acting as i64)
    .bind(comment)
    .bind(now)
    .bind(*a)
    .bind(*b.unwrap_or(a))
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Stores the days of a request (replacing any it had), many per statement.
pub async fn put_days(
    c: &mut Conn,
    agency: i64,
    request: i64,
    employee: i64,
    days: &[DayRow],
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM flex_request_days WHERE agency_id = $1 AND request_id = $2")
        .bind(agency)
        .bind(request)
        .execute(&mut *c)
        .await?;
    // 3 values a row beside 3 shared ones; a request has at most 93 days.
    for chunk in days.chunks(300) {
        let mut sql = String::from(
            "INSERT INTO flex_request_days (agency_id, request_id, employee_id, date, location, description) VALUES ",
        );
        for i in 0..chunk.len() {
            let b = 4 + i * 3;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!("($1, $2, $3, ${}, ${}, ${})", b, b + 1, b + 2));
        }
        let mut q = sqlx::query(&sql).bind(agency).bind(request).bind(employee);
        for d in chunk {
            q = q.bind(&d.date).bind(&d.location).bind(&d.description);
        }
        q.execute(&mut *c).await?;
    }
    Ok(())
}

pub async fn days_of(c: &mut Conn, agency: i64, request: i64) -> Result<Vec<DayRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT request_id, date, location, description FROM flex_request_days
         WHERE agency_id = $1 AND request_id = $2 ORDER BY date",
    )
    .bind(agency)
    .bind(request)
    .fetch_all(c)
    .await?)
}

/// The days of several requests (a page of them), by request and date.
pub async fn days_of_many(
    c: &mut Conn,
    agency: i64,
    requests: &[i64],
) -> Result<Vec<DayRow>, StoreError> {
    if requests.is_empty() {
        return Ok(vec![]);
    }
    let mut q = Sql::default();
    let a = q.int(agency);
    let list: Vec<String> = requests.iter().map(|r| q.int(*r)).collect();
    q.push(&format!(
        "SELECT request_id, date, location, description FROM flex_request_days
         WHERE agency_id = {a} AND request_id IN ({}) ORDER BY request_id, date",
        list.join(", ")
    ));
    Ok(q.query_as::<DayRow>().fetch_all(c).await?)
}

/// Another open (pending or awaiting changes) request of the employee with a day in
/// `from..=to`, other than `except`: found through the days' index, never the history.
pub async fn open_overlapping(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    from: &str,
    to: &str,
    except: Option<i64>,
) -> Result<Option<(i64, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT r.id, MIN(d.date) FROM flex_request_days d JOIN flex_requests r ON r.id = d.request_id
         WHERE d.agency_id = $1 AND d.employee_id = $2 AND d.date >= $3 AND d.date <= $4
           AND r.agency_id = $1 AND r.status IN ('pending', 'changes_requested') AND r.id <> $5
         GROUP BY r.id ORDER BY r.id LIMIT 1",
    )
    .bind(agency)
    .bind(employee)
    .bind(from)
    .bind(to)
    .bind(except.unwrap_or(0))
    .fetch_optional(c)
    .await?)
}

/// People placed directly in a unit.
pub async fn unit_people(c: &mut Conn, agency: i64, unit: i64) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM employees WHERE agency_id = $1 AND unit_id = $2")
            .bind(agency)
            .bind(unit)
            .fetch_one(c)
            .await?,
    )
}

/// Per date in `from..=to`: how many people of the unit other than `except` have an
/// approved day away from the office (another office, home, another location).
pub async fn away_counts(
    c: &mut Conn,
    agency: i64,
    unit: i64,
    except: i64,
    from: &str,
    to: &str,
) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT p.date, COUNT(*) FROM plan_days p JOIN employees e ON e.id = p.employee_id
         WHERE p.agency_id = $1 AND p.date >= $4 AND p.date <= $5 AND p.status = 'approved'
           AND p.location IN ('other_office', 'home', 'other')
           AND e.agency_id = $1 AND e.unit_id = $2 AND p.employee_id <> $3
         GROUP BY p.date",
    )
    .bind(agency)
    .bind(unit)
    .bind(except)
    .bind(from)
    .bind(to)
    .fetch_all(c)
    .await?)
}

/// A day an approval writes.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ApprovedDay {
    pub date: String,
    pub location: String,
    pub note: Option<String>,
}

/// Writes a request's approved days. A later approved request replaces earlier request
/// and roster days of the same dates; approved leave, training and field duty are never
/// overridden. Returns the days written.
#[allow(clippy::too_many_arguments)]
pub async fn approve_days(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    request: i64,
    days: &[ApprovedDay],
    time_mode: &str,
    start_time: Option<&str>,
    decided_by: Option<i64>,
    now: Millis,
) -> Result<u64, StoreError> {
    let mut written = 0;
    for chunk in days.chunks(300) {
        let mut sql = String::from(
            "INSERT INTO plan_days (agency_id, employee_id, request_id, time_mode, start_time, decided_by,
                created_at, updated_at, status, source, date, location, note) VALUES ",
        );
        for i in 0..chunk.len() {
            let b = 8 + i * 3;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "($1, $2, $3, $4, $5, $6, $7, $7, 'approved', 'request', ${}, ${}, ${})",
                b,
                b + 1,
                b + 2
            ));
        }
        sql.push_str(
            " ON CONFLICT (employee_id, date) DO UPDATE SET location = excluded.location, status = 'approved',
                source = 'request', roster_id = NULL, request_id = excluded.request_id,
                time_mode = excluded.time_mode, start_time = excluded.start_time,
                decided_by = excluded.decided_by, note = excluded.note, updated_at = excluded.updated_at
              WHERE plan_days.agency_id = excluded.agency_id
                AND NOT (plan_days.status = 'approved' AND plan_days.location IN ('leave', 'training', 'field_duty'))",
        );
        let mut q = sqlx::query(&sql)
            .bind(agency)
            .bind(employee)
            .bind(request)
            .bind(time_mode)
            .bind(start_time)
            .bind(decided_by)
            .bind(now);
        for d in chunk {
            q = q.bind(&d.date).bind(&d.location).bind(&d.note);
        }
        written += q.execute(&mut *c).await?.rows_affected();
    }
    Ok(written)
}

/// An employee's plan days written by `request`.
pub async fn plan_days_of_request(
    c: &mut Conn,
    agency: i64,
    request: i64,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM plan_days WHERE agency_id = $1 AND request_id = $2",
    )
    .bind(agency)
    .bind(request)
    .fetch_one(c)
    .await?)
}

/// An uploaded evidence file, without its bytes.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct EvidenceMeta {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub created_by: Option<i64>,
}

pub async fn insert_evidence(
    c: &mut Conn,
    agency: i64,
    name: &str,
    content_type: &str,
    bytes: &[u8],
    by: Option<i64>,
    now: Millis,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO evidence_files (agency_id, name, content_type, size, bytes, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(agency)
    .bind(name)
    .bind(content_type)
    .bind(bytes.len() as i64)
    .bind(bytes.to_vec())
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await?)
}

pub async fn evidence_meta(
    c: &mut Conn,
    agency: i64,
    id: i64,
) -> Result<Option<EvidenceMeta>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, name, content_type, size, created_by FROM evidence_files WHERE agency_id = $1 AND id = $2",
    )
    .bind(agency)
    .bind(id)
    .fetch_optional(c)
    .await?)
}

pub async fn evidence_bytes(
    c: &mut Conn,
    agency: i64,
    id: i64,
) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT bytes FROM evidence_files WHERE agency_id = $1 AND id = $2")
            .bind(agency)
            .bind(id)
            .fetch_optional(c)
            .await?,
    )
}
