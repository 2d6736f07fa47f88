//! Tasks (`tasks`) and who they go to (`task_assignees`). Every query filters by agency and
//! is bounded by a limit; an assignee's copy of the status and deadline lets their list be
//! read from one index range instead of joining through every task ever given.

use crate::sql::Sql;
use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

/// A task with the assigner's name, as pages and the API show it.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct TaskRow {
    pub id: i64,
    pub agency_id: i64,
    pub unit_id: i64,
    pub unit_path: String,
    pub time_zone: String,
    pub assigner_employee_id: i64,
    pub assigner_name: String,
    pub title: String,
    pub purpose: String,
    pub deadline: Option<String>,
    pub expected_output: String,
    pub responsible_employee_id: Option<i64>,
    pub attachments: String,
    pub clarity: i64,
    pub status: String,
    pub needs: Option<String>,
    pub sent_back_reason: Option<String>,
    pub created_at: Millis,
    pub first_response_at: Option<Millis>,
    pub done_at: Option<Millis>,
    pub accepted_at: Option<Millis>,
    pub updated_at: Millis,
    pub result_id: Option<i64>,
    pub result_text: Option<String>,
    pub done_by: Option<i64>,
    pub done_date: Option<String>,
}

/// One person a task goes to.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct AssigneeRow {
    pub task_id: i64,
    pub employee_id: i64,
    pub name: String,
    pub nip: String,
}

const SELECT: &str = "SELECT t.id, t.agency_id, t.unit_id, t.unit_path, u.time_zone,
        t.assigner_employee_id, a.name AS assigner_name, t.title, t.purpose, t.deadline,
        t.expected_output, t.responsible_employee_id, t.attachments, t.clarity, t.status, t.needs,
        t.sent_back_reason, t.created_at, t.first_response_at, t.done_at, t.accepted_at, t.updated_at,
        t.result_id, r.text AS result_text, t.done_by, t.done_date
    FROM tasks t
    JOIN units u ON u.id = t.unit_id
    JOIN employees a ON a.id = t.assigner_employee_id
    LEFT JOIN planned_results r ON r.id = t.result_id";

/// The values an assignment stores.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewTask {
    pub unit_id: i64,
    pub unit_path: String,
    pub assigner_employee_id: i64,
    pub title: String,
    pub purpose: String,
    pub deadline: Option<String>,
    pub expected_output: String,
    pub responsible_employee_id: Option<i64>,
    pub attachments: String,
    pub clarity: i64,
    pub assignees: Vec<i64>,
    /// The SKP result the task serves.
    pub result_id: Option<i64>,
}

/// Inserts the task, status new, and its assignees, in the caller's transaction.
pub async fn insert(
    c: &mut Conn,
    agency: i64,
    t: &NewTask,
    now: Millis,
) -> Result<i64, StoreError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO tasks (agency_id, unit_id, unit_path, assigner_employee_id, title, purpose, deadline,
            expected_output, responsible_employee_id, attachments, clarity, status, created_at, updated_at,
            result_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'new', $12, $12, $13) RETURNING id",
    )
    .bind(agency)
    .bind(t.unit_id)
    .bind(&t.unit_path)
    .bind(t.assigner_employee_id)
    .bind(&t.title)
    .bind(&t.purpose)
    .bind(&t.deadline)
    .bind(&t.expected_output)
    .bind(t.responsible_employee_id)
    .bind(&t.attachments)
    .bind(t.clarity)
    .bind(now)
    .bind(t.result_id)
    .fetch_one(&mut *c)
    .await?;
    for e in &t.assignees {
        sqlx::query(
            "INSERT INTO task_assignees (task_id, employee_id, agency_id, status, deadline)
             VALUES ($1, $2, $3, 'new', $4)",
        )
        .bind(id)
        .bind(e)
        .bind(agency)
        .bind(&t.deadline)
        .execute(&mut *c)
        .await?;
    }
    Ok(id)
}

pub async fn get(c: &mut Conn, agency: i64, id: i64) -> Result<Option<TaskRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{SELECT} WHERE t.agency_id = $1 AND t.id = $2"))
            .bind(agency)
            .bind(id)
            .fetch_optional(c)
            .await?,
    )
}

