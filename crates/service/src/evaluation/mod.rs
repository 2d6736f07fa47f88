//! Evaluating performance (Permen PANRB 6/2022, SE MenPANRB 3/2023; issue 5). For an
//! approved plan and a period (quarters by default, per agency; or the year), the
//! employee records the actual value of each indicator with its evidence; the supervisor
//! gives feedback, rates results and behaviour — with the regulation's guidance beside
//! the choice and, if asked for, 360 feedback shown only as an aggregate of three or more
//! — and the predikat follows from the official matrix. An admin sees a unit's spread of
//! predikat against the distribution its result allows, and makes the ratings final only
//! when it is allowed.
//!
//! Who may do what: the plan's owner opens an evaluation and enters actual values; the
//! evaluator (the direct supervisor, or the official acting for them) opens, rates and
//! asks for 360 feedback — nobody rates anyone who is not their subordinate; the readers
//! of the unit read; respondents answer what they were asked; admins of the unit's
//! subtree set its result and finalise. Other agencies' records are "not found".
//!
//! - [`actuals`]: the actual values and their evidence;
//! - [`rate`]: the supervisor's ratings and the predikat;
//! - [`feedback`]: 360 requests and anonymous answers;
//! - [`distribution`]: the unit's result, its spread and the final step;
//! - [`settings`]: the agency's kind of period.

pub mod actuals;
pub mod distribution;
pub mod feedback;
pub mod rate;
pub mod settings;

use crate::skp::{role_on, Role};
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::performance::feedback::{aggregate, Answer, Tally};
use fleksi_domain::performance::skp::achievement;
use fleksi_domain::performance::{
    check_evaluable, Aspect, CoreValue, Period, PlanStatus, Rating, UnitResult,
};
use fleksi_domain::Message;
use fleksi_store::evaluation::{self as store, ActualRow, EvaluationRow, NewEvaluation};
use fleksi_store::skp::{self as plans, IndicatorRow, PlanRow, ResultRow};
use fleksi_store::{audit as audit_store, commit, employee, Conn};
use std::collections::BTreeMap;

/// An indicator with its actual value in the period.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Measured {
    pub indicator: IndicatorRow,
    pub actual: Option<ActualRow>,
    /// Percent of the target reached (less is better for time and cost).
    pub achievement: Option<f64>,
}

/// A result with its measured indicators.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ResultMeasured {
    pub result: ResultRow,
    pub indicators: Vec<Measured>,
}

/// The 360 feedback of an evaluation: how many were asked and answered, and — from three
/// answers — the tally per value and the comments (never one person's answer).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Feedback360 {
    pub asked: i64,
    pub answered: i64,
    pub tallies: Option<Vec<(CoreValue, Tally)>>,
    pub comments: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct EvaluationView {
    pub row: EvaluationRow,
    pub results: Vec<ResultMeasured>,
    pub behaviour: Vec<(CoreValue, Option<Rating>)>,
    pub feedback360: Option<Feedback360>,
    pub role: Role,
    /// The owner may enter actual values (not final).
    pub can_enter: bool,
    /// The evaluator may rate (not final).
    pub can_rate: bool,
    /// The evaluated person heads a unit whose result for the period is set: their rating
    /// of results follows it.
    pub head_rating: Option<(UnitResult, Rating)>,
}

impl EvaluationView {
    pub fn period(&self) -> Option<Period> {
        Period::parse(&self.row.period).ok()
    }
}

/// Whether `e` heads their unit: supervises someone, and their own supervisor (if any)
/// works in another unit — the same reading as rosters and the team calendar.
pub(crate) async fn heads_unit(
    c: &mut Conn,
    agency: i64,
    e: &employee::EmployeeRow,
) -> Result<bool> {
    if !employee::has_reports(c, agency, e.id).await? {
        return Ok(false);
    }
    Ok(match e.supervisor_id {
        None => true,
        Some(s) => employee::get(c, agency, s)
            .await?
            .is_none_or(|boss| boss.unit_id != e.unit_id),
    })
}

/// The unit result that decides the rating of results of a unit head, if set.
pub(crate) async fn head_rating(
    c: &mut Conn,
    row: &EvaluationRow,
) -> Result<Option<(UnitResult, Rating)>> {
    let Some(who) = employee::get(c, row.agency_id, row.employee_id).await? else {
        return Ok(None);
    };
    if !heads_unit(c, row.agency_id, &who).await? {
        return Ok(None);
    }
    let set = store::unit_result(c, row.agency_id, who.unit_id, &row.period).await?;
    Ok(set
        .and_then(|r| UnitResult::parse(&r).ok())
        .map(|u| (u, u.head_results_rating())))
}

