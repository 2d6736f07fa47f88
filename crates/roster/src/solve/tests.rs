//! Tests of the solver on small instances with known answers: hand-computed optima, brute
//! force over every roster of tiny random instances, two-month horizons, anchors, edge cases
//! and determinism.

use std::time::Duration;

use crate::instance::{AnchorDay, Employee, Fixed, Instance, PerDay, Team, Unit};
use crate::output::Cell;

use super::calendar::Calendar;
use super::evaluate::evaluate;
use super::model::{ABSENT, OFFICE, REMOTE};
use super::rng::Rng;
use super::{solve, Options, Solution};

pub(super) fn parse(json: &str) -> Instance {
    Instance::from_json(json).unwrap()
}

pub(super) fn run(inst: &Instance) -> Solution {
    solve(inst, &Options::default()).unwrap()
}

pub(super) fn row<'a>(s: &'a Solution, id: &str) -> &'a str {
    &s.roster.rows.iter().find(|r| r.id == id).unwrap().days
}

/// The objective recomputed naively from the returned roster.
fn naive_objective(inst: &Instance, s: &Solution) -> (i64, i64) {
    let mut unmet = Vec::new();
    for (p, e) in inst.employees.iter().enumerate() {
        let cells = s.roster.rows[p].cells().unwrap();
        let mut u = 0;
        for (date, &w) in &e.wishes {
            let d = inst.dates.iter().position(|x| x == date).unwrap();
            u += match cells[d] {
                Cell::Office if w > 0 => w,
                Cell::Remote if w < 0 => -w,
                _ => 0,
            };
        }
        unmet.push(u);
    }
    (unmet.iter().sum(), unmet.iter().copied().max().unwrap_or(0))
}

#[test]
fn two_people_one_seat_hand_computed() {
    // One seat a day and one remote day each: a stays home Monday (wish 3), b Tuesday,
    // leaving b's Monday wish (2) unmet: 2 + 10 × 2 = 22. The other way costs 3 + 30.
    let inst = parse(
        r#"{"dates": ["2026-03-02", "2026-03-03"], "units": [{"id": "u", "seats": 1}],
            "employees": [
              {"id": "a", "unit": "u", "max_remote_per_week": 1, "wishes": {"2026-03-02": 3}},
              {"id": "b", "unit": "u", "max_remote_per_week": 1, "wishes": {"2026-03-02": 2, "2026-03-03": 1}}]}"#,
    );
    let s = run(&inst);
    assert!(s.feasible && s.relaxed.is_empty());
    assert_eq!((s.objective, s.unmet_total, s.max_unmet), (22, 2, 2));
    assert_eq!((row(&s, "a"), row(&s, "b")), ("RO", "OR"));
}

#[test]
fn units_below_the_largest_unmet_total_trade_fairness_for_total() {
    // Unit a: one seat for two people who both want the office all week: 5 remote days,
    // so someone misses 3. Unit b: x and y must take 3 remote days between them; x minds
    // 1 a day, y 2. Alone, b would split them (x 2, y 2: 4 + 10 × 2); since a already sets
    // the maximum at 3, x takes all three (3). Optimum: (5 + 3) + 10 × 3 = 38.
    let office = r#"{"2026-03-02": -1, "2026-03-03": -1, "2026-03-04": -1, "2026-03-05": -1, "2026-03-06": -1}"#;
    let json = format!(
        r#"{{"dates": ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"],
            "units": [{{"id": "a", "seats": 1}}, {{"id": "b", "seats": [1, 1, 1, 2, 2]}}],
            "employees": [
              {{"id": "a1", "unit": "a", "max_remote_per_week": 5, "wishes": {office}}},
              {{"id": "a2", "unit": "a", "max_remote_per_week": 5, "wishes": {office}}},
              {{"id": "x", "unit": "b", "max_remote_per_week": 5,
                "wishes": {{"2026-03-02": -1, "2026-03-03": -1, "2026-03-04": -1}}}},
              {{"id": "y", "unit": "b", "max_remote_per_week": 5,
                "wishes": {{"2026-03-02": -2, "2026-03-03": -2, "2026-03-04": -2}}}}]}}"#
    );
    let s = run(&parse(&json));
    assert!(s.feasible);
    assert_eq!((s.objective, s.unmet_total, s.max_unmet), (38, 8, 3));
    assert_eq!(&row(&s, "x")[..3], "RRR");
}

