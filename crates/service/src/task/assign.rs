//! Giving a task: the people the assigner may choose from, and the assignment with its
//! clarity score. An unclear task is still allowed (the checklist only advises), but a
//! title is required and a deadline may not lie in the past.

use super::me;
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::performance::{clarity, Clarity, TaskDraft};
use fleksi_domain::timezone::Zone;
use fleksi_domain::{EmployeeId, FieldError, Message};
use fleksi_store::notification::{self, NewNotification};
use fleksi_store::task::{self as store, CandidateRow, NewTask};
use fleksi_store::{audit as audit_store, commit, employee};
use jiff::civil::Date;

pub const MAX_TITLE: usize = 200;
/// The longest purpose, expected output or attachment list.
pub const MAX_TEXT: usize = 4000;
/// At most this many people on one task.
pub const MAX_ASSIGNEES: usize = 50;

/// The assignment as a form or the API sends it.
#[derive(Debug, Clone, Default)]
pub struct AssignInput {
    pub title: String,
    pub purpose: String,
    /// `YYYY-MM-DD` or empty.
    pub deadline: String,
    pub expected_output: String,
    pub responsible: Option<i64>,
    /// Links or references, one per line.
    pub attachments: String,
    pub assignees: Vec<i64>,
    /// The SKP result the task serves: the assigner's or an assignee's, of this year.
    pub result_id: Option<i64>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Assigned {
    pub id: i64,
    pub clarity: Clarity,
}

/// The people the actor may give tasks to (direct reports, members of teams they lead).
pub async fn candidates(app: &App, actor: &Actor) -> Result<Vec<CandidateRow>> {
    let mut c = app.db.conn().await?;
    let (agency, me) = me(&mut c, actor).await?;
    Ok(store::candidates(&mut c, agency.0, me.id, 500).await?)
}

fn text(errors: &mut Vec<FieldError>, field: &str, v: &str, max: usize) -> String {
    let v = v.trim();
    if v.chars().count() > max {
        errors.push(FieldError::new(field, Message::TooLong { max }));
    }
    v.to_string()
}

/// Gives a task to one or more people. Permission first: every assignee must be the
/// actor's to instruct; then the fields.
pub async fn assign(app: &App, actor: &Actor, input: AssignInput) -> Result<Assigned> {
    // Permission before the fields: only someone with reports or a team gives tasks (the
    // actor's flags, read with the session).
    if !actor.access.is_supervisor && !actor.access.is_team_lead {
        return Err(ServiceError::Forbidden);
    }
    let mut tx = app.db.begin().await?;
    let (agency, me) = me(&mut tx, actor).await?;
    let mut people = input.assignees.clone();
    people.sort_unstable();
    people.dedup();
    if people.is_empty() {
        return Err(ServiceError::field(
            "assignees",
            Message::text_of(
                "pilih setidaknya satu penerima tugas",
                "choose at least one assignee",
            ),
        ));
    }
    if people.len() > MAX_ASSIGNEES {
        return Err(ServiceError::field(
            "assignees",
            Message::TooManyRows { max: MAX_ASSIGNEES },
        ));
    }
    for p in &people {
        if employee::get(&mut tx, agency.0, *p).await?.is_none() {
            return Err(ServiceError::NotFound);
        }
        if !store::may_assign(&mut tx, agency.0, me.id, *p).await? {
            return Err(ServiceError::Forbidden);
        }
    }
    let mut errors = Vec::new();
    let title = text(&mut errors, "title", &input.title, MAX_TITLE);
    if title.is_empty() {
        errors.push(FieldError::new("title", Message::Required));
    }
    let purpose = text(&mut errors, "purpose", &input.purpose, MAX_TEXT);
    let output = text(
        &mut errors,
        "expected_output",
        &input.expected_output,
        MAX_TEXT,
    );
    let attachments = text(&mut errors, "attachments", &input.attachments, MAX_TEXT);
    let attachments: Vec<String> = attachments
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let today = {
        let zone = Zone::parse(&me.time_zone).unwrap_or_default();
        app.clock.now().to_zoned(zone.tz()).date()
    };
    let deadline = match input.deadline.trim() {
        "" => None,
        d => match d.parse::<Date>() {
            Ok(d) if d < today => {
                errors.push(FieldError::new("deadline", Message::PastDate));
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(FieldError::new("deadline", Message::InvalidDate));
                None
            }
        },
    };
    if let Some(r) = input.responsible {
        if !people.contains(&r) {
            errors.push(FieldError::new(
                "responsible",
                Message::text_of(
                    "penanggung jawab harus salah satu penerima tugas",
                    "the person responsible must be one of the assignees",
                ),
            ));
        }
    }
    if let Some(r) = input.result_id {
        let year = i64::from(today.year());
        let mut found = false;
        for who in std::iter::once(me.id).chain(people.iter().copied()) {
            let results = crate::skp::own_results(&mut tx, agency.0, who, year).await?;
            if results.iter().any(|(id, _)| *id == r) {
                found = true;
                break;
            }
        }
        if !found {
            errors.push(FieldError::new(
                "result_id",
                Message::text_of(
                    "hasil kerja SKP yang ditautkan harus milik pemberi atau penerima tugas, tahun ini",
                    "the linked SKP result must belong to the assigner or an assignee, this year",
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let draft = TaskDraft {
        purpose: purpose.clone(),
        deadline,
        output: output.clone(),
        responsible: input.responsible.map(EmployeeId),
        attachments: attachments.clone(),
    };
    let score = clarity(&draft);
    let new = NewTask {
        unit_id: me.unit_id,
        unit_path: me.unit_path.clone(),
        assigner_employee_id: me.id,
        title,
        purpose,
        deadline: deadline.map(|d| d.to_string()),
        expected_output: output,
        responsible_employee_id: input.responsible,
        attachments: attachments.join("\n"),
        clarity: i64::from(score.score),
        assignees: people,
        result_id: input.result_id,
    };
    let id = store::insert(&mut tx, agency.0, &new, app.now()).await?;
    let notes: Vec<NewNotification> = new
        .assignees
        .iter()
        .map(|e| NewNotification {
            employee_id: *e,
            kind: "task.assign".into(),
            text_id: format!("Tugas baru dari {}: {}", me.name, new.title),
            text_en: format!("New task from {}: {}", me.name, new.title),
            link: Some(format!("/tasks/{id}")),
        })
        .collect();
    notification::insert_many(&mut tx, agency.0, &notes, app.now()).await?;
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "task.assign", "task", id)
            .in_unit(&me.unit_path)
            .after(&new)],
    )
    .await?;
    commit(tx).await?;
    Ok(Assigned { id, clarity: score })
}
