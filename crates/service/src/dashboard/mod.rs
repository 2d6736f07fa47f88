//! Output dashboards (issue 5, seed 001: "output did not drop"): for a unit subtree — its
//! admins, auditors in scope and heads — or for a supervisor's direct reports, by week and
//! for the month: tasks done and on time, time to first response, blocked report items,
//! the report submission rate; each split by where the day was worked (office or remote).
//! Nobody is ranked: the figures are of the group.
//!
//! A unit's figures come from the running totals per unit and day (`output_unit_days`),
//! so a month costs units × days × 2 rows whatever the headcount and however many years
//! lie behind it; a team's from the totals per person and day of at most a page of people.
//!
//! - [`recap`]: the unit's month per person, as an XLSX workbook.

pub mod recap;

use crate::schedule::team::choices;
use crate::schedule::{unit_param, Viewer, PAGE};
use crate::{Actor, App, Result, ServiceError};
use fleksi_domain::performance::{Totals, WorkPlace};
use fleksi_domain::roster::{monday_of, Month};
use fleksi_domain::Message;
use fleksi_store::dashboard::{self as store, DayTotals, PersonDayRow};
use fleksi_store::org::UnitRow;
use fleksi_store::schedule as people;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// Office and remote figures of a stretch of days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Split {
    pub office: Totals,
    pub remote: Totals,
}

impl Split {
    pub fn all(&self) -> Totals {
        let mut t = self.office;
        t.add(&self.remote);
        t
    }

    fn add(&mut self, place: &str, t: &Totals) {
        match WorkPlace::parse(place) {
            Some(WorkPlace::Remote) => self.remote.add(t),
            _ => self.office.add(t),
        }
    }
}