/// A random instance small enough to enumerate: `people` × `days` with one or two units,
/// skills, a team with an anchor, fixed days and wishes of both signs.
fn tiny(rng: &mut Rng, people: usize, days: usize) -> Instance {
    let all = [
        "2026-03-26",
        "2026-03-27",
        "2026-03-30",
        "2026-03-31",
        "2026-04-01",
        "2026-04-02",
    ];
    let dates: Vec<_> = all[..days].iter().map(|d| d.parse().unwrap()).collect();
    let units = 1 + rng.below(2);
    let unit = |i: usize, rng: &mut Rng| Unit {
        id: format!("u{i}"),
        name: None,
        seats: PerDay::Each(
            (0..days)
                .map(|_| 1 + rng.below(people) as i64 + rng.below(2) as i64)
                .collect(),
        ),
        coverage: [("s".to_string(), PerDay::Same(rng.below(2) as i64))].into(),
        max_away_share: PerDay::Same([0.5, 0.7, 1.0][rng.below(3)]),
    };
    let anchors = [AnchorDay::Any, AnchorDay::Monday, AnchorDay::Friday];
    let teams = vec![Team {
        id: "t".into(),
        name: None,
        unit: "u0".into(),
        anchor: Some(anchors[rng.below(3)]),
    }];
    let employees = (0..people)
        .map(|p| {
            let unit = format!("u{}", p % units);
            let mut fixed = std::collections::BTreeMap::new();
            let mut wishes = std::collections::BTreeMap::new();
            for date in &dates {
                match rng.below(24) {
                    0 | 1 => drop(fixed.insert(*date, Fixed::Absent)),
                    2 => drop(fixed.insert(*date, Fixed::Office)),
                    3 => drop(fixed.insert(*date, Fixed::Remote)),
                    _ => {}
                }
                if rng.below(3) > 0 {
                    wishes.insert(*date, rng.below(9) as i64 - 3);
                }
            }
            Employee {
                id: format!("e{p}"),
                name: None,
                team: (unit == "u0" && rng.below(2) == 0).then(|| "t".to_string()),
                unit,
                skills: if rng.below(2) == 0 {
                    vec!["s".into()]
                } else {
                    vec![]
                },
                max_remote_per_week: 1 + rng.below(3) as i64,
                min_office_per_month: rng.below(3) as i64,
                fixed,
                wishes,
            }
        })
        .collect();
    Instance {
        name: None,
        dates,
        fairness_weight: [0, 1, 10][rng.below(3)],
        skills: vec!["s".into()],
        units: (0..units).map(|i| unit(i, rng)).collect(),
        teams,
        employees,
    }
}

/// The best (feasible first, then objective) of every roster, by enumeration.
fn brute_force(inst: &Instance) -> Option<i128> {
    let cal = Calendar::new(&inst.dates);
    let days = inst.dates.len();
    let mut cells = vec![OFFICE; inst.employees.len() * days];
    let mut free = Vec::new();
    for (p, e) in inst.employees.iter().enumerate() {
        for d in 0..days {
            match e.fixed.get(&inst.dates[d]) {
                Some(Fixed::Absent) => cells[p * days + d] = ABSENT,
                Some(Fixed::Remote) => cells[p * days + d] = REMOTE,
                Some(Fixed::Office) => {}
                None => free.push(p * days + d),
            }
        }
    }
    let mut best = None;
    for mask in 0u32..(1 << free.len()) {
        for (i, &c) in free.iter().enumerate() {
            cells[c] = if mask >> i & 1 == 1 { REMOTE } else { OFFICE };
        }
        let ev = evaluate(inst, &cal, &cells);
        if ev.violations.is_empty() {
            let obj = ev.unmet_total + i128::from(inst.fairness_weight) * ev.max_unmet;
            best = Some(best.map_or(obj, |b: i128| b.min(obj)));
        }
    }
    best
}

