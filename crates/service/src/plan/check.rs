//! Judging a request: the facts it needs are read for its own weeks only (the unit's
//! calendar and policy, the employee's eligibility and plan days of those weeks, the unit's
//! approved days away, busy periods), then the domain rules decide.

use crate::{calendar, eligibility, policy, Result, ServiceError};
use fleksi_domain::plan::rules::{self, BusyPeriod, Facts, Stage};
use fleksi_domain::plan::{expand, Flag, PlannedDay, Request};
use fleksi_domain::policy::Policy;
use fleksi_domain::roster::monday_of;
use fleksi_domain::{AgencyId, FieldError};
use fleksi_store::employee::EmployeeRow;
use fleksi_store::{calendar as calendar_store, flex_request as store, plan as plan_store, Conn};
use jiff::civil::Date;
use jiff::Span;
use std::collections::BTreeSet;

/// A request that passed every rule: its days and the flags for the approver.
#[derive(Debug, Clone)]
pub struct Checked {
    pub days: Vec<PlannedDay>,
    pub flags: Vec<Flag>,
    pub policy: Policy,
}

/// Runs every rule on `req` for employee `e` on `today` (in the unit's zone). At
/// submission the days are expanded from the pattern over the unit's calendar; at decision
/// `stored` are the days the employee asked for, less any that stopped being working days.
pub async fn evaluate(
    c: &mut Conn,
    agency: AgencyId,
    e: &EmployeeRow,
    req: &Request,
    stage: Stage,
    today: Date,
    stored: Option<Vec<PlannedDay>>,
) -> Result<Checked> {
    let effective = policy::effective(&mut *c, agency, e.unit_id).await?;
    let mut facts = Facts::new(today, effective.policy, stage);
    let elig = eligibility::of_employee(&mut *c, agency, e.id, today).await?;
    facts.eligible = elig.eligible;
    facts.not_eligible_because = elig.reasons;
    facts.max_flex_days = elig.max_flex_days;
    let errors = rules::check_request(req, &facts);
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    // The span is at most MAX_SPAN_DAYS here: the calendar is read for its weeks only.
    let from = monday_of(req.first_day);
    let to = monday_of(req.last_day)
        .checked_add(Span::new().days(6))
        .unwrap_or(req.last_day);
    let cal = calendar::for_unit(&mut *c, agency, e.unit_id, from, to).await?;
    let days = match stored {
        None => expand(req, |d| cal.day(d)).map_err(ServiceError::Invalid)?,
        Some(days) => days
            .into_iter()
            .filter(|d| cal.day(d.date).is_working())
            .collect(),
    };
    let mine: BTreeSet<Date> = days.iter().map(|d| d.date).collect();
    let (f, t) = (from.to_string(), to.to_string());
    for p in plan_store::of_employee(&mut *c, agency.0, e.id, &f, &t).await? {
        if p.status != "approved" {
            continue;
        }
        let date = super::stored_date(&p.date)?;
        match p.location.as_str() {
            "leave" | "training" | "field_duty" => {
                facts.fixed_away.insert(date, p.location);
            }
            "other_office" | "home" | "other" if !mine.contains(&date) => {
                facts.other_flex_days.insert(date);
            }
            _ => {}
        }
    }
    facts.unit_people = store::unit_people(&mut *c, agency.0, e.unit_id).await? as u32;
    let (first, last) = (req.first_day.to_string(), req.last_day.to_string());
    for (d, n) in store::away_counts(&mut *c, agency.0, e.unit_id, e.id, &first, &last).await? {
        facts.away_others.insert(super::stored_date(&d)?, n as u32);
    }
    for ev in calendar_store::events_between(&mut *c, agency.0, &first, &last).await? {
        // An event of a unit concerns everyone at or below it; one without a unit, the agency.
        let applies = ev
            .unit_path
            .as_deref()
            .is_none_or(|p| e.unit_path.starts_with(p));
        if applies {
            facts.busy.push(BusyPeriod {
                first_day: super::stored_date(&ev.first_day)?,
                last_day: super::stored_date(&ev.last_day)?,
                name: ev.name,
            });
        }
    }
    let flags = rules::check_days(&days, &facts).map_err(ServiceError::Invalid)?;
    Ok(Checked {
        days,
        flags,
        policy: facts.policy,
    })
}

/// Field errors renamed to one field (at decision: the request, `ids[12]`).
pub fn renamed(e: ServiceError, field: &str) -> ServiceError {
    match e {
        ServiceError::Invalid(errors) => ServiceError::Invalid(
            errors
                .into_iter()
                .map(|f| FieldError::new(field, f.message))
                .collect(),
        ),
        other => other,
    }
}
