//! Performance plans (SKP, Permen PANRB 6/2022; issue 5). An employee opens a plan for a
//! year and drafts its results — each supporting a result of the supervisor's plan — with
//! indicators and targets; the supervisor writes expectations per BerAKHLAK value; the
//! employee submits; the supervisor approves (which locks it) or returns it with a note.
//! A locked plan changes only through an explicit revision with a reason, which keeps the
//! approved version. Performance dialogues are recorded on the plan. The cascade shows
//! how results support each other from the unit head down.
//!
//! Who may do what: the owner drafts, submits and withdraws; the evaluator (the plan's
//! supervisor, their current direct supervisor, or the official acting for them) writes
//! expectations, approves or returns; either opens a revision and records dialogues;
//! readers of the owner's unit (admins, auditors in scope, heads above) read. Other
//! agencies' plans are "not found".
//!
//! - [`edit`]: the content of a draft (results, indicators, expectations, annex).
//! - [`act`]: submit, withdraw, approve, return, revise; dialogues.
//! - [`cascade`]: the tree of results of a unit.

pub mod act;
pub mod cascade;
pub mod edit;

use crate::schedule::Viewer;
use crate::{Actor, App, Result, ServiceError};
use fleksi_domain::performance::{CoreValue, PlanAction, PlanStatus};
use fleksi_store::employee::{self, EmployeeRow};
use fleksi_store::skp::{
    self as store, DialogueRow, ExpectationRow, IndicatorRow, PlanRow, ResultRow, RevisionRow,
};
use fleksi_store::{org, presence, Conn};

/// Plans may be opened for last year, this year and next year.
pub const YEARS_AROUND: i64 = 1;

/// A result with its indicators.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ResultView {
    pub row: ResultRow,
    pub indicators: Vec<IndicatorRow>,
}

/// How the reader stands to a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    Evaluator,
    Reader,
}

/// A plan with everything its page shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PlanView {
    pub row: PlanRow,
    pub results: Vec<ResultView>,
    pub expectations: Vec<(CoreValue, String)>,
    pub dialogues: Vec<DialogueRow>,
    pub revisions: Vec<RevisionRow>,
    /// The supervisor's results a result of this plan may support: (id, text).
    pub parents: Vec<(i64, String)>,
    pub role: Role,
    /// Action codes open to the reader now.
    pub allowed: Vec<&'static str>,
    /// The reader may change the content (owner of a draft).
    pub can_edit: bool,
    /// Today in the reader's zone (dialogues are dated up to today).
    pub today: jiff::civil::Date,
}

impl PlanView {
    pub fn status(&self) -> PlanStatus {
        PlanStatus::parse(&self.row.status).unwrap_or(PlanStatus::Draft)
    }
}

/// The results of `employee`'s plan of `year` (any state): what their reports, tasks and
/// subordinates' results may point to.
pub(crate) async fn own_results(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    year: i64,
) -> Result<Vec<(i64, String)>> {
    let Some(plan) = store::of_employee(c, agency, employee, year).await? else {
        return Ok(vec![]);
    };
    Ok(store::results_of(c, agency, &[plan.id])
        .await?
        .into_iter()
        .map(|r| (r.id, r.text))
        .collect())
}

