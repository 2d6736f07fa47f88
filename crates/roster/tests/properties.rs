//! Property tests of the solver against the independent validator: on random small instances
//! (many infeasible) the roster is well formed and respects `fixed`, the solver's verdict and
//! score are the validator's, an infeasible answer is explained, a seed gives the same roster
//! twice, and on tiny instances the solver's objective is the brute-force optimum.

mod support;

use std::time::Duration;

use fleksi_roster::solve::{solve, Options, Solution};
use fleksi_roster::validate::{check, Validator};
use fleksi_roster::{Cell, Fixed, Instance, Roster, RosterRow};
use proptest::prelude::*;
use proptest::test_runner::{FileFailurePersistence, TestCaseError};

use support::{instances, json};

const TIME_LIMIT: Duration = Duration::from_secs(2);

fn run(instance: &Instance, seed: u64) -> Solution {
    let options = Options {
        seed,
        time_limit: TIME_LIMIT,
        ..Default::default()
    };
    solve(instance, &options).expect("generated instances are valid")
}

/// Whether a run may have been cut short by the time limit (then the roster may depend on timing).
fn cut_short(solution: &Solution) -> bool {
    solution.elapsed_ms as u128 >= TIME_LIMIT.as_millis() * 9 / 10
}

/// (1) One row per employee, in the instance's order, one letter per date, agreeing with `fixed`
/// (`A` exactly on fixed absences).
fn well_formed(instance: &Instance, roster: &Roster) -> Result<(), String> {
    if roster.rows.len() != instance.employees.len() {
        return Err(format!(
            "{} rows for {} employees",
            roster.rows.len(),
            instance.employees.len()
        ));
    }
    for (row, person) in roster.rows.iter().zip(&instance.employees) {
        if row.id != person.id {
            return Err(format!("row {} where {} was expected", row.id, person.id));
        }
        let cells = row
            .cells()
            .ok_or_else(|| format!("row {}: bad letters in {:?}", row.id, row.days))?;
        if cells.len() != instance.dates.len() {
            return Err(format!(
                "row {}: {} cells for {} dates",
                row.id,
                cells.len(),
                instance.dates.len()
            ));
        }
        for (date, cell) in instance.dates.iter().zip(cells) {
            let ok = match person.fixed.get(date) {
                Some(Fixed::Absent) => cell == Cell::Absent,
                Some(Fixed::Office) => cell == Cell::Office,
                Some(Fixed::Remote) => cell == Cell::Remote,
                None => cell != Cell::Absent,
            };
            if !ok {
                return Err(format!(
                    "row {}: {:?} on {date} contradicts fixed {:?}",
                    row.id,
                    cell,
                    person.fixed.get(date)
                ));
            }
        }
    }
    Ok(())
}

/// `cases` random cases; a failure is kept in `properties.regressions` and tried first next time.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        max_shrink_iters: 300,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..ProptestConfig::default()
    }
}

fn fail(instance: &Instance, what: String) -> TestCaseError {
    TestCaseError::fail(format!("{what}\ninstance: {}", json(instance)))
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn the_solver_agrees_with_the_validator(instance in instances(15, 15), seed in 0..1000u64) {
        let solution = run(&instance, seed);
        well_formed(&instance, &solution.roster).map_err(|e| fail(&instance, e))?;
        let report = check(&instance, &solution.roster).expect("generated instances are valid");
        let roster = serde_json::to_string(&solution.roster).unwrap_or_default();
        if solution.feasible != report.feasible() {
            let found: Vec<String> = report.violations.iter().map(|v| format!("{} {}", v.constraint, v.detail.en)).collect();
            return Err(fail(&instance, format!(
                "solver says feasible = {}, validator finds {:?}\nroster: {roster}", solution.feasible, found
            )));
        }
        let solver = (solution.objective, solution.unmet_total, solution.max_unmet);
        let validator = (report.objective, report.unmet_total, report.max_unmet);
        if solver != validator {
            return Err(fail(&instance, format!(
                "(objective, unmet_total, max_unmet): solver {solver:?}, validator {validator:?}\nroster: {roster}"
            )));
        }
        if solution.relaxed.is_empty() != solution.feasible {
            return Err(fail(&instance, format!(
                "feasible = {} but {} explanations", solution.feasible, solution.relaxed.len()
            )));
        }
        let again = run(&instance, seed);
        if again.roster != solution.roster && !cut_short(&solution) && !cut_short(&again) {
            return Err(fail(&instance, format!(
                "seed {seed} gave two rosters:\n{roster}\n{}", serde_json::to_string(&again.roster).unwrap_or_default()
            )));
        }
    }
}

/// The cells that a roster respecting `fixed` may choose: (employee, date) without a fixed day.
fn free_cells(instance: &Instance) -> Vec<(usize, usize)> {
    let mut free = Vec::new();
    for (e, person) in instance.employees.iter().enumerate() {
        for (d, date) in instance.dates.iter().enumerate() {
            if !person.fixed.contains_key(date) {
                free.push((e, d));
            }
        }
    }
    free
}

/// The smallest objective of a feasible roster, by trying every roster that respects `fixed`
/// (any other breaks `fixed`); `None` when none is feasible.
fn brute_force(instance: &Instance) -> Option<i64> {
    let free = free_cells(instance);
    let mut grid: Vec<Vec<char>> = instance
        .employees
        .iter()
        .map(|person| {
            instance
                .dates
                .iter()
                .map(|date| match person.fixed.get(date) {
                    Some(Fixed::Absent) => 'A',
                    Some(Fixed::Remote) => 'R',
                    Some(Fixed::Office) | None => 'O',
                })
                .collect()
        })
        .collect();
    let validator = Validator::new(instance).expect("generated instances are valid");
    let mut best: Option<i64> = None;
    let mut roster = Roster {
        rows: instance
            .employees
            .iter()
            .map(|p| RosterRow {
                id: p.id.clone(),
                days: String::new(),
            })
            .collect(),
    };
    for mask in 0u64..1 << free.len() {
        for (bit, &(e, d)) in free.iter().enumerate() {
            grid[e][d] = if mask >> bit & 1 == 1 { 'R' } else { 'O' };
        }
        for (row, days) in roster.rows.iter_mut().zip(&grid) {
            row.days.clear();
            row.days.extend(days);
        }
        let tally = validator.tally(&roster);
        if tally.feasible() && best.is_none_or(|b| tally.objective < b) {
            best = Some(tally.objective);
        }
    }
    best
}

/// Enumeration is skipped above this many rosters.
const MAX_FREE_CELLS: usize = 22;

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn the_solver_finds_the_brute_force_optimum(instance in instances(6, 5), seed in 0..1000u64) {
        if free_cells(&instance).len() > MAX_FREE_CELLS {
            return Ok(());
        }
        let solution = run(&instance, seed);
        let roster = serde_json::to_string(&solution.roster).unwrap_or_default();
        match brute_force(&instance) {
            None if solution.feasible => {
                return Err(fail(&instance, format!("no roster is feasible, yet the solver says so of {roster}")));
            }
            Some(best) if !solution.feasible => {
                return Err(fail(&instance, format!("a feasible roster with objective {best} exists; the solver found none")));
            }
            Some(best) if solution.objective != best => {
                return Err(fail(&instance, format!(
                    "the optimum is {best}; the solver reports {} for {roster}", solution.objective
                )));
            }
            _ => {}
        }
    }
}
