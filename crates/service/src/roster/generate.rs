//! Generating a roster: the solver's instance is built from the database (the unit
//! subtree's people, their skills, approved plans and wishes, and the roster's settings),
//! solved off the async threads, checked by the independent validator, and stored with the
//! instance so the result can be reproduced.

use super::{load, month_of, not_published, settings_of, Issue, Report, Right, MAX_PEOPLE};
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::roster::{Anchor, Month, PlanLocation, Presence, Settings};
use fleksi_domain::{Locale, Message};
use fleksi_roster::solve::{self, Options};
use fleksi_roster::{validate, AnchorDay, Employee, Fixed, Instance, PerDay, Roster, Team, Unit};
use fleksi_store::roster::{self as store, PersonRow, RosterRow, Score};
use fleksi_store::{audit as audit_store, commit, plan, Conn};
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// How long the solver may search; it returns the best roster found by then.
pub const TIME_LIMIT: Duration = Duration::from_secs(3);

/// Builds and solves the roster's instance, stores the result as a draft.
pub async fn generate(app: &App, actor: &Actor, id: i64) -> Result<()> {
    let mut c = app.db.conn().await?;
    let (r, _) = load(&mut c, actor, id, Right::Manage).await?;
    not_published(&r)?;
    let zone = fleksi_domain::timezone::Zone::parse(&r.unit_time_zone).unwrap_or_default();
    let today = app.clock.now().to_zoned(zone.tz()).date();
    let instance = instance_of(&mut c, &r, today).await?;
    drop(c);
    let seed = r.id as u64;
    let solver_input = instance.clone();
    let solution = tokio::task::spawn_blocking(move || {
        solve::solve(
            &solver_input,
            &Options {
                seed,
                time_limit: TIME_LIMIT,
                ..Options::default()
            },
        )
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("solver: {e}")))?
    .map_err(|errors| ServiceError::Internal(format!("instance refused: {errors:?}")))?;
    let report = check(&instance, &solution.roster)?;
    let relaxed: Vec<Issue> = solution
        .relaxed
        .iter()
        .map(|x| Issue {
            constraint: x.constraint.to_string(),
            date: x.date.map(|d| d.to_string()),
            employees: x.employees.clone(),
            id: x.problem.id.clone(),
            en: x.problem.en.clone(),
            fix_id: x.fix.id.clone(),
            fix_en: x.fix.en.clone(),
        })
        .collect();
    let (instance_json, cells_json, report_json, relaxed_json) = (
        to_json(&instance),
        to_json(&solution.roster),
        to_json(&report.0),
        to_json(&relaxed),
    );
    let mut tx = app.db.begin().await?;
    let score = Score {
        objective: report.1,
        feasible: report.0.violations.is_empty(),
        report: &report_json,
    };
    let saved = store::save_generated(
        &mut tx,
        r.agency_id,
        id,
        &instance_json,
        &cells_json,
        &score,
        &relaxed_json,
        app.now(),
    )
    .await?;
    if !saved {
        return Err(ServiceError::field("status", Message::RosterPublished));
    }
    let after = serde_json::json!({
        "people": instance.employees.len(),
        "dates": instance.dates.len(),
        "objective": report.1,
        "feasible": score.feasible,
        "relaxed": relaxed.iter().map(|x| &x.constraint).collect::<Vec<_>>(),
    });
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "roster.generate", "roster", id)
            .in_unit(&r.unit_path)
            .after(&after)],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

/// Our own types always serialise; an empty string would fail loudly when read back.
pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// The validator's verdict and the objective.
pub(crate) fn check(instance: &Instance, roster: &Roster) -> Result<(Report, i64)> {
    let r = validate::check(instance, roster)
        .map_err(|errors| ServiceError::Internal(format!("validator refused: {errors:?}")))?;
    let violations = r
        .violations
        .iter()
        .map(|v| Issue {
            constraint: v.constraint.to_string(),
            date: v.date.map(|d| d.to_string()),
            employees: v.employees.clone(),
            id: v.detail.id.clone(),
            en: v.detail.en.clone(),
            fix_id: String::new(),
            fix_en: String::new(),
        })
        .collect();
    Ok((
        Report {
            unmet_total: r.unmet_total,
            max_unmet: r.max_unmet,
            violations,
        },
        r.objective,
    ))
}

