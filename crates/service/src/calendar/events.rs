//! Agency events: busy periods (quarterly and annual reporting, audits, musrenbang, field
//! campaigns) for the whole agency or one unit subtree, so plans and training avoid them
//! (seed 004). Everyone in the agency sees them; agency admins manage the agency's, unit
//! admins those of units in their subtree. Every change is audited.

use super::manage::{FIRST_YEAR, LAST_YEAR};
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::calendar::parse_date;
use fleksi_domain::org::{bounded_text, OrgPath};
use fleksi_domain::{FieldError, Message};
use fleksi_store::calendar::{self as store, EventRow, NewEvent};
use fleksi_store::org::{self, UnitRow};
use fleksi_store::{audit as audit_store, commit};
use jiff::civil::{date, Date};

/// The kinds of event (the schema's CHECK holds the same list).
pub const KINDS: [&str; 5] = [
    "reporting",
    "audit",
    "musrenbang",
    "field_campaign",
    "other",
];

/// An event lasts at most this many days (a field campaign of a season, not a standing rule).
pub const MAX_DAYS: i64 = 92;

/// The agency's events that touch `year`.
pub async fn of_year(app: &App, actor: &Actor, year: i16) -> Result<Vec<EventRow>> {
    let agency = actor.agency()?;
    let mut c = app.db.conn().await?;
    let (first, last) = (date(year, 1, 1), date(year, 12, 31));
    Ok(store::events_between(&mut c, agency.0, &first.to_string(), &last.to_string()).await?)
}

/// May the actor manage an event of `unit` (None: the whole agency)?
fn may_manage(actor: &Actor, agency: fleksi_domain::AgencyId, unit_path: Option<&str>) -> bool {
    match unit_path {
        None => actor.access.is_agency_admin(agency),
        Some(p) => actor
            .access
            .can_administer(agency, &OrgPath::from_trusted(p.to_string())),
    }
}

/// The units the actor may add events for (all of them for agency admins, who may also
/// add agency-wide ones); empty for everyone else.
pub async fn units_for_events(app: &App, actor: &Actor) -> Result<Vec<UnitRow>> {
    let agency = actor.agency()?;
    if !actor.access.administers_any(agency) {
        return Ok(vec![]);
    }
    let mut c = app.db.conn().await?;
    Ok(org::list_units(&mut c, agency.0)
        .await?
        .into_iter()
        .filter(|u| may_manage(actor, agency, Some(&u.path)))
        .collect())
}

/// An event as typed: `unit_id` empty for the whole agency.
#[derive(Debug, Clone, Default)]
pub struct EventForm {
    pub unit_id: String,
    pub name: String,
    pub kind: String,
    pub first_day: String,
    pub last_day: String,
}

fn in_years(d: Date) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&d.year())
}

pub async fn add(app: &App, actor: &Actor, form: &EventForm) -> Result<i64> {
    let agency = actor.agency()?;
    if !actor.access.administers_any(agency) {
        return Err(ServiceError::Forbidden);
    }
    let mut errors = Vec::new();
    let name = bounded_text(&form.name, 150, true)
        .map_err(|m| errors.push(FieldError::new("name", m)))
        .ok()
        .flatten();
    let kind = KINDS.iter().find(|k| **k == form.kind.trim());
    if kind.is_none() {
        errors.push(FieldError::new(
            "kind",
            Message::InvalidChoice {
                allowed: KINDS.join(", "),
            },
        ));
    }
    let mut day = |field: &str, s: &str| match parse_date(s) {
        Ok(d) if in_years(d) => Some(d),
        Ok(_) => {
            errors.push(FieldError::new(
                field,
                Message::OutOfRange {
                    min: FIRST_YEAR.to_string(),
                    max: LAST_YEAR.to_string(),
                },
            ));
            None
        }
        Err(m) => {
            errors.push(FieldError::new(field, m));
            None
        }
    };
    let (first, last) = (
        day("first_day", &form.first_day),
        day("last_day", &form.last_day),
    );
    if let (Some(f), Some(l)) = (first, last) {
        let days = f.until(l).map(|s| s.get_days() as i64).unwrap_or(-1);
        if l < f || days >= MAX_DAYS {
            errors.push(FieldError::new(
                "last_day",
                Message::text_of(
                    format!("hari terakhir harus pada atau setelah hari pertama, paling lama {MAX_DAYS} hari"),
                    format!("the last day must be on or after the first, at most {MAX_DAYS} days"),
                ),
            ));
        }
    }
    let unit_id = match form.unit_id.trim() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                errors.push(FieldError::new("unit_id", Message::InvalidNumber));
                None
            }
        },
    };
    let mut tx = app.db.begin().await?;
    let unit = match unit_id {
        Some(id) => match org::get_unit(&mut tx, agency.0, id).await? {
            Some(u) => Some(u),
            None => {
                errors.push(FieldError::new("unit_id", Message::NotFound));
                None
            }
        },
        None => None,
    };
    // Permission on the unit named comes before any verdict on the rest of the form.
    if (unit.is_some() || form.unit_id.trim().is_empty())
        && !may_manage(actor, agency, unit.as_ref().map(|u| u.path.as_str()))
    {
        return Err(ServiceError::Forbidden);
    }
    let (Some(name), Some(kind), Some(first), Some(last), true) =
        (name, kind, first, last, errors.is_empty())
    else {
        return Err(ServiceError::Invalid(errors));
    };
    let new = NewEvent {
        unit_id: unit.as_ref().map(|u| u.id),
        name,
        kind: kind.to_string(),
        first_day: first.to_string(),
        last_day: last.to_string(),
    };
    let id = store::insert_event(&mut tx, agency.0, &new, actor.audit_user(), app.now()).await?;
    let mut entry = audit::event(app, actor, "agency_event.create", "agency_event", id).after(&new);
    if let Some(u) = &unit {
        entry = entry.in_unit(&u.path);
    }
    audit_store::append(&mut tx, &[entry]).await?;
    commit(tx).await?;
    Ok(id)
}

pub async fn delete(app: &App, actor: &Actor, id: i64) -> Result<()> {
    let agency = actor.agency()?;
    if !actor.access.administers_any(agency) {
        return Err(ServiceError::Forbidden);
    }
    let mut tx = app.db.begin().await?;
    let before = store::event(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !may_manage(actor, agency, before.unit_path.as_deref()) {
        return Err(ServiceError::Forbidden);
    }
    store::delete_event(&mut tx, agency.0, id).await?;
    let mut entry =
        audit::event(app, actor, "agency_event.delete", "agency_event", id).before(&before);
    if let Some(p) = &before.unit_path {
        entry = entry.in_unit(p);
    }
    audit_store::append(&mut tx, &[entry]).await?;
    commit(tx).await?;
    Ok(())
}
