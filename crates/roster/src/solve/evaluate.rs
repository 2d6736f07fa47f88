//! The score and the broken rules of a finished roster, recomputed from the instance itself
//! (not from the search's incremental counts), so that what `solve` reports is exactly what
//! the model in `bench/roster/README.md` says of the roster it returns.

use std::collections::HashMap;

use crate::instance::{Fixed, Instance};

use super::calendar::Calendar;
use super::model::{ABSENT, OFFICE, REMOTE};

/// One broken hard constraint, with the numbers the explanation needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Violation {
    pub constraint: &'static str,
    pub unit: usize,
    /// The date, or the first date of the week or month the rule is about.
    pub day: usize,
    /// The employee (per-person rules), the team (anchor) or the skill (coverage), by index.
    pub employee: Option<usize>,
    pub team: Option<usize>,
    pub skill: Option<String>,
    /// What the roster has and what the rule allows or needs.
    pub have: i64,
    pub limit: i64,
    /// People present in the unit that date (for the away share), else 0.
    pub present: i64,
}

#[derive(Debug, Clone)]
pub(crate) struct Evaluation {
    pub violations: Vec<Violation>,
    pub unmet_total: i128,
    pub max_unmet: i128,
}

/// Evaluates `cells` (`[employee * days + d]`, instance order) against every rule.
pub(crate) fn evaluate(inst: &Instance, cal: &Calendar, cells: &[u8]) -> Evaluation {
    let days = cal.days;
    let unit_of: HashMap<&str, usize> = inst
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let date_index: HashMap<_, _> = inst
        .dates
        .iter()
        .enumerate()
        .map(|(i, d)| (*d, i))
        .collect();
    let mut out = Vec::new();
    let mut unmet = vec![0i128; inst.employees.len()];
    let row = |p: usize| &cells[p * days..(p + 1) * days];
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); inst.units.len()];

    for (p, person) in inst.employees.iter().enumerate() {
        let u = unit_of.get(person.unit.as_str()).copied().unwrap_or(0);
        members[u].push(p);
        let cells = row(p);
        let v = |constraint, day, have: usize, limit: i64| Violation {
            constraint,
            unit: u,
            day,
            employee: Some(p),
            team: None,
            skill: None,
            have: have as i64,
            limit,
            present: 0,
        };
        for (date, f) in &person.fixed {
            let Some(&d) = date_index.get(date) else {
                continue;
            };
            let want = match f {
                Fixed::Office => OFFICE,
                Fixed::Remote => REMOTE,
                Fixed::Absent => ABSENT,
            };
            if cells[d] != want {
                out.push(v("fixed", d, 1, 0));
            }
        }
        for range in &cal.weeks {
            let remote = range.clone().filter(|&d| cells[d] == REMOTE).count();
            if remote as i64 > person.max_remote_per_week {
                out.push(v(
                    "remote_per_week",
                    range.start,
                    remote,
                    person.max_remote_per_week,
                ));
            }
        }
        for range in &cal.months {
            let office = range.clone().filter(|&d| cells[d] == OFFICE).count();
            let present = range.clone().filter(|&d| cells[d] != ABSENT).count();
            let need = person.min_office_per_month.min(present as i64);
            if (office as i64) < need {
                out.push(v("office_per_month", range.start, office, need));
            }
        }
        for (date, &w) in &person.wishes {
            let Some(&d) = date_index.get(date) else {
                continue;
            };
            let w = i128::from(w);
            unmet[p] += match cells[d] {
                OFFICE => w.max(0),
                REMOTE => (-w).max(0),
                _ => 0,
            };
        }
    }

    for (u, unit) in inst.units.iter().enumerate() {
        let at =
            |constraint, day, skill: Option<&String>, have: usize, limit: i64, present: usize| {
                Violation {
                    constraint,
                    unit: u,
                    day,
                    employee: None,
                    team: None,
                    skill: skill.cloned(),
                    have: have as i64,
                    limit,
                    present: present as i64,
                }
            };
        for d in 0..days {
            let count = |state: u8| members[u].iter().filter(|&&p| row(p)[d] == state).count();
            let (office, remote) = (count(OFFICE), count(REMOTE));
            if office as i64 > unit.seats.on(d) {
                out.push(at("seats", d, None, office, unit.seats.on(d), 0));
            }
            for (skill, need) in &unit.coverage {
                let have = members[u]
                    .iter()
                    .filter(|&&p| row(p)[d] == OFFICE && inst.employees[p].skills.contains(skill))
                    .count();
                if (have as i64) < need.on(d) {
                    out.push(at("coverage", d, Some(skill), have, need.on(d), 0));
                }
            }
            let limit =
                (unit.max_away_share.on(d) * (office + remote) as f64 + 1e-9).floor() as i64;
            if remote as i64 > limit {
                out.push(at("away_share", d, None, remote, limit, office + remote));
            }
        }
    }

    let team_of: HashMap<&str, usize> = inst
        .teams
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut in_team: Vec<Vec<usize>> = vec![Vec::new(); inst.teams.len()];
    for (p, person) in inst.employees.iter().enumerate() {
        if let Some(&t) = person.team.as_deref().and_then(|id| team_of.get(id)) {
            in_team[t].push(p);
        }
    }
    for (t, team) in inst.teams.iter().enumerate() {
        let Some(anchor) = team.anchor else { continue };
        let team_members = &in_team[t];
        let u = unit_of.get(team.unit.as_str()).copied().unwrap_or(0);
        for range in &cal.weeks {
            let present = |d: usize| team_members.iter().any(|&p| row(p)[d] != ABSENT);
            if !range.clone().any(present) {
                continue;
            }
            let fixed_day = anchor
                .weekday()
                .and_then(|wd| range.clone().find(|&d| cal.weekday[d] == wd));
            let allowed: Vec<usize> =
                fixed_day.map_or_else(|| range.clone().collect(), |d| vec![d]);
            let remote_on = |d: usize| {
                team_members
                    .iter()
                    .filter(|&&p| row(p)[d] == REMOTE)
                    .count()
            };
            let fewest = allowed
                .iter()
                .filter(|&&d| present(d))
                .map(|&d| remote_on(d))
                .min();
            if fewest != Some(0) {
                out.push(Violation {
                    constraint: "anchor",
                    unit: u,
                    day: allowed.first().copied().unwrap_or(range.start),
                    employee: None,
                    team: Some(t),
                    skill: None,
                    have: fewest.map_or(-1, |f| f as i64),
                    limit: 0,
                    present: 0,
                });
            }
        }
    }
    let unmet_total = unmet.iter().sum();
    let max_unmet = unmet.iter().copied().max().unwrap_or(0);
    Evaluation {
        violations: out,
        unmet_total,
        max_unmet,
    }
}