/// The reader's standing on `plan`, or Forbidden.
pub(crate) async fn role_on(
    c: &mut Conn,
    app: &App,
    actor: &Actor,
    plan: &PlanRow,
) -> Result<Role> {
    let viewer = Viewer::load(c, actor).await?;
    let me = viewer.me.as_ref().map(|e| e.id);
    if me == Some(plan.employee_id) {
        return Ok(Role::Owner);
    }
    if let Some(me) = me {
        let owner = employee::get(c, plan.agency_id, plan.employee_id).await?;
        let supervisors = [
            plan.evaluator_id,
            owner.as_ref().and_then(|o| o.supervisor_id),
        ];
        if supervisors.contains(&Some(me)) {
            return Ok(Role::Evaluator);
        }
        let today = crate::report::today_of(
            app,
            &viewer
                .me
                .as_ref()
                .map(|e| e.time_zone.clone())
                .unwrap_or_default(),
        )
        .to_string();
        for s in supervisors.into_iter().flatten() {
            if presence::acts_for(c, plan.agency_id, me, s, &today).await? {
                return Ok(Role::Evaluator);
            }
        }
    }
    let unit = org::get_unit(c, plan.agency_id, plan.unit_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if viewer.reads_unit(actor, &unit) {
        return Ok(Role::Reader);
    }
    Err(ServiceError::Forbidden)
}

/// Reads a plan's content and what the reader may do with it.
pub(crate) async fn view(c: &mut Conn, app: &App, actor: &Actor, row: PlanRow) -> Result<PlanView> {
    let role = role_on(c, app, actor, &row).await?;
    let agency = row.agency_id;
    let mut indicators = store::indicators_of(c, agency, &[row.id]).await?;
    let results = store::results_of(c, agency, &[row.id])
        .await?
        .into_iter()
        .map(|r| {
            let mine: Vec<IndicatorRow> = indicators
                .iter()
                .filter(|i| i.result_id == r.id)
                .cloned()
                .collect();
            indicators.retain(|i| i.result_id != r.id);
            ResultView {
                row: r,
                indicators: mine,
            }
        })
        .collect();
    let stored: Vec<ExpectationRow> = store::expectations_of(c, agency, row.id).await?;
    let expectations = CoreValue::ALL
        .iter()
        .map(|v| {
            let text = stored
                .iter()
                .find(|e| e.core_value == v.code())
                .map(|e| e.expectation.clone())
                .unwrap_or_default();
            (*v, text)
        })
        .collect();
    let parents = match row.evaluator_id {
        Some(ev) => own_results(c, agency, ev, row.year).await?,
        None => vec![],
    };
    let status = PlanStatus::parse(&row.status).unwrap_or(PlanStatus::Draft);
    let (owner, evaluator) = (role == Role::Owner, role == Role::Evaluator);
    let allowed = PlanAction::all()
        .iter()
        .filter(|a| {
            fleksi_domain::performance::skp::plan_transition(status, a, owner, evaluator).is_ok()
        })
        .map(|a| a.code())
        .collect();
    let zone = match actor.access.employee_id {
        Some(e) => employee::get(c, agency, e.0).await?.map(|e| e.time_zone),
        None => None,
    };
    Ok(PlanView {
        today: crate::report::today_of(app, zone.as_deref().unwrap_or("WIB")),
        dialogues: store::dialogues_of(c, agency, row.id).await?,
        revisions: store::revisions_of(c, agency, row.id).await?,
        results,
        expectations,
        parents,
        can_edit: owner && status.editable(),
        role,
        allowed,
        row,
    })
}

/// One plan by id.
pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<PlanView> {
    let agency = actor.agency()?;
    let mut c = app.db.conn().await?;
    let row = store::get(&mut c, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    view(&mut c, app, actor, row).await
}

/// My plan of `year`, if opened, and the years I have plans for.
pub async fn mine(app: &App, actor: &Actor, year: i64) -> Result<(Option<PlanView>, Vec<PlanRow>)> {
    let mut c = app.db.conn().await?;
    let (agency, me) = crate::task::me(&mut c, actor).await?;
    let years = store::years_of(&mut c, agency.0, me.id).await?;
    let plan = match years.iter().find(|p| p.year == year) {
        Some(p) => Some(view(&mut c, app, actor, p.clone()).await?),
        None => None,
    };
    Ok((plan, years))
}

/// The plans I evaluate for `year` (my direct reports'), with their state.
pub async fn to_review(app: &App, actor: &Actor, year: i64) -> Result<Vec<PlanRow>> {
    let mut c = app.db.conn().await?;
    let (agency, me) = crate::task::me(&mut c, actor).await?;
    Ok(store::evaluated_by(&mut c, agency.0, me.id, year).await?)
}

/// The current year in the actor's zone.
pub fn this_year(app: &App, me: Option<&EmployeeRow>) -> i64 {
    let zone = me.map(|e| e.time_zone.as_str()).unwrap_or("WIB");
    i64::from(crate::report::today_of(app, zone).year())
}

/// A year parameter: a number near this year.
pub(crate) fn year_param(raw: &str, this_year: i64) -> Result<i64> {
    if raw.trim().is_empty() {
        return Ok(this_year);
    }
    let y: i64 = raw
        .trim()
        .parse()
        .map_err(|_| ServiceError::field("year", fleksi_domain::Message::InvalidNumber))?;
    if (2000..=2100).contains(&y) {
        Ok(y)
    } else {
        Err(ServiceError::field(
            "year",
            fleksi_domain::Message::OutOfRange {
                min: "2000".into(),
                max: "2100".into(),
            },
        ))
    }
}
