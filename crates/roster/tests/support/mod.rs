//! Random small roster instances for property tests: 1–3 units, a few employees, 1–15 working
//! days that may cross a month (and a year) boundary, tight seats, coverage, away shares,
//! anchors, fixed days, wishes of every sign, minimum office days and remote limits including 0.
//! Many of them are infeasible on purpose.
//!
//! The raw values are drawn independently and references (unit, team, skill, date) are taken
//! modulo what exists, so that proptest can shrink every part of an instance on its own.

use std::collections::BTreeMap;

use fleksi_roster::{AnchorDay, Employee, Fixed, Instance, PerDay, Team, Unit};
use jiff::civil::{date, Date, Weekday};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// The most dates an instance can have; per-day arrays are drawn this long and cut.
const MAX_DAYS: usize = 15;

#[derive(Debug, Clone)]
struct RawUnit {
    seats: PerDay<i64>,
    coverage: Vec<(usize, PerDay<i64>)>,
    share: PerDay<f64>,
}

#[derive(Debug, Clone)]
struct RawEmployee {
    unit: usize,
    team: Option<usize>,
    /// Bit 0, 1: has skill s0, s1; bit 2: lists its first skill twice.
    skills: u8,
    max_remote: i64,
    min_office: i64,
    fixed: Vec<(usize, Fixed)>,
    wishes: Vec<(usize, i64)>,
}

fn per_day<T: Clone + std::fmt::Debug + 'static>(
    value: impl Strategy<Value = T> + Clone,
) -> impl Strategy<Value = PerDay<T>> {
    prop_oneof![
        value.clone().prop_map(PerDay::Same),
        vec(value, MAX_DAYS).prop_map(PerDay::Each)
    ]
}

/// Each rule is loose more often than tight, so that both feasible and infeasible instances
/// are common.
fn unit() -> impl Strategy<Value = RawUnit> {
    let seats = prop_oneof![2 => (4..=16i64).prop_map(PerDay::Same), 1 => per_day(0..=4i64)];
    let need = per_day(prop_oneof![3 => 0..=1i64, 1 => 0..=2i64]);
    let coverage = prop_oneof![2 => Just(Vec::new()), 1 => vec((0..2usize, need), 1..=2)];
    let share = prop_oneof![
        2 => Just(PerDay::Same(1.0)),
        1 => per_day(select(vec![0.0, 0.2, 0.25, 0.34, 0.5, 0.6, 0.75, 0.9, 1.0])),
    ];
    (seats, coverage, share).prop_map(|(seats, coverage, share)| RawUnit {
        seats,
        coverage,
        share,
    })
}

/// Weekday anchors are the most common: often that weekday is not a date of some week (a
/// holiday, the ends of the horizon, a weekend day) and any day of that week must do.
fn anchor() -> impl Strategy<Value = Option<AnchorDay>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(AnchorDay::Any)),
        3 => select(vec![
            AnchorDay::Monday,
            AnchorDay::Tuesday,
            AnchorDay::Wednesday,
            AnchorDay::Thursday,
            AnchorDay::Friday,
            AnchorDay::Saturday,
            AnchorDay::Sunday,
        ])
        .prop_map(Some),
    ]
}

fn employee() -> impl Strategy<Value = RawEmployee> {
    let fixed = vec(
        (
            0..MAX_DAYS,
            select(vec![Fixed::Office, Fixed::Remote, Fixed::Absent]),
        ),
        0..=2,
    );
    // A few wishes, or one on every date (then a weekly rule such as an anchor costs wishes).
    let wishes = prop_oneof![
        2 => vec((0..MAX_DAYS, -3..=3i64), 0..=4),
        1 => vec(-3..=3i64, MAX_DAYS).prop_map(|w| w.into_iter().enumerate().collect()),
    ];
    (
        0..3usize,
        proptest::option::weighted(0.7, 0..4usize),
        0..8u8,
        prop_oneof![2 => Just(5i64), 2 => 0..=5i64, 1 => Just(0i64)],
        prop_oneof![2 => Just(0i64), 2 => 0..=3i64, 1 => 0..=8i64],
        fixed,
        wishes,
    )
        .prop_map(
            |(unit, team, skills, max_remote, min_office, fixed, wishes)| RawEmployee {
                unit,
                team,
                skills,
                max_remote,
                min_office,
                fixed,
                wishes,
            },
        )
}

