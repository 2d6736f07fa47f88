//! Tasks (issue 5): a supervisor or team lead gives a task to one or more people with the
//! five-point checklist of a clear instruction (seed 000), and both sides move it through
//! its statuses. Each task is measured: on time or late, time to first response, time to
//! done.
//!
//! Who may do what: assigning is for the direct supervisor of every assignee, or the lead
//! of a team that holds each of them; a task is read and acted on only by its assigner and
//! its assignees (others in the agency are forbidden, as plan decisions are; other
//! agencies' tasks are "not found").
//!
//! - [`assign`]: the form's choices and the assignment itself.
//! - [`act`]: the status moves, with the domain's `transition`.

pub mod act;
pub mod assign;
mod output;

use crate::{Actor, App, Result, ServiceError};
use fleksi_domain::performance::{clarity, Clarity, TaskAction, TaskDraft, TaskStatus};
use fleksi_domain::timezone::Zone;
use fleksi_domain::{AgencyId, EmployeeId};
use fleksi_store::employee::{self, EmployeeRow};
use fleksi_store::task::{self as store, AssigneeRow, TaskRow};
use fleksi_store::{Conn, Millis};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// At most this many tasks in each list (open and finished, mine and given).
pub const LIST_LIMIT: i64 = 100;

/// A task with its assignees, its checklist result and its measures, as pages and the API
/// show it, and what the reader may do with it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TaskView {
    pub row: TaskRow,
    pub assignees: Vec<AssigneeRow>,
    pub clarity: Clarity,
    pub metrics: Metrics,
    /// Action codes the reader may take now (`start`, `block`, …).
    pub allowed: Vec<&'static str>,
}

/// How a task went.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Metrics {
    /// Done by the end of the deadline day in the unit's zone; None while not done or
    /// without a deadline.
    pub on_time: Option<bool>,
    /// Milliseconds from assignment to the first move by an assignee.
    pub first_response_ms: Option<Millis>,
    /// Milliseconds from assignment to (the last) done.
    pub done_ms: Option<Millis>,
}

/// The checklist as the stored task reads (the stored score is the same by construction;
/// reading it again names the missing points).
pub fn draft_of(row: &TaskRow) -> TaskDraft {
    TaskDraft {
        purpose: row.purpose.clone(),
        deadline: row.deadline.as_deref().and_then(|d| d.parse::<Date>().ok()),
        output: row.expected_output.clone(),
        responsible: row.responsible_employee_id.map(EmployeeId),
        attachments: row.attachments.lines().map(str::to_string).collect(),
    }
}

/// The first instant after the deadline day in `time_zone`.
pub fn deadline_end(deadline: Date, time_zone: &str) -> Option<Millis> {
    let zone = Zone::parse(time_zone).unwrap_or_default();
    let next = deadline.tomorrow().ok()?;
    Some(next.to_zoned(zone.tz()).ok()?.timestamp().as_millisecond())
}

pub fn metrics(row: &TaskRow) -> Metrics {
    let end = row
        .deadline
        .as_deref()
        .and_then(|d| d.parse::<Date>().ok())
        .and_then(|d| deadline_end(d, &row.time_zone));
    Metrics {
        on_time: match (row.done_at, end) {
            (Some(done), Some(end)) => Some(done < end),
            _ => None,
        },
        first_response_ms: row.first_response_at.map(|t| t - row.created_at),
        done_ms: row.done_at.map(|t| t - row.created_at),
    }
}

/// Every action with a placeholder note, to ask the domain which are open to a reader.
fn all_actions() -> [TaskAction; 6] {
    [
        TaskAction::Start,
        TaskAction::Block { needs: "-".into() },
        TaskAction::Resume,
        TaskAction::Finish,
        TaskAction::Accept,
        TaskAction::SendBack { reason: "-".into() },
    ]
}

pub(crate) fn status_of(row: &TaskRow) -> Result<TaskStatus> {
    TaskStatus::parse(&row.status).map_err(|_| ServiceError::Internal("stored task status".into()))
}