#[test]
fn tiny_random_instances_match_brute_force() {
    let mut rng = Rng::new(42, 0);
    let (mut feasible, mut infeasible) = (0, 0);
    for _ in 0..100 {
        let inst = tiny(&mut rng, 3, 5);
        inst.check().unwrap();
        let s = run(&inst);
        assert_eq!(s.relaxed.is_empty(), s.feasible);
        let (total, max) = naive_objective(&inst, &s);
        assert_eq!((s.unmet_total, s.max_unmet), (total, max));
        assert_eq!(s.objective, total + inst.fairness_weight * max);
        match brute_force(&inst) {
            Some(best) => {
                feasible += 1;
                assert!(s.feasible, "a feasible roster exists: {inst:?}");
                assert_eq!(i128::from(s.objective), best, "{inst:?}");
            }
            None => {
                infeasible += 1;
                assert!(!s.feasible && !s.relaxed.is_empty());
            }
        }
    }
    assert!(
        feasible >= 30 && infeasible >= 5,
        "{feasible} feasible, {infeasible} infeasible"
    );
}

#[test]
fn same_seed_same_roster() {
    let inst = super::tests_explain::medium(7);
    let options = Options {
        seed: 9,
        ..Default::default()
    };
    let a = solve(&inst, &options).unwrap();
    let b = solve(&inst, &options).unwrap();
    assert_eq!(a.roster, b.roster);
    assert_eq!((a.objective, a.iterations), (b.objective, b.iterations));
    let other = solve(
        &inst,
        &Options {
            seed: 10,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(other.roster.rows.len(), inst.employees.len());
}

#[test]
fn two_month_horizon_weeks_cross_the_month() {
    // 2026-03-30 … 2026-04-24: ISO week 14 runs from March into April. Two remote days a
    // week and a remote wish every day: 20 − 4 × 2 = 12 unmet. b must be in the office 3
    // days a month, capped in March by its two dates: both March dates in the office.
    let dates: Vec<String> = (0..26)
        .map(|i| {
            jiff::civil::date(2026, 3, 30)
                .checked_add(jiff::Span::new().days(i))
                .unwrap()
        })
        .filter(|d| d.weekday().to_monday_one_offset() <= 5)
        .map(|d| format!("\"{d}\""))
        .collect();
    assert_eq!(dates.len(), 20);
    let wishes: Vec<String> = dates.iter().map(|d| format!("{d}: 1")).collect();
    let json = format!(
        r#"{{"dates": [{}], "fairness_weight": 0, "units": [{{"id": "u", "seats": 5}}],
            "employees": [
              {{"id": "a", "unit": "u", "max_remote_per_week": 2, "wishes": {{{}}}}},
              {{"id": "b", "unit": "u", "max_remote_per_week": 5, "min_office_per_month": 3,
                "wishes": {{{}}}}}]}}"#,
        dates.join(", "),
        wishes.join(", "),
        wishes.join(", ")
    );
    let s = run(&parse(&json));
    assert!(s.feasible);
    assert_eq!(s.unmet_total, 12 + 5);
    let b = row(&s, "b");
    assert_eq!(&b[..2], "OO");
    assert_eq!(b[2..].matches('O').count(), 3);
    let a = row(&s, "a");
    assert_eq!(
        a[..5].matches('R').count(),
        2,
        "week 14 spans both months: {a}"
    );
}