async fn feedback_of(c: &mut Conn, row: &EvaluationRow) -> Result<Option<Feedback360>> {
    let Some(req) = store::request_of(c, row.agency_id, row.id).await? else {
        return Ok(None);
    };
    let stored = store::answers_of(c, row.agency_id, req.id).await?;
    let answers: Vec<Answer> = stored
        .iter()
        .map(|(json, _)| {
            let map: BTreeMap<String, String> = serde_json::from_str(json).unwrap_or_default();
            map.iter()
                .filter_map(|(v, r)| Some((CoreValue::parse(v).ok()?, Rating::parse(r).ok()?)))
                .collect()
        })
        .collect();
    let tallies = aggregate(&answers);
    let comments = if tallies.is_some() {
        stored
            .into_iter()
            .map(|(_, c)| c)
            .filter(|c| !c.is_empty())
            .collect()
    } else {
        vec![]
    };
    Ok(Some(Feedback360 {
        asked: req.asked,
        answered: req.answered,
        tallies,
        comments,
    }))
}

/// Reads an evaluation with its plan's indicators and what the reader may do.
pub(crate) async fn view(
    c: &mut Conn,
    app: &App,
    actor: &Actor,
    row: EvaluationRow,
) -> Result<EvaluationView> {
    let plan = plans::get(c, row.agency_id, row.plan_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let role = role_on(c, app, actor, &plan).await?;
    let actuals: BTreeMap<i64, ActualRow> = store::actuals_of(c, row.agency_id, row.id)
        .await?
        .into_iter()
        .map(|a| (a.indicator_id, a))
        .collect();
    let mut indicators = plans::indicators_of(c, row.agency_id, &[plan.id]).await?;
    let results = plans::results_of(c, row.agency_id, &[plan.id])
        .await?
        .into_iter()
        .map(|r| {
            let mine: Vec<IndicatorRow> = indicators
                .iter()
                .filter(|i| i.result_id == r.id)
                .cloned()
                .collect();
            indicators.retain(|i| i.result_id != r.id);
            ResultMeasured {
                indicators: mine
                    .into_iter()
                    .map(|i| {
                        let actual = actuals.get(&i.id).cloned();
                        let aspect = Aspect::parse(&i.aspect).unwrap_or(Aspect::Kuantitas);
                        Measured {
                            achievement: actual
                                .as_ref()
                                .and_then(|a| achievement(aspect, i.target, a.actual)),
                            indicator: i,
                            actual,
                        }
                    })
                    .collect(),
                result: r,
            }
        })
        .collect();
    let rated: BTreeMap<String, String> = store::behaviour_of(c, row.agency_id, row.id)
        .await?
        .into_iter()
        .map(|b| (b.core_value, b.rating))
        .collect();
    let behaviour = CoreValue::ALL
        .iter()
        .map(|v| (*v, rated.get(v.code()).and_then(|r| Rating::parse(r).ok())))
        .collect();
    let not_final = row.status != "final";
    Ok(EvaluationView {
        feedback360: if role == Role::Reader {
            // Readers see the evaluation, not the colleagues' feedback behind it.
            None
        } else {
            feedback_of(c, &row).await?
        },
        head_rating: head_rating(c, &row).await?,
        can_enter: role == Role::Owner && not_final,
        can_rate: role == Role::Evaluator && not_final,
        results,
        behaviour,
        role,
        row,
    })
}

/// One evaluation.
pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<EvaluationView> {
    let agency = actor.agency()?;
    let mut c = app.db.conn().await?;
    let row = store::get(&mut c, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    view(&mut c, app, actor, row).await
}

/// Opens the evaluation of plan `plan` for `period` (owner or evaluator); an existing one
/// is returned.
pub async fn open(app: &App, actor: &Actor, plan: i64, period: &str) -> Result<i64> {
    let agency = actor.agency()?;
    let mut tx = app.db.begin().await?;
    let row: PlanRow = plans::get(&mut tx, agency.0, plan)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let role = role_on(&mut tx, app, actor, &row).await?;
    if role == Role::Reader {
        return Err(ServiceError::Forbidden);
    }
    if PlanStatus::parse(&row.status).ok() != Some(PlanStatus::Approved) {
        return Err(ServiceError::field(
            "plan_id",
            Message::text_of(
                "SKP harus disetujui atasan sebelum dapat dinilai",
                "the SKP must be approved by the supervisor before it can be evaluated",
            ),
        ));
    }
    let period = Period::parse(period).map_err(|m| ServiceError::field("period", m))?;
    let kind = settings::kind_of(&mut tx, agency.0).await?;
    let owner = employee::get(&mut tx, agency.0, row.employee_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let today = crate::report::today_of(app, &owner.time_zone);
    let year = i16::try_from(row.year).unwrap_or(0);
    check_evaluable(period, year, kind, today).map_err(|m| ServiceError::field("period", m))?;
    if let Some(e) = store::of_plan(&mut tx, agency.0, plan, &period.code()).await? {
        return Ok(e.id);
    }
    let new = NewEvaluation {
        plan_id: plan,
        employee_id: row.employee_id,
        unit_id: owner.unit_id,
        unit_path: owner.unit_path.clone(),
        period: period.code(),
        evaluator_id: row.evaluator_id.or(owner.supervisor_id),
    };
    let Some(id) = store::insert(&mut tx, agency.0, &new, app.now()).await? else {
        drop(tx);
        let mut c = app.db.conn().await?;
        return store::of_plan(&mut c, agency.0, plan, &period.code())
            .await?
            .map(|e| e.id)
            .ok_or(ServiceError::NotFound);
    };
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "evaluation.open", "evaluation", id)
                .in_unit(&owner.unit_path)
                .after(&new),
        ],
    )
    .await?;
    commit(tx).await?;
    Ok(id)
}

