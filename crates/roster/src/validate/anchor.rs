//! The `anchor` rule: a team with an anchor meets in the office once a week. For each ISO week
//! in which some member is not absent on some date, there must be a date of that week — the
//! anchor weekday if given and if that weekday is a date of that week, otherwise any date of the
//! week — on which at least one member is not absent and every member who is not absent is `O`.

use crate::instance::Team;
use crate::output::Cell;

use super::calendar::Period;
use super::read::Grid;
use super::{violation, Sink, Violation};

pub(super) fn check(grid: &Grid, out: &mut dyn Sink) {
    let instance = grid.instance;
    for (index, team) in instance.teams.iter().enumerate() {
        let Some(anchor) = team.anchor else { continue };
        // The readable rows of the team's members.
        let (mut rows, mut ids): (Vec<&[Cell]>, Vec<&str>) = (Vec::new(), Vec::new());
        for &e in &grid.layout.team_members[index] {
            if let Some(cells) = &grid.rows[e] {
                rows.push(cells);
                ids.push(grid.id(e));
            }
        }
        let present = |d: usize| rows.iter().filter(|cells| cells[d] != Cell::Absent).count();
        let office = |d: usize| rows.iter().filter(|cells| cells[d] == Cell::Office).count();

        for week in &grid.layout.weeks {
            if week.days.iter().all(|&d| present(d) == 0) {
                continue;
            }
            let on_weekday: Vec<usize> = match anchor.weekday() {
                Some(weekday) => week
                    .days
                    .iter()
                    .copied()
                    .filter(|&d| instance.dates[d].weekday() == weekday)
                    .collect(),
                None => Vec::new(),
            };
            let fixed_day = !on_weekday.is_empty();
            let candidates = if fixed_day {
                on_weekday
            } else {
                week.days.clone()
            };
            if candidates
                .iter()
                .any(|&d| present(d) > 0 && office(d) == present(d))
            {
                continue;
            }
            out.add(&|| broken(grid, team, &rows, &ids, week, &candidates, fixed_day));
        }
    }
}

/// The violation of one team in one week: who kept it from meeting, and on which day.
fn broken(
    grid: &Grid,
    team: &Team,
    rows: &[&[Cell]],
    ids: &[&str],
    week: &Period,
    candidates: &[usize],
    fixed_day: bool,
) -> Violation {
    let dates = &grid.instance.dates;
    // Those who kept the team from meeting: remote on a candidate date.
    let mut concerned: Vec<String> = Vec::new();
    for (m, cells) in rows.iter().enumerate() {
        if candidates.iter().any(|&d| cells[d] == Cell::Remote) {
            concerned.push(ids[m].to_string());
        }
    }
    if concerned.is_empty() {
        // Nobody was remote: the members present that week were all absent on the day.
        for (m, cells) in rows.iter().enumerate() {
            if week.days.iter().any(|&d| cells[d] != Cell::Absent) {
                concerned.push(ids[m].to_string());
            }
        }
    }
    let first = dates[week.days[0]];
    let (t, w) = (&team.id, &week.label);
    let (detail_id, detail_en) = if fixed_day {
        let day = dates[candidates[0]];
        (
            format!("minggu {w}: tim {t} tidak lengkap di kantor pada hari jangkar {day}"),
            format!("week {w}: team {t} is not all in the office on its anchor day {day}"),
        )
    } else {
        (
            format!("minggu {w}: tidak ada hari tim {t} lengkap di kantor"),
            format!("week {w}: no day on which team {t} is all in the office"),
        )
    };
    violation(
        "anchor",
        Some(&team.unit),
        Some(first),
        concerned,
        detail_id,
        detail_en,
    )
}
