//! Turns the rules the final roster breaks into explanations: the cause found before the
//! search when there is one (it names the approved plan or the number to change), otherwise
//! a description of the broken rule with the smallest relaxation of that rule.

use std::collections::HashMap;

use crate::instance::Instance;
use crate::text::Text;

use super::calendar::Calendar;
use super::diagnose::{explanation, Diagnosis, Span};
use super::evaluate::Violation;
use super::words;
use super::Explanation;

/// At most this many explanations; one more entry says how many were left out.
const MAX_EXPLANATIONS: usize = 50;

pub(crate) fn explain(
    inst: &Instance,
    cal: &Calendar,
    violations: &[Violation],
    diagnosis: Vec<Diagnosis>,
) -> Vec<Explanation> {
    let mut by_unit: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, g) in diagnosis.iter().enumerate() {
        by_unit.entry(g.unit).or_default().push(i);
    }
    // Each violation is explained by the first cause that covers it (once per cause), or
    // described on its own. Only the first few become text.
    let mut used = vec![false; diagnosis.len()];
    let mut entries: Vec<(usize, Result<usize, &Violation>, &'static str)> = Vec::new();
    for v in violations {
        let candidates = by_unit.get(&v.unit).map_or(&[][..], Vec::as_slice);
        let found = candidates
            .iter()
            .copied()
            .find(|&i| covers(cal, &diagnosis[i], v));
        match found {
            Some(i) if used[i] => {}
            Some(i) => {
                used[i] = true;
                entries.push((v.day, Ok(i), v.constraint));
            }
            None => entries.push((v.day, Err(v), v.constraint)),
        }
    }
    // By date, keeping the order of discovery among equal dates.
    entries.sort_by_key(|(day, _, _)| *day);
    let total = entries.len();
    let mut list: Vec<Explanation> = entries
        .into_iter()
        .take(MAX_EXPLANATIONS)
        .map(|(_, cause, constraint)| match cause {
            Ok(i) => Explanation {
                constraint,
                ..diagnosis[i].explanation.clone()
            },
            Err(v) => describe(inst, v),
        })
        .collect();
    if total > MAX_EXPLANATIONS {
        let rest = total - MAX_EXPLANATIONS;
        list.push(Explanation {
            constraint: "more",
            unit: None,
            date: None,
            employees: Vec::new(),
            problem: Text::new(
                format!("dan {rest} pelanggaran lain"),
                format!("and {rest} more"),
            ),
            fix: Text::new(
                "perbaiki yang di atas terlebih dahulu, lalu jalankan penjadwalan lagi",
                "fix the ones above first, then run the scheduling again",
            ),
        });
    }
    list
}

/// Whether cause `g` explains violation `v`. A cause without a person, team or skill covers
/// the rule for everyone in its span.
fn covers(cal: &Calendar, g: &Diagnosis, v: &Violation) -> bool {
    g.covers.contains(&v.constraint)
        && g.unit == v.unit
        && (g.employee.is_none() || g.employee == v.employee)
        && (g.team.is_none() || g.team == v.team)
        && (g.skill.is_none() || g.skill == v.skill)
        && match g.span {
            Span::Day => g.day == v.day,
            Span::Week => cal.week_of[g.day] == cal.week_of[v.day],
            Span::Month => cal.month_of[g.day] == cal.month_of[v.day],
            Span::Horizon => true,
        }
}

