//! The independent validator: checks a roster against every hard constraint of the model in
//! `bench/roster/README.md` and computes its objective.
//!
//! It shares no logic with the solver on purpose, so that a bug in one is caught by the other:
//! it reads the same input types and nothing else, and prefers plain, obviously correct code
//! over speed (while staying linear in the size of the roster, grouping people by unit and team).
//!
//! - [`read`]: the roster rows against the employees (`format`).
//! - [`people`]: the per-person rules (`fixed`, `remote_per_week`, `office_per_month`).
//! - [`units`]: the per-unit, per-date rules (`seats`, `coverage`, `away_share`).
//! - [`anchor`]: the weekly team day (`anchor`).
//! - [`objective`]: the unmet wishes and the objective.

mod anchor;
mod calendar;
mod layout;
mod objective;
mod people;
mod read;
mod units;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_rules;

use jiff::civil::Date;
use serde::Serialize;

use crate::instance::{InputError, Instance};
use crate::output::Roster;
use crate::text::Text;

/// What the validator found: hard violations and the objective.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub violations: Vec<Violation>,
    /// `unmet_total + fairness_weight × max_unmet`, over the rows that could be read.
    pub objective: i64,
    /// Total weight of unmet wishes.
    pub unmet_total: i64,
    /// The largest unmet weight of any single employee (0 without employees).
    pub max_unmet: i64,
}

/// One broken rule: one per (constraint, unit or employee, date, week or month).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    /// Same names as `solve::Explanation::constraint`, plus `format` (a row that is missing,
    /// unknown, duplicated, of the wrong length or with a letter other than O, R, A).
    pub constraint: &'static str,
    /// The unit concerned (the employee's unit for per-person rules, the team's for `anchor`).
    pub unit: Option<String>,
    /// The date; for a week or a month, its first date in the horizon.
    pub date: Option<Date>,
    /// The employees concerned (ids).
    pub employees: Vec<String>,
    pub detail: Text,
}

impl Report {
    pub fn feasible(&self) -> bool {
        self.violations.is_empty()
    }
}

/// Checks `roster` against every hard constraint of `instance` and computes its objective.
/// Rows may come in any order. Bad input (an instance that does not pass `Instance::check`)
/// is refused; a bad roster is not an error but a list of `format` violations.
pub fn check(instance: &Instance, roster: &Roster) -> Result<Report, Vec<InputError>> {
    Ok(Validator::new(instance)?.check(roster))
}

/// A validator for one instance, to check many rosters of it (a brute-force search) without
/// checking the instance and laying it out again each time.
pub struct Validator<'a> {
    instance: &'a Instance,
    layout: layout::Layout<'a>,
}

impl<'a> Validator<'a> {
    /// Refuses an instance that does not pass `Instance::check`.
    pub fn new(instance: &'a Instance) -> Result<Self, Vec<InputError>> {
        instance.check()?;
        Ok(Validator {
            instance,
            layout: layout::Layout::new(instance),
        })
    }

    /// Same as [`check`].
    pub fn check(&self, roster: &Roster) -> Report {
        let mut violations = Vec::new();
        let (objective, unmet_total, max_unmet) = self.run(roster, &mut violations);
        Report {
            violations,
            objective,
            unmet_total,
            max_unmet,
        }
    }

    /// The number of violations and the objective, without writing out the violations: for
    /// searches that try many rosters. The same rules run as for [`Validator::check`].
    pub fn tally(&self, roster: &Roster) -> Tally {
        let mut count = Count(0);
        let (objective, _, _) = self.run(roster, &mut count);
        Tally {
            violations: count.0,
            objective,
        }
    }

    /// Runs every rule, reporting to `out`; returns (objective, unmet total, max unmet).
    fn run(&self, roster: &Roster, out: &mut dyn Sink) -> (i64, i64, i64) {
        let grid = read::read(self.instance, &self.layout, roster, out);
        people::check(&grid, out);
        units::check(&grid, out);
        anchor::check(&grid, out);
        let score = objective::score(&grid);
        let fairness = self
            .instance
            .fairness_weight
            .saturating_mul(score.max_unmet);
        let objective = score.unmet_total.saturating_add(fairness);
        (objective, score.unmet_total, score.max_unmet)
    }
}

/// What [`Validator::tally`] finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub violations: usize,
    pub objective: i64,
}

impl Tally {
    pub fn feasible(&self) -> bool {
        self.violations == 0
    }
}

/// Where the rules report a broken rule. A violation is built (its text written) only when
/// the sink keeps it.
trait Sink {
    fn add(&mut self, make: &dyn Fn() -> Violation);
}

impl Sink for Vec<Violation> {
    fn add(&mut self, make: &dyn Fn() -> Violation) {
        self.push(make());
    }
}

/// Counts violations without building them.
struct Count(usize);

impl Sink for Count {
    fn add(&mut self, _make: &dyn Fn() -> Violation) {
        self.0 += 1;
    }
}

/// Builds a violation; `id` is the Indonesian detail, `en` the English one.
fn violation(
    constraint: &'static str,
    unit: Option<&str>,
    date: Option<Date>,
    employees: Vec<String>,
    id: String,
    en: String,
) -> Violation {
    Violation {
        constraint,
        unit: unit.map(str::to_string),
        date,
        employees,
        detail: Text::new(id, en),
    }
}
