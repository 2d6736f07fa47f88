//! The solver: a roster for every employee that breaks no hard rule when that is possible,
//! and otherwise breaks as little as possible and says why, in words a unit head understands.
//!
//! How: units share nothing but the fairness term, so each unit is solved on its own, units
//! side by side on all cores (`pool`). A unit is an indexed model (`model`) with incremental
//! counts (`state`); it is constructed greedily (`construct`), repaired by exchange chains
//! where seats and weekly limits are tight (`repair`), and improved by simulated annealing
//! with lexicographic scores: hard violations first, then the objective (`search`, `run`).
//! The fairness term is handled in two phases: first every unit is solved against a lower
//! bound of the instance's largest unmet total (`bounds`), then, if some unit ends above it,
//! against the largest total actually reached, so units that are not the bottleneck spend the
//! slack on a lower total. The result is scored again from scratch (`evaluate`) and every
//! broken rule is explained (`diagnose`, `explain`).

mod bounds;
mod calendar;
mod construct;
mod diagnose;
mod diagnose_day;
mod diagnose_team;
mod evaluate;
mod explain;
mod maxtree;
mod model;
mod pool;
mod repair;
mod rng;
mod run;
mod search;
mod state;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_explain;
#[cfg(test)]
mod tests_repair;
mod words;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::instance::{InputError, Instance};
use crate::output::{Cell, Roster, RosterRow};
use crate::text::Text;

use calendar::Calendar;
use model::{UnitModel, ABSENT, OFFICE};

/// How to search.
#[derive(Debug, Clone)]
pub struct Options {
    /// The same seed on the same instance gives the same roster (unless the time limit cuts
    /// the search short).
    pub seed: u64,
    /// The search returns the best roster found when this runs out.
    pub time_limit: Duration,
    /// How much search each unit gets, relative to the default (1.0). The search stops after
    /// this deterministic amount of work, so the result does not depend on the machine's
    /// speed unless `time_limit` runs out first.
    pub effort: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 1,
            time_limit: Duration::from_secs(10),
            effort: 1.0,
        }
    }
}

/// The best roster found, its score, and what could not be satisfied.
#[derive(Debug, Clone, Serialize)]
pub struct Solution {
    /// True when the roster breaks no hard constraint.
    pub feasible: bool,
    /// `unmet_total + fairness_weight × max_unmet`.
    pub objective: i64,
    /// Total weight of unmet wishes.
    pub unmet_total: i64,
    /// The largest unmet weight of any single employee.
    pub max_unmet: i64,
    /// Always present: an infeasible instance still gets the roster closest to feasible.
    pub roster: Roster,
    /// Why the instance is infeasible (empty when feasible): each hard constraint the roster had
    /// to break, with the smallest change that would make it feasible.
    pub relaxed: Vec<Explanation>,
    pub elapsed_ms: u64,
    pub iterations: u64,
}

/// A hard constraint that could not be met, in words a unit head understands.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// `seats`, `coverage`, `remote_per_week`, `office_per_month`, `anchor`, `away_share`,
    /// or `fixed` (an approved plan the other rules contradict); `more` for the last entry of
    /// a long list, which counts the explanations left out.
    pub constraint: &'static str,
    /// The unit's id (its name is in the texts).
    pub unit: Option<String>,
    /// The date; for a rule about a week or a month, its first date in the horizon.
    pub date: Option<jiff::civil::Date>,
    /// The employees concerned (ids).
    pub employees: Vec<String>,
    /// What is wrong ("Seksi Pelayanan, 2026-03-02: loket perlu 3 orang di kantor, hanya 2 yang tidak cuti").
    pub problem: Text,
    /// The smallest change that would make it feasible.
    pub fix: Text,
}