/// A broken rule that no cheap check predicted. Nothing proves that the rules together leave
/// no room (the search may have missed a way), so the text says what the best roster found
/// does, not what the rules force.
fn describe(inst: &Instance, v: &Violation) -> Explanation {
    let (u, d) = (v.unit, v.day);
    let (unit, date) = (words::unit(inst, u), inst.dates[d]);
    let (have, limit) = (v.have, v.limit);
    let who: Vec<usize> = v.employee.into_iter().collect();
    let e = |problem, fix| explanation(v.constraint, inst, u, d, &who, problem, fix);
    match v.constraint {
        "seats" => e(
            (
                format!("{unit}, {date}: jadwal terbaik yang ditemukan menempatkan {have} orang di kantor, kursi hanya {limit} (tidak ditemukan cara memulangkan lebih banyak orang tanpa melanggar cakupan layanan, porsi kerja jarak jauh, batas mingguan, atau hari temu tim)"),
                format!("{unit}, {date}: the best roster found has {have} people in the office, there are only {limit} seats (no way was found to send more home without breaking the service coverage, away share, weekly limits or team days)"),
            ),
            (
                format!("tambah {} kursi pada {date}", have - limit),
                format!("add {} seat(s) on {date}", have - limit),
            ),
        ),
        "coverage" => {
            let skill = v.skill.as_deref().unwrap_or("");
            e(
                (
                    format!("{unit}, {date}: {skill} perlu {limit} orang di kantor, jadwal terbaik yang ditemukan hanya menghadirkan {have} (tidak ditemukan cara menghadirkan lebih banyak tanpa melanggar aturan lain)"),
                    format!("{unit}, {date}: {skill} needs {limit} people in the office, the best roster found has only {have} (no way was found to bring more in without breaking other rules)"),
                ),
                (
                    format!("turunkan kebutuhan {skill} pada {date} menjadi {have}"),
                    format!("lower the {skill} need on {date} to {have}"),
                ),
            )
        }
        "away_share" => {
            let pct = words::share_for(have, v.present);
            e(
                (
                    format!("{unit}, {date}: jadwal terbaik yang ditemukan membuat {have} orang bekerja jarak jauh, porsi maksimum hanya mengizinkan {limit}"),
                    format!("{unit}, {date}: the best roster found has {have} people working remotely, the maximum share allows only {limit}"),
                ),
                (
                    format!("naikkan porsi maksimum pada {date} menjadi {pct}%, atau tambah {} kursi", have - limit),
                    format!("raise the maximum share on {date} to {pct}%, or add {} seat(s)", have - limit),
                ),
            )
        }
        "remote_per_week" => {
            let name = words::person(inst, v.employee.unwrap_or(0));
            let week = words::week(date);
            e(
                (
                    format!("{name}, {}: jadwal terbaik yang ditemukan memberi {have} hari kerja jarak jauh, batasnya {limit} (tidak ditemukan jalan lain dengan kursi dan aturan yang ada)", week.0),
                    format!("{name}, {}: the best roster found gives {have} remote day(s), the limit is {limit} (no way around the seats and the other rules was found)", week.1),
                ),
                (
                    format!("naikkan batas kerja jarak jauh {name} menjadi {have} hari per minggu, atau tambah kursi pada minggu itu"),
                    format!("raise {name}'s remote limit to {have} day(s) a week, or add seats that week"),
                ),
            )
        }
        "office_per_month" => {
            let name = words::person(inst, v.employee.unwrap_or(0));
            let month = words::month(date);
            e(
                (
                    format!("{name}, {}: jadwal terbaik yang ditemukan hanya memberi {have} hari di kantor, wajib {limit} (tidak ditemukan jalan lain dengan kursi dan aturan yang ada)", month.0),
                    format!("{name}, {}: the best roster found has only {have} office day(s), the minimum is {limit} (no way around the seats and the other rules was found)", month.1),
                ),
                (
                    format!("turunkan kewajiban hari kantor {name} bulan itu menjadi {have}, atau tambah kursi"),
                    format!("lower {name}'s office minimum that month to {have}, or add seats"),
                ),
            )
        }
        "anchor" => {
            let t = v.team.unwrap_or(0);
            let team = words::team(inst, t);
            let week = words::week(date);
            e(
                (
                    format!("{} ({unit}), {}: jadwal terbaik yang ditemukan tidak memiliki hari ketika semua anggota yang hadir berada di kantor", team.0, week.0),
                    format!("{} ({unit}), {}: the best roster found has no day on which all present members are in the office", team.1, week.1),
                ),
                if have > 0 {
                    (
                        format!("ubah hari temu tim, atau tambah kursi agar {have} anggota yang bekerja jarak jauh bisa datang"),
                        format!("change the team's meeting day, or add seats so that the {have} remote member(s) can come in"),
                    )
                } else {
                    // No allowed date has a member present (leave on the fixed weekday).
                    (
                        "ubah hari temu tim menjadi 'bebas' untuk minggu itu".to_string(),
                        "set the team's meeting day to 'any' for that week".to_string(),
                    )
                },
            )
        }
        _ => e(
            (
                format!("{unit}, {date}: rencana yang sudah disetujui tidak dapat dipertahankan"),
                format!("{unit}, {date}: an approved plan could not be kept"),
            ),
            ("periksa rencana yang sudah disetujui".to_string(), "review the approved plans".to_string()),
        ),
    }
}