/// My evaluations, newest first (the predikat history).
pub async fn mine(app: &App, actor: &Actor) -> Result<Vec<EvaluationRow>> {
    let mut c = app.db.conn().await?;
    let (agency, me) = crate::task::me(&mut c, actor).await?;
    Ok(store::of_employee(&mut c, agency.0, me.id).await?)
}

/// My direct reports for `period`: each with their plan of its year and its evaluation.
pub async fn team(
    app: &App,
    actor: &Actor,
    period: &str,
) -> Result<(
    Period,
    Vec<(
        fleksi_store::schedule::PersonRow,
        Option<PlanRow>,
        Option<EvaluationRow>,
    )>,
)> {
    let mut c = app.db.conn().await?;
    let (agency, me) = crate::task::me(&mut c, actor).await?;
    if !actor.access.is_supervisor {
        return Err(ServiceError::Forbidden);
    }
    let period = current_or(&mut c, app, agency.0, &me.time_zone, period).await?;
    let people =
        fleksi_store::schedule::reports_of(&mut c, agency.0, me.id, crate::schedule::PAGE).await?;
    let year = i64::from(period.year());
    let mut out = Vec::with_capacity(people.len());
    for p in people {
        let plan = plans::of_employee(&mut c, agency.0, p.id, year).await?;
        let eval = match &plan {
            Some(pl) => store::of_plan(&mut c, agency.0, pl.id, &period.code()).await?,
            None => None,
        };
        out.push((p, plan, eval));
    }
    Ok((period, out))
}

/// A period parameter, or the current period of the agency's kind.
pub(crate) async fn current_or(
    c: &mut Conn,
    app: &App,
    agency: i64,
    zone: &str,
    raw: &str,
) -> Result<Period> {
    if raw.trim().is_empty() {
        let kind = settings::kind_of(c, agency).await?;
        return Ok(Period::containing(kind, crate::report::today_of(app, zone)));
    }
    Period::parse(raw).map_err(|m| ServiceError::field("period", m))
}

/// The current period of the agency's kind, in the actor's zone.
pub async fn current_period(app: &App, actor: &Actor) -> Result<Period> {
    let agency = actor.agency()?;
    let mut c = app.db.conn().await?;
    let zone = match actor.access.employee_id {
        Some(e) => employee::get(&mut c, agency.0, e.0)
            .await?
            .map(|e| e.time_zone),
        None => None,
    };
    current_or(&mut c, app, agency.0, zone.as_deref().unwrap_or("WIB"), "").await
}

/// An employee's own page: this year's plan (the targets), the evaluation of the current
/// period (progress), and every evaluation so far (feedback and predikat history).
#[derive(Debug, Clone)]
pub struct Overview {
    pub period: Period,
    pub plan: Option<crate::skp::PlanView>,
    pub current: Option<EvaluationView>,
    pub history: Vec<EvaluationRow>,
}

pub async fn overview(app: &App, actor: &Actor) -> Result<Overview> {
    let period = current_period(app, actor).await?;
    let (plan, _) = crate::skp::mine(app, actor, i64::from(period.year())).await?;
    let history = mine(app, actor).await?;
    let current = match history.iter().find(|e| e.period == period.code()) {
        Some(e) => Some(get(app, actor, e.id).await?),
        None => None,
    };
    Ok(Overview {
        period,
        plan,
        current,
        history,
    })
}
