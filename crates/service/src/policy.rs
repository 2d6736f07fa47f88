//! Unit policies: the effective policy of a unit (national defaults, then the agency's
//! overrides, then each ancestor's down to the unit) with where each value comes from,
//! and changing one level's overrides.
//!
//! Reading: anyone who may read the unit (see [`may_read_unit`]); the agency level: anyone
//! in the agency. Changing: admins who administer the unit's subtree; the agency level:
//! agency admins. A change is refused, naming the field, when it would leave the unit or
//! any unit below it with a policy that breaks `policy::check`.

mod edit;
pub mod form;

pub use edit::{set_agency, set_unit, Change};

use crate::{Actor, App, Result, ServiceError};
use fleksi_domain::org::OrgPath;
use fleksi_domain::policy::{resolve, Effective, Level, Overrides, Source};
use fleksi_domain::role::ReadScope;
use fleksi_domain::AgencyId;
use fleksi_store::org::{self, UnitRow};
use fleksi_store::policy::{self as store, LevelRow};
use fleksi_store::{employee, Conn};

/// The effective policy of a unit: agency-level overrides (unit_policies.unit_id NULL), then
/// each ancestor's down to the unit (by the unit's OrgPath), national defaults for the rest.
pub async fn effective(c: &mut Conn, agency: AgencyId, unit_id: i64) -> Result<Effective> {
    let unit = org::get_unit(&mut *c, agency.0, unit_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    effective_of(c, agency, &unit).await
}

/// `effective` for a unit already loaded: one query.
pub async fn effective_of(c: &mut Conn, agency: AgencyId, unit: &UnitRow) -> Result<Effective> {
    let ids = path_ids(&unit.path);
    let rows = store::levels(c, agency.0, &ids).await?;
    Ok(resolve(&levels_in_order(&rows, &ids, None)?))
}

/// The ids on a materialized path, top first: `/1/5/12/` → `[1, 5, 12]`.
pub(crate) fn path_ids(path: &str) -> Vec<i64> {
    path.split('/')
        .filter_map(|s| s.parse::<i64>().ok())
        .collect()
}

pub(crate) fn parse_overrides(settings: &str) -> Result<Overrides> {
    serde_json::from_str(settings)
        .map_err(|e| ServiceError::Internal(format!("stored policy settings: {e}")))
}

/// The levels from the agency down the path, each with its overrides; `replace` stands
/// in for one level's stored overrides (a change being checked before it is written):
/// `Some((None, o))` for the agency level, `Some((Some(id), o))` for a unit.
pub(crate) fn levels_in_order(
    rows: &[LevelRow],
    ids: &[i64],
    replace: Option<(Option<i64>, &Overrides)>,
) -> Result<Vec<Level>> {
    let mut levels = Vec::with_capacity(ids.len() + 1);
    let stored = |unit: Option<i64>| rows.iter().find(|r| r.unit_id == unit);
    let overrides_of = |unit: Option<i64>| -> Result<Option<Overrides>> {
        if let Some((u, o)) = replace {
            if u == unit {
                return Ok(Some(o.clone()));
            }
        }
        stored(unit)
            .map(|r| parse_overrides(&r.settings))
            .transpose()
    };
    if let Some(o) = overrides_of(None)? {
        levels.push(Level {
            source: Source::Agency,
            overrides: o,
        });
    }
    for (i, id) in ids.iter().enumerate() {
        let own = i + 1 == ids.len();
        match overrides_of(Some(*id))? {
            Some(o) => levels.push(Level {
                source: Source::Unit {
                    id: *id,
                    name: stored(Some(*id))
                        .and_then(|r| r.unit_name.clone())
                        .unwrap_or_default(),
                },
                overrides: o,
            }),
            // The unit itself must be the last level even when it sets nothing, or an
            // ancestor's unit-only values (seats, minimum on site) would count as its own.
            None if own => levels.push(Level {
                source: Source::Unit {
                    id: *id,
                    name: String::new(),
                },
                overrides: Overrides::default(),
            }),
            None => {}
        }
    }
    Ok(levels)
}

/// Whether the actor may read this unit's calendar and policy: agency-wide readers any unit;
/// unit admins and unit auditors their subtrees; everyone their own unit and the units
/// above it (whose policy theirs inherits); a supervisor also the units below their own
/// and the units of the people who report to them directly.
pub async fn may_read_unit(
    c: &mut Conn,
    actor: &Actor,
    agency: AgencyId,
    unit: &UnitRow,
) -> Result<bool> {
    let path = OrgPath::from_trusted(unit.path.clone());
    match actor.access.read_scope(agency) {
        ReadScope::Agency => return Ok(true),
        ReadScope::Units(paths) => {
            if paths.iter().any(|p| p.contains(&path)) {
                return Ok(true);
            }
        }
        ReadScope::Own => {}
    }
    let Some(me) = actor.access.employee_id else {
        return Ok(false);
    };
    let Some(e) = employee::get(&mut *c, agency.0, me.0).await? else {
        return Ok(false);
    };
    if e.unit_path.starts_with(&unit.path) {
        return Ok(true);
    }
    if actor.access.is_supervisor {
        if unit.path.starts_with(&e.unit_path) {
            return Ok(true);
        }
        return Ok(store::supervises_someone_in(&mut *c, agency.0, me.0, unit.id).await?);
    }
    Ok(false)
}

/// A unit's policy as its page and the API show it.
pub struct UnitPolicy {
    pub unit: UnitRow,
    pub effective: Effective,
    /// What this unit itself sets.
    pub own: Overrides,
    /// What the unit would have if it set nothing itself (shown beside an empty field).
    pub inherited: Effective,
    /// May change this unit's values.
    pub can_edit: bool,
}

/// The policy of a unit of the actor's agency. Another agency's unit is "not found"; one
/// the actor may not read is forbidden.
pub async fn of_unit(app: &App, actor: &Actor, unit_id: i64) -> Result<UnitPolicy> {
    let agency = actor.agency()?;
    let mut c = app.db.conn().await?;
    let unit = org::get_unit(&mut c, agency.0, unit_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !may_read_unit(&mut c, actor, agency, &unit).await? {
        return Err(ServiceError::Forbidden);
    }
    let ids = path_ids(&unit.path);
    let rows = store::levels(&mut c, agency.0, &ids).await?;
    let own = match rows.iter().find(|r| r.unit_id == Some(unit.id)) {
        Some(r) => parse_overrides(&r.settings)?,
        None => Overrides::default(),
    };
    let effective = resolve(&levels_in_order(&rows, &ids, None)?);
    let inherited = resolve(&levels_in_order(
        &rows,
        &ids,
        Some((Some(unit.id), &Overrides::default())),
    )?);
    let can_edit = actor
        .access
        .can_administer(agency, &OrgPath::from_trusted(unit.path.clone()));
    Ok(UnitPolicy {
        unit,
        effective,
        own,
        inherited,
        can_edit,
    })
}

/// The agency-wide level as its page shows it.
pub struct AgencyPolicy {
    pub effective: Effective,
    pub own: Overrides,
    pub can_edit: bool,
}

/// The agency-wide policy: readable by anyone in the agency (it is the rule book, not
/// personal data), changed by agency admins.
pub async fn of_agency(app: &App, actor: &Actor) -> Result<AgencyPolicy> {
    let agency = actor.agency()?;
    let mut c = app.db.conn().await?;
    let own = match store::get(&mut c, agency.0, None).await? {
        Some(s) => parse_overrides(&s)?,
        None => Overrides::default(),
    };
    let effective = resolve(&[Level {
        source: Source::Agency,
        overrides: own.clone(),
    }]);
    Ok(AgencyPolicy {
        effective,
        own,
        can_edit: actor.access.is_agency_admin(agency),
    })
}