#[test]
fn anchors_on_a_fixed_weekday_and_weeks_without_it() {
    // Wednesday anchor; the last week has only Monday and Tuesday, so any date will do.
    let json = r#"{"dates": ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06",
                             "2026-03-09", "2026-03-10"],
        "units": [{"id": "u", "seats": 3}],
        "teams": [{"id": "t", "unit": "u", "anchor": "wednesday"}],
        "employees": [
          {"id": "a", "unit": "u", "team": "t", "max_remote_per_week": 2,
           "wishes": {"2026-03-04": 9, "2026-03-09": 5, "2026-03-10": 5}},
          {"id": "b", "unit": "u", "team": "t", "max_remote_per_week": 2,
           "wishes": {"2026-03-04": 9, "2026-03-09": 1, "2026-03-10": 2}},
          {"id": "c", "unit": "u", "team": "t", "max_remote_per_week": 2,
           "fixed": {"2026-03-10": "absent"}, "wishes": {"2026-03-04": 9}}]}"#;
    let s = run(&parse(json));
    assert!(s.feasible);
    for id in ["a", "b", "c"] {
        assert_eq!(&row(&s, id)[2..3], "O", "{id} meets on Wednesday");
    }
    // Week 11: meeting on Monday costs 5 + 1, on Tuesday 5 + 2 (c is away): Monday.
    assert_eq!(
        (&row(&s, "a")[5..], &row(&s, "b")[5..], &row(&s, "c")[5..]),
        ("OR", "OR", "OA")
    );
    assert_eq!(s.unmet_total, 27 + 6);
}

#[test]
fn edge_cases_solve() {
    let json = r#"{"dates": ["2026-03-02", "2026-03-09"],
        "units": [{"id": "u", "seats": 1}, {"id": "empty", "seats": 0}],
        "teams": [{"id": "nobody", "unit": "u", "anchor": "any"}],
        "employees": [{"id": "a", "unit": "u", "max_remote_per_week": 0, "wishes": {"2026-03-02": 0}}]}"#;
    let s = run(&parse(json));
    assert!(s.feasible);
    assert_eq!((s.objective, row(&s, "a")), (0, "OO"));
    let none =
        parse(r#"{"dates": ["2026-03-02"], "units": [{"id": "u", "seats": 0}], "employees": []}"#);
    let s = run(&none);
    assert!(s.feasible && s.roster.rows.is_empty());
    assert_eq!(s.objective, 0);
}

#[test]
fn a_zero_time_limit_still_returns_a_whole_roster() {
    let inst = super::tests_explain::medium(3);
    let s = solve(
        &inst,
        &Options {
            time_limit: Duration::ZERO,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(s.roster.rows.len(), inst.employees.len());
    for (row, e) in s.roster.rows.iter().zip(&inst.employees) {
        assert_eq!(row.id, e.id);
        let cells = row.cells().unwrap();
        for (date, f) in &e.fixed {
            let d = inst.dates.iter().position(|x| x == date).unwrap();
            let want = match f {
                Fixed::Office => Cell::Office,
                Fixed::Remote => Cell::Remote,
                Fixed::Absent => Cell::Absent,
            };
            assert_eq!(cells[d], want);
        }
    }
}

#[test]
fn extreme_numbers_do_not_panic() {
    let json = r#"{"dates": ["2026-03-02", "2026-03-03"], "fairness_weight": 9223372036854775807,
        "skills": ["s"],
        "units": [{"id": "u", "seats": [9223372036854775807, 0], "coverage": {"s": 9223372036854775807}}],
        "teams": [{"id": "t", "unit": "u", "anchor": "sunday"}],
        "employees": [
          {"id": "a", "unit": "u", "team": "t", "skills": ["s"], "max_remote_per_week": 9223372036854775807,
           "min_office_per_month": 9223372036854775807,
           "wishes": {"2026-03-02": 9223372036854775807, "2026-03-03": -9223372036854775808}},
          {"id": "b", "unit": "u", "max_remote_per_week": 0,
           "wishes": {"2026-03-02": -9223372036854775808, "2026-03-03": 9223372036854775807}}]}"#;
    let s = run(&parse(json));
    assert!(!s.feasible && !s.relaxed.is_empty());
    assert_eq!(s.objective, i64::MAX, "saturates");
}
