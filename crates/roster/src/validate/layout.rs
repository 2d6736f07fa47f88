//! What the validator derives from a checked instance once, before reading any roster: who is
//! where (employees by id, unit and team), the ISO weeks and calendar months of the horizon,
//! and each fixed day and wish by date index.

use std::collections::HashMap;

use jiff::civil::Date;

use crate::instance::{Fixed, Instance};

use super::calendar::{months, weeks, Period};

pub(super) struct Layout<'a> {
    /// Employee id → index in `instance.employees`.
    pub employee: HashMap<&'a str, usize>,
    /// Per employee: the index of its unit in `instance.units`.
    pub unit_of: Vec<usize>,
    /// Per unit: its employees (indices), in instance order.
    pub unit_members: Vec<Vec<usize>>,
    /// Per team (index in `instance.teams`): its employees, in instance order.
    pub team_members: Vec<Vec<usize>>,
    pub weeks: Vec<Period>,
    pub months: Vec<Period>,
    /// Per employee: its wishes as (date index, weight).
    pub wishes: Vec<Vec<(usize, i64)>>,
    /// Per employee, per date index: the fixed day, if any.
    pub fixed: Vec<Vec<Option<Fixed>>>,
}

impl<'a> Layout<'a> {
    /// Only for an instance that passed `Instance::check`: every unit, team and wish date an
    /// employee names exists.
    pub fn new(instance: &'a Instance) -> Self {
        let employee = instance
            .employees
            .iter()
            .enumerate()
            .map(|(e, p)| (p.id.as_str(), e))
            .collect();
        let unit_index: HashMap<&str, usize> = instance
            .units
            .iter()
            .enumerate()
            .map(|(u, unit)| (unit.id.as_str(), u))
            .collect();
        let team_index: HashMap<&str, usize> = instance
            .teams
            .iter()
            .enumerate()
            .map(|(t, team)| (team.id.as_str(), t))
            .collect();
        let day: HashMap<Date, usize> = instance
            .dates
            .iter()
            .enumerate()
            .map(|(d, &date)| (date, d))
            .collect();

        let unit_of: Vec<usize> = instance
            .employees
            .iter()
            .map(|p| unit_index[p.unit.as_str()])
            .collect();
        let mut unit_members = vec![Vec::new(); instance.units.len()];
        let mut team_members = vec![Vec::new(); instance.teams.len()];
        for (e, person) in instance.employees.iter().enumerate() {
            unit_members[unit_of[e]].push(e);
            if let Some(team) = &person.team {
                team_members[team_index[team.as_str()]].push(e);
            }
        }
        let wishes = instance
            .employees
            .iter()
            .map(|p| p.wishes.iter().map(|(date, &w)| (day[date], w)).collect())
            .collect();
        let fixed = instance
            .employees
            .iter()
            .map(|p| {
                instance
                    .dates
                    .iter()
                    .map(|date| p.fixed.get(date).copied())
                    .collect()
            })
            .collect();
        Layout {
            employee,
            unit_of,
            unit_members,
            team_members,
            weeks: weeks(&instance.dates),
            months: months(&instance.dates),
            wishes,
            fixed,
        }
    }
}
