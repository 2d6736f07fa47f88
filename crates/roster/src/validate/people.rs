//! The per-person rules: `fixed` (cells agree with the decided days, and `A` only on a fixed
//! absence), `remote_per_week` (ISO weeks) and `office_per_month` (calendar months, the
//! minimum capped by the person's non-absent days of the month).

use jiff::civil::Date;

use crate::instance::Fixed;
use crate::output::Cell;

use super::read::Grid;
use super::{violation, Sink, Violation};

pub(super) fn check(grid: &Grid, out: &mut dyn Sink) {
    let instance = grid.instance;
    let (weeks, months) = (&grid.layout.weeks, &grid.layout.months);
    for (e, person) in instance.employees.iter().enumerate() {
        let Some(cells) = &grid.rows[e] else { continue };
        let (id, unit) = (grid.id(e), grid.unit_id(e));

        for (d, &date) in instance.dates.iter().enumerate() {
            let cell = cells[d];
            let fixed = grid.layout.fixed[e][d];
            let wrong = match fixed {
                Some(Fixed::Absent) => cell != Cell::Absent,
                Some(Fixed::Office) => cell != Cell::Office,
                Some(Fixed::Remote) => cell != Cell::Remote,
                None => cell == Cell::Absent,
            };
            if !wrong {
                continue;
            }
            out.add(&|| disagrees(id, unit, date, cell, fixed));
        }

        for week in weeks {
            let remote = week
                .days
                .iter()
                .filter(|&&d| cells[d] == Cell::Remote)
                .count() as i64;
            if remote > person.max_remote_per_week {
                let max = person.max_remote_per_week;
                out.add(&|| {
                    violation(
                        "remote_per_week",
                        Some(unit),
                        Some(instance.dates[week.days[0]]),
                        vec![id.to_string()],
                        format!(
                            "minggu {}: {id} bekerja jarak jauh {remote} hari, paling banyak {max}",
                            week.label
                        ),
                        format!(
                            "week {}: {id} works remotely {remote} days, at most {max}",
                            week.label
                        ),
                    )
                });
            }
        }

        for month in months {
            let office = month
                .days
                .iter()
                .filter(|&&d| cells[d] == Cell::Office)
                .count() as i64;
            let present = month
                .days
                .iter()
                .filter(|&&d| cells[d] != Cell::Absent)
                .count() as i64;
            let needed = person.min_office_per_month.min(present);
            if office < needed {
                out.add(&|| {
                    violation(
                        "office_per_month",
                        Some(unit),
                        Some(instance.dates[month.days[0]]),
                        vec![id.to_string()],
                        format!(
                            "{}: {id} di kantor {office} hari, paling sedikit {needed}",
                            month.label
                        ),
                        format!(
                            "{}: {id} is in the office {office} days, at least {needed} needed",
                            month.label
                        ),
                    )
                });
            }
        }
    }
}

/// The violation of a cell that disagrees with the fixed day (or is `A` without one).
fn disagrees(id: &str, unit: &str, date: Date, cell: Cell, fixed: Option<Fixed>) -> Violation {
    let (was_id, was_en) = words(cell);
    let (detail_id, detail_en) = match fixed {
        Some(fixed) => {
            let (should_id, should_en) = words(expected(fixed));
            (
                format!("{date}: {id} sudah ditetapkan {should_id}, tetapi dijadwalkan {was_id}"),
                format!("{date}: {id} is fixed {should_en} but rostered {was_en}"),
            )
        }
        None => (
            format!("{date}: {id} dijadwalkan tidak hadir tanpa ketetapan tidak hadir"),
            format!("{date}: {id} is rostered absent without a fixed absence"),
        ),
    };
    violation(
        "fixed",
        Some(unit),
        Some(date),
        vec![id.to_string()],
        detail_id,
        detail_en,
    )
}

fn expected(fixed: Fixed) -> Cell {
    match fixed {
        Fixed::Office => Cell::Office,
        Fixed::Remote => Cell::Remote,
        Fixed::Absent => Cell::Absent,
    }
}

/// A cell in words: (Indonesian, English).
fn words(cell: Cell) -> (&'static str, &'static str) {
    match cell {
        Cell::Office => ("di kantor", "in the office"),
        Cell::Remote => ("kerja jarak jauh", "remote"),
        Cell::Absent => ("tidak hadir", "absent"),
    }
}
