//! Tests of the explanations: each kind of infeasibility gets its cause and the smallest fix,
//! in both languages, naming the unit, the date and the people; and a generated instance of
//! a few units for the tests that need some size.

use crate::instance::{AnchorDay, Employee, Instance, PerDay, Team, Unit};

use super::rng::Rng;
use super::tests::{parse, run};
use super::Explanation;

/// `units` units of 20–40 people over four weeks, feasible by construction: generous seats,
/// coverage that the skilled staff can meet, no approved remote days.
pub(super) fn medium(units: usize) -> Instance {
    let mut rng = Rng::new(units as u64, 77);
    let dates: Vec<_> = (0..28)
        .map(|i| {
            jiff::civil::date(2026, 3, 2)
                .checked_add(jiff::Span::new().days(i))
                .unwrap()
        })
        .filter(|d| d.weekday().to_monday_one_offset() <= 5)
        .collect();
    let mut inst = Instance {
        name: None,
        dates: dates.clone(),
        fairness_weight: 10,
        skills: vec!["loket".into()],
        units: Vec::new(),
        teams: Vec::new(),
        employees: Vec::new(),
    };
    for u in 0..units {
        let size = 20 + rng.below(21);
        let id = format!("u{u}");
        inst.units.push(Unit {
            id: id.clone(),
            name: Some(format!("Seksi {u}")),
            seats: PerDay::Same((size * 4 / 5) as i64),
            coverage: [("loket".to_string(), PerDay::Same(2))].into(),
            max_away_share: PerDay::Same(0.5),
        });
        for t in 0..2 {
            let anchor = [AnchorDay::Any, AnchorDay::Tuesday][t];
            inst.teams.push(Team {
                id: format!("{id}t{t}"),
                name: None,
                unit: id.clone(),
                anchor: Some(anchor),
            });
        }
        for p in 0..size {
            let wishes = dates
                .iter()
                .filter_map(|d| match rng.below(10) {
                    0..=2 => Some((*d, 1 + rng.below(5) as i64)),
                    3 => Some((*d, -(1 + rng.below(3) as i64))),
                    _ => None,
                })
                .collect();
            inst.employees.push(Employee {
                id: format!("{id}e{p}"),
                name: None,
                unit: id.clone(),
                team: (p % 3 != 0).then(|| format!("{id}t{}", p % 2)),
                skills: if p < 6 { vec!["loket".into()] } else { vec![] },
                max_remote_per_week: [1, 2, 2, 3][rng.below(4)],
                min_office_per_month: [0, 8, 10][rng.below(3)],
                fixed: [(
                    dates[rng.below(dates.len())],
                    crate::instance::Fixed::Absent,
                )]
                .into(),
                wishes,
            });
        }
    }
    inst.check().unwrap();
    inst
}

fn only(json: &str, constraint: &str) -> Explanation {
    let s = run(&parse(json));
    assert!(!s.feasible);
    let found: Vec<&Explanation> = s
        .relaxed
        .iter()
        .filter(|e| e.constraint == constraint)
        .collect();
    assert!(!found.is_empty(), "no {constraint} in {:#?}", s.relaxed);
    found[0].clone()
}

const WEEK: &str =
    r#""dates": ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"]"#;

#[test]
fn coverage_names_the_skill_the_unit_the_date_and_the_leave() {
    let json = format!(
        r#"{{{WEEK}, "skills": ["loket"],
        "units": [{{"id": "pel", "name": "Seksi Pelayanan", "seats": 5, "coverage": {{"loket": 3}}}}],
        "employees": [
          {{"id": "a", "name": "Ani", "unit": "pel", "skills": ["loket"], "max_remote_per_week": 2}},
          {{"id": "b", "name": "Budi", "unit": "pel", "skills": ["loket"], "max_remote_per_week": 2}},
          {{"id": "c", "name": "Citra", "unit": "pel", "skills": ["loket"], "max_remote_per_week": 2,
            "fixed": {{"2026-03-02": "absent"}}}}]}}"#
    );
    let e = only(&json, "coverage");
    assert_eq!(
        e.problem.id,
        "Seksi Pelayanan, 2026-03-02: loket perlu 3 orang di kantor, hanya 2 yang tidak cuti"
    );
    assert_eq!(
        e.problem.en,
        "Seksi Pelayanan, 2026-03-02: loket needs 3 people in the office, only 2 are not on leave"
    );
    assert!(
        e.fix
            .id
            .starts_with("turunkan kebutuhan loket pada 2026-03-02 menjadi 2"),
        "{}",
        e.fix.id
    );
    assert!(
        e.fix
            .en
            .contains("cancel the leave/remote day of 1 of: Citra"),
        "{}",
        e.fix.en
    );
    assert_eq!(
        (e.unit.as_deref(), e.date.map(|d| d.to_string())),
        (Some("pel"), Some("2026-03-02".into()))
    );
    assert_eq!(e.employees, ["c"]);
}

#[test]
fn approved_office_days_beyond_the_seats() {
    let json = format!(
        r#"{{{WEEK}, "units": [{{"id": "u", "seats": 2}}],
        "employees": [
          {{"id": "a", "unit": "u", "max_remote_per_week": 2, "fixed": {{"2026-03-03": "office"}}}},
          {{"id": "b", "unit": "u", "max_remote_per_week": 2, "fixed": {{"2026-03-03": "office"}}}},
          {{"id": "c", "unit": "u", "max_remote_per_week": 2, "fixed": {{"2026-03-03": "office"}}}}]}}"#
    );
    let e = only(&json, "seats");
    assert!(
        e.fix.id.starts_with("tambah 1 kursi pada 2026-03-03"),
        "{}",
        e.fix.id
    );
    assert_eq!(e.employees, ["a", "b", "c"]);
}

