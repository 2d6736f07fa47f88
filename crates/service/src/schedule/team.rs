//! The team calendar of a week: who is where each day (office, another office, home,
//! elsewhere, leave, training, field duty; pending requests apart), presence marks for
//! past days and today, and per working day the office head-count against the unit's
//! seats, its minimum on site and its away share, with the gaps named.
//!
//! A unit's calendar counts the whole unit (aggregate queries), however many people one
//! page lists; a supervisor's own calendar of direct reports counts the people shown and
//! names no gaps (a unit's seats and minimum are about the whole unit).

use super::{add_days, dates, mark, today_in, unit_param, DayPlan, Mark, Viewer, PAGE};
use crate::{calendar, Actor, App, Result, ServiceError};
use fleksi_domain::calendar::WorkDay;
use fleksi_domain::policy::Policy;
use fleksi_domain::roster::{monday_of, PlanLocation};
use fleksi_domain::schedule::{gaps, whereabouts, DayCount, Gap, Whereabouts};
use fleksi_store::employee;
use fleksi_store::org::{self, UnitRow};
use fleksi_store::schedule::{self as store, PersonRow};
use fleksi_store::Conn;
use jiff::civil::{Date, Weekday};
use std::collections::BTreeMap;

/// Whose calendar it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Everyone at or below the unit.
    Unit,
    /// The viewer's direct reports.
    Reports,
}

/// What the caller asks for; every part optional.
#[derive(Debug, Clone, Default)]
pub struct TeamQuery {
    pub week: Option<String>,
    pub unit: Option<String>,
    /// The id of the last person of the previous page.
    pub after: Option<String>,
}

pub struct TeamWeek {
    pub group: Group,
    /// The unit whose calendar and policy apply (for direct reports: the viewer's unit).
    pub unit: UnitRow,
    pub policy: Policy,
    pub monday: Date,
    pub today: Date,
    /// The days shown: Monday to Friday, and a weekend day the unit works.
    pub days: Vec<TeamDay>,
    pub people: Vec<PersonWeek>,
    /// Everyone in the group (all pages).
    pub total: i64,
    /// The key of the next page, if there is one.
    pub next_after: Option<i64>,
    /// Other units the viewer may open (admins, auditors, heads), by path.
    pub choices: Vec<UnitRow>,
}

pub struct TeamDay {
    pub date: Date,
    pub work: WorkDay,
    pub holiday: Option<String>,
    pub count: DayCount,
    pub gaps: Vec<Gap>,
    /// Checked in, checked in at the office, late — for today and past days.
    pub presence: Option<(i64, i64, i64)>,
}

impl TeamDay {
    pub fn working(&self) -> bool {
        self.work.is_working()
    }
}

pub struct PersonWeek {
    pub person: PersonRow,
    /// One per shown day.
    pub days: Vec<(DayPlan, Option<Mark>)>,
}

