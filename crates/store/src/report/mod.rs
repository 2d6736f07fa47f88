//! Daily reports (`daily_reports`, `daily_report_items`) and weekly reports
//! (`weekly_reports`). Every read is bounded: one person's days in a range, or a set of
//! people (a page) on one day or week, each through a unique key or an index. Writes are
//! conditional on the version the caller read, so two writers cannot both replace a report.

mod weekly;

pub use weekly::{
    acknowledge_weekly, put_weekly, weekly, weekly_by_id, weekly_of_people, NewWeekly, WeeklyRow,
};

use crate::sql::Sql;
use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

/// `IN (...)` lists are sent in chunks of this many ids.
const CHUNK: usize = 500;

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct ReportRow {
    pub id: i64,
    pub agency_id: i64,
    pub employee_id: i64,
    pub date: String,
    pub unit_id: i64,
    pub place: String,
    pub items_done: i64,
    pub items_in_progress: i64,
    pub items_blocked: i64,
    pub evidence_link: Option<String>,
    pub evidence_file_id: Option<i64>,
    pub late: i64,
    pub version: i64,
    pub submitted_at: Millis,
    pub updated_at: Millis,
    pub acknowledged_at: Option<Millis>,
    pub acknowledged_by: Option<i64>,
    pub comment: Option<String>,
    pub commented_at: Option<Millis>,
}

impl ReportRow {
    pub fn items(&self) -> i64 {
        self.items_done + self.items_in_progress + self.items_blocked
    }
}

const SELECT: &str = "SELECT r.id, r.agency_id, r.employee_id, r.date, r.unit_id, r.place,
        r.items_done, r.items_in_progress, r.items_blocked, r.evidence_link, r.evidence_file_id,
        r.late, r.version, r.submitted_at, r.updated_at, r.acknowledged_at, r.acknowledged_by,
        r.comment, r.commented_at
    FROM daily_reports r";

/// One item, with the title of the task it reports on.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct ItemRow {
    pub report_id: i64,
    pub position: i64,
    pub text: String,
    pub status: String,
    pub needs: Option<String>,
    pub task_id: Option<i64>,
    pub task_title: Option<String>,
    pub result_id: Option<i64>,
    pub result_text: Option<String>,
}

/// An item as written.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewItem {
    pub text: String,
    pub status: String,
    pub needs: Option<String>,
    pub task_id: Option<i64>,
    pub result_id: Option<i64>,
}

/// A report as written (new or replacing).
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewReport {
    pub agency_id: i64,
    pub employee_id: i64,
    pub date: String,
    pub unit_id: i64,
    pub place: String,
    pub items_done: i64,
    pub items_in_progress: i64,
    pub items_blocked: i64,
    pub evidence_link: Option<String>,
    pub evidence_file_id: Option<i64>,
    pub late: bool,
    pub items: Vec<NewItem>,
}

pub async fn by_date(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    date: &str,
) -> Result<Option<ReportRow>, StoreError> {
    Ok(by_date_sql(agency, employee, date)
        .query_as()
        .fetch_optional(c)
        .await?)
}

/// The query `by_date` runs (one row of the unique key), built but not run.
pub fn by_date_sql(agency: i64, employee: i64, date: &str) -> Sql {
    let mut q = Sql::new(SELECT);
    let (e, d, a) = (q.int(employee), q.text_arg(date), q.int(agency));
    q.push(&format!(
        " WHERE r.employee_id = {e} AND r.date = {d} AND r.agency_id = {a}"
    ));
    q
}

pub async fn get(c: &mut Conn, agency: i64, id: i64) -> Result<Option<ReportRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{SELECT} WHERE r.agency_id = $1 AND r.id = $2"))
            .bind(agency)
            .bind(id)
            .fetch_optional(c)
            .await?,
    )
}

/// One person's reports from `from` to `to`, by date.
pub async fn of_employee(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    from: &str,
    to: &str,
) -> Result<Vec<ReportRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE r.employee_id = $1 AND r.date >= $2 AND r.date <= $3 AND r.agency_id = $4
         ORDER BY r.date"
    ))
    .bind(employee)
    .bind(from)
    .bind(to)
    .bind(agency)
    .fetch_all(c)
    .await?)
}

/// The reports of `people` on `date` (a supervisor's team day).
pub async fn of_people_on(
    c: &mut Conn,
    agency: i64,
    people: &[i64],
    date: &str,
) -> Result<Vec<ReportRow>, StoreError> {
    let mut out = Vec::new();
    for chunk in people.chunks(CHUNK) {
        out.extend(
            of_people_on_sql(agency, chunk, date)
                .query_as::<ReportRow>()
                .fetch_all(&mut *c)
                .await?,
        );
    }
    Ok(out)
}