/// The people a task goes to, by name.
pub async fn assignees(
    c: &mut Conn,
    agency: i64,
    task: i64,
) -> Result<Vec<AssigneeRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT x.task_id, x.employee_id, e.name, e.nip FROM task_assignees x
         JOIN employees e ON e.id = x.employee_id
         WHERE x.agency_id = $1 AND x.task_id = $2 ORDER BY e.name, e.id",
    )
    .bind(agency)
    .bind(task)
    .fetch_all(c)
    .await?)
}

/// The people of several tasks at once (a list page), by task then name.
pub async fn assignees_of_many(
    c: &mut Conn,
    agency: i64,
    tasks: &[i64],
) -> Result<Vec<AssigneeRow>, StoreError> {
    if tasks.is_empty() {
        return Ok(vec![]);
    }
    let mut q = Sql::new(
        "SELECT x.task_id, x.employee_id, e.name, e.nip FROM task_assignees x
         JOIN employees e ON e.id = x.employee_id",
    );
    let a = q.int(agency);
    let list: Vec<String> = tasks.iter().map(|t| q.int(*t)).collect();
    q.push(&format!(
        " WHERE x.agency_id = {a} AND x.task_id IN ({}) ORDER BY x.task_id, e.name, e.id",
        list.join(", ")
    ));
    Ok(q.query_as::<AssigneeRow>().fetch_all(c).await?)
}

/// Tasks assigned to `employee`: open ones first (nearest deadline first, `limit` at
/// most), then finished ones newest first, before task id `before` when paging on,
/// `limit` at most.
pub async fn for_assignee(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<TaskRow>, StoreError> {
    let mut open = if before.is_none() {
        for_assignee_sql(agency, employee, true, limit)
            .query_as::<TaskRow>()
            .fetch_all(&mut *c)
            .await?
    } else {
        vec![]
    };
    // One indexed range per finished status, each newest first and bounded, merged here:
    // the newest `limit` of them, never a sort of everything ever finished.
    let mut closed = Vec::new();
    for status in ["done", "accepted"] {
        closed.extend(
            finished_sql(agency, employee, status, before, limit)
                .query_as::<TaskRow>()
                .fetch_all(&mut *c)
                .await?,
        );
    }
    closed.sort_by_key(|t| std::cmp::Reverse(t.id));
    closed.truncate(limit.max(0) as usize);
    open.extend(closed);
    Ok(open)
}

/// The open tasks of `employee` by deadline, built but not run (for a plan check); one
/// range of the assignee index.
pub fn for_assignee_sql(agency: i64, employee: i64, open: bool, limit: i64) -> Sql {
    if !open {
        return finished_sql(agency, employee, "done", None, limit);
    }
    let mut q = Sql::new(SELECT);
    let (a, e, l) = (q.int(agency), q.int(employee), q.int(limit));
    // Without a deadline last, on both engines (they place NULL differently).
    q.push(&format!(
        " JOIN task_assignees x ON x.task_id = t.id
         WHERE x.agency_id = {a} AND x.employee_id = {e} AND x.status IN ('new', 'in_progress', 'blocked')
           AND t.agency_id = {a}
         ORDER BY COALESCE(x.deadline, '9999-12-31'), t.id LIMIT {l}"
    ));
    q
}

/// The finished tasks of one status of `employee`, newest first, before `before`: one
/// range of `task_assignees_finished`, read from its end.
pub fn finished_sql(
    agency: i64,
    employee: i64,
    status: &str,
    before: Option<i64>,
    limit: i64,
) -> Sql {
    let mut q = Sql::new(SELECT);
    let (a, e, s) = (q.int(agency), q.int(employee), q.text_arg(status));
    let b = before.map(|b| q.int(b));
    let l = q.int(limit);
    let key = b
        .map(|b| format!(" AND x.task_id < {b}"))
        .unwrap_or_default();
    q.push(&format!(
        " JOIN task_assignees x ON x.task_id = t.id
         WHERE x.agency_id = {a} AND x.employee_id = {e} AND x.status = {s}{key}
           AND t.agency_id = {a}
         ORDER BY x.task_id DESC LIMIT {l}"
    ));
    q
}

/// Tasks `employee` assigned, newest first, before task id `before` when paging on.
pub async fn for_assigner(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<TaskRow>, StoreError> {
    Ok(for_assigner_sql(agency, employee, before, limit)
        .query_as::<TaskRow>()
        .fetch_all(c)
        .await?)
}

/// The query `for_assigner` runs, built but not run (for a plan check).
pub fn for_assigner_sql(agency: i64, employee: i64, before: Option<i64>, limit: i64) -> Sql {
    let mut q = Sql::new(SELECT);
    let (a, e) = (q.int(agency), q.int(employee));
    let key = before
        .map(|b| format!(" AND t.id < {}", q.int(b)))
        .unwrap_or_default();
    let l = q.int(limit);
    q.push(&format!(
        " WHERE t.agency_id = {a} AND t.assigner_employee_id = {e}{key} ORDER BY t.id DESC LIMIT {l}"
    ));
    q
}

/// The status fields an action writes.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StatusChange {
    pub status: String,
    pub needs: Option<String>,
    pub sent_back_reason: Option<String>,
    pub first_response_at: Option<Millis>,
    pub done_at: Option<Millis>,
    pub accepted_at: Option<Millis>,
    pub done_by: Option<i64>,
    pub done_date: Option<String>,
}

/// Writes the new status only if the task is still in `from` (what the caller read); false
/// when someone else moved it first. The assignees' copies follow in the same transaction.
pub async fn set_status(
    c: &mut Conn,
    agency: i64,
    id: i64,
    from: &str,
    s: &StatusChange,
    now: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE tasks SET status = $4, needs = $5, sent_back_reason = $6, first_response_at = $7,
            done_at = $8, accepted_at = $9, updated_at = $10, done_by = $11, done_date = $12
         WHERE agency_id = $1 AND id = $2 AND status = $3",
    )
    .bind(agency)
    .bind(id)
    .bind(from)
    .bind(&s.status)
    .bind(&s.needs)
    .bind(&s.sent_back_reason)
    .bind(s.first_response_at)
    .bind(s.done_at)
    .bind(s.accepted_at)
    .bind(now)
    .bind(s.done_by)
    .bind(&s.done_date)
    .execute(&mut *c)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("UPDATE task_assignees SET status = $3 WHERE agency_id = $1 AND task_id = $2")
        .bind(agency)
        .bind(id)
        .bind(&s.status)
        .execute(c)
        .await?;
    Ok(true)
}

