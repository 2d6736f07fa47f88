//! The working calendar: what a date means for a unit (its zone, policy, the national
//! holidays and Ramadan), the national lists kept by system administrators, and agency
//! events (busy periods) kept by agency and unit admins.
//!
//! - [`for_unit`] / [`UnitCalendar`]: the hot path (plans, check-ins): a few indexed
//!   queries for a bounded range of dates, never a scan of history.
//! - [`Cache`]: the same, kept a short while per unit and range for check-ins.
//! - [`ensure_builtin`]: loads the shipped years once at start-up.
//! - [`manage`]: the national holidays and Ramadan as system administrators change them.
//! - [`events`]: agency events (busy periods) managed by agency and unit admins.
//! - [`working_days`]: the working-days answer of the API.

mod cache;
pub mod events;
pub mod manage;
mod working;

pub use cache::{Cache, FRESH_FOR};
pub use working::{working_days, WorkingDays, MAX_RANGE_DAYS};

use crate::{policy, Result, ServiceError};
use fleksi_domain::calendar::{
    builtin_holidays, builtin_ramadan, work_day, HolidayKind, WorkDay, BUILTIN_YEARS,
};
use fleksi_domain::policy::{Effective, Policy};
use fleksi_domain::timezone::Zone;
use fleksi_domain::AgencyId;
use fleksi_store::calendar::{self as store, NewHoliday};
use fleksi_store::{commit, org, Conn, Db, Millis};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// What `day` needs for a range of dates of one unit.
#[derive(Debug, Clone)]
pub struct UnitCalendar {
    pub unit_id: i64,
    pub zone: Zone,
    pub policy: Policy,
    /// The effective policy with where each value comes from.
    pub effective: Effective,
    /// The range loaded: dates outside it are read as having no holiday and no Ramadan.
    pub from: Date,
    pub to: Date,
    holidays: BTreeMap<Date, (HolidayKind, String)>,
    ramadan: Vec<(Date, Date)>,
}

impl UnitCalendar {
    /// The unit's day: worked or not (weekend, holiday, cuti bersama), start, break and
    /// expected minutes under its policy (Perpres 21/2023).
    pub fn day(&self, date: Date) -> WorkDay {
        work_day(
            &self.policy,
            date,
            self.holiday(date).map(|(k, _)| k),
            self.in_ramadan(date),
        )
    }

    /// The national holiday or cuti bersama on `date`, with its name in Indonesian.
    pub fn holiday(&self, date: Date) -> Option<(HolidayKind, &str)> {
        self.holidays.get(&date).map(|(k, n)| (*k, n.as_str()))
    }

    pub fn in_ramadan(&self, date: Date) -> bool {
        self.ramadan
            .iter()
            .any(|(first, last)| *first <= date && date <= *last)
    }
}

fn parse_stored_date(s: &str) -> Result<Date> {
    s.parse::<Date>()
        .map_err(|_| ServiceError::Internal(format!("stored date {s}")))
}

/// Loads what `day` needs for `from..=to` (a bounded range: only those dates' rows).
pub async fn for_unit(
    c: &mut Conn,
    agency: AgencyId,
    unit_id: i64,
    from: Date,
    to: Date,
) -> Result<UnitCalendar> {
    let unit = org::get_unit(&mut *c, agency.0, unit_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let effective = policy::effective_of(&mut *c, agency, &unit).await?;
    let (f, t) = (from.to_string(), to.to_string());
    let mut holidays = BTreeMap::new();
    for h in store::holidays_between(&mut *c, &f, &t).await? {
        let kind = HolidayKind::parse(&h.kind)
            .map_err(|_| ServiceError::Internal(format!("stored holiday kind {}", h.kind)))?;
        holidays.insert(parse_stored_date(&h.date)?, (kind, h.name));
    }
    let mut ramadan = Vec::new();
    for r in store::ramadan_overlapping(&mut *c, &f, &t).await? {
        ramadan.push((
            parse_stored_date(&r.first_day)?,
            parse_stored_date(&r.last_day)?,
        ));
    }
    Ok(UnitCalendar {
        unit_id,
        zone: Zone::parse(&unit.time_zone).unwrap_or_default(),
        policy: effective.policy.clone(),
        effective,
        from,
        to,
        holidays,
        ramadan,
    })
}

/// Loads the built-in years (2025–2027) into `holidays`/`ramadan_periods` once (marked in
/// calendar_years), so an administrator's later corrections are never overwritten.
pub async fn ensure_builtin(db: &Db, now: Millis) -> Result<()> {
    let mut tx = db.begin().await?;
    for year in BUILTIN_YEARS {
        // Claiming the year first makes two processes starting at once load it once: the
        // second waits on the first's row and then finds it taken.
        if !store::claim_year(&mut tx, year as i64, "builtin", now).await? {
            continue;
        }
        let rows: Vec<NewHoliday> = builtin_holidays(year)
            .into_iter()
            .map(|h| NewHoliday {
                date: h.date.to_string(),
                name: h.name_id.to_string(),
                name_en: h.name_en.to_string(),
                kind: h.kind.code().to_string(),
                estimate: h.estimate,
            })
            .collect();
        store::insert_holidays_missing(&mut tx, &rows, now).await?;
        if let Some((first, last, estimate)) = builtin_ramadan(year) {
            store::insert_ramadan_missing(
                &mut tx,
                year as i64,
                &first.to_string(),
                &last.to_string(),
                estimate,
                now,
            )
            .await?;
        }
    }
    commit(tx).await?;
    Ok(())
}