/// The query `of_people_on` runs for one chunk, built but not run.
pub fn of_people_on_sql(agency: i64, people: &[i64], date: &str) -> Sql {
    let mut q = Sql::new(SELECT);
    let d = q.text_arg(date);
    let ids: Vec<String> = people.iter().map(|p| q.int(*p)).collect();
    let a = q.int(agency);
    q.push(&format!(
        " WHERE r.employee_id IN ({}) AND r.date = {d} AND r.agency_id = {a}",
        if ids.is_empty() {
            "NULL".to_string()
        } else {
            ids.join(", ")
        }
    ));
    q
}

/// The items of several reports, by report then position.
pub async fn items_of(
    c: &mut Conn,
    agency: i64,
    reports: &[i64],
) -> Result<Vec<ItemRow>, StoreError> {
    let mut out = Vec::new();
    for chunk in reports.chunks(CHUNK) {
        let mut q = Sql::new(
            "SELECT i.report_id, i.position, i.text, i.status, i.needs, i.task_id,
                t.title AS task_title, i.result_id, pr.text AS result_text
             FROM daily_report_items i
             LEFT JOIN tasks t ON t.id = i.task_id
             LEFT JOIN planned_results pr ON pr.id = i.result_id",
        );
        let a = q.int(agency);
        let ids: Vec<String> = chunk.iter().map(|r| q.int(*r)).collect();
        q.push(&format!(
            " WHERE i.agency_id = {a} AND i.report_id IN ({}) ORDER BY i.report_id, i.position",
            ids.join(", ")
        ));
        out.extend(q.query_as::<ItemRow>().fetch_all(&mut *c).await?);
    }
    Ok(out)
}

/// Inserts a new report unless the person has one for the day already (someone else got
/// there first: None, read again).
pub async fn insert(c: &mut Conn, r: &NewReport, now: Millis) -> Result<Option<i64>, StoreError> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO daily_reports (agency_id, employee_id, date, unit_id, place, items_done,
            items_in_progress, items_blocked, evidence_link, evidence_file_id, late, version,
            submitted_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12)
         ON CONFLICT (employee_id, date) DO NOTHING RETURNING id",
    )
    .bind(r.agency_id)
    .bind(r.employee_id)
    .bind(&r.date)
    .bind(r.unit_id)
    .bind(&r.place)
    .bind(r.items_done)
    .bind(r.items_in_progress)
    .bind(r.items_blocked)
    .bind(&r.evidence_link)
    .bind(r.evidence_file_id)
    .bind(i64::from(r.late))
    .bind(now)
    .fetch_optional(&mut *c)
    .await?;
    if let Some(id) = id {
        insert_items(c, r.agency_id, id, &r.items).await?;
    }
    Ok(id)
}

/// Replaces a report's content, only if it is still at `version` and not acknowledged;
/// false when it moved on (read again).
pub async fn replace(
    c: &mut Conn,
    id: i64,
    version: i64,
    r: &NewReport,
    now: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE daily_reports SET place = $4, items_done = $5, items_in_progress = $6,
            items_blocked = $7, evidence_link = $8, evidence_file_id = $9, late = $10,
            version = version + 1, updated_at = $11
         WHERE agency_id = $1 AND id = $2 AND version = $3 AND acknowledged_at IS NULL",
    )
    .bind(r.agency_id)
    .bind(id)
    .bind(version)
    .bind(&r.place)
    .bind(r.items_done)
    .bind(r.items_in_progress)
    .bind(r.items_blocked)
    .bind(&r.evidence_link)
    .bind(r.evidence_file_id)
    .bind(i64::from(r.late))
    .bind(now)
    .execute(&mut *c)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM daily_report_items WHERE agency_id = $1 AND report_id = $2")
        .bind(r.agency_id)
        .bind(id)
        .execute(&mut *c)
        .await?;
    insert_items(c, r.agency_id, id, &r.items).await?;
    Ok(true)
}

async fn insert_items(
    c: &mut Conn,
    agency: i64,
    report: i64,
    items: &[NewItem],
) -> Result<(), StoreError> {
    insert_items_many(c, agency, &[(report, items)]).await
}