/// Solves a checked instance.
pub fn solve(instance: &Instance, options: &Options) -> Result<Solution, Vec<InputError>> {
    instance.check()?;
    let start = Instant::now();
    let limit = options.time_limit;
    // Leave a little of the limit for scoring and explaining the result.
    // A limit too large for the clock means no limit (a year is as good as forever here).
    let at = |share: f64| {
        start
            .checked_add(limit.mul_f64(share))
            .unwrap_or_else(|| start + Duration::from_secs(365 * 86_400))
    };
    let (first_deadline, second_deadline) = (at(0.8), at(0.92));
    let cal = Calendar::new(&instance.dates);

    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); instance.units.len()];
    let unit_of: HashMap<&str, usize> = instance
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    for (p, person) in instance.employees.iter().enumerate() {
        if let Some(&u) = unit_of.get(person.unit.as_str()) {
            groups[u].push(p);
        }
    }
    // Largest units first, so that the last unit to finish is a small one.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&u| (std::cmp::Reverse(groups[u].len()), u));

    let units = instance.units.len();
    let prepared = pool::parallel(units, &order, |u| {
        let m = UnitModel::new(instance, &cal, u, groups[u].clone());
        let bound = bounds::lower_bounds(&m, &cal)
            .into_iter()
            .max()
            .unwrap_or(0);
        (m, bound)
    });
    let (models, unit_bounds): (Vec<UnitModel>, Vec<i128>) = prepared.into_iter().flatten().unzip();
    let cap = unit_bounds.iter().copied().max().unwrap_or(0);

    let total_cells: usize = models.iter().map(|m| m.free_cells.len()).sum();
    let budget = run::Budget::new(total_cells, options.effort);
    let seed = options.seed;
    let size = |u: usize| models[u].free_cells.len();
    let time = pool::TimeShare::new(first_deadline, total_cells, units);
    let first = pool::parallel(units, &order, |u| {
        run::first_phase(&models[u], seed, cap, budget, time.slice(size(u)))
    });
    let mut results: Vec<run::UnitResult> = first.into_iter().flatten().collect();
    let reached = results.iter().map(|r| r.max_unmet).max().unwrap_or(0);
    if reached > cap {
        let time = pool::TimeShare::new(second_deadline, total_cells, units);
        let second = pool::parallel(units, &order, |u| {
            let deadline = time.slice(size(u));
            run::second_phase(
                &models[u],
                &results[u].cells,
                seed,
                reached,
                budget,
                deadline,
            )
        });
        for (u, r) in second.into_iter().enumerate() {
            if let Some(mut r) = r {
                r.iterations += results[u].iterations;
                results[u] = r;
            }
        }
    }

    let days = cal.days;
    let mut cells = vec![ABSENT; instance.employees.len() * days];
    for (m, r) in models.iter().zip(&results) {
        for (e, &p) in m.members.iter().enumerate() {
            cells[p * days..(p + 1) * days].copy_from_slice(&r.cells[e * days..(e + 1) * days]);
        }
    }
    let evaluation = evaluate::evaluate(instance, &cal, &cells);
    let relaxed = if evaluation.violations.is_empty() {
        Vec::new()
    } else {
        let diagnosis = diagnose::diagnose(instance, &cal);
        explain::explain(instance, &cal, &evaluation.violations, diagnosis)
    };
    let saturate = |v: i128| i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX });
    let objective = evaluation
        .unmet_total
        .saturating_add(i128::from(instance.fairness_weight).saturating_mul(evaluation.max_unmet));
    let roster = Roster {
        rows: instance
            .employees
            .iter()
            .enumerate()
            .map(|(p, person)| {
                RosterRow::new(
                    person.id.clone(),
                    &to_cells(&cells[p * days..(p + 1) * days]),
                )
            })
            .collect(),
    };
    Ok(Solution {
        feasible: evaluation.violations.is_empty(),
        objective: saturate(objective),
        unmet_total: saturate(evaluation.unmet_total),
        max_unmet: saturate(evaluation.max_unmet),
        roster,
        relaxed,
        elapsed_ms: start.elapsed().as_millis() as u64,
        iterations: results.iter().map(|r| r.iterations).sum(),
    })
}

fn to_cells(row: &[u8]) -> Vec<Cell> {
    row.iter()
        .map(|&c| match c {
            OFFICE => Cell::Office,
            ABSENT => Cell::Absent,
            _ => Cell::Remote,
        })
        .collect()
}