#[test]
fn seats_against_the_away_share() {
    // Four present, two seats: two must stay home, the share (25%) allows one.
    let json = format!(
        r#"{{{WEEK}, "units": [{{"id": "u", "seats": [4, 2, 4, 4, 4], "max_away_share": 0.25}}],
        "employees": [{}]}}"#,
        (0..4)
            .map(|i| format!(r#"{{"id": "p{i}", "unit": "u", "max_remote_per_week": 3}}"#))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let s = run(&parse(&json));
    assert!(!s.feasible);
    assert_eq!(s.relaxed.len(), 1, "{:#?}", s.relaxed);
    let e = &s.relaxed[0];
    assert!(["seats", "away_share"].contains(&e.constraint));
    assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2026-03-03"));
    assert!(
        e.fix.en.contains(
            "add 1 seat(s) on 2026-03-03, or raise the maximum share away from the office to 50%"
        ),
        "{}",
        e.fix.en
    );
}

#[test]
fn approved_remote_days_beyond_the_weekly_limit() {
    let json = format!(
        r#"{{{WEEK}, "units": [{{"id": "u", "seats": 5}}],
        "employees": [{{"id": "a", "name": "Ani", "unit": "u", "max_remote_per_week": 1,
          "fixed": {{"2026-03-02": "remote", "2026-03-04": "remote", "2026-03-05": "remote"}}}}]}}"#
    );
    let e = only(&json, "remote_per_week");
    assert!(e.problem.id.starts_with(
        "Ani, minggu 2026-W10 (mulai 2026-03-02): 3 hari kerja jarak jauh sudah disetujui"
    ));
    assert!(
        e.fix
            .id
            .starts_with("naikkan batas Ani menjadi 3 hari per minggu, atau batalkan 2"),
        "{}",
        e.fix.id
    );
}

#[test]
fn monthly_office_days_that_approved_remote_days_leave_no_room_for() {
    let json = format!(
        r#"{{{WEEK}, "units": [{{"id": "u", "seats": 5}}],
        "employees": [{{"id": "a", "unit": "u", "max_remote_per_week": 5, "min_office_per_month": 5,
          "fixed": {{"2026-03-02": "remote"}}}}]}}"#
    );
    let e = only(&json, "office_per_month");
    assert!(
        e.problem
            .en
            .contains("March 2026: must be in the office 5 days, but only 4 days"),
        "{}",
        e.problem.en
    );
    assert!(
        e.fix
            .en
            .starts_with("lower a's office days that month to 4"),
        "{}",
        e.fix.en
    );
}

#[test]
fn an_anchor_day_with_an_approved_remote_member() {
    let json = format!(
        r#"{{{WEEK}, "units": [{{"id": "u", "seats": 5}}],
        "teams": [{{"id": "t", "name": "Tim Data", "unit": "u", "anchor": "monday"}}],
        "employees": [
          {{"id": "a", "unit": "u", "team": "t", "max_remote_per_week": 2, "fixed": {{"2026-03-02": "remote"}}}},
          {{"id": "b", "unit": "u", "team": "t", "max_remote_per_week": 2}}]}}"#
    );
    let e = only(&json, "anchor");
    assert!(
        e.problem.id.starts_with("Tim Data (u), minggu 2026-W10"),
        "{}",
        e.problem.id
    );
    assert!(
        e.fix
            .en
            .starts_with("cancel the remote day of a on 2026-03-02"),
        "{}",
        e.fix.en
    );
    assert_eq!(e.employees, ["a"]);
}

#[test]
fn seats_that_force_more_remote_days_than_the_weekly_limits_allow() {
    // Ten people, five seats a day: 25 remote person-days, limits allow 10 × 2 = 20.
    let people: Vec<String> = (0..10)
        .map(|i| format!(r#"{{"id": "p{i}", "unit": "u", "max_remote_per_week": 2}}"#))
        .collect();
    let json = format!(
        r#"{{{WEEK}, "units": [{{"id": "u", "seats": 5}}], "employees": [{}]}}"#,
        people.join(", ")
    );
    let s = run(&parse(&json));
    assert!(!s.feasible);
    assert_eq!(s.relaxed.len(), 1, "{:#?}", s.relaxed);
    assert!(
        s.relaxed[0]
            .problem
            .en
            .contains("force 25 person-days of remote work"),
        "{}",
        s.relaxed[0].problem.en
    );
    assert!(
        s.relaxed[0]
            .fix
            .en
            .starts_with("add 1 seat(s) a day that week"),
        "{}",
        s.relaxed[0].fix.en
    );
}

#[test]
fn long_lists_end_with_how_many_were_left_out() {
    let people: Vec<String> = (0..60)
        .map(|i| format!(r#"{{"id": "p{i}", "unit": "u", "max_remote_per_week": 0, "fixed": {{"2026-03-02": "remote"}}}}"#))
        .collect();
    let json = format!(
        r#"{{{WEEK}, "units": [{{"id": "u", "seats": 60}}], "employees": [{}]}}"#,
        people.join(", ")
    );
    let s = run(&parse(&json));
    assert_eq!(s.relaxed.len(), 51);
    let last = &s.relaxed[50];
    assert_eq!(
        (last.constraint, last.problem.en.as_str()),
        ("more", "and 10 more")
    );
}

#[test]
fn feasible_generated_instances_have_no_explanations() {
    let s = run(&medium(2));
    assert!(s.feasible, "{:#?}", s.relaxed);
    assert!(s.relaxed.is_empty());
}