/// Inserts many new reports in one statement; each one only if its person has no report
/// for its day yet. Returns (employee, date, id) of those written; a report missing from
/// the answer found its day taken (read again).
pub async fn insert_many(
    c: &mut Conn,
    reports: &[&NewReport],
    now: Millis,
) -> Result<Vec<(i64, String, i64)>, StoreError> {
    let mut out = Vec::with_capacity(reports.len());
    for chunk in reports.chunks(CHUNK / 4) {
        let mut q = Sql::new(
            "INSERT INTO daily_reports (agency_id, employee_id, date, unit_id, place, items_done,
                items_in_progress, items_blocked, evidence_link, evidence_file_id, late, version,
                submitted_at, updated_at) VALUES ",
        );
        let n = q.int(now);
        let rows: Vec<String> = chunk
            .iter()
            .map(|r| {
                let v = [
                    q.int(r.agency_id),
                    q.int(r.employee_id),
                    q.text_arg(r.date.as_str()),
                    q.int(r.unit_id),
                    q.text_arg(r.place.as_str()),
                    q.int(r.items_done),
                    q.int(r.items_in_progress),
                    q.int(r.items_blocked),
                    r.evidence_link
                        .as_ref()
                        .map(|l| q.text_arg(l.as_str()))
                        .unwrap_or_else(|| "NULL".into()),
                    r.evidence_file_id
                        .map(|f| q.int(f))
                        .unwrap_or_else(|| "NULL".into()),
                    q.int(i64::from(r.late)),
                ];
                format!("({}, 1, {n}, {n})", v.join(", "))
            })
            .collect();
        q.push(&rows.join(", "));
        q.push(" ON CONFLICT (employee_id, date) DO NOTHING RETURNING employee_id, date, id");
        out.extend(
            q.query_as::<(i64, String, i64)>()
                .fetch_all(&mut *c)
                .await?,
        );
    }
    Ok(out)
}

/// The items of many reports, in one statement per few hundred rows.
pub async fn insert_items_many(
    c: &mut Conn,
    agency: i64,
    reports: &[(i64, &[NewItem])],
) -> Result<(), StoreError> {
    let rows: Vec<(i64, usize, &NewItem)> = reports
        .iter()
        .flat_map(|(id, items)| items.iter().enumerate().map(move |(i, it)| (*id, i, it)))
        .collect();
    for chunk in rows.chunks(CHUNK) {
        let mut q = Sql::new(
            "INSERT INTO daily_report_items (report_id, position, agency_id, text, status, needs,
                task_id, result_id) VALUES ",
        );
        let a = q.int(agency);
        let values: Vec<String> = chunk
            .iter()
            .map(|(id, pos, it)| {
                let (r, p) = (q.int(*id), q.int(*pos as i64));
                let text = q.text_arg(it.text.as_str());
                let status = q.text_arg(it.status.as_str());
                let needs = it
                    .needs
                    .as_ref()
                    .map(|n| q.text_arg(n.as_str()))
                    .unwrap_or_else(|| "NULL".into());
                let task = it
                    .task_id
                    .map(|t| q.int(t))
                    .unwrap_or_else(|| "NULL".into());
                let result = it
                    .result_id
                    .map(|t| q.int(t))
                    .unwrap_or_else(|| "NULL".into());
                format!("({r}, {p}, {a}, {text}, {status}, {needs}, {task}, {result})")
            })
            .collect();
        q.push(&values.join(", "));
        q.execute(&mut *c).await?;
    }
    Ok(())
}

/// The supervisor's acknowledgement and comment, only on the version they read.
pub async fn acknowledge(
    c: &mut Conn,
    agency: i64,
    id: i64,
    version: i64,
    by: i64,
    comment: Option<&str>,
    now: Millis,
) -> Result<bool, StoreError> {
    acknowledge_in(c, "daily_reports", agency, id, version, by, comment, now).await
}

/// Acknowledges a row of `table` (a daily or a weekly report) over `version`.
#[allow(clippy::too_many_arguments)]
pub(super) async fn acknowledge_in(
    c: &mut Conn,
    table: &'static str,
    agency: i64,
    id: i64,
    version: i64,
    by: i64,
    comment: Option<&str>,
    now: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(&format!(
        "UPDATE {table} SET acknowledged_at = $4, acknowledged_by = $5,
            comment = $6, commented_at = CASE WHEN $6 IS NULL THEN NULL ELSE $4 END,
            version = version + 1
         WHERE agency_id = $1 AND id = $2 AND version = $3"
    ))
    .bind(agency)
    .bind(id)
    .bind(version)
    .bind(now)
    .bind(by)
    .bind(comment)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The tasks among `tasks` that are assigned to `employee`: what a report item may link.
pub async fn own_tasks(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    tasks: &[i64],
) -> Result<Vec<i64>, StoreError> {
    if tasks.is_empty() {
        return Ok(vec![]);
    }
    let mut q = Sql::new("SELECT x.task_id FROM task_assignees x");
    let (a, e) = (q.int(agency), q.int(employee));
    let ids: Vec<String> = tasks.iter().take(CHUNK).map(|t| q.int(*t)).collect();
    q.push(&format!(
        " WHERE x.agency_id = {a} AND x.employee_id = {e} AND x.task_id IN ({})",
        ids.join(", ")
    ));
    Ok(q.query_scalar::<i64>().fetch_all(c).await?)
}

/// Points a report to its evidence file (written in the same transaction as the report).
pub async fn set_evidence(c: &mut Conn, agency: i64, id: i64, file: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE daily_reports SET evidence_file_id = $3 WHERE agency_id = $1 AND id = $2")
        .bind(agency)
        .bind(id)
        .bind(file)
        .execute(c)
        .await?;
    Ok(())
}
