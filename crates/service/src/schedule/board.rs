//! The unit board: today in the unit's time zone — who is in the office, who works
//! remotely (by location), who is away (leave, training, field duty), who has checked in
//! and who not yet, who was late; with the counts of the whole unit.

use super::{local_time, mark, today_in, unit_param, DayPlan, Mark, Viewer, PAGE};
use crate::{calendar, Actor, App, Result, ServiceError};
use fleksi_domain::calendar::WorkDay;
use fleksi_domain::roster::PlanLocation;
use fleksi_domain::schedule::{whereabouts, Whereabouts};
use fleksi_domain::timezone::Zone;
use fleksi_store::org::{self, UnitRow};
use fleksi_store::schedule::{self as store, PersonRow};
use jiff::civil::Date;
use std::collections::BTreeMap;

pub struct Board {
    pub unit: UnitRow,
    pub zone: Zone,
    pub today: Date,
    pub work: WorkDay,
    pub holiday: Option<String>,
    /// Everyone of the unit shown (at most a page), by name.
    pub people: Vec<BoardPerson>,
    pub counts: BoardCounts,
    /// Units the viewer may switch to.
    pub choices: Vec<UnitRow>,
}

pub struct BoardPerson {
    pub person: PersonRow,
    pub day: DayPlan,
    /// The approved location of today; none means the office.
    pub location: Option<PlanLocation>,
    pub whereabouts: Whereabouts,
    pub mark: Option<Mark>,
    pub check_in: Option<String>,
    pub check_out: Option<String>,
}

/// Counts over the whole unit, not only the people listed.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct BoardCounts {
    pub people: i64,
    /// Expected in the unit's own office by the approved plans (no plan: the office).
    pub office: i64,
    /// Working flexibly, by location code.
    pub remote: BTreeMap<String, i64>,
    /// On leave, training or field duty, by location code.
    pub away: BTreeMap<String, i64>,
    pub checked_in: i64,
    pub checked_in_office: i64,
    /// Expected to work today (not away) and not checked in.
    pub not_yet: i64,
    pub late: i64,
}

/// The board of `unit` (default: the viewer's own unit).
pub async fn board(app: &App, actor: &Actor, unit: Option<&str>) -> Result<Board> {
    let mut c = app.db.conn().await?;
    let viewer = Viewer::load(&mut c, actor).await?;
    if !viewer.reads_any_unit(actor) {
        return Err(ServiceError::Forbidden);
    }
    let agency = viewer.agency;
    let unit = match unit.map(str::trim).filter(|u| !u.is_empty()) {
        Some(raw) => unit_param(&mut c, agency, raw, "unit").await?,
        None => {
            let me = viewer
                .me
                .as_ref()
                .ok_or_else(|| ServiceError::field("unit", fleksi_domain::Message::Required))?;
            org::get_unit(&mut c, agency.0, me.unit_id)
                .await?
                .ok_or(ServiceError::NotFound)?
        }
    };
    // Supervisors placed in the unit see its board too: they run its day.
    let supervises_here =
        actor.access.is_supervisor && viewer.me.as_ref().is_some_and(|e| e.unit_id == unit.id);
    if !(viewer.reads_unit(actor, &unit) || supervises_here) {
        return Err(ServiceError::Forbidden);
    }
    let zone = Zone::parse(&unit.time_zone).unwrap_or_default();
    let today = today_in(app.clock.now(), &unit.time_zone);
    let cal = calendar::for_unit(&mut c, agency, unit.id, today, today).await?;
    let work = cal.day(today);
    let key = today.to_string();

    let people = store::people_below(&mut c, agency.0, &unit.path, None, PAGE).await?;
    let ids: Vec<i64> = people.iter().map(|p| p.id).collect();
    let plans = store::plans_of(&mut c, agency.0, &ids, &key, &key).await?;
    let pending = store::pending_days_of(&mut c, agency.0, &ids, &key, &key).await?;
    let presence = store::presence_of(&mut c, agency.0, &ids, &key, &key).await?;
    let listed: Vec<BoardPerson> = people
        .into_iter()
        .map(|person| {
            let day = DayPlan {
                plan: plans.iter().find(|p| p.employee_id == person.id).cloned(),
                pending: pending
                    .iter()
                    .filter(|p| p.employee_id == person.id)
                    .max_by_key(|p| p.request_id)
                    .cloned(),
                presence: presence
                    .iter()
                    .find(|p| p.employee_id == person.id)
                    .cloned(),
            };
            let location = day.approved();
            let at = |t: Option<i64>| t.map(|t| local_time(t, zone));
            BoardPerson {
                whereabouts: whereabouts(location),
                mark: mark(&day, today, today, work.is_working()),
                check_in: at(day.presence.as_ref().and_then(|p| p.check_in_at)),
                check_out: at(day.presence.as_ref().and_then(|p| p.check_out_at)),
                location,
                day,
                person,
            }
        })
        .collect();

    let mut counts = BoardCounts {
        people: store::count_below(&mut c, agency.0, &unit.path).await?,
        ..Default::default()
    };
    let mut not_office = 0;
    let mut away = 0;
    for (_, location, n) in
        store::approved_counts_below(&mut c, agency.0, &unit.path, &key, &key).await?
    {
        match whereabouts(PlanLocation::parse(&location).ok()) {
            Whereabouts::Flexible => {
                *counts.remote.entry(location).or_default() += n;
                not_office += n;
            }
            Whereabouts::Away => {
                *counts.away.entry(location).or_default() += n;
                not_office += n;
                away += n;
            }
            Whereabouts::Office => {}
        }
    }
    counts.office = (counts.people - not_office).max(0);
    if let Some((_, checked, office, late)) =
        store::presence_counts_below(&mut c, agency.0, &unit.path, &key, &key)
            .await?
            .into_iter()
            .next()
    {
        counts.checked_in = checked;
        counts.checked_in_office = office;
        counts.late = late;
    }
    counts.not_yet = if work.is_working() {
        (counts.people - away - counts.checked_in).max(0)
    } else {
        0
    };
    let choices = super::team::choices(&mut c, actor, &viewer).await?;
    Ok(Board {
        holiday: cal.holiday(today).map(|(_, n)| n.to_string()),
        unit,
        zone,
        today,
        work,
        people: listed,
        counts,
        choices,
    })
}
