//! The views over location plans and presence, and their exports: my week ([`week`]),
//! the team calendar ([`team`]), the unit board of today ([`board`]), the private
//! iCalendar feed of one's plan ([`feed`]) and the monthly attendance recap as CSV and
//! XLSX ([`recap`]). Everything here reads; the only writes are the feed tokens.
//!
//! Who sees what:
//! - my week and my feed: everyone, their own only;
//! - a unit's team calendar and recap: admins whose subtree holds the unit, auditors whose
//!   scope holds it, and the head of the unit or of a unit above it (an employee placed in
//!   it who supervises someone and whose own supervisor, if any, works elsewhere);
//! - a supervisor's team calendar: their direct reports;
//! - the unit board: the readers of the unit above, and supervisors placed in the unit.
//!
//! Each view reads one query per table for its dates and at most a page of people, so its
//! cost follows the week or month asked for, never anyone's history.

pub mod board;
pub mod feed;
pub mod recap;
pub mod team;
pub mod week;

use crate::{Actor, Result, ServiceError};
use fleksi_domain::calendar::parse_date;
use fleksi_domain::org::OrgPath;
use fleksi_domain::role::GrantedRole;
use fleksi_domain::roster::PlanLocation;
use fleksi_domain::timezone::Zone;
use fleksi_domain::{AgencyId, Message};
use fleksi_store::employee::{self, EmployeeRow};
use fleksi_store::org::{self, UnitRow};
use fleksi_store::schedule::{PendingDayRow, PlanRow, PresenceRow};
use fleksi_store::Conn;
use jiff::civil::Date;
use jiff::{Span, Timestamp};

/// At most this many people on one page of a view.
pub const PAGE: i64 = 300;

/// The actor as the views need them: their agency, their own record, and whether they
/// head their unit.
pub(crate) struct Viewer {
    pub agency: AgencyId,
    pub me: Option<EmployeeRow>,
    pub heads: bool,
}

impl Viewer {
    pub async fn load(c: &mut Conn, actor: &Actor) -> Result<Viewer> {
        let agency = actor.agency()?;
        let me = match actor.access.employee_id {
            Some(e) => employee::get(&mut *c, agency.0, e.0).await?,
            None => None,
        };
        let heads = match (&me, actor.access.is_supervisor) {
            (Some(e), true) => match e.supervisor_id {
                None => true,
                Some(s) => employee::get(&mut *c, agency.0, s)
                    .await?
                    .is_none_or(|boss| boss.unit_id != e.unit_id),
            },
            _ => false,
        };
        Ok(Viewer { agency, me, heads })
    }

    /// The viewer heads the unit at `path` or a unit above it.
    pub fn heads_above(&self, path: &str) -> bool {
        self.heads
            && self
                .me
                .as_ref()
                .is_some_and(|e| path.starts_with(e.unit_path.as_str()))
    }

    /// Reads the unit's team calendar and recap: admins of the subtree, auditors in scope,
    /// the head of the unit or of one above it.
    pub fn reads_unit(&self, actor: &Actor, unit: &UnitRow) -> bool {
        let path = OrgPath::from_trusted(unit.path.clone());
        actor.access.can_administer(self.agency, &path)
            || audits(actor, self.agency, &path)
            || self.heads_above(&unit.path)
    }

    /// Could read some unit's views at all: a cheap first check before any lookup.
    pub fn reads_any_unit(&self, actor: &Actor) -> bool {
        actor.access.administers_any(self.agency)
            || actor.access.is_supervisor
            || actor
                .access
                .grants
                .iter()
                .any(|g| g.role == GrantedRole::Auditor && g.agency_id == Some(self.agency))
    }
}

/// An auditor whose scope (the agency, or a subtree) holds `path`.
fn audits(actor: &Actor, agency: AgencyId, path: &OrgPath) -> bool {
    actor.access.grants.iter().any(|g| {
        g.role == GrantedRole::Auditor
            && g.agency_id == Some(agency)
            && g.unit_path.as_ref().is_none_or(|p| p.contains(path))
    })
}

/// A unit named by a request parameter: not a number → the field is named; a unit of
/// another agency or none at all → not found (ids cannot be probed).
pub(crate) async fn unit_param(
    c: &mut Conn,
    agency: AgencyId,
    raw: &str,
    field: &str,
) -> Result<UnitRow> {
    let id: i64 = raw
        .trim()
        .parse()
        .map_err(|_| ServiceError::field(field, Message::InvalidNumber))?;
    org::get_unit(c, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// A strict date parameter (`2026-02-30` is refused), naming the field.
pub(crate) fn date_param(raw: &str, field: &str) -> Result<Date> {
    parse_date(raw).map_err(|m| ServiceError::field(field, m))
}

/// Today in a zone given as stored (`WIB`, `WITA`, `WIT`).
pub(crate) fn today_in(now: Timestamp, zone: &str) -> Date {
    now.to_zoned(Zone::parse(zone).unwrap_or_default().tz())
        .date()
}

pub fn add_days(d: Date, n: i64) -> Date {
    d.checked_add(Span::new().days(n)).unwrap_or(d)
}

/// The dates `from..=to`.
pub(crate) fn dates(from: Date, to: Date) -> Vec<Date> {
    let mut out = Vec::new();
    let mut d = from;
    while d <= to {
        out.push(d);
        let next = add_days(d, 1);
        if next == d {
            break;
        }
        d = next;
    }
    out
}

/// A local time `HH:MM` of an instant in a zone.
pub(crate) fn local_time(at: i64, zone: Zone) -> String {
    Timestamp::from_millisecond(at)
        .map(|t| t.to_zoned(zone.tz()).strftime("%H:%M").to_string())
        .unwrap_or_default()
}

/// What one person's day shows: the approved (or roster-pending) plan, a request still
/// waiting, and presence.
#[derive(Debug, Clone, Default)]
pub struct DayPlan {
    /// The plan row of the day, whatever its status.
    pub plan: Option<PlanRow>,
    /// A pending request's day for this date.
    pub pending: Option<PendingDayRow>,
    pub presence: Option<PresenceRow>,
}

impl DayPlan {
    /// The approved location, if the day has one.
    pub fn approved(&self) -> Option<PlanLocation> {
        self.plan
            .as_ref()
            .filter(|p| p.status == "approved")
            .and_then(|p| PlanLocation::parse(&p.location).ok())
    }
}

/// A presence mark for a person's working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// Checked in on time.
    Present,
    /// Checked in late.
    Late,
    /// A past working day without a check-in (and not on leave, training or field duty).
    Absent,
    /// Today, not checked in yet.
    NotYet,
}

impl Mark {
    pub fn code(self) -> &'static str {
        match self {
            Mark::Present => "present",
            Mark::Late => "late",
            Mark::Absent => "absent",
            Mark::NotYet => "not_yet",
        }
    }
}

/// The mark of a day for a person: none for future days, days off and days away.
pub(crate) fn mark(day: &DayPlan, date: Date, today: Date, working: bool) -> Option<Mark> {
    if date > today || !working {
        return None;
    }
    match &day.presence {
        Some(p) if p.check_in_at.is_some() => Some(if p.late_minutes > 0 {
            Mark::Late
        } else {
            Mark::Present
        }),
        _ => {
            let away = matches!(
                fleksi_domain::schedule::whereabouts(day.approved()),
                fleksi_domain::schedule::Whereabouts::Away
            );
            if away {
                None
            } else if date == today {
                Some(Mark::NotYet)
            } else {
                Some(Mark::Absent)
            }
        }
    }
}
