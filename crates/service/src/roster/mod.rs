//! Hybrid rosters: a unit head or admin opens a month, sets seats, coverage, anchors and
//! skills; employees give wishes; the solver (`fleksi-roster`) proposes who is in the office
//! on which day; the head edits and publishes it as approved location plans.
//!
//! Who may do what: agency admins, unit admins whose subtree holds the unit, and the head of
//! the unit (an employee of that unit who supervises someone and whose own supervisor is
//! elsewhere) manage a roster; auditors read rosters in their scope.
//!
//! - [`generate`]: builds the solver's instance from the database and runs it.
//! - [`publish`]: manual edits (re-validated at once) and publishing.
//! - [`week`]: an employee's week with their plans, notifications and wishes.
//! - [`grid`]: the roster as a grid of people × days with the day totals.

pub mod generate;
pub mod grid;
pub mod publish;
pub mod week;

use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::org::OrgPath;
use fleksi_domain::role::GrantedRole;
use fleksi_domain::roster::{parse_skills, Month, Settings, SettingsForm};
use fleksi_domain::{AgencyId, FieldError, Message};
use fleksi_store::org::{self, UnitRow};
use fleksi_store::roster::{self as store, PersonRow, RosterRow, RosterSummary, Scope};
use fleksi_store::{audit as audit_store, commit, employee, Conn};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A roster covers at most this many people: its grid must stay usable on one page.
pub const MAX_PEOPLE: usize = 300;

/// What the actor may do with a roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Right {
    Read,
    Manage,
}

/// A hard rule the roster breaks (from the validator) or had to break (from the solver),
/// in both languages, as stored with the roster.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Issue {
    pub constraint: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub employees: Vec<String>,
    pub id: String,
    pub en: String,
    #[serde(default)]
    pub fix_id: String,
    #[serde(default)]
    pub fix_en: String,
}

impl Issue {
    pub fn text(&self, lang: &str) -> &str {
        if lang == "en" {
            &self.en
        } else {
            &self.id
        }
    }

    pub fn fix(&self, lang: &str) -> &str {
        if lang == "en" {
            &self.fix_en
        } else {
            &self.fix_id
        }
    }
}

/// The validator's verdict on the current cells.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Report {
    pub unmet_total: i64,
    pub max_unmet: i64,
    pub violations: Vec<Issue>,
}

/// Whether the actor heads the unit: an employee placed in it who supervises someone and
/// whose own supervisor (if any) works in another unit.
async fn heads(c: &mut Conn, actor: &Actor, agency: AgencyId, unit: i64) -> Result<bool> {
    let (true, Some(me)) = (actor.access.is_supervisor, actor.access.employee_id) else {
        return Ok(false);
    };
    let Some(e) = employee::get(c, agency.0, me.0).await? else {
        return Ok(false);
    };
    if e.unit_id != unit {
        return Ok(false);
    }
    Ok(match e.supervisor_id {
        None => true,
        Some(s) => employee::get(c, agency.0, s)
            .await?
            .is_none_or(|boss| boss.unit_id != unit),
    })
}

fn audits(actor: &Actor, agency: AgencyId, path: &str) -> bool {
    let unit = OrgPath::from_trusted(path.to_string());
    actor.access.grants.iter().any(|g| {
        g.role == GrantedRole::Auditor
            && g.agency_id == Some(agency)
            && g.unit_path.as_ref().is_none_or(|p| p.contains(&unit))
    })
}

/// What the actor may do with rosters of this unit, if anything.
async fn right_on(
    c: &mut Conn,
    actor: &Actor,
    agency: AgencyId,
    unit: i64,
    path: &str,
) -> Result<Option<Right>> {
    if actor
        .access
        .can_administer(agency, &OrgPath::from_trusted(path.to_string()))
        || heads(c, actor, agency, unit).await?
    {
        return Ok(Some(Right::Manage));
    }
    Ok(audits(actor, agency, path).then_some(Right::Read))
}

/// Whether the actor could manage or read some roster at all: a cheap first check.
fn may_see_rosters(actor: &Actor, agency: AgencyId) -> bool {
    actor.access.administers_any(agency)
        || actor.access.is_supervisor
        || actor.access.has_role(GrantedRole::Auditor)
}

