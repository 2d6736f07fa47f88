//! 360 feedback (seed 001): the evaluator asks at least three colleagues of the person
//! rated — peers, their reports, people of their unit — to rate the seven BerAKHLAK
//! values. Each answer is stored apart from who gave it (the audit log records that
//! someone answered, not what), and answers are shown only as a tally once three people
//! have answered (`domain::performance::feedback`).

use crate::skp::Role;
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::performance::feedback::{check_respondents, MAX_COMMENT};
use fleksi_domain::performance::{CoreValue, Rating};
use fleksi_domain::{FieldError, Message};
use fleksi_store::evaluation::{self as store, AskedRow};
use fleksi_store::notification::{self, NewNotification};
use fleksi_store::schedule::PersonRow;
use fleksi_store::skp as plans;
use fleksi_store::{audit as audit_store, commit, employee};
use std::collections::BTreeMap;

/// The people who may be asked about the subject of evaluation `id`: their peers (same
/// supervisor), their direct reports and the people of their unit, at most 200.
pub async fn candidates(app: &App, actor: &Actor, id: i64) -> Result<Vec<PersonRow>> {
    let v = super::get(app, actor, id).await?;
    if v.role != Role::Evaluator {
        return Err(ServiceError::Forbidden);
    }
    let agency = v.row.agency_id;
    let mut c = app.db.conn().await?;
    let subject = employee::get(&mut c, agency, v.row.employee_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut people = Vec::new();
    if let Some(s) = subject.supervisor_id {
        people.extend(fleksi_store::schedule::reports_of(&mut c, agency, s, 200).await?);
    }
    people.extend(fleksi_store::schedule::reports_of(&mut c, agency, subject.id, 200).await?);
    let unit = fleksi_store::org::get_unit(&mut c, agency, subject.unit_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    people
        .extend(fleksi_store::schedule::people_below(&mut c, agency, &unit.path, None, 200).await?);
    let me = actor.access.employee_id.map(|e| e.0);
    let mut seen = std::collections::HashSet::new();
    people.retain(|p| p.id != subject.id && Some(p.id) != me && seen.insert(p.id));
    people.truncate(200);
    Ok(people)
}

/// Asks `respondents` for 360 feedback on evaluation `id` (its evaluator, once).
pub async fn request(app: &App, actor: &Actor, id: i64, respondents: &[i64]) -> Result<i64> {
    let agency = actor.agency()?;
    let mut tx = app.db.begin().await?;
    let row = store::get(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let plan = plans::get(&mut tx, agency.0, row.plan_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if crate::skp::role_on(&mut tx, app, actor, &plan).await? != Role::Evaluator {
        return Err(ServiceError::Forbidden);
    }
    if row.status == "final" {
        return Err(super::actuals::final_refusal());
    }
    let people = check_respondents(row.employee_id, respondents)
        .map_err(|m| ServiceError::field("respondents", m))?;
    for p in &people {
        if employee::get(&mut tx, agency.0, *p).await?.is_none() {
            return Err(ServiceError::field("respondents", Message::NotFound));
        }
    }
    let me = actor.access.employee_id.ok_or(ServiceError::Forbidden)?;
    let Some(req) = store::insert_request(&mut tx, agency.0, id, me.0, &people, app.now()).await?
    else {
        return Err(ServiceError::Conflict(FieldError::new(
            "respondents",
            Message::text_of(
                "umpan balik 360 untuk penilaian ini sudah diminta",
                "360 feedback for this evaluation was asked already",
            ),
        )));
    };
    let notes: Vec<NewNotification> = people
        .iter()
        .map(|p| NewNotification {
            employee_id: *p,
            kind: "feedback.request".into(),
            text_id: format!("Anda diminta memberi umpan balik 360 untuk {} (periode {}). Jawaban Anda hanya ditampilkan sebagai gabungan.", row.employee_name, row.period),
            text_en: format!("You are asked for 360 feedback on {} ({}). Your answer is only shown combined with others.", row.employee_name, row.period),
            link: Some(format!("/feedback/{req}")),
        })
        .collect();
    notification::insert_many(&mut tx, agency.0, &notes, app.now()).await?;
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "feedback.request", "evaluation", id)
                .in_unit(&row.unit_path)
                .after(&serde_json::json!({"request_id": req, "respondents": people})),
        ],
    )
    .await?;
    commit(tx).await?;
    Ok(req)
}

/// The requests I was asked to answer.
pub async fn asked(app: &App, actor: &Actor) -> Result<Vec<AskedRow>> {
    let mut c = app.db.conn().await?;
    let (agency, me) = crate::task::me(&mut c, actor).await?;
    Ok(store::asked_of(&mut c, agency.0, me.id).await?)
}

/// The request I was asked, for the answer form (others: not found).
pub async fn asked_one(app: &App, actor: &Actor, request: i64) -> Result<AskedRow> {
    asked(app, actor)
        .await?
        .into_iter()
        .find(|a| a.request_id == request)
        .ok_or(ServiceError::NotFound)
}

/// Answers request `request`: a rating for some or all values, and a comment. Once.
pub async fn answer(
    app: &App,
    actor: &Actor,
    request: i64,
    ratings: &[(String, String)],
    comment: &str,
) -> Result<()> {
    let mut tx = app.db.begin().await?;
    let (agency, me) = crate::task::me(&mut tx, actor).await?;
    match store::asked(&mut tx, agency.0, request, me.id).await? {
        None => return Err(ServiceError::NotFound),
        Some(Some(_)) => {
            return Err(ServiceError::Conflict(FieldError::new(
                "request",
                Message::text_of(
                    "Anda sudah menjawab permintaan ini",
                    "you have answered this request already",
                ),
            )))
        }
        Some(None) => {}
    }
    let mut errors = Vec::new();
    let mut map = BTreeMap::new();
    for (code, rating) in ratings {
        if rating.trim().is_empty() {
            continue;
        }
        let field = format!("ratings.{}", code.trim());
        match (CoreValue::parse(code), Rating::parse(rating)) {
            (Ok(v), Ok(r)) => {
                map.insert(v.code().to_string(), r.code().to_string());
            }
            (Err(m), _) | (_, Err(m)) => errors.push(FieldError::new(field, m)),
        }
    }
    if map.is_empty() && errors.is_empty() {
        errors.push(FieldError::new(
            "ratings",
            Message::text_of(
                "beri penilaian untuk paling sedikit satu nilai BerAKHLAK",
                "rate at least one BerAKHLAK value",
            ),
        ));
    }
    let comment = comment.trim();
    if comment.chars().count() > MAX_COMMENT {
        errors.push(FieldError::new(
            "comment",
            Message::TooLong { max: MAX_COMMENT },
        ));
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    if !store::mark_answered(&mut tx, agency.0, request, me.id, app.now()).await? {
        return Err(ServiceError::NotFound);
    }
    let json = serde_json::to_string(&map).map_err(|e| ServiceError::Internal(e.to_string()))?;
    store::insert_answer(&mut tx, agency.0, request, &json, comment).await?;
    // The audit log says that this person answered — never what they answered.
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "feedback.answer", "feedback_request", request)
                .in_unit(&me.unit_path)
                .after(&serde_json::json!({"answered": true})),
        ],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}
