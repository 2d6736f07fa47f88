//! Moving a plan — submit, withdraw, approve, return, revise — and recording performance
//! dialogues. The domain's `plan_transition` decides; the write applies only to the
//! version read. Submitting needs a measured main result; a revision keeps the approved
//! content as it was (`plan_revisions`) before the plan becomes a draft again.

use super::{role_on, view, PlanView, Role};
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::calendar::parse_date;
use fleksi_domain::performance::skp::{
    check_submittable, plan_transition, text_field, PlanAction, MAX_TEXT,
};
use fleksi_domain::performance::{PlanStatus, ResultKind};
use fleksi_domain::{FieldError, Message};
use fleksi_store::skp::{self as store, NewDialogue, NewRevision, StatusChange};
use fleksi_store::{audit as audit_store, commit, notification};

pub fn parse_action(code: &str, note: &str) -> Result<PlanAction> {
    Ok(match code.trim() {
        "submit" => PlanAction::Submit,
        "withdraw" => PlanAction::Withdraw,
        "approve" => PlanAction::Approve,
        "return" => PlanAction::Return {
            comment: note.trim().to_string(),
        },
        "revise" => PlanAction::Revise {
            reason: note.trim().to_string(),
        },
        _ => {
            return Err(ServiceError::field(
                "action",
                Message::InvalidChoice {
                    allowed: "submit, withdraw, approve, return, revise".into(),
                },
            ))
        }
    })
}

/// Which field a refusal names: the note when only the note is wrong (the same move with
/// a placeholder note would pass), else the action.
fn refused_field(
    from: PlanStatus,
    action: &PlanAction,
    owner: bool,
    evaluator: bool,
) -> &'static str {
    let with_note = match action {
        PlanAction::Return { .. } => PlanAction::Return {
            comment: "-".into(),
        },
        PlanAction::Revise { .. } => PlanAction::Revise { reason: "-".into() },
        _ => return "action",
    };
    if plan_transition(from, &with_note, owner, evaluator).is_ok() {
        "note"
    } else {
        "action"
    }
}

