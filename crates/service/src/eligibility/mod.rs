//! Who may work flexibly (Permen PANRB 4/2025): the activity mapping of each unit's
//! positions against the six task criteria, and each employee's eligibility with every
//! reason it fails.
//!
//! Who may do what: admins who administer the unit's subtree map its activities; auditors
//! of the unit (agency-wide or of a subtree holding it) and supervisors placed in the unit
//! or above it read the mapping; every employee reads their own eligibility.
//! [`of_employee`] checks no permission: it is the rule other use cases (location plans)
//! call after their own checks.

mod mapping;

pub use mapping::{add_activity, delete_activity, update_activity, ActivityForm};

use crate::{Actor, App, Result, ServiceError};
use fleksi_domain::eligibility::{
    self as rules, classify, max_flex_days, Assessment, Eligibility, EmployeeFacts, PositionClass,
    PositionFacts, Share, UnitSummary,
};
use fleksi_domain::org::{Discipline, OrgPath};
use fleksi_domain::role::GrantedRole;
use fleksi_domain::timezone::Zone;
use fleksi_domain::AgencyId;
use fleksi_store::eligibility::{self as store, ActivityRow, UnitPosition};
use fleksi_store::employee::{self, EmployeeRow};
use fleksi_store::org::{self, UnitRow};
use fleksi_store::Conn;
use jiff::civil::Date;
use serde::Serialize;

