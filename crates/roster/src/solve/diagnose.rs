//! Cheap necessary conditions, checked before any search: a rule that approved plans, leave or
//! the unit's own numbers already make impossible. Each finding names its cause and the
//! smallest change that removes it, which is a better explanation than the search's.

use std::collections::HashMap;

use crate::instance::{Fixed, Instance};
use crate::text::Text;

use super::calendar::Calendar;
use super::words;
use super::Explanation;

/// A cause found before the search, and the violations (by constraint, unit, date and whom)
/// it explains.
pub(crate) struct Diagnosis {
    pub covers: &'static [&'static str],
    pub unit: usize,
    pub day: usize,
    /// Whether `day` stands for its whole date, ISO week or month when matching violations.
    pub span: Span,
    pub employee: Option<usize>,
    pub team: Option<usize>,
    pub skill: Option<String>,
    pub explanation: Explanation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Span {
    Day,
    Week,
    Month,
    /// Every date of the horizon.
    Horizon,
}

pub(crate) fn explanation(
    constraint: &'static str,
    inst: &Instance,
    unit: usize,
    day: usize,
    employees: &[usize],
    problem: (String, String),
    fix: (String, String),
) -> Explanation {
    Explanation {
        constraint,
        unit: Some(inst.units[unit].id.clone()),
        date: inst.dates.get(day).copied(),
        employees: words::ids(inst, employees),
        problem: Text::new(problem.0, problem.1),
        fix: Text::new(fix.0, fix.1),
    }
}

pub(crate) fn diagnose(inst: &Instance, cal: &Calendar) -> Vec<Diagnosis> {
    let days = cal.days;
    let date_index: HashMap<_, _> = inst
        .dates
        .iter()
        .enumerate()
        .map(|(i, d)| (*d, i))
        .collect();
    let mut fixed: Vec<Option<Fixed>> = vec![None; inst.employees.len() * days];
    for (p, person) in inst.employees.iter().enumerate() {
        for (date, f) in &person.fixed {
            if let Some(&d) = date_index.get(date) {
                fixed[p * days + d] = Some(*f);
            }
        }
    }
    let unit_of: HashMap<&str, usize> = inst
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); inst.units.len()];
    for (p, person) in inst.employees.iter().enumerate() {
        if let Some(&u) = unit_of.get(person.unit.as_str()) {
            members[u].push(p);
        }
    }
    let mut out = Vec::new();
    let is = |p: usize, d: usize, f: Fixed| fixed[p * days + d] == Some(f);
    for (u, people) in members.iter().enumerate() {
        for d in 0..days {
            super::diagnose_day::unit_day(inst, u, d, people, &is, &mut out);
        }
    }
    for (p, person) in inst.employees.iter().enumerate() {
        let u = unit_of.get(person.unit.as_str()).copied().unwrap_or(0);
        for range in &cal.weeks {
            let remote: Vec<usize> = range.clone().filter(|&d| is(p, d, Fixed::Remote)).collect();
            let max = person.max_remote_per_week;
            if remote.len() as i64 > max {
                let (k, name) = (remote.len(), words::person(inst, p));
                let week = words::week(inst.dates[range.start]);
                out.push(Diagnosis {
                    covers: &["remote_per_week"],
                    unit: u,
                    day: range.start,
                    span: Span::Day,
                    employee: Some(p),
                    team: None,
                    skill: None,
                    explanation: explanation(
                        "remote_per_week",
                        inst,
                        u,
                        range.start,
                        &[p],
                        (
                            format!("{name}, {}: {k} hari kerja jarak jauh sudah disetujui, batasnya {max} per minggu", week.0),
                            format!("{name}, {}: {k} remote days are already approved, the limit is {max} a week", week.1),
                        ),
                        (
                            format!("naikkan batas {name} menjadi {k} hari per minggu, atau batalkan {} rencana kerja jarak jauh pada minggu itu", k as i64 - max),
                            format!("raise {name}'s limit to {k} days a week, or cancel {} approved remote day(s) that week", k as i64 - max),
                        ),
                    ),
                });
            }
        }
        for range in &cal.months {
            let present = range.clone().filter(|&d| !is(p, d, Fixed::Absent)).count() as i64;
            let remote = range.clone().filter(|&d| is(p, d, Fixed::Remote)).count() as i64;
            let need = person.min_office_per_month.min(present);
            if present - remote < need {
                let (name, month) = (
                    words::person(inst, p),
                    words::month(inst.dates[range.start]),
                );
                let free = present - remote;
                out.push(Diagnosis {
                    covers: &["office_per_month"],
                    unit: u,
                    day: range.start,
                    span: Span::Day,
                    employee: Some(p),
                    team: None,
                    skill: None,
                    explanation: explanation(
                        "office_per_month",
                        inst,
                        u,
                        range.start,
                        &[p],
                        (
                            format!("{name}, {}: wajib {need} hari di kantor, tetapi hanya {free} hari yang tidak cuti dan belum disetujui kerja jarak jauh", month.0),
                            format!("{name}, {}: must be in the office {need} days, but only {free} days are neither leave nor approved remote", month.1),
                        ),
                        (
                            format!("turunkan kewajiban hari kantor {name} bulan itu menjadi {free}, atau batalkan {} rencana kerja jarak jauh", need - free),
                            format!("lower {name}'s office days that month to {free}, or cancel {} approved remote day(s)", need - free),
                        ),
                    ),
                });
            }
        }
    }
    super::diagnose_team::anchors(inst, cal, &is, &mut out);
    for (u, people) in members.iter().enumerate() {
        capacity(inst, cal, u, people, &is, &mut out);
        skills(inst, u, people, &mut out);
    }
    out
}

