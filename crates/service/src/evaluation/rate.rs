//! The supervisor's ratings (Permen PANRB 6/2022): results and behaviour, each above, as
//! or below the expectations, optionally per BerAKHLAK value, with feedback; the predikat
//! follows from the official matrix. Only the evaluator rates — never anyone who is not
//! their subordinate — and a final evaluation is not rated again. When the person rated
//! heads a unit whose result for the period is set, their rating of results follows it.

use super::actuals::final_refusal;
use super::head_rating;
use crate::skp::Role;
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::performance::skp::text_field;
use fleksi_domain::performance::{predikat, CoreValue, Predikat, Rating};
use fleksi_domain::{FieldError, Message};
use fleksi_store::evaluation::{self as store, Rated};
use fleksi_store::notification::{self, NewNotification};
use fleksi_store::skp as plans;
use fleksi_store::{audit as audit_store, commit};

/// The ratings as the form or the API sends them.
#[derive(Debug, Clone, Default)]
pub struct RatingInput {
    /// The version of the evaluation as read.
    pub version: i64,
    pub results: String,
    pub behaviour: String,
    /// Per core value code, a rating or empty.
    pub per_value: Vec<(String, String)>,
    pub feedback: String,
}

/// Rates evaluation `id`; the predikat it makes.
pub async fn rate(app: &App, actor: &Actor, id: i64, input: RatingInput) -> Result<Predikat> {
    let agency = actor.agency()?;
    let mut tx = app.db.begin().await?;
    let row = store::get(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let plan = plans::get(&mut tx, agency.0, row.plan_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    // Permission first: the evaluator of a subordinate, nobody else.
    if crate::skp::role_on(&mut tx, app, actor, &plan).await? != Role::Evaluator {
        return Err(ServiceError::Forbidden);
    }
    if row.status == "final" {
        return Err(final_refusal());
    }
    let mut errors = Vec::new();
    let results = Rating::parse(&input.results)
        .map_err(|m| errors.push(FieldError::new("results_rating", m)))
        .ok();
    let behaviour = Rating::parse(&input.behaviour)
        .map_err(|m| errors.push(FieldError::new("behaviour_rating", m)))
        .ok();
    let mut per_value = Vec::new();
    for (code, rating) in &input.per_value {
        let field = format!("behaviour.{}", code.trim());
        if rating.trim().is_empty() {
            continue;
        }
        match (CoreValue::parse(code), Rating::parse(rating)) {
            (Ok(v), Ok(r)) => per_value.push((v.code().to_string(), r.code().to_string())),
            (Err(m), _) | (_, Err(m)) => errors.push(FieldError::new(field, m)),
        }
    }
    let feedback = text_field(&mut errors, "feedback", &input.feedback, false, 4000);
    if let (Some(r), Some((unit, wanted))) = (results, head_rating(&mut tx, &row).await?) {
        if r != wanted {
            errors.push(FieldError::new(
                "results_rating",
                Message::text_of(
                    format!(
                        "pegawai ini memimpin unit kerja dengan capaian kinerja «{}» pada periode ini; rating hasil kerjanya mengikuti capaian unit: «{}»",
                        unit.label(),
                        wanted.label()
                    ),
                    format!(
                        "this person heads a unit whose result this period is «{}»; their rating of results follows it: «{}»",
                        unit.label(),
                        wanted.label()
                    ),
                ),
            ));
        }
    }
    let (Some(results), Some(behaviour)) = (results, behaviour) else {
        return Err(ServiceError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let p = predikat(results, behaviour);
    let rated = Rated {
        results_rating: results.code().to_string(),
        behaviour_rating: behaviour.code().to_string(),
        predikat: p.code().to_string(),
        feedback,
        behaviour: per_value,
    };
    let me = actor.access.employee_id.ok_or(ServiceError::Forbidden)?;
    if !store::rate(
        &mut tx,
        agency.0,
        id,
        input.version,
        &rated,
        me.0,
        app.now(),
    )
    .await?
    {
        return Err(ServiceError::Conflict(FieldError::new(
            "version",
            Message::text_of(
                "penilaian ini baru saja diubah (misalnya realisasi diperbarui); muat ulang lalu nilai lagi",
                "this evaluation just changed (an actual value, say); reload and rate again",
            ),
        )));
    }
    notification::insert_many(
        &mut tx,
        agency.0,
        &[NewNotification {
            employee_id: row.employee_id,
            kind: "evaluation.rated".into(),
            text_id: format!(
                "Kinerja periode {} telah dinilai: {}.",
                row.period,
                p.label()
            ),
            text_en: format!(
                "Your performance for {} was rated: {}.",
                row.period,
                p.label()
            ),
            link: Some(format!("/evaluations/{id}")),
        }],
        app.now(),
    )
    .await?;
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "evaluation.rate", "evaluation", id)
            .in_unit(&row.unit_path)
            .before(&serde_json::json!({"results_rating": row.results_rating, "behaviour_rating": row.behaviour_rating, "predikat": row.predikat}))
            .after(&rated)],
    )
    .await?;
    commit(tx).await?;
    Ok(p)
}
