//! The content of a plan: opening it, its results and indicators, the expectations per
//! BerAKHLAK value and the annex. Content changes only while the plan is a draft — and
//! that is decided by the write itself (`touch_draft`), so a change racing an approval
//! is refused rather than slipped into a locked plan.

use super::{own_results, role_on, year_param, Role, YEARS_AROUND};
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::performance::skp::{
    check_annex, check_indicator, check_result, locked_message, text_field, Annex, IndicatorInput,
    ResultInput, MAX_INDICATORS, MAX_RESULTS, MAX_TEXT,
};
use fleksi_domain::performance::{CoreValue, PlanStatus};
use fleksi_domain::{FieldError, Message};
use fleksi_store::skp::{self as store, NewIndicator, NewPlan, PlanRow, ResultFields};
use fleksi_store::{audit as audit_store, commit, Tx};

/// Opens my plan for `year` (empty: this year) as a draft; an existing plan is returned.
pub async fn open(app: &App, actor: &Actor, year: &str) -> Result<i64> {
    let mut tx = app.db.begin().await?;
    let (agency, me) = crate::task::me(&mut tx, actor).await?;
    let this_year = super::this_year(app, Some(&me));
    let year = year_param(year, this_year)?;
    if (year - this_year).abs() > YEARS_AROUND {
        return Err(ServiceError::field(
            "year",
            Message::OutOfRange {
                min: (this_year - YEARS_AROUND).to_string(),
                max: (this_year + YEARS_AROUND).to_string(),
            },
        ));
    }
    if let Some(p) = store::of_employee(&mut tx, agency.0, me.id, year).await? {
        return Ok(p.id);
    }
    let new = NewPlan {
        employee_id: me.id,
        year,
        unit_id: me.unit_id,
        unit_path: me.unit_path.clone(),
        evaluator_id: me.supervisor_id,
    };
    let Some(id) = store::insert(&mut tx, agency.0, &new, app.now()).await? else {
        // Opened by another request at the same moment: that one is the plan.
        drop(tx);
        let mut c = app.db.conn().await?;
        return store::of_employee(&mut c, agency.0, me.id, year)
            .await?
            .map(|p| p.id)
            .ok_or(ServiceError::NotFound);
    };
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "skp.open", "performance_plan", id)
            .in_unit(&me.unit_path)
            .after(&new)],
    )
    .await?;
    commit(tx).await?;
    Ok(id)
}

/// The plan, checked to be changeable by the actor in `roles`; its version moved.
async fn changeable(
    tx: &mut Tx,
    app: &App,
    actor: &Actor,
    plan: i64,
    roles: &[Role],
) -> Result<PlanRow> {
    let agency = actor.agency()?;
    let row = store::get(tx, agency.0, plan)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let role = role_on(tx, app, actor, &row).await?;
    if !roles.contains(&role) {
        return Err(ServiceError::Forbidden);
    }
    let status = PlanStatus::parse(&row.status).unwrap_or(PlanStatus::Approved);
    if !status.editable() || !store::touch_draft(tx, agency.0, plan, app.now()).await? {
        return Err(ServiceError::field("plan", locked_message(status)));
    }
    Ok(row)
}

fn refused(errors: Vec<FieldError>) -> ServiceError {
    ServiceError::Invalid(errors)
}

/// The supervisor's result a result supports: one of the results of the evaluator's plan
/// of the same year, or none.
async fn parent_of(tx: &mut Tx, plan: &PlanRow, parent: Option<i64>) -> Result<Option<i64>> {
    let Some(p) = parent else { return Ok(None) };
    let options = match plan.evaluator_id {
        Some(ev) => own_results(tx, plan.agency_id, ev, plan.year).await?,
        None => vec![],
    };
    if options.iter().any(|(id, _)| *id == p) {
        Ok(Some(p))
    } else {
        Err(ServiceError::field(
            "parent_result_id",
            Message::text_of(
                "hasil kerja atasan yang didukung harus berasal dari SKP atasan langsung tahun yang sama",
                "the supported result must come from the direct supervisor's SKP of the same year",
            ),
        ))
    }
}

async fn audited(
    tx: &mut Tx,
    app: &App,
    actor: &Actor,
    action: &str,
    plan: &PlanRow,
    before: Option<&serde_json::Value>,
    after: &serde_json::Value,
) -> Result<()> {
    audit_store::append(
        tx,
        &[
            audit::event(app, actor, action, "performance_plan", plan.id)
                .in_unit(&plan.unit_path)
                .before_opt(before)
                .after(after),
        ],
    )
    .await?;
    Ok(())
}