/// Instances with at most `max_employees` employees and `max_dates` dates.
pub fn instances(max_employees: usize, max_dates: usize) -> impl Strategy<Value = Instance> {
    let start = (1..=12i8, 15..=28i8);
    let dates = (
        1..=max_dates.min(MAX_DAYS),
        vec(proptest::bool::weighted(0.15), 2 * MAX_DAYS),
    );
    let fairness = prop_oneof![Just(0i64), 0..=10i64];
    let skills = 0..=2usize;
    let units = vec(unit(), 1..=3);
    let teams = vec((0..3usize, anchor()), 0..=3);
    let employees = vec(employee(), 0..=max_employees);
    (start, dates, fairness, skills, units, teams, employees).prop_map(
        |((month, day), (days, skips), fairness_weight, skills, units, teams, employees)| {
            build(
                date(2026, month, day),
                days,
                &skips,
                fairness_weight,
                skills,
                units,
                teams,
                employees,
            )
        },
    )
}

/// `days` working days from `start` on: weekends skipped, and a day skipped where `skips` says
/// (a holiday), as long as there are skips left to read.
fn working_days(start: Date, days: usize, skips: &[bool]) -> Vec<Date> {
    let mut dates = Vec::new();
    let mut day = start;
    let mut k = 0;
    while dates.len() < days {
        let weekend = matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday);
        if !weekend {
            let skip = skips.get(k).copied().unwrap_or(false);
            k += 1;
            if !skip {
                dates.push(day);
            }
        }
        day = day.tomorrow().expect("dates stay in range");
    }
    dates
}

fn cut<T: Copy>(value: PerDay<T>, days: usize) -> PerDay<T> {
    match value {
        PerDay::Same(v) => PerDay::Same(v),
        PerDay::Each(values) => PerDay::Each(values[..days].to_vec()),
    }
}

#[allow(clippy::too_many_arguments)]
fn build(
    start: Date,
    days: usize,
    skips: &[bool],
    fairness_weight: i64,
    skill_count: usize,
    units: Vec<RawUnit>,
    teams: Vec<(usize, Option<AnchorDay>)>,
    employees: Vec<RawEmployee>,
) -> Instance {
    let dates = working_days(start, days, skips);
    let skills: Vec<String> = (0..skill_count).map(|s| format!("s{s}")).collect();
    let units: Vec<Unit> = units
        .into_iter()
        .enumerate()
        .map(|(u, raw)| Unit {
            id: format!("u{u}"),
            name: None,
            seats: cut(raw.seats, days),
            coverage: raw
                .coverage
                .into_iter()
                .filter(|_| skill_count > 0)
                .map(|(s, need)| (skills[s % skill_count].clone(), cut(need, days)))
                .collect(),
            max_away_share: cut(raw.share, days),
        })
        .collect();
    let teams: Vec<Team> = teams
        .into_iter()
        .enumerate()
        .map(|(t, (unit, anchor))| Team {
            id: format!("t{t}"),
            name: None,
            unit: units[unit % units.len()].id.clone(),
            anchor,
        })
        .collect();
    let employees: Vec<Employee> = employees
        .into_iter()
        .enumerate()
        .map(|(e, raw)| {
            let unit = units[raw.unit % units.len()].id.clone();
            let own: Vec<&Team> = teams.iter().filter(|t| t.unit == unit).collect();
            let team = match raw.team {
                Some(t) if !own.is_empty() => Some(own[t % own.len()].id.clone()),
                _ => None,
            };
            let mut skills: Vec<String> = (0..skill_count)
                .filter(|s| raw.skills & (1 << s) != 0)
                .map(|s| skills[s].clone())
                .collect();
            // The format does not forbid listing a skill twice; the person still counts once.
            if raw.skills & 4 != 0 && !skills.is_empty() {
                skills.push(skills[0].clone());
            }
            let fixed: BTreeMap<Date, Fixed> = raw
                .fixed
                .into_iter()
                .map(|(d, f)| (dates[d % days], f))
                .collect();
            let wishes: BTreeMap<Date, i64> = raw
                .wishes
                .into_iter()
                .map(|(d, w)| (dates[d % days], w))
                .collect();
            Employee {
                id: format!("e{e}"),
                name: None,
                unit,
                team,
                skills,
                max_remote_per_week: raw.max_remote,
                min_office_per_month: raw.min_office,
                fixed,
                wishes,
            }
        })
        .collect();
    let instance = Instance {
        name: None,
        dates,
        fairness_weight,
        skills,
        units,
        teams,
        employees,
    };
    instance.check().expect("generated instances are valid");
    instance
}

/// The instance as JSON, to paste into a bug report or `fleksi roster solve`.
pub fn json(instance: &Instance) -> String {
    serde_json::to_string(instance).expect("an instance serializes")
}
