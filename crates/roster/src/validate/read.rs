//! Reads the roster rows against the employees of the instance: every employee needs exactly
//! one row of one letter (O, R, A) per date. Rows that cannot be read are reported as `format`
//! violations and take no further part in the checks or the objective.

use crate::instance::Instance;
use crate::output::{Cell, Roster};

use super::layout::Layout;
use super::{violation, Sink};

/// The roster laid out by employee, in the order of `instance.employees`.
pub(super) struct Grid<'a> {
    pub instance: &'a Instance,
    pub layout: &'a Layout<'a>,
    /// Per employee: the cells of its row (one per date), or `None` when the row is missing or
    /// unreadable.
    pub rows: Vec<Option<Vec<Cell>>>,
}

impl Grid<'_> {
    /// The id of employee `e`.
    pub fn id(&self, e: usize) -> &str {
        &self.instance.employees[e].id
    }

    /// The id of the unit of employee `e`.
    pub fn unit_id(&self, e: usize) -> &str {
        &self.instance.units[self.layout.unit_of[e]].id
    }
}

/// Lays out the rows by employee; reports unknown, duplicated, missing and unreadable rows.
/// The first row of an employee is the one that counts.
pub(super) fn read<'a>(
    instance: &'a Instance,
    layout: &'a Layout<'a>,
    roster: &Roster,
    out: &mut dyn Sink,
) -> Grid<'a> {
    let days = instance.dates.len();

    let mut rows: Vec<Option<Vec<Cell>>> = vec![None; instance.employees.len()];
    let mut seen = vec![false; instance.employees.len()];
    for row in &roster.rows {
        let id = row.id.as_str();
        let Some(&e) = layout.employee.get(id) else {
            out.add(&|| {
                violation(
                    "format",
                    None,
                    None,
                    vec![id.to_string()],
                    format!("baris roster untuk pegawai yang tidak dikenal: {id}"),
                    format!("roster row for an unknown employee: {id}"),
                )
            });
            continue;
        };
        let unit_id = instance.employees[e].unit.as_str();
        if seen[e] {
            out.add(&|| {
                violation(
                    "format",
                    Some(unit_id),
                    None,
                    vec![id.to_string()],
                    format!("{id} punya lebih dari satu baris roster"),
                    format!("{id} has more than one roster row"),
                )
            });
            continue;
        }
        seen[e] = true;
        let length = row.days.chars().count();
        if length != days {
            out.add(&|| {
                violation(
                    "format",
                    Some(unit_id),
                    None,
                    vec![id.to_string()],
                    format!(
                        "baris {id} berisi {length} huruf, seharusnya {days} (satu per tanggal)"
                    ),
                    format!("row {id} has {length} letters, expected {days} (one per date)"),
                )
            });
            continue;
        }
        let Some(cells) = row.cells() else {
            let (d, letter) = row
                .days
                .chars()
                .enumerate()
                .find(|&(_, c)| Cell::from_letter(c).is_none())
                .unwrap_or((0, '?'));
            let date = instance.dates[d];
            out.add(&|| {
                violation(
                    "format",
                    Some(unit_id),
                    Some(date),
                    vec![id.to_string()],
                    format!(
                        "{date}: baris {id} berisi huruf {letter:?}, hanya O, R atau A yang sah"
                    ),
                    format!("{date}: row {id} has the letter {letter:?}, only O, R or A are valid"),
                )
            });
            continue;
        };
        rows[e] = Some(cells);
    }
    for (e, person) in instance.employees.iter().enumerate() {
        if !seen[e] {
            let id = person.id.as_str();
            out.add(&|| {
                violation(
                    "format",
                    Some(&person.unit),
                    None,
                    vec![id.to_string()],
                    format!("{id} tidak punya baris roster"),
                    format!("{id} has no roster row"),
                )
            });
        }
    }
    Grid {
        instance,
        layout,
        rows,
    }
}