/// Adds a result to my draft; its id.
pub async fn add_result(
    app: &App,
    actor: &Actor,
    plan: i64,
    input: &ResultInput,
    parent: Option<i64>,
) -> Result<i64> {
    let mut tx = app.db.begin().await?;
    let row = changeable(&mut tx, app, actor, plan, &[Role::Owner]).await?;
    let r = check_result(input).map_err(refused)?;
    let parent = parent_of(&mut tx, &row, parent).await?;
    if store::results_of(&mut tx, row.agency_id, &[plan])
        .await?
        .len()
        >= MAX_RESULTS
    {
        return Err(ServiceError::field(
            "text",
            Message::TooManyRows { max: MAX_RESULTS },
        ));
    }
    let fields = ResultFields {
        kind: r.kind.code().to_string(),
        text: r.text.clone(),
        parent_result_id: parent,
    };
    let id = store::add_result(&mut tx, row.agency_id, plan, &fields, app.now()).await?;
    audited(&mut tx, app, actor, "skp.result.add", &row, None,
        &serde_json::json!({"result_id": id, "kind": r.kind, "text": r.text, "parent_result_id": parent})).await?;
    commit(tx).await?;
    Ok(id)
}

/// Changes a result of my draft.
pub async fn update_result(
    app: &App,
    actor: &Actor,
    plan: i64,
    result: i64,
    input: &ResultInput,
    parent: Option<i64>,
) -> Result<()> {
    let mut tx = app.db.begin().await?;
    let row = changeable(&mut tx, app, actor, plan, &[Role::Owner]).await?;
    let before = store::result(&mut tx, row.agency_id, result)
        .await?
        .filter(|r| r.plan_id == plan)
        .ok_or(ServiceError::NotFound)?;
    let r = check_result(input).map_err(refused)?;
    let parent = parent_of(&mut tx, &row, parent).await?;
    let fields = ResultFields {
        kind: r.kind.code().to_string(),
        text: r.text.clone(),
        parent_result_id: parent,
    };
    store::update_result(&mut tx, row.agency_id, plan, result, &fields, app.now()).await?;
    audited(&mut tx, app, actor, "skp.result.update", &row, Some(&serde_json::json!(before)),
        &serde_json::json!({"result_id": result, "kind": r.kind, "text": r.text, "parent_result_id": parent})).await?;
    commit(tx).await?;
    Ok(())
}

