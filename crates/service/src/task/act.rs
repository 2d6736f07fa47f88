//! Moving a task: the assignee starts, blocks (saying what is needed), resumes and finishes
//! it; the assigner accepts it or sends it back with a reason. The domain's `transition`
//! decides; the write is conditional on the status read, so two people acting at once
//! cannot both move it.

use super::{me, output, status_of, view, TaskView};
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::performance::{transition, TaskAction, TaskStatus};
use fleksi_domain::{FieldError, Message};
use fleksi_store::notification::{self, NewNotification};
use fleksi_store::task::{self as store, StatusChange};
use fleksi_store::task::{AssigneeRow, TaskRow};
use fleksi_store::{audit as audit_store, commit, Conn, Millis};

/// Reads an action code with its note.
pub fn parse_action(code: &str, needs: &str, reason: &str) -> Result<TaskAction> {
    Ok(match code.trim() {
        "start" => TaskAction::Start,
        "block" => TaskAction::Block {
            needs: needs.trim().to_string(),
        },
        "resume" => TaskAction::Resume,
        "finish" => TaskAction::Finish,
        "accept" => TaskAction::Accept,
        "send_back" => TaskAction::SendBack {
            reason: reason.trim().to_string(),
        },
        _ => {
            return Err(ServiceError::field(
                "action",
                Message::InvalidChoice {
                    allowed: "start, block, resume, finish, accept, send_back".into(),
                },
            ))
        }
    })
}

/// Which field a refusal of `action` names: the note when only the note is wrong (the same
/// move with a placeholder note would pass), else the action itself.
fn refused_field(
    from: TaskStatus,
    action: &TaskAction,
    by_assigner: bool,
    by_assignee: bool,
) -> &'static str {
    let (field, with_note) = match action {
        TaskAction::Block { .. } => ("needs", TaskAction::Block { needs: "-".into() }),
        TaskAction::SendBack { .. } => ("reason", TaskAction::SendBack { reason: "-".into() }),
        _ => return "action",
    };
    if transition(from, &with_note, by_assigner, by_assignee).is_ok() {
        field
    } else {
        "action"
    }
}

/// Takes `action` on task `id`; returns the task as it now stands.
pub async fn act(
    app: &App,
    actor: &Actor,
    id: i64,
    action: &str,
    needs: &str,
    reason: &str,
) -> Result<TaskView> {
    let agency = actor.agency()?;
    let mut tx = app.db.begin().await?;
    let row = store::get(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (_, me) = me(&mut tx, actor).await?;
    let people = store::assignees(&mut tx, agency.0, id).await?;
    let by_assigner = row.assigner_employee_id == me.id;
    let by_assignee = people.iter().any(|p| p.employee_id == me.id);
    if !by_assigner && !by_assignee {
        return Err(ServiceError::Forbidden);
    }
    let action = parse_action(action, needs, reason)?;
    let from = status_of(&row)?;
    let to = transition(from, &action, by_assigner, by_assignee).map_err(|m| {
        ServiceError::field(refused_field(from, &action, by_assigner, by_assignee), m)
    })?;
    let now = app.now();
    let today = crate::report::today_of(app, &me.time_zone).to_string();
    let assignee_move = matches!(
        action,
        TaskAction::Start | TaskAction::Block { .. } | TaskAction::Finish
    ) || (by_assignee && !by_assigner && action == TaskAction::Resume);
    let change = StatusChange {
        status: to.code().to_string(),
        needs: match &action {
            TaskAction::Block { needs } => Some(needs.clone()),
            _ => None,
        },
        sent_back_reason: match &action {
            TaskAction::SendBack { reason } => Some(reason.clone()),
            _ => row.sent_back_reason.clone(),
        },
        first_response_at: row.first_response_at.or(assignee_move.then_some(now)),
        done_at: if action == TaskAction::Finish {
            Some(now)
        } else if matches!(action, TaskAction::SendBack { .. }) {
            // Sent back: not done any more; the next finish is the time to done.
            None
        } else {
            row.done_at
        },
        accepted_at: if action == TaskAction::Accept {
            Some(now)
        } else {
            row.accepted_at
        },
        done_by: match action {
            TaskAction::Finish => Some(me.id),
            TaskAction::SendBack { .. } => None,
            _ => row.done_by,
        },
        done_date: match action {
            TaskAction::Finish => Some(today.clone()),
            TaskAction::SendBack { .. } => None,
            _ => row.done_date.clone(),
        },
    };
    if !store::set_status(&mut tx, agency.0, id, &row.status, &change, now).await? {
        return Err(ServiceError::Conflict(FieldError::new(
            "action",
            Message::text_of(
                "status tugas baru saja diubah orang lain; muat ulang halaman",
                "someone else just changed the task's status; reload the page",
            ),
        )));
    }
    output::record(&mut tx, &row, &change, &me, &today, now).await?;
    notify(&mut tx, &row, &people, &action, &me.name, now).await?;
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, &format!("task.{}", action.code()), "task", id)
                .in_unit(&row.unit_path)
                .before(&serde_json::json!({"status": row.status, "needs": row.needs}))
                .after(&change),
        ],
    )
    .await?;
    let fresh = store::get(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let v = view(&mut tx, agency.0, fresh, me.id).await?;
    commit(tx).await?;
    Ok(v)
}

/// Tells the other side: the assigner when an assignee blocks or finishes, the assignees
/// when the assigner accepts or sends back.
async fn notify(
    c: &mut Conn,
    row: &TaskRow,
    people: &[AssigneeRow],
    action: &TaskAction,
    by: &str,
    now: Millis,
) -> Result<()> {
    let title = &row.title;
    let (to, text_id, text_en): (Vec<i64>, String, String) = match action {
        TaskAction::Block { needs } => (
            vec![row.assigner_employee_id],
            format!("{by} terhambat pada tugas «{title}»: {needs}"),
            format!("{by} is blocked on «{title}»: {needs}"),
        ),
        TaskAction::Finish => (
            vec![row.assigner_employee_id],
            format!("{by} menandai tugas «{title}» selesai; mohon diperiksa."),
            format!("{by} marked «{title}» done; please review it."),
        ),
        TaskAction::Accept => (
            people.iter().map(|p| p.employee_id).collect(),
            format!("Hasil tugas «{title}» diterima."),
            format!("The work on «{title}» was accepted."),
        ),
        TaskAction::SendBack { reason } => (
            people.iter().map(|p| p.employee_id).collect(),
            format!("Tugas «{title}» dikembalikan: {reason}"),
            format!("«{title}» was sent back: {reason}"),
        ),
        _ => return Ok(()),
    };
    let notes: Vec<NewNotification> = to
        .into_iter()
        .map(|e| NewNotification {
            employee_id: e,
            kind: format!("task.{}", action.code()),
            text_id: text_id.clone(),
            text_en: text_en.clone(),
            link: Some(format!("/tasks/{}", row.id)),
        })
        .collect();
    notification::insert_many(c, row.agency_id, &notes, now).await?;
    Ok(())
}
