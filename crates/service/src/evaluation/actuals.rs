//! The actual value of an indicator in the period (*realisasi*) with its evidence
//! (*bukti dukung*: an https link, or a PDF/PNG/JPEG of at most 2 MB recognised by its
//! content), entered by the plan's owner until the evaluation is final.

use crate::evidence::{own_file, store_upload, Upload};
use crate::skp::Role;
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::performance::skp::{parse_value, text_field};
use fleksi_domain::plan::parse_link;
use fleksi_domain::{FieldError, Message};
use fleksi_store::evaluation::{self as store, NewActual};
use fleksi_store::skp as plans;
use fleksi_store::{audit as audit_store, commit};

/// An actual value as the form or the API sends it.
#[derive(Debug, Clone, Default)]
pub struct ActualInput {
    pub indicator_id: i64,
    pub actual: String,
    pub note: String,
    pub evidence_link: String,
    pub upload: Option<Upload>,
    pub evidence_file_id: Option<i64>,
}

/// Records the actual value of one indicator of evaluation `id`.
pub async fn put(app: &App, actor: &Actor, id: i64, input: ActualInput) -> Result<()> {
    let agency = actor.agency()?;
    let mut tx = app.db.begin().await?;
    let row = store::get(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let plan = plans::get(&mut tx, agency.0, row.plan_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if crate::skp::role_on(&mut tx, app, actor, &plan).await? != Role::Owner {
        return Err(ServiceError::Forbidden);
    }
    if !store::touch_unfinal(&mut tx, agency.0, id, app.now()).await? {
        return Err(final_refusal());
    }
    let indicator = plans::indicators_of(&mut tx, agency.0, &[plan.id])
        .await?
        .into_iter()
        .find(|i| i.id == input.indicator_id)
        .ok_or_else(|| ServiceError::field("indicator_id", Message::NotFound))?;
    let mut errors = Vec::new();
    let actual = parse_value(&input.actual)
        .map_err(|m| errors.push(FieldError::new("actual", m)))
        .ok();
    let note = text_field(&mut errors, "note", &input.note, false, 1000);
    let link = parse_link(&input.evidence_link)
        .map_err(|m| errors.push(FieldError::new("evidence_link", m)))
        .ok()
        .flatten();
    if let Some(u) = &input.upload {
        if let Err(ServiceError::Invalid(mut e)) = crate::evidence::check_upload(u, "evidence_file")
        {
            errors.append(&mut e);
        }
    }
    let chosen = match input.evidence_file_id {
        Some(f) => match own_file(&mut tx, actor, agency.0, f, "evidence_file_id").await {
            Ok(f) => Some(f),
            Err(ServiceError::Invalid(mut e)) => {
                errors.append(&mut e);
                None
            }
            Err(e) => return Err(e),
        },
        None => None,
    };
    let Some(actual) = actual.filter(|_| errors.is_empty()) else {
        return Err(ServiceError::Invalid(errors));
    };
    let before = store::actuals_of(&mut tx, agency.0, id)
        .await?
        .into_iter()
        .find(|a| a.indicator_id == indicator.id);
    let file = match &input.upload {
        Some(u) => Some(store_upload(&mut tx, app, actor, agency.0, u, "evidence_file").await?),
        None => chosen.or_else(|| before.as_ref().and_then(|b| b.evidence_file_id)),
    };
    let new = NewActual {
        indicator_id: indicator.id,
        actual,
        note,
        evidence_link: link,
        evidence_file_id: file,
    };
    store::put_actual(&mut tx, agency.0, id, &new, app.now()).await?;
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "evaluation.actual", "evaluation", id)
                .in_unit(&row.unit_path)
                .before_opt(before.as_ref())
                .after(&new),
        ],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

pub(crate) fn final_refusal() -> ServiceError {
    ServiceError::field(
        "status",
        Message::text_of(
            "penilaian ini sudah final dan tidak dapat diubah lagi",
            "this evaluation is final and can no longer change",
        ),
    )
}

/// An evidence file of an evaluation, for whoever may read it.
pub async fn evidence(
    app: &App,
    actor: &Actor,
    id: i64,
    indicator: i64,
) -> Result<(fleksi_store::flex_request::EvidenceMeta, Vec<u8>)> {
    let v = super::get(app, actor, id).await?;
    let file = v
        .results
        .iter()
        .flat_map(|r| r.indicators.iter())
        .find(|m| m.indicator.id == indicator)
        .and_then(|m| m.actual.as_ref())
        .and_then(|a| a.evidence_file_id)
        .ok_or(ServiceError::NotFound)?;
    crate::evidence::read(app, v.row.agency_id, file).await
}