/// Removes a result (and its indicators) from my draft, unless something points to it.
pub async fn remove_result(app: &App, actor: &Actor, plan: i64, result: i64) -> Result<()> {
    let mut tx = app.db.begin().await?;
    let row = changeable(&mut tx, app, actor, plan, &[Role::Owner]).await?;
    let before = store::result(&mut tx, row.agency_id, result)
        .await?
        .filter(|r| r.plan_id == plan)
        .ok_or(ServiceError::NotFound)?;
    if store::result_uses(&mut tx, row.agency_id, result).await? > 0 {
        return Err(ServiceError::field(
            "result",
            Message::text_of(
                "hasil kerja ini sudah dipakai (didukung hasil kerja bawahan, tugas, laporan, atau realisasi); ubah teksnya saja",
                "this result is in use (by a subordinate's result, a task, a report or an actual value); change its text instead",
            ),
        ));
    }
    store::remove_result(&mut tx, row.agency_id, plan, result).await?;
    audited(
        &mut tx,
        app,
        actor,
        "skp.result.remove",
        &row,
        Some(&serde_json::json!(before)),
        &serde_json::json!({"removed": result}),
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

/// Adds an indicator to a result of my draft; its id.
pub async fn add_indicator(
    app: &App,
    actor: &Actor,
    plan: i64,
    result: i64,
    input: &IndicatorInput,
) -> Result<i64> {
    let mut tx = app.db.begin().await?;
    let row = changeable(&mut tx, app, actor, plan, &[Role::Owner]).await?;
    store::result(&mut tx, row.agency_id, result)
        .await?
        .filter(|r| r.plan_id == plan)
        .ok_or(ServiceError::NotFound)?;
    let i = check_indicator(input).map_err(refused)?;
    let count = store::indicators_of(&mut tx, row.agency_id, &[plan])
        .await?
        .iter()
        .filter(|x| x.result_id == result)
        .count();
    if count >= MAX_INDICATORS {
        return Err(ServiceError::field(
            "text",
            Message::TooManyRows {
                max: MAX_INDICATORS,
            },
        ));
    }
    let new = NewIndicator {
        aspect: i.aspect.code().to_string(),
        text: i.text,
        target: i.target,
        unit: i.unit,
    };
    let id = store::add_indicator(&mut tx, row.agency_id, plan, result, &new).await?;
    audited(
        &mut tx,
        app,
        actor,
        "skp.indicator.add",
        &row,
        None,
        &serde_json::json!({"indicator_id": id, "result_id": result, "indicator": new}),
    )
    .await?;
    commit(tx).await?;
    Ok(id)
}

/// Changes an indicator of my draft.
pub async fn update_indicator(
    app: &App,
    actor: &Actor,
    plan: i64,
    indicator: i64,
    input: &IndicatorInput,
) -> Result<()> {
    let mut tx = app.db.begin().await?;
    let row = changeable(&mut tx, app, actor, plan, &[Role::Owner]).await?;
    let before = store::indicators_of(&mut tx, row.agency_id, &[plan])
        .await?
        .into_iter()
        .find(|x| x.id == indicator)
        .ok_or(ServiceError::NotFound)?;
    let i = check_indicator(input).map_err(refused)?;
    let new = NewIndicator {
        aspect: i.aspect.code().to_string(),
        text: i.text,
        target: i.target,
        unit: i.unit,
    };
    store::update_indicator(&mut tx, row.agency_id, plan, indicator, &new).await?;
    audited(
        &mut tx,
        app,
        actor,
        "skp.indicator.update",
        &row,
        Some(&serde_json::json!(before)),
        &serde_json::json!({"indicator_id": indicator, "indicator": new}),
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

/// Removes an indicator from my draft.
pub async fn remove_indicator(app: &App, actor: &Actor, plan: i64, indicator: i64) -> Result<()> {
    let mut tx = app.db.begin().await?;
    let row = changeable(&mut tx, app, actor, plan, &[Role::Owner]).await?;
    let before = store::indicators_of(&mut tx, row.agency_id, &[plan])
        .await?
        .into_iter()
        .find(|x| x.id == indicator)
        .ok_or(ServiceError::NotFound)?;
    if store::indicator_uses(&mut tx, row.agency_id, indicator).await? > 0 {
        return Err(ServiceError::field(
            "indicator",
            Message::text_of(
                "indikator ini sudah memiliki realisasi dalam penilaian; ubah saja isinya",
                "this indicator already has actual values in an evaluation; change it instead",
            ),
        ));
    }
    store::remove_indicator(&mut tx, row.agency_id, plan, indicator).await?;
    audited(
        &mut tx,
        app,
        actor,
        "skp.indicator.remove",
        &row,
        Some(&serde_json::json!(before)),
        &serde_json::json!({"removed": indicator}),
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

/// Sets the expectations per BerAKHLAK value (code → text; an empty text clears it): the
/// evaluator's, or the owner's draft of them.
pub async fn set_expectations(
    app: &App,
    actor: &Actor,
    plan: i64,
    values: &[(String, String)],
) -> Result<()> {
    let mut tx = app.db.begin().await?;
    let row = changeable(&mut tx, app, actor, plan, &[Role::Owner, Role::Evaluator]).await?;
    let mut errors = Vec::new();
    let mut checked = Vec::new();
    for (code, text) in values {
        let field = format!("expectations.{}", code.trim());
        match CoreValue::parse(code) {
            Ok(v) => {
                let t = text_field(&mut errors, &field, text, false, MAX_TEXT);
                checked.push((v, t));
            }
            Err(m) => errors.push(FieldError::new(field, m)),
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    for (v, t) in &checked {
        store::set_expectation(&mut tx, row.agency_id, plan, v.code(), t).await?;
    }
    audited(
        &mut tx,
        app,
        actor,
        "skp.expectations",
        &row,
        None,
        &serde_json::json!(checked
            .iter()
            .map(|(v, t)| (v.code(), t))
            .collect::<Vec<_>>()),
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

/// Sets the annex of my draft.
pub async fn set_annex(app: &App, actor: &Actor, plan: i64, annex: &Annex) -> Result<()> {
    let mut tx = app.db.begin().await?;
    let row = changeable(&mut tx, app, actor, plan, &[Role::Owner]).await?;
    let a = check_annex(annex).map_err(refused)?;
    store::set_annex(
        &mut tx,
        row.agency_id,
        plan,
        &a.resources,
        &a.accountability,
        &a.consequences,
    )
    .await?;
    audited(&mut tx, app, actor, "skp.annex", &row,
        Some(&serde_json::json!({"resources": row.resources, "accountability": row.accountability, "consequences": row.consequences})),
        &serde_json::json!(a)).await?;
    commit(tx).await?;
    Ok(())
}