/// Whole weeks and months: the seats leave more remote person-days than the weekly limits
/// allow, or the monthly office minimums need more office person-days than there are seats.
fn capacity(
    inst: &Instance,
    cal: &Calendar,
    u: usize,
    people: &[usize],
    is: &impl Fn(usize, usize, Fixed) -> bool,
    out: &mut Vec<Diagnosis>,
) {
    let unit = &inst.units[u];
    let name = words::unit(inst, u);
    let present = |d: usize| people.iter().filter(|&&p| !is(p, d, Fixed::Absent)).count() as i64;
    for range in &cal.weeks {
        let must_go: i64 = range
            .clone()
            .map(|d| (present(d) - unit.seats.on(d)).max(0))
            .sum();
        let allowed: i64 = people
            .iter()
            .map(|&p| {
                let open = range
                    .clone()
                    .filter(|&d| !is(p, d, Fixed::Absent) && !is(p, d, Fixed::Office))
                    .count();
                inst.employees[p].max_remote_per_week.clamp(0, open as i64)
            })
            .sum();
        if must_go > allowed {
            let week = words::week(inst.dates[range.start]);
            let gap = must_go - allowed;
            let per_day = (gap + range.len() as i64 - 1) / range.len() as i64;
            out.push(Diagnosis {
                covers: &["seats", "remote_per_week", "away_share"],
                unit: u,
                day: range.start,
                span: Span::Week,
                employee: None,
                team: None,
                skill: None,
                explanation: explanation(
                    "seats",
                    inst,
                    u,
                    range.start,
                    &[],
                    (
                        format!("{name}, {}: kursi yang ada memaksa {must_go} hari-orang kerja jarak jauh, tetapi batas kerja jarak jauh mingguan pegawai hanya mengizinkan {allowed}", week.0),
                        format!("{name}, {}: the seats force {must_go} person-days of remote work, but the staff's weekly remote limits allow only {allowed}", week.1),
                    ),
                    (
                        format!("tambah {per_day} kursi per hari pada minggu itu, atau naikkan batas kerja jarak jauh mingguan sebanyak {gap} hari-orang"),
                        format!("add {per_day} seat(s) a day that week, or raise the weekly remote limits by {gap} person-days in total"),
                    ),
                ),
            });
        }
    }
    for (mo, range) in cal.months.iter().enumerate() {
        // Remote person-days the seats force in the month, against what the weekly limits
        // and the monthly office minimums together allow each person.
        let must_go: i64 = range
            .clone()
            .map(|d| (present(d) - unit.seats.on(d)).max(0))
            .sum();
        let allowed: i64 = people
            .iter()
            .map(|&p| {
                let person = &inst.employees[p];
                let open = |d: usize| !is(p, d, Fixed::Absent) && !is(p, d, Fixed::Office);
                let by_weeks: i64 = cal
                    .weeks
                    .iter()
                    .map(|w| {
                        let days = w
                            .clone()
                            .filter(|&d| cal.month_of[d] == mo && open(d))
                            .count() as i64;
                        person.max_remote_per_week.clamp(0, days)
                    })
                    .sum();
                let here = range.clone().filter(|&d| !is(p, d, Fixed::Absent)).count() as i64;
                by_weeks.min(here - person.min_office_per_month.min(here))
            })
            .sum();
        if must_go > allowed
            && !out
                .iter()
                .any(|g| g.unit == u && g.span == Span::Week && cal.month_of[g.day] == mo)
        {
            let month = words::month(inst.dates[range.start]);
            let gap = must_go - allowed;
            out.push(Diagnosis {
                covers: &["seats", "office_per_month", "remote_per_week", "away_share"],
                unit: u,
                day: range.start,
                span: Span::Month,
                employee: None,
                team: None,
                skill: None,
                explanation: explanation(
                    "seats",
                    inst,
                    u,
                    range.start,
                    &[],
                    (
                        format!("{name}, {}: kursi yang ada memaksa {must_go} hari-orang kerja jarak jauh, tetapi batas mingguan dan kewajiban hari kantor bulanan pegawai hanya mengizinkan {allowed}", month.0),
                        format!("{name}, {}: the seats force {must_go} person-days of remote work, but the staff's weekly limits and monthly office minimums allow only {allowed}", month.1),
                    ),
                    (
                        format!("tambah kursi sebanyak {gap} hari-kursi pada bulan itu, atau turunkan kewajiban hari kantor bulanan sebanyak {gap} hari-orang"),
                        format!("add {gap} seat-days that month, or lower the monthly office minimums by {gap} person-days in total"),
                    ),
                ),
            });
        }
        let need: i64 = people
            .iter()
            .map(|&p| {
                let here = range.clone().filter(|&d| !is(p, d, Fixed::Absent)).count() as i64;
                inst.employees[p].min_office_per_month.min(here)
            })
            .sum();
        let seats: i64 = range
            .clone()
            .map(|d| unit.seats.on(d).min(present(d)))
            .sum();
        if need > seats {
            let month = words::month(inst.dates[range.start]);
            let gap = need - seats;
            out.push(Diagnosis {
                covers: &["seats", "office_per_month"],
                unit: u,
                day: range.start,
                span: Span::Month,
                employee: None,
                team: None,
                skill: None,
                explanation: explanation(
                    "office_per_month",
                    inst,
                    u,
                    range.start,
                    &[],
                    (
                        format!("{name}, {}: kewajiban hari kantor bulanan pegawai berjumlah {need} hari-orang, kursi hanya cukup untuk {seats}", month.0),
                        format!("{name}, {}: the staff's monthly office minimums add up to {need} person-days, the seats hold only {seats}", month.1),
                    ),
                    (
                        format!("tambah kursi sebanyak {gap} hari-kursi pada bulan itu, atau turunkan kewajiban hari kantor sebanyak {gap} hari-orang"),
                        format!("add {gap} seat-days that month, or lower the office minimums by {gap} person-days in total"),
                    ),
                ),
            });
        }
    }
}