/// A roster with the actor's right on it. Another agency's roster is "not found"; one the
/// actor may not see is forbidden.
pub(crate) async fn load(
    c: &mut Conn,
    actor: &Actor,
    id: i64,
    need: Right,
) -> Result<(RosterRow, Right)> {
    let agency = actor.agency()?;
    if !may_see_rosters(actor, agency) {
        return Err(ServiceError::Forbidden);
    }
    let r = store::get(c, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let right = right_on(c, actor, agency, r.unit_id, &r.unit_path)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    if need == Right::Manage && right != Right::Manage {
        return Err(ServiceError::Forbidden);
    }
    Ok((r, right))
}

pub(crate) fn settings_of(r: &RosterRow) -> Result<Settings> {
    serde_json::from_str(&r.settings).map_err(|e| ServiceError::Internal(format!("settings: {e}")))
}

pub(crate) fn month_of(r: &RosterRow) -> Result<Month> {
    Month::parse(&r.month).map_err(|_| ServiceError::Internal("stored month".into()))
}

/// Refuses changes to a published roster.
pub(crate) fn not_published(r: &RosterRow) -> Result<()> {
    if r.status == "published" {
        Err(ServiceError::field("status", Message::RosterPublished))
    } else {
        Ok(())
    }
}

/// The rosters the actor may see and the units they may open one for.
pub struct Listing {
    pub rosters: Vec<RosterSummary>,
    pub units: Vec<UnitRow>,
}

pub async fn list(app: &App, actor: &Actor) -> Result<Listing> {
    let agency = actor.agency()?;
    if !may_see_rosters(actor, agency) {
        return Err(ServiceError::Forbidden);
    }
    let mut c = app.db.conn().await?;
    let agency_wide = actor.access.is_agency_admin(agency)
        || actor.access.grants.iter().any(|g| {
            g.role == GrantedRole::Auditor && g.agency_id == Some(agency) && g.unit_path.is_none()
        });
    let own_unit = match actor.access.employee_id {
        Some(me) if actor.access.is_supervisor => employee::get(&mut c, agency.0, me.0)
            .await?
            .map(|e| e.unit_id),
        _ => None,
    };
    let headed = match own_unit {
        Some(u) if heads(&mut c, actor, agency, u).await? => Some(u),
        _ => None,
    };
    let scope = if agency_wide {
        Scope::Agency
    } else {
        let paths = actor
            .access
            .grants
            .iter()
            .filter(|g| g.agency_id == Some(agency))
            .filter(|g| matches!(g.role, GrantedRole::UnitAdmin | GrantedRole::Auditor))
            .filter_map(|g| g.unit_path.as_ref().map(|p| p.as_str().to_string()))
            .collect();
        Scope::Units {
            paths,
            units: headed.into_iter().collect(),
        }
    };
    let rosters = store::list(&mut c, agency.0, &scope, 200).await?;
    let units = org::list_units(&mut c, agency.0)
        .await?
        .into_iter()
        .filter(|u| {
            Some(u.id) == headed
                || actor
                    .access
                    .can_administer(agency, &OrgPath::from_trusted(u.path.clone()))
        })
        .collect();
    Ok(Listing { rosters, units })
}

/// Opens a roster for a unit and month, collecting wishes, with default settings.
pub async fn open(app: &App, actor: &Actor, unit_id: &str, month: &str) -> Result<i64> {
    let agency = actor.agency()?;
    if !(actor.access.administers_any(agency) || actor.access.is_supervisor) {
        return Err(ServiceError::Forbidden);
    }
    let mut tx = app.db.begin().await?;
    let unit = match unit_id.trim().parse::<i64>() {
        Ok(id) => org::get_unit(&mut tx, agency.0, id).await?,
        Err(_) => None,
    }
    .ok_or_else(|| ServiceError::field("unit_id", Message::NotFound))?;
    if right_on(&mut tx, actor, agency, unit.id, &unit.path).await? != Some(Right::Manage) {
        return Err(ServiceError::Forbidden);
    }
    let month = Month::parse(month).map_err(|m| ServiceError::field("month", m))?;
    if store::by_unit_month(&mut tx, agency.0, unit.id, &month.code())
        .await?
        .is_some()
    {
        return Err(ServiceError::field("month", Message::AlreadyExists));
    }
    let people = store::count_people(&mut tx, agency.0, &unit.path).await?;
    if people == 0 {
        return Err(ServiceError::field("unit_id", Message::NoPeople));
    }
    if people as usize > MAX_PEOPLE {
        return Err(ServiceError::field(
            "unit_id",
            Message::TooManyPeople { max: MAX_PEOPLE },
        ));
    }
    let settings = Settings::defaults(people);
    let json =
        serde_json::to_string(&settings).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let id = store::insert(
        &mut tx,
        agency.0,
        unit.id,
        &month.code(),
        &json,
        actor.audit_user(),
        app.now(),
    )
    .await?;
    let after =
        serde_json::json!({"unit_id": unit.id, "month": month.code(), "settings": settings});
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "roster.open", "roster", id)
            .in_unit(&unit.path)
            .after(&after)],
    )
    .await?;
    commit(tx).await?;
    Ok(id)
}