/// Reads what the instance needs and builds it.
/// Dates before `today` (in the unit's time zone) are not planned: a roster generated in the
/// middle of its month covers the rest of it.
async fn instance_of(c: &mut Conn, r: &RosterRow, today: Date) -> Result<Instance> {
    let settings = settings_of(r)?;
    let month = month_of(r)?;
    let mut dates = settings.working_dates(month);
    dates.retain(|d| *d >= today);
    if dates.is_empty() {
        return Err(ServiceError::field("non_working", Message::NoWorkingDays));
    }
    let (from, to) = (month.first().to_string(), month.last().to_string());
    let agency = r.agency_id;
    let people = store::people(c, agency, &r.unit_path, MAX_PEOPLE as i64 + 1).await?;
    if people.is_empty() {
        return Err(ServiceError::field("unit_id", Message::NoPeople));
    }
    if people.len() > MAX_PEOPLE {
        return Err(ServiceError::field(
            "unit_id",
            Message::TooManyPeople { max: MAX_PEOPLE },
        ));
    }
    let skills = store::skills_below(c, agency, &r.unit_path).await?;
    let plans = plan::approved_below(c, agency, &r.unit_path, &from, &to).await?;
    let wishes = store::wishes_below(c, agency, &r.unit_path, &from, &to).await?;
    let mut facts = Facts::default();
    for (e, s) in skills {
        facts.skills.entry(e).or_default().push(s);
    }
    for p in plans {
        let (Ok(date), Ok(location)) = (p.date.parse::<Date>(), PlanLocation::parse(&p.location))
        else {
            continue;
        };
        let fixed = match location.presence() {
            Presence::Office => Fixed::Office,
            Presence::Remote => Fixed::Remote,
            Presence::Away => Fixed::Absent,
        };
        facts
            .fixed
            .entry(p.employee_id)
            .or_default()
            .insert(date, fixed);
    }
    for (e, d, w) in wishes {
        if let Ok(date) = d.parse::<Date>() {
            facts.wishes.entry(e).or_default().insert(date, w);
        }
    }
    Ok(build(r, month, &settings, &dates, &people, &facts))
}

/// Per employee id: skills, approved days and wishes.
#[derive(Default)]
pub(crate) struct Facts {
    pub skills: BTreeMap<i64, Vec<String>>,
    pub fixed: BTreeMap<i64, BTreeMap<Date, Fixed>>,
    pub wishes: BTreeMap<i64, BTreeMap<Date, i64>>,
}

fn anchor_day(a: Anchor) -> Option<AnchorDay> {
    match a {
        Anchor::None => None,
        Anchor::Any => Some(AnchorDay::Any),
        Anchor::Monday => Some(AnchorDay::Monday),
        Anchor::Tuesday => Some(AnchorDay::Tuesday),
        Anchor::Wednesday => Some(AnchorDay::Wednesday),
        Anchor::Thursday => Some(AnchorDay::Thursday),
        Anchor::Friday => Some(AnchorDay::Friday),
    }
}

/// The instance: one unit (the roster's, with its seats, coverage and away share), a team
/// per direct unit of the people when teams have an anchor day, and every person with their
/// skills, approved days and wishes on the roster's dates.
pub(crate) fn build(
    r: &RosterRow,
    month: Month,
    settings: &Settings,
    dates: &[Date],
    people: &[PersonRow],
    facts: &Facts,
) -> Instance {
    let on_dates: BTreeSet<Date> = dates.iter().copied().collect();
    let anchor = anchor_day(settings.anchor);
    let mut teams: Vec<Team> = Vec::new();
    if anchor.is_some() {
        for p in people {
            if !teams.iter().any(|t| t.id == p.unit_code) {
                teams.push(Team {
                    id: p.unit_code.clone(),
                    name: Some(p.unit_name.clone()),
                    unit: r.unit_code.clone(),
                    anchor,
                });
            }
        }
    }
    let mut skills: BTreeSet<String> = settings.coverage.keys().cloned().collect();
    let employees = people
        .iter()
        .map(|p| {
            let own = facts.skills.get(&p.id).cloned().unwrap_or_default();
            skills.extend(own.iter().cloned());
            Employee {
                id: p.id.to_string(),
                name: Some(p.name.clone()),
                unit: r.unit_code.clone(),
                team: anchor.map(|_| p.unit_code.clone()),
                skills: own,
                max_remote_per_week: settings.max_remote_per_week,
                min_office_per_month: settings.min_office_per_month,
                fixed: only_dates(facts.fixed.get(&p.id), &on_dates),
                wishes: only_dates(facts.wishes.get(&p.id), &on_dates),
            }
        })
        .collect();
    Instance {
        name: Some(format!("{}, {}", r.unit_name, month.label(Locale::Id))),
        dates: dates.to_vec(),
        fairness_weight: settings.fairness_weight,
        skills: skills.into_iter().collect(),
        units: vec![Unit {
            id: r.unit_code.clone(),
            name: Some(r.unit_name.clone()),
            seats: PerDay::Each(dates.iter().map(|d| settings.seats_on(*d)).collect()),
            coverage: settings
                .coverage
                .iter()
                .map(|(s, n)| (s.clone(), PerDay::Same(*n)))
                .collect(),
            max_away_share: PerDay::Same(settings.max_away_share),
        }],
        teams,
        employees,
    }
}

/// The entries of `m` on the roster's dates.
fn only_dates<T: Copy>(m: Option<&BTreeMap<Date, T>>, dates: &BTreeSet<Date>) -> BTreeMap<Date, T> {
    m.map(|m| {
        m.iter()
            .filter(|(d, _)| dates.contains(d))
            .map(|(d, v)| (*d, *v))
            .collect()
    })
    .unwrap_or_default()
}
