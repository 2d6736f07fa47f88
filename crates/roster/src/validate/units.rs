//! The per-unit, per-date rules: `seats` (office count within the seats), `coverage` (enough
//! people with each skill in the office) and `away_share` (remote count within
//! `floor(share × non-absent + 1e-9)`).

use crate::output::Cell;

use super::read::Grid;
use super::{violation, Sink};

pub(super) fn check(grid: &Grid, out: &mut dyn Sink) {
    let instance = grid.instance;
    // `None` for a row that could not be read: it counts nowhere.
    let cell = |e: usize, d: usize| grid.rows[e].as_ref().map(|cells| cells[d]);

    for (u, unit) in instance.units.iter().enumerate() {
        // Every person is visited once per date overall.
        let members = &grid.layout.unit_members[u];
        let ids = |keep: &dyn Fn(usize) -> bool| -> Vec<String> {
            members
                .iter()
                .filter(|&&e| keep(e))
                .map(|&e| grid.id(e).to_string())
                .collect()
        };
        for (d, &date) in instance.dates.iter().enumerate() {
            let office = members
                .iter()
                .filter(|&&e| cell(e, d) == Some(Cell::Office))
                .count() as i64;
            let remote = members
                .iter()
                .filter(|&&e| cell(e, d) == Some(Cell::Remote))
                .count() as i64;
            let present = office + remote;

            let seats = unit.seats.on(d);
            if office > seats {
                out.add(&|| {
                    violation(
                        "seats",
                        Some(&unit.id),
                        Some(date),
                        ids(&|e| cell(e, d) == Some(Cell::Office)),
                        format!("{date}: {office} orang di kantor, kursi hanya {seats}"),
                        format!("{date}: {office} people in the office, only {seats} seats"),
                    )
                });
            }

            for (skill, need) in &unit.coverage {
                let need = need.on(d);
                let has = |e: usize| instance.employees[e].skills.iter().any(|s| s == skill);
                // A person counts once, however often the skill is listed for them.
                let count = members
                    .iter()
                    .filter(|&&e| has(e) && cell(e, d) == Some(Cell::Office))
                    .count() as i64;
                if count < need {
                    out.add(&|| violation(
                        "coverage",
                        Some(&unit.id),
                        Some(date),
                        ids(&|e| has(e) && cell(e, d) == Some(Cell::Remote)),
                        format!("{date}: {skill} perlu {need} orang di kantor, hanya ada {count}"),
                        format!("{date}: {skill} needs {need} people in the office, only {count} there"),
                    ));
                }
            }

            let share = unit.max_away_share.on(d);
            let limit = (share * present as f64 + 1e-9).floor() as i64;
            if remote > limit {
                out.add(&|| violation(
                    "away_share",
                    Some(&unit.id),
                    Some(date),
                    ids(&|e| cell(e, d) == Some(Cell::Remote)),
                    format!(
                        "{date}: {remote} orang kerja jarak jauh, paling banyak {limit} ({share} dari {present} yang hadir)"
                    ),
                    format!(
                        "{date}: {remote} people work remotely, at most {limit} allowed ({share} of {present} present)"
                    ),
                ));
            }
        }
    }
}