/// The team calendar the viewer asked for.
pub async fn team_week(app: &App, actor: &Actor, q: &TeamQuery) -> Result<TeamWeek> {
    let mut c = app.db.conn().await?;
    let viewer = Viewer::load(&mut c, actor).await?;
    if !viewer.reads_any_unit(actor) {
        return Err(ServiceError::Forbidden);
    }
    let agency = viewer.agency;
    let (group, unit) = match q.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(raw) => {
            let unit = unit_param(&mut c, agency, raw, "unit").await?;
            if !viewer.reads_unit(actor, &unit) {
                return Err(ServiceError::Forbidden);
            }
            (Group::Unit, unit)
        }
        None => default_group(&mut c, actor, &viewer).await?,
    };
    let today = today_in(app.clock.now(), &unit.time_zone);
    let week = match q.week.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
        Some(w) => super::date_param(w, "week")?,
        None => today,
    };
    let monday = monday_of(week);
    let sunday = add_days(monday, 6);
    let cal = calendar::for_unit(&mut c, agency, unit.id, monday, sunday).await?;
    let shown: Vec<Date> = dates(monday, sunday)
        .into_iter()
        .filter(|d| {
            !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
                || cal.policy.work_days.contains(d.weekday())
        })
        .collect();
    let (from, to) = (monday.to_string(), sunday.to_string());

    let (people, total, next_after) = match group {
        Group::Unit => {
            let after = match q.after.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
                Some(a) => {
                    let id: i64 = a.parse().map_err(|_| {
                        ServiceError::field("after", fleksi_domain::Message::InvalidNumber)
                    })?;
                    let e = employee::get(&mut c, agency.0, id)
                        .await?
                        .ok_or(ServiceError::NotFound)?;
                    Some((e.name, e.id))
                }
                None => None,
            };
            let mut people = store::people_below(
                &mut c,
                agency.0,
                &unit.path,
                after.as_ref().map(|(n, i)| (n.as_str(), *i)),
                PAGE + 1,
            )
            .await?;
            let more = people.len() as i64 > PAGE;
            people.truncate(PAGE as usize);
            let total = store::count_below(&mut c, agency.0, &unit.path).await?;
            let next = more.then(|| people.last().map(|p| p.id)).flatten();
            (people, total, next)
        }
        Group::Reports => {
            let me = viewer.me.as_ref().ok_or(ServiceError::Forbidden)?;
            let people = store::reports_of(&mut c, agency.0, me.id, PAGE).await?;
            let total = people.len() as i64;
            (people, total, None)
        }
    };
    let ids: Vec<i64> = people.iter().map(|p| p.id).collect();
    let plans = store::plans_of(&mut c, agency.0, &ids, &from, &to).await?;
    let pending = store::pending_days_of(&mut c, agency.0, &ids, &from, &to).await?;
    let presence = store::presence_of(&mut c, agency.0, &ids, &from, &to).await?;

    let mut by_person: BTreeMap<(i64, String), DayPlan> = BTreeMap::new();
    for p in plans {
        let key = (p.employee_id, p.date.clone());
        by_person.entry(key).or_default().plan = Some(p);
    }
    for p in pending {
        let slot = &mut by_person
            .entry((p.employee_id, p.date.clone()))
            .or_default()
            .pending;
        // Two pending requests for one date: the later one is what the person asks now.
        if slot.as_ref().is_none_or(|s| s.request_id < p.request_id) {
            *slot = Some(p);
        }
    }
    for p in presence {
        let key = (p.employee_id, p.date.clone());
        by_person.entry(key).or_default().presence = Some(p);
    }
    let people: Vec<PersonWeek> = people
        .into_iter()
        .map(|person| {
            let days = shown
                .iter()
                .map(|d| {
                    let day = by_person
                        .remove(&(person.id, d.to_string()))
                        .unwrap_or_default();
                    let m = mark(&day, *d, today, cal.day(*d).is_working());
                    (day, m)
                })
                .collect();
            PersonWeek { person, days }
        })
        .collect();

    // Head-counts: a unit's from aggregates over the whole unit, direct reports' from the
    // rows shown (they are all shown).
    let mut counts: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut present: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    match group {
        Group::Unit => {
            for (date, location, n) in
                store::approved_counts_below(&mut c, agency.0, &unit.path, &from, &to).await?
            {
                let loc = PlanLocation::parse(&location).ok();
                let e = counts.entry(date).or_default();
                match whereabouts(loc) {
                    Whereabouts::Flexible => e.0 += n as u32,
                    Whereabouts::Away => e.1 += n as u32,
                    Whereabouts::Office => {}
                }
            }
            for (date, checked, office, late) in
                store::presence_counts_below(&mut c, agency.0, &unit.path, &from, &to).await?
            {
                present.insert(date, (checked, office, late));
            }
        }
        Group::Reports => {
            for pw in &people {
                for (d, (day, _)) in shown.iter().zip(&pw.days) {
                    let key = d.to_string();
                    let e = counts.entry(key.clone()).or_default();
                    match whereabouts(day.approved()) {
                        Whereabouts::Flexible => e.0 += 1,
                        Whereabouts::Away => e.1 += 1,
                        Whereabouts::Office => {}
                    }
                    if let Some(p) = day.presence.as_ref().filter(|p| p.check_in_at.is_some()) {
                        let s = present.entry(key).or_default();
                        s.0 += 1;
                        if p.check_in_location.as_deref() == Some("office") {
                            s.1 += 1;
                        }
                        if p.late_minutes > 0 {
                            s.2 += 1;
                        }
                    }
                }
            }
        }
    }
    let days = shown
        .iter()
        .map(|d| {
            let key = d.to_string();
            let work = cal.day(*d);
            let (flexible, away) = counts.get(&key).copied().unwrap_or_default();
            let count = DayCount::of(total.max(0) as u32, flexible, away);
            let day_gaps = if group == Group::Unit && work.is_working() {
                gaps(&cal.policy, &count)
            } else {
                vec![]
            };
            TeamDay {
                date: *d,
                work,
                holiday: cal.holiday(*d).map(|(_, n)| n.to_string()),
                count,
                gaps: day_gaps,
                presence: (*d <= today && work.is_working())
                    .then(|| present.get(&key).copied().unwrap_or_default()),
            }
        })
        .collect();
    let choices = choices(&mut c, actor, &viewer).await?;
    Ok(TeamWeek {
        group,
        policy: cal.policy.clone(),
        unit,
        monday,
        today,
        days,
        people,
        total,
        next_after,
        choices,
    })
}

/// Without a unit asked for: the head's own unit, a supervisor's direct reports, else the
/// first unit the viewer reads (their own when they may).
async fn default_group(c: &mut Conn, actor: &Actor, viewer: &Viewer) -> Result<(Group, UnitRow)> {
    let agency = viewer.agency;
    if let Some(me) = &viewer.me {
        let own = org::get_unit(&mut *c, agency.0, me.unit_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if viewer.heads || viewer.reads_unit(actor, &own) {
            return Ok((Group::Unit, own));
        }
        if actor.access.is_supervisor {
            return Ok((Group::Reports, own));
        }
    }
    let first = org::list_units(&mut *c, agency.0)
        .await?
        .into_iter()
        .filter(|u| viewer.reads_unit(actor, u))
        .min_by(|a, b| (a.path.len(), &a.path).cmp(&(b.path.len(), &b.path)));
    match first {
        Some(u) => Ok((Group::Unit, u)),
        None => Err(ServiceError::Forbidden),
    }
}

/// At most this many units in the chooser.
const MAX_CHOICES: usize = 200;

/// The units the viewer may open, by path (a unit reader's list; empty for a supervisor
/// who reads only their direct reports).
pub(crate) async fn choices(c: &mut Conn, actor: &Actor, viewer: &Viewer) -> Result<Vec<UnitRow>> {
    let mut units: Vec<UnitRow> = org::list_units(c, viewer.agency.0)
        .await?
        .into_iter()
        .filter(|u| viewer.reads_unit(actor, u))
        .collect();
    units.sort_by(|a, b| a.path.cmp(&b.path));
    units.truncate(MAX_CHOICES);
    Ok(units)
}