/// Reads a task with its assignees; `me` decides what may be done.
pub(crate) async fn view(c: &mut Conn, agency: i64, row: TaskRow, me: i64) -> Result<TaskView> {
    let assignees = store::assignees(c, agency, row.id).await?;
    view_of(row, assignees, me)
}

/// Many tasks with their assignees, read in one query for a list.
async fn views(c: &mut Conn, agency: i64, rows: Vec<TaskRow>, me: i64) -> Result<Vec<TaskView>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut people: BTreeMap<i64, Vec<AssigneeRow>> = BTreeMap::new();
    for p in store::assignees_of_many(c, agency, &ids).await? {
        people.entry(p.task_id).or_default().push(p);
    }
    rows.into_iter()
        .map(|r| {
            let a = people.remove(&r.id).unwrap_or_default();
            view_of(r, a, me)
        })
        .collect()
}

fn view_of(row: TaskRow, assignees: Vec<AssigneeRow>, me: i64) -> Result<TaskView> {
    let by_assigner = row.assigner_employee_id == me;
    let by_assignee = assignees.iter().any(|a| a.employee_id == me);
    let from = status_of(&row)?;
    let allowed = all_actions()
        .iter()
        .filter(|a| {
            fleksi_domain::performance::transition(from, a, by_assigner, by_assignee).is_ok()
        })
        .map(|a| a.code())
        .collect();
    Ok(TaskView {
        clarity: clarity(&draft_of(&row)),
        metrics: metrics(&row),
        assignees,
        allowed,
        row,
    })
}

/// The actor's own employee record; accounts without one have no tasks.
pub(crate) async fn me(c: &mut Conn, actor: &Actor) -> Result<(AgencyId, EmployeeRow)> {
    let agency = actor.agency()?;
    let me = actor.access.employee_id.ok_or(ServiceError::Forbidden)?;
    let e = employee::get(c, agency.0, me.0)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    Ok((agency, e))
}

/// Tasks assigned to me: open first (nearest deadline first), then the recent finished;
/// with `before`, the next page of finished tasks (older than that task id) only.
pub async fn mine(app: &App, actor: &Actor, before: Option<i64>) -> Result<Vec<TaskView>> {
    let mut c = app.db.conn().await?;
    let (agency, me) = me(&mut c, actor).await?;
    let rows = store::for_assignee(&mut c, agency.0, me.id, before, LIST_LIMIT).await?;
    views(&mut c, agency.0, rows, me.id).await
}

/// Tasks I assigned, newest first, older than task `before` when paging on.
pub async fn given(app: &App, actor: &Actor, before: Option<i64>) -> Result<Vec<TaskView>> {
    let mut c = app.db.conn().await?;
    let (agency, me) = me(&mut c, actor).await?;
    let rows = store::for_assigner(&mut c, agency.0, me.id, before, LIST_LIMIT).await?;
    views(&mut c, agency.0, rows, me.id).await
}

/// The key of the next page of a list: the last finished task's id when the page is full.
pub fn next_before(list: &[TaskView]) -> Option<i64> {
    let finished: Vec<&TaskView> = list
        .iter()
        .filter(|v| matches!(v.row.status.as_str(), "done" | "accepted"))
        .collect();
    (finished.len() as i64 >= LIST_LIMIT)
        .then(|| finished.last().map(|v| v.row.id))
        .flatten()
}

/// One task, for its assigner and assignees, and — to read only — the readers of the
/// assigner's unit (admins of the subtree, auditors in scope, heads above).
pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<TaskView> {
    let mut c = app.db.conn().await?;
    let agency = actor.agency()?;
    let row = store::get(&mut c, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let me = actor.access.employee_id.map(|e| e.0).unwrap_or(0);
    let v = view(&mut c, agency.0, row, me).await?;
    if v.row.assigner_employee_id == me || v.assignees.iter().any(|a| a.employee_id == me) {
        return Ok(v);
    }
    let viewer = crate::schedule::Viewer::load(&mut c, actor).await?;
    let unit = fleksi_store::org::get_unit(&mut c, agency.0, v.row.unit_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if viewer.reads_unit(actor, &unit) {
        Ok(v)
    } else {
        Err(ServiceError::Forbidden)
    }
}