/// Someone a task may be given to by `lead`.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct CandidateRow {
    pub employee_id: i64,
    pub name: String,
    pub nip: String,
}

/// The people `me` may give tasks to: direct reports and members of the teams `me` leads.
pub async fn candidates(
    c: &mut Conn,
    agency: i64,
    me: i64,
    limit: i64,
) -> Result<Vec<CandidateRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT e.id AS employee_id, e.name, e.nip FROM employees e
         WHERE e.agency_id = $1 AND e.id <> $2 AND (e.supervisor_id = $2 OR e.id IN
            (SELECT m.employee_id FROM team_members m JOIN teams t ON t.id = m.team_id
             WHERE m.agency_id = $1 AND t.agency_id = $1 AND t.lead_id = $2))
         ORDER BY e.name, e.id LIMIT $3",
    )
    .bind(agency)
    .bind(me)
    .bind(limit)
    .fetch_all(c)
    .await?)
}

/// Whether `me` may give `employee` a task: their direct supervisor, or the lead of a team
/// that holds them.
pub async fn may_assign(
    c: &mut Conn,
    agency: i64,
    me: i64,
    employee: i64,
) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT e.id FROM employees e WHERE e.agency_id = $1 AND e.id = $3 AND e.id <> $2 AND
            (e.supervisor_id = $2 OR EXISTS (SELECT 1 FROM team_members m JOIN teams t ON t.id = m.team_id
             WHERE m.agency_id = $1 AND m.employee_id = e.id AND t.lead_id = $2))
         LIMIT 1",
    )
    .bind(agency)
    .bind(me)
    .bind(employee)
    .fetch_optional(c)
    .await?;
    Ok(found.is_some())
}

/// The open tasks of `employee`, nearest deadline first (what a report item may link).
pub async fn open_for_assignee(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    limit: i64,
) -> Result<Vec<TaskRow>, StoreError> {
    Ok(for_assignee_sql(agency, employee, true, limit)
        .query_as::<TaskRow>()
        .fetch_all(c)
        .await?)
}