/// A unit with fewer people holding a skill than its coverage asks for on some date.
fn skills(inst: &Instance, u: usize, people: &[usize], out: &mut Vec<Diagnosis>) {
    let name = words::unit(inst, u);
    for (skill, need) in &inst.units[u].coverage {
        let holders: Vec<usize> = people
            .iter()
            .copied()
            .filter(|&p| inst.employees[p].skills.contains(skill))
            .collect();
        let have = holders.len() as i64;
        let Some(d) = (0..inst.dates.len()).find(|&d| need.on(d) > have) else {
            continue;
        };
        let most = (0..inst.dates.len()).map(|d| need.on(d)).max().unwrap_or(0);
        out.push(Diagnosis {
            covers: &["coverage"],
            unit: u,
            day: d,
            span: Span::Horizon,
            employee: None,
            team: None,
            skill: Some(skill.clone()),
            explanation: explanation(
                "coverage",
                inst,
                u,
                d,
                &holders,
                (
                    format!("{name}: {skill} perlu hingga {most} orang di kantor, unit hanya punya {have} orang dengan keahlian {skill}"),
                    format!("{name}: {skill} needs up to {most} people in the office, the unit has only {have} people with the {skill} skill"),
                ),
                (
                    format!("tambah {} orang dengan keahlian {skill} di unit ini, atau turunkan kebutuhan {skill} menjadi {have}", most - have),
                    format!("add {} people with the {skill} skill to this unit, or lower the {skill} need to {have}", most - have),
                ),
            ),
        });
    }
}