/// Whose figures a dashboard shows.
#[derive(Debug, Clone, serde::Serialize)]
pub enum Scope {
    Unit(UnitRow),
    /// The actor's direct reports.
    Team,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Dashboard {
    pub scope: Scope,
    pub month: String,
    /// People counted now (the unit subtree's headcount, or the team's size).
    pub people: i64,
    /// Each week (its Monday) that touches the month, its days inside the month only.
    pub weeks: Vec<(Date, Split)>,
    pub total: Split,
    /// Units the reader may open instead.
    pub units: Vec<(i64, String)>,
}

fn totals_of(d: &DayTotals) -> Totals {
    Totals {
        due: d.due,
        due_reported: d.due_reported,
        reports: d.reports,
        items: d.items,
        items_done: d.items_done,
        items_blocked: d.items_blocked,
        tasks_done: d.tasks_done,
        tasks_on_time: d.tasks_on_time,
        tasks_late: d.tasks_late,
        responses: d.responses,
        response_ms: d.response_ms,
    }
}

fn day_of_person(p: &PersonDayRow) -> DayTotals {
    DayTotals {
        date: p.date.clone(),
        place: p.place.clone(),
        due: p.due,
        due_reported: p.due * p.reported,
        reports: p.reported,
        items: p.items,
        items_done: p.items_done,
        items_blocked: p.items_blocked,
        tasks_done: p.tasks_done,
        tasks_on_time: p.tasks_on_time,
        tasks_late: p.tasks_late,
        responses: p.responses,
        response_ms: p.response_ms,
    }
}

/// Adds days up by week and for the month.
fn roll_up(days: &[DayTotals], month: Month) -> (Vec<(Date, Split)>, Split) {
    let mut weeks: BTreeMap<Date, Split> = BTreeMap::new();
    let mut d = monday_of(month.first());
    while d <= month.last() {
        weeks.insert(d, Split::default());
        match d.checked_add(jiff::Span::new().days(7)) {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    let mut total = Split::default();
    for day in days {
        let Ok(date) = day.date.parse::<Date>() else {
            continue;
        };
        let t = totals_of(day);
        weeks
            .entry(monday_of(date))
            .or_default()
            .add(&day.place, &t);
        total.add(&day.place, &t);
    }
    (weeks.into_iter().collect(), total)
}

fn month_of(raw: &str, today: Date) -> Result<Month> {
    if raw.trim().is_empty() {
        return Ok(Month::of(today));
    }
    let m = Month::parse(raw).map_err(|m| ServiceError::field("month", m))?;
    if m.first() > today {
        return Err(ServiceError::field(
            "month",
            Message::text_of("bulan belum dimulai", "the month has not begun"),
        ));
    }
    Ok(m)
}

/// The dashboard of unit `unit` (an id) for its readers, or — without a unit — of the
/// actor's direct reports (a reader without reports: their first unit).
pub async fn get(app: &App, actor: &Actor, unit: Option<&str>, month: &str) -> Result<Dashboard> {
    let mut c = app.db.conn().await?;
    let viewer = Viewer::load(&mut c, actor).await?;
    if !viewer.reads_any_unit(actor) {
        return Err(ServiceError::Forbidden);
    }
    let units: Vec<(i64, String)> = choices(&mut c, actor, &viewer)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let agency = viewer.agency.0;
    // A reader without a team of their own (an admin, an auditor) starts at their first unit.
    let first = (!actor.access.is_supervisor)
        .then(|| units.first().map(|(id, _)| id.to_string()))
        .flatten();
    match unit.filter(|u| !u.trim().is_empty()).or(first.as_deref()) {
        Some(raw) => {
            let u = unit_param(&mut c, viewer.agency, raw, "unit").await?;
            if !viewer.reads_unit(actor, &u) {
                return Err(ServiceError::Forbidden);
            }
            let month = month_of(month, crate::report::today_of(app, &u.time_zone))?;
            let days = store::unit_days_below(
                &mut c,
                agency,
                &u.path,
                &month.first().to_string(),
                &month.last().to_string(),
            )
            .await?;
            let (weeks, total) = roll_up(&days, month);
            Ok(Dashboard {
                people: people::count_below(&mut c, agency, &u.path).await?,
                scope: Scope::Unit(u),
                month: month.code(),
                weeks,
                total,
                units,
            })
        }
        None => {
            let me = viewer.me.as_ref().ok_or(ServiceError::Forbidden)?;
            if !actor.access.is_supervisor {
                return Err(ServiceError::Forbidden);
            }
            let month = month_of(month, crate::report::today_of(app, &me.time_zone))?;
            let team = people::reports_of(&mut c, agency, me.id, PAGE).await?;
            let ids: Vec<i64> = team.iter().map(|p| p.id).collect();
            let days: Vec<DayTotals> = store::person_days(
                &mut c,
                agency,
                &ids,
                &month.first().to_string(),
                &month.last().to_string(),
            )
            .await?
            .iter()
            .map(day_of_person)
            .collect();
            let (weeks, total) = roll_up(&days, month);
            Ok(Dashboard {
                scope: Scope::Team,
                month: month.code(),
                people: ids.len() as i64,
                weeks,
                total,
                units,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(date: &str, place: &str, tasks: i64) -> DayTotals {
        DayTotals {
            date: date.into(),
            place: place.into(),
            due: 2,
            due_reported: 1,
            reports: 1,
            items: 3,
            items_done: 1,
            items_blocked: 1,
            tasks_done: tasks,
            tasks_on_time: tasks,
            tasks_late: 0,
            responses: 1,
            response_ms: 3_600_000,
        }
    }

    #[test]
    fn days_roll_up_by_week_and_place() {
        let month = Month::parse("2026-11").unwrap();
        let (weeks, total) = roll_up(
            &[
                day("2026-11-02", "office", 1),
                day("2026-11-03", "remote", 2),
                day("2026-11-30", "office", 4),
            ],
            month,
        );
        // November 2026 touches the weeks of 26 Oct … 30 Nov: six Mondays.
        assert_eq!(weeks.len(), 6);
        assert_eq!(weeks[0].0.to_string(), "2026-10-26");
        let second = weeks[1].1;
        assert_eq!((second.office.tasks_done, second.remote.tasks_done), (1, 2));
        assert_eq!(weeks[5].1.office.tasks_done, 4);
        assert_eq!(total.all().tasks_done, 7);
        assert_eq!(total.all().submission_rate(), Some(50.0));
    }
}