/// Takes `action` on plan `id`; the plan as it now stands.
pub async fn act(app: &App, actor: &Actor, id: i64, action: &str, note: &str) -> Result<PlanView> {
    let agency = actor.agency()?;
    let mut tx = app.db.begin().await?;
    let row = store::get(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let role = role_on(&mut tx, app, actor, &row).await?;
    if role == Role::Reader {
        return Err(ServiceError::Forbidden);
    }
    let action = parse_action(action, note)?;
    let from = PlanStatus::parse(&row.status)
        .map_err(|_| ServiceError::Internal("stored plan status".into()))?;
    let to = plan_transition(from, &action, role == Role::Owner, role == Role::Evaluator).map_err(
        |m| {
            ServiceError::field(
                refused_field(from, &action, role == Role::Owner, role == Role::Evaluator),
                m,
            )
        },
    )?;
    let content = view(&mut tx, app, actor, row.clone()).await?;
    if action == PlanAction::Submit {
        let shape: Vec<(ResultKind, usize)> = content
            .results
            .iter()
            .map(|r| {
                (
                    ResultKind::parse(&r.row.kind).unwrap_or(ResultKind::Tambahan),
                    r.indicators.len(),
                )
            })
            .collect();
        check_submittable(&shape).map_err(|m| ServiceError::field("results", m))?;
    }
    let now = app.now();
    let me = actor.access.employee_id.map(|e| e.0);
    let mut change = StatusChange {
        status: to.code().to_string(),
        revision: row.revision,
        return_comment: row.return_comment.clone(),
        submitted_at: row.submitted_at,
        approved_at: row.approved_at,
        approved_by: None,
    };
    match &action {
        PlanAction::Submit => {
            change.submitted_at = Some(now);
            change.return_comment = None;
        }
        PlanAction::Approve => {
            change.approved_at = Some(now);
            change.approved_by = me;
        }
        PlanAction::Return { comment } => change.return_comment = Some(comment.clone()),
        PlanAction::Revise { reason } => {
            let snapshot = serde_json::json!({
                "results": content.results,
                "expectations": content.expectations,
                "annex": {"resources": row.resources, "accountability": row.accountability, "consequences": row.consequences},
                "approved_at": row.approved_at,
            });
            let kept = NewRevision {
                plan_id: id,
                revision: row.revision,
                reason: reason.clone(),
                snapshot: snapshot.to_string(),
                created_by: actor.audit_user(),
            };
            store::insert_revision(&mut tx, agency.0, &kept, now).await?;
            change.revision = row.revision + 1;
            change.approved_at = None;
            change.submitted_at = None;
        }
        PlanAction::Withdraw => {}
    }
    if !store::set_status(&mut tx, agency.0, id, row.version, &change, now).await? {
        return Err(ServiceError::Conflict(FieldError::new(
            "action",
            Message::text_of(
                "SKP ini baru saja diubah; muat ulang halaman",
                "this SKP just changed; reload the page",
            ),
        )));
    }
    // The other side hears of it.
    let (to_whom, text_id, text_en) = match &action {
        PlanAction::Submit => (
            row.evaluator_id,
            format!(
                "SKP {} dari {} menunggu persetujuan Anda.",
                row.year, row.employee_name
            ),
            format!(
                "{}'s SKP {} awaits your approval.",
                row.employee_name, row.year
            ),
        ),
        PlanAction::Approve => (
            Some(row.employee_id),
            format!("SKP {} Anda disetujui dan kini terkunci.", row.year),
            format!("Your SKP {} was approved and is now locked.", row.year),
        ),
        PlanAction::Return { comment } => (
            Some(row.employee_id),
            format!("SKP {} Anda dikembalikan: {comment}", row.year),
            format!("Your SKP {} was returned: {comment}", row.year),
        ),
        _ => (None, String::new(), String::new()),
    };
    if let Some(e) = to_whom {
        notification::insert_many(
            &mut tx,
            agency.0,
            &[notification::NewNotification {
                employee_id: e,
                kind: format!("skp.{}", action.code()),
                text_id,
                text_en,
                link: Some(format!("/skp/{id}")),
            }],
            now,
        )
        .await?;
    }
    audit_store::append(
        &mut tx,
        &[audit::event(
            app,
            actor,
            &format!("skp.{}", action.code()),
            "performance_plan",
            id,
        )
        .in_unit(&row.unit_path)
        .before(&serde_json::json!({"status": row.status, "revision": row.revision}))
        .after(&change)],
    )
    .await?;
    let fresh = store::get(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let v = view(&mut tx, app, actor, fresh).await?;
    commit(tx).await?;
    Ok(v)
}

/// A performance dialogue as the form or the API sends it.
#[derive(Debug, Clone, Default)]
pub struct DialogueInput {
    pub date: String,
    pub participants: String,
    pub topic: String,
    pub agreed: String,
}

/// Records a dialogue on plan `id` (owner or evaluator); its id.
pub async fn add_dialogue(app: &App, actor: &Actor, id: i64, input: &DialogueInput) -> Result<i64> {
    let agency = actor.agency()?;
    let mut tx = app.db.begin().await?;
    let row = store::get(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let role = role_on(&mut tx, app, actor, &row).await?;
    let me = actor.access.employee_id.ok_or(ServiceError::Forbidden)?;
    if role == Role::Reader {
        return Err(ServiceError::Forbidden);
    }
    let mut errors = Vec::new();
    let date = match parse_date(&input.date) {
        Ok(d) => {
            let zone = crate::task::me(&mut tx, actor).await?.1.time_zone;
            if d > crate::report::today_of(app, &zone) {
                errors.push(FieldError::new(
                    "date",
                    Message::text_of(
                        "dialog kinerja dicatat setelah terjadi; tanggalnya tidak boleh di masa depan",
                        "a dialogue is recorded after it took place; its date cannot be in the future",
                    ),
                ));
            }
            d.to_string()
        }
        Err(m) => {
            errors.push(FieldError::new("date", m));
            String::new()
        }
    };
    let participants = text_field(&mut errors, "participants", &input.participants, true, 500);
    let topic = text_field(&mut errors, "topic", &input.topic, true, 500);
    let agreed = text_field(&mut errors, "agreed", &input.agreed, true, MAX_TEXT);
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let new = NewDialogue {
        plan_id: id,
        date,
        recorded_by: me.0,
        participants,
        topic,
        agreed,
    };
    let did = store::insert_dialogue(&mut tx, agency.0, &new, app.now()).await?;
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "skp.dialogue", "performance_dialogue", did)
                .in_unit(&row.unit_path)
                .after(&new),
        ],
    )
    .await?;
    commit(tx).await?;
    Ok(did)
}