/// An employee's eligibility on `today` (a date in their unit's zone), under their unit's
/// effective policy and the mapping of their position in their unit. A few indexed reads:
/// the employee, the unit's policy levels, the position's activities.
pub async fn of_employee(
    c: &mut Conn,
    agency: AgencyId,
    employee_id: i64,
    today: Date,
) -> Result<Eligibility> {
    let e = employee::get(&mut *c, agency.0, employee_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(evaluate(c, agency, &e, today).await?.0)
}

/// The eligibility of a loaded employee, with the activities it was judged on and the
/// policy's maximum and minimum months, for the page that explains it.
async fn evaluate(
    c: &mut Conn,
    agency: AgencyId,
    e: &EmployeeRow,
    today: Date,
) -> Result<(Eligibility, Vec<ActivityRow>, fleksi_domain::policy::Policy)> {
    let policy = policy_of(c, agency, e.unit_id).await?;
    let activities = store::of_position(&mut *c, agency.0, e.unit_id, e.position_id).await?;
    let share = share_of(&activities);
    let facts = EmployeeFacts {
        // The import only stores known codes; anything else is treated as the strictest.
        discipline: Discipline::parse(&e.discipline).unwrap_or(Discipline::Serving),
        position_since: e
            .position_since
            .as_deref()
            .and_then(|s| fleksi_domain::calendar::parse_date(s).ok()),
    };
    let position = PositionFacts {
        position: &e.position_name,
        unit: &e.unit_name,
        share,
    };
    let result = rules::eligibility(&policy, &position, &facts, today);
    Ok((result, activities, policy))
}

/// The unit's effective policy (national defaults, the agency's and each ancestor's
/// overrides).
async fn policy_of(
    c: &mut Conn,
    agency: AgencyId,
    unit_id: i64,
) -> Result<fleksi_domain::policy::Policy> {
    Ok(crate::policy::effective(c, agency, unit_id).await?.policy)
}

fn assessment(a: &ActivityRow) -> Assessment {
    Assessment(a.criteria())
}

fn share_of(activities: &[ActivityRow]) -> Share {
    Share::of(&activities.iter().map(assessment).collect::<Vec<_>>())
}

/// Today in a unit's time zone.
pub fn today_in(app: &App, time_zone: &str) -> Date {
    let zone = Zone::parse(time_zone).unwrap_or_default();
    app.clock.now().to_zoned(zone.tz()).date()
}

/// The actor's own eligibility, as `/eligibility` and `GET /api/v1/eligibility/me` show it.
#[derive(Debug, Clone, Serialize)]
pub struct Mine {
    pub employee: EmployeeRow,
    /// The date it was judged on, in the unit's zone.
    pub today: Date,
    pub eligibility: Eligibility,
    /// The position's activities in the unit, with the criteria each meets.
    pub activities: Vec<ActivityRow>,
    pub share: Share,
    /// The policy's values the judgement used.
    pub policy_max_flex_days: u32,
    pub min_months_in_position: u32,
    /// May open the unit's mapping page.
    pub can_read_unit: bool,
}

/// The signed-in employee's eligibility; `None` for an account without an employee.
pub async fn mine(app: &App, actor: &Actor) -> Result<Option<Mine>> {
    let agency = actor.agency()?;
    let Some(me) = actor.access.employee_id else {
        return Ok(None);
    };
    let mut c = app.db.conn().await?;
    let Some(e) = employee::get(&mut c, agency.0, me.0).await? else {
        return Ok(None);
    };
    let today = today_in(app, &e.time_zone);
    let (eligibility, activities, policy) = evaluate(&mut c, agency, &e, today).await?;
    let unit = org::get_unit(&mut c, agency.0, e.unit_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let can_read_unit = right_on(&mut c, actor, agency, &unit).await?.is_some();
    Ok(Some(Mine {
        share: share_of(&activities),
        employee: e,
        today,
        eligibility,
        activities,
        policy_max_flex_days: policy.max_flex_days_per_week,
        min_months_in_position: policy.min_months_in_position,
        can_read_unit,
    }))
}

/// What the actor may do with a unit's mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Right {
    Read,
    Edit,
}

/// Admins of the unit's subtree edit; auditors of it and supervisors placed in the unit
/// or above it read.
async fn right_on(
    c: &mut Conn,
    actor: &Actor,
    agency: AgencyId,
    unit: &UnitRow,
) -> Result<Option<Right>> {
    let path = OrgPath::from_trusted(unit.path.clone());
    if actor.access.can_administer(agency, &path) {
        return Ok(Some(Right::Edit));
    }
    let audits = actor.access.grants.iter().any(|g| {
        g.role == GrantedRole::Auditor
            && g.agency_id == Some(agency)
            && g.unit_path.as_ref().is_none_or(|p| p.contains(&path))
    });
    if audits {
        return Ok(Some(Right::Read));
    }
    if let (true, Some(me)) = (actor.access.is_supervisor, actor.access.employee_id) {
        if let Some(e) = employee::get(&mut *c, agency.0, me.0).await? {
            if unit.path.starts_with(&e.unit_path) {
                return Ok(Some(Right::Read));
            }
        }
    }
    Ok(None)
}

/// Whether the actor could read some unit's mapping at all: a cheap first check that
/// needs no query.
fn may_see_mappings(actor: &Actor, agency: AgencyId) -> bool {
    actor.access.administers_any(agency)
        || actor.access.is_supervisor
        || actor
            .access
            .grants
            .iter()
            .any(|g| g.role == GrantedRole::Auditor && g.agency_id == Some(agency))
}

/// One position of a unit with its activities and what they make of it.
#[derive(Debug, Clone, Serialize)]
pub struct PositionView {
    pub position: UnitPosition,
    pub activities: Vec<ActivityRow>,
    pub share: Share,
    pub class: PositionClass,
    pub max_flex_days: u32,
}

/// A unit's mapping page.
#[derive(Debug, Clone, Serialize)]
pub struct UnitActivities {
    pub unit: UnitRow,
    pub right: Right,
    pub positions: Vec<PositionView>,
    pub summary: UnitSummary,
    pub policy_max_flex_days: u32,
    pub work_days: u32,
}

/// A unit of the actor's agency with the actor's right on it: another agency's unit (or
/// an id that is no unit) is "not found", one the actor may not see is forbidden.
pub(super) async fn unit_with_right(
    c: &mut Conn,
    actor: &Actor,
    agency: AgencyId,
    unit_id: i64,
    need: Right,
) -> Result<(UnitRow, Right)> {
    let unit = org::get_unit(&mut *c, agency.0, unit_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    match right_on(c, actor, agency, &unit).await? {
        Some(Right::Edit) => Ok((unit, Right::Edit)),
        Some(Right::Read) if need == Right::Read => Ok((unit, Right::Read)),
        _ => Err(ServiceError::Forbidden),
    }
}

/// The mapping of a unit: every position held there (or still mapped there), its
/// activities, class and flexible days, and the unit's summary.
pub async fn unit_activities(app: &App, actor: &Actor, unit_id: i64) -> Result<UnitActivities> {
    let agency = actor.agency()?;
    if !may_see_mappings(actor, agency) {
        return Err(ServiceError::Forbidden);
    }
    let mut c = app.db.conn().await?;
    let (unit, right) = unit_with_right(&mut c, actor, agency, unit_id, Right::Read).await?;
    let policy = policy_of(&mut c, agency, unit.id).await?;
    let held = store::positions(&mut c, agency.0, unit.id).await?;
    let all = store::of_unit(&mut c, agency.0, unit.id).await?;
    let positions: Vec<PositionView> = held
        .into_iter()
        .map(|p| {
            let activities: Vec<ActivityRow> = all
                .iter()
                .filter(|a| a.position_id == p.position_id)
                .cloned()
                .collect();
            let share = share_of(&activities);
            let class = classify(share);
            PositionView {
                max_flex_days: max_flex_days(class, share, &policy),
                position: p,
                activities,
                share,
                class,
            }
        })
        .collect();
    let summary = UnitSummary::of(
        positions
            .iter()
            .map(|p| (p.share, p.position.people.max(0) as u32)),
    );
    Ok(UnitActivities {
        unit,
        right,
        positions,
        summary,
        policy_max_flex_days: policy.max_flex_days_per_week,
        work_days: policy.work_days.count(),
    })
}
