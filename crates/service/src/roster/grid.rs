//! A roster as its page shows it: people × days with office/remote/away, each person's
//! granted and unmet wishes, and per day the seats used, the coverage of each skill and the
//! remote share, with the days the validator found a violation on marked.

use super::{Issue, Report};
use crate::{Result, ServiceError};
use fleksi_roster::{Cell, Fixed, Instance, Roster};
use fleksi_store::roster::RosterRow;
use std::collections::{BTreeSet, HashMap};

pub struct Grid {
    pub dates: Vec<GridDate>,
    pub rows: Vec<GridRow>,
    /// Office seats used and available, per date.
    pub seats: Vec<Count>,
    /// Per skill: people with it in the office, and how many are needed, per date.
    pub coverage: Vec<(String, Vec<Count>)>,
    /// People working remotely and how many may, per date.
    pub remote: Vec<Count>,
}

pub struct GridDate {
    pub date: String,
    pub day: i8,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: i8,
    /// The validator found a violation on this date.
    pub bad: bool,
}

pub struct Count {
    pub have: i64,
    pub limit: i64,
    pub bad: bool,
}

pub struct GridRow {
    pub employee_id: i64,
    pub name: String,
    pub cells: Vec<GridCell>,
    pub office: usize,
    pub remote: usize,
    pub granted: usize,
    pub unmet: usize,
    /// The validator named this person in a violation.
    pub bad: bool,
}

pub struct GridCell {
    pub date: String,
    /// `o` office, `r` remote, `a` away.
    pub kind: &'static str,
    /// Away, or decided by an approved plan: not editable.
    pub locked: bool,
    /// CSS classes: the kind, `w` with a wish, `u` when the wish is unmet.
    pub class: String,
    /// The letter to set when the cell is pressed (`O` or `R`).
    pub toggle: &'static str,
}

impl Grid {
    /// The grid of a generated roster; `None` before the first generation.
    pub fn of(r: &RosterRow, report: Option<&Report>) -> Result<Option<Grid>> {
        let (Some(instance), Some(cells)) = (r.instance.as_deref(), r.cells.as_deref()) else {
            return Ok(None);
        };
        let instance: Instance = serde_json::from_str(instance)
            .map_err(|e| ServiceError::Internal(format!("instance: {e}")))?;
        let roster: Roster = serde_json::from_str(cells)
            .map_err(|e| ServiceError::Internal(format!("cells: {e}")))?;
        Ok(Some(build(
            &instance,
            &roster,
            report.map(|r| r.violations.as_slice()).unwrap_or(&[]),
        )))
    }
}

fn build(instance: &Instance, roster: &Roster, violations: &[Issue]) -> Grid {
    let bad_dates: BTreeSet<&str> = violations
        .iter()
        .filter_map(|v| v.date.as_deref())
        .collect();
    let bad_people: BTreeSet<&str> = violations
        .iter()
        .flat_map(|v| v.employees.iter().map(String::as_str))
        .collect();
    let days = instance.dates.len();
    let rows_by_id: HashMap<&str, Vec<Cell>> = roster
        .rows
        .iter()
        .filter_map(|row| Some((row.id.as_str(), row.cells()?)))
        .collect();
    let dates: Vec<GridDate> = instance
        .dates
        .iter()
        .map(|d| GridDate {
            date: d.to_string(),
            day: d.day(),
            weekday: d.weekday().to_monday_zero_offset(),
            bad: bad_dates.contains(d.to_string().as_str()),
        })
        .collect();
    let mut rows = Vec::new();
    let mut office = vec![0i64; days];
    let mut remote = vec![0i64; days];
    let mut present = vec![0i64; days];
    let mut skilled: HashMap<&str, Vec<i64>> = HashMap::new();
    for e in &instance.employees {
        let cells = rows_by_id
            .get(e.id.as_str())
            .cloned()
            .unwrap_or_else(|| vec![Cell::Absent; days]);
        let mut row = GridRow {
            employee_id: e.id.parse().unwrap_or_default(),
            name: e.name.clone().unwrap_or_else(|| e.id.clone()),
            cells: Vec::with_capacity(days),
            office: 0,
            remote: 0,
            granted: 0,
            unmet: 0,
            bad: bad_people.contains(e.id.as_str()),
        };
        for (i, d) in instance.dates.iter().enumerate() {
            let cell = cells.get(i).copied().unwrap_or(Cell::Absent);
            let wish = e.wishes.get(d).copied().unwrap_or(0);
            let met = match cell {
                Cell::Absent => None,
                _ if wish == 0 => None,
                Cell::Office => Some(wish < 0),
                Cell::Remote => Some(wish > 0),
            };
            match met {
                Some(true) => row.granted += 1,
                Some(false) => row.unmet += 1,
                None => {}
            }
            let kind = match cell {
                Cell::Office => {
                    row.office += 1;
                    office[i] += 1;
                    present[i] += 1;
                    for s in &e.skills {
                        skilled.entry(s.as_str()).or_insert_with(|| vec![0; days])[i] += 1;
                    }
                    "o"
                }
                Cell::Remote => {
                    row.remote += 1;
                    remote[i] += 1;
                    present[i] += 1;
                    "r"
                }
                Cell::Absent => "a",
            };
            let mut class = kind.to_string();
            if met.is_some() {
                class.push_str(" w");
            }
            if met == Some(false) {
                class.push_str(" u");
            }
            row.cells.push(GridCell {
                date: d.to_string(),
                kind,
                locked: cell == Cell::Absent
                    || matches!(
                        e.fixed.get(d),
                        Some(Fixed::Office | Fixed::Remote | Fixed::Absent)
                    ),
                class,
                toggle: if cell == Cell::Office { "R" } else { "O" },
            });
        }
        rows.push(row);
    }
    // One unit per roster: the unit's limits are the day's limits.
    let unit = instance.units.first();
    let seats = (0..days)
        .map(|i| {
            let limit = unit.map(|u| u.seats.on(i)).unwrap_or(0);
            Count {
                have: office[i],
                limit,
                bad: office[i] > limit,
            }
        })
        .collect();
    let coverage = unit
        .map(|u| {
            u.coverage
                .iter()
                .map(|(skill, need)| {
                    let have = skilled.get(skill.as_str());
                    let counts = (0..days)
                        .map(|i| {
                            let h = have.map(|v| v[i]).unwrap_or(0);
                            let n = need.on(i);
                            Count {
                                have: h,
                                limit: n,
                                bad: h < n,
                            }
                        })
                        .collect();
                    (skill.clone(), counts)
                })
                .collect()
        })
        .unwrap_or_default();
    let remote = (0..days)
        .map(|i| {
            let share = unit.map(|u| u.max_away_share.on(i)).unwrap_or(1.0);
            let limit = (share * present[i] as f64 + 1e-9).floor() as i64;
            Count {
                have: remote[i],
                limit,
                bad: remote[i] > limit,
            }
        })
        .collect();
    Grid {
        dates,
        rows,
        seats,
        coverage,
        remote,
    }
}
