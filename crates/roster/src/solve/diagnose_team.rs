//! Necessary conditions of team anchors: a week in which no allowed date can be the team's
//! office day, because a member is approved remote, everyone is on leave, or the team does
//! not fit in the seats.

use std::collections::HashMap;

use crate::instance::{Fixed, Instance};

use super::calendar::Calendar;
use super::diagnose::{explanation, Diagnosis, Span};
use super::words;

pub(crate) fn anchors(
    inst: &Instance,
    cal: &Calendar,
    is: &impl Fn(usize, usize, Fixed) -> bool,
    out: &mut Vec<Diagnosis>,
) {
    let unit_of: HashMap<&str, usize> = inst
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let team_of: HashMap<&str, usize> = inst
        .teams
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut crews: Vec<Vec<usize>> = vec![Vec::new(); inst.teams.len()];
    for (p, person) in inst.employees.iter().enumerate() {
        if let Some(&t) = person.team.as_deref().and_then(|id| team_of.get(id)) {
            crews[t].push(p);
        }
    }
    for (t, team) in inst.teams.iter().enumerate() {
        let Some(anchor) = team.anchor else { continue };
        let Some(&u) = unit_of.get(team.unit.as_str()) else {
            continue;
        };
        let crew = &crews[t];
        for range in &cal.weeks {
            let present = |d: usize| -> Vec<usize> {
                crew.iter()
                    .copied()
                    .filter(|&p| !is(p, d, Fixed::Absent))
                    .collect()
            };
            if range.clone().all(|d| present(d).is_empty()) {
                continue;
            }
            let fixed_day = anchor
                .weekday()
                .and_then(|wd| range.clone().find(|&d| cal.weekday[d] == wd));
            let allowed: Vec<usize> =
                fixed_day.map_or_else(|| range.clone().collect(), |d| vec![d]);
            // The cheapest allowed date to open up: fewest approved remote members, then the
            // fewest seats missing.
            let mut best: Option<(usize, usize, Vec<usize>, i64)> = None;
            let mut all_absent = true;
            for &d in &allowed {
                let here = present(d);
                if here.is_empty() {
                    continue;
                }
                all_absent = false;
                let remote: Vec<usize> = here
                    .iter()
                    .copied()
                    .filter(|&p| is(p, d, Fixed::Remote))
                    .collect();
                let missing = (here.len() as i64 - inst.units[u].seats.on(d)).max(0);
                if remote.is_empty() && missing == 0 {
                    best = None;
                    break;
                }
                let cost = remote.len() + missing as usize;
                if best.as_ref().is_none_or(|b| cost < b.0) {
                    best = Some((cost, d, remote, missing));
                }
            }
            let (team_name, unit_name) = (words::team(inst, t), words::unit(inst, u));
            let week = words::week(inst.dates[range.start]);
            let at = |d: usize, who: &[usize], problem, fix| Diagnosis {
                covers: &["anchor"],
                unit: u,
                day: d,
                span: Span::Week,
                employee: None,
                team: Some(t),
                skill: None,
                explanation: explanation("anchor", inst, u, d, who, problem, fix),
            };
            if all_absent {
                let d = allowed[0];
                let day = words::weekday(cal.weekday[d]);
                out.push(at(
                    d,
                    &[],
                    (
                        format!("{} ({unit_name}), {}: semua anggota cuti pada hari temu {} {}", team_name.0, week.0, day.0, inst.dates[d]),
                        format!("{} ({unit_name}), {}: every member is on leave on the meeting day, {} {}", team_name.1, week.1, day.1, inst.dates[d]),
                    ),
                    (
                        "ubah hari temu tim menjadi 'bebas' untuk minggu itu, atau geser cuti satu anggota".to_string(),
                        "set the team's meeting day to 'any' for that week, or move one member's leave".to_string(),
                    ),
                ));
            } else if let Some((_, d, remote, missing)) = best {
                let (names_id, names_en) = words::people(inst, &remote);
                let date = inst.dates[d];
                let (problem, fix) = if !remote.is_empty() {
                    (
                        (
                            format!("{} ({unit_name}), {}: tidak ada hari temu yang mungkin; pada {date} sudah disetujui bekerja jarak jauh: {names_id}", team_name.0, week.0),
                            format!("{} ({unit_name}), {}: no meeting day is possible; approved to work remotely on {date}: {names_en}", team_name.1, week.1),
                        ),
                        (
                            format!("batalkan kerja jarak jauh {names_id} pada {date}{}, atau ubah hari temu tim", seats_id(missing)),
                            format!("cancel the remote day of {names_en} on {date}{}, or change the team's meeting day", seats_en(missing)),
                        ),
                    )
                } else {
                    (
                        (
                            format!("{} ({unit_name}), {}: anggota yang hadir pada {date} lebih banyak dari kursi", team_name.0, week.0),
                            format!("{} ({unit_name}), {}: more members are present on {date} than there are seats", team_name.1, week.1),
                        ),
                        (
                            format!("tambah {missing} kursi pada {date}, atau ubah hari temu tim"),
                            format!("add {missing} seat(s) on {date}, or change the team's meeting day"),
                        ),
                    )
                };
                out.push(at(d, &remote, problem, fix));
            }
        }
    }
}

fn seats_id(missing: i64) -> String {
    if missing > 0 {
        format!(" dan tambah {missing} kursi")
    } else {
        String::new()
    }
}

fn seats_en(missing: i64) -> String {
    if missing > 0 {
        format!(" and add {missing} seat(s)")
    } else {
        String::new()
    }
}