/// One roster with everything its page shows.
pub struct RosterView {
    pub roster: RosterRow,
    pub right: Right,
    pub month: Month,
    pub settings: Settings,
    pub people: Vec<PersonRow>,
    /// Employee id → skills.
    pub skills: BTreeMap<i64, Vec<String>>,
    pub report: Option<Report>,
    pub relaxed: Vec<Issue>,
    pub grid: Option<grid::Grid>,
    /// Generated, but the settings or skills changed since: generate again to publish.
    pub stale: bool,
}

pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<RosterView> {
    let mut c = app.db.conn().await?;
    let (roster, right) = load(&mut c, actor, id, Right::Read).await?;
    let agency = roster.agency_id;
    let people = store::people(&mut c, agency, &roster.unit_path, MAX_PEOPLE as i64).await?;
    let mut skills: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (e, s) in store::skills_below(&mut c, agency, &roster.unit_path).await? {
        skills.entry(e).or_default().push(s);
    }
    let report: Option<Report> = roster
        .report
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| ServiceError::Internal(format!("report: {e}")))?;
    let relaxed: Vec<Issue> = match roster.relaxed.as_deref() {
        Some(j) => {
            serde_json::from_str(j).map_err(|e| ServiceError::Internal(format!("relaxed: {e}")))?
        }
        None => vec![],
    };
    let grid = grid::Grid::of(&roster, report.as_ref())?;
    Ok(RosterView {
        right,
        month: month_of(&roster)?,
        settings: settings_of(&roster)?,
        people,
        skills,
        report,
        relaxed,
        stale: roster.status == "collecting" && grid.is_some(),
        grid,
        roster,
    })
}

/// New settings. A draft whose settings change goes back to collecting: its cells no
/// longer follow the settings until it is generated again.
pub async fn save_settings(app: &App, actor: &Actor, id: i64, form: &SettingsForm) -> Result<()> {
    let mut tx = app.db.begin().await?;
    let (r, _) = load(&mut tx, actor, id, Right::Manage).await?;
    not_published(&r)?;
    let settings = form.parse(month_of(&r)?).map_err(ServiceError::Invalid)?;
    let before = settings_of(&r)?;
    if before == settings {
        return Ok(());
    }
    let json =
        serde_json::to_string(&settings).map_err(|e| ServiceError::Internal(e.to_string()))?;
    if !store::set_settings(&mut tx, r.agency_id, id, &json, "collecting", app.now()).await? {
        return Err(ServiceError::field("status", Message::RosterPublished));
    }
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "roster.settings", "roster", id)
            .in_unit(&r.unit_path)
            .before(&before)
            .after(&settings)],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

/// Sets the skills of people of the roster's unit: `(employee id, "loket, verifikator")`.
/// Only changed people are written; a draft goes back to collecting when any changed.
pub async fn set_skills(
    app: &App,
    actor: &Actor,
    id: i64,
    entries: &[(String, String)],
) -> Result<usize> {
    let mut tx = app.db.begin().await?;
    let (r, _) = load(&mut tx, actor, id, Right::Manage).await?;
    not_published(&r)?;
    let agency = r.agency_id;
    let people = store::people(&mut tx, agency, &r.unit_path, MAX_PEOPLE as i64).await?;
    let mut current: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (e, s) in store::skills_below(&mut tx, agency, &r.unit_path).await? {
        current.entry(e).or_default().push(s);
    }
    let mut errors = Vec::new();
    let mut changes: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (who, list) in entries {
        let person = who
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|e| people.iter().find(|p| p.id == e));
        let Some(person) = person else {
            errors.push(FieldError::new(
                format!("skills[{}]", who.trim()),
                Message::NotInRoster,
            ));
            continue;
        };
        match parse_skills(list) {
            Ok(mut skills) => {
                skills.sort();
                if current.get(&person.id).cloned().unwrap_or_default() != skills {
                    changes.insert(person.id, skills);
                }
            }
            Err(m) => errors.push(FieldError::new(format!("skills[{}]", person.name), m)),
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    if changes.is_empty() {
        return Ok(0);
    }
    for (e, skills) in &changes {
        store::set_skills(&mut tx, agency, *e, skills).await?;
    }
    if r.status == "draft" {
        store::set_status(&mut tx, agency, id, "collecting", app.now()).await?;
    }
    let before: BTreeMap<i64, Vec<String>> = changes
        .keys()
        .map(|e| (*e, current.get(e).cloned().unwrap_or_default()))
        .collect();
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "roster.skills", "roster", id)
            .in_unit(&r.unit_path)
            .before(&before)
            .after(&changes)],
    )
    .await?;
    commit(tx).await?;
    Ok(changes.len())
}
