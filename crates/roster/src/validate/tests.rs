//! Validator tests on hand-made tiny instances: row format, `fixed`, and the objective.
//! The other hard rules are in `tests_rules.rs`.

use serde_json::{json, Value};

use super::{check, Report, Validator};
use crate::instance::Instance;
use crate::output::{Roster, RosterRow};

/// An instance from JSON, with defaults for what a test does not care about.
pub(super) fn instance(value: Value) -> Instance {
    let instance: Instance = serde_json::from_value(value).expect("test instance parses");
    instance.check().expect("test instance is valid");
    instance
}

/// One unit `u` with plenty of seats, no limits, and the given employees.
pub(super) fn one_unit(dates: &[&str], employees: Value) -> Instance {
    instance(json!({
        "dates": dates,
        "units": [{"id": "u", "seats": 100}],
        "employees": employees,
    }))
}

pub(super) fn roster(rows: &[(&str, &str)]) -> Roster {
    Roster {
        rows: rows
            .iter()
            .map(|(id, days)| RosterRow {
                id: id.to_string(),
                days: days.to_string(),
            })
            .collect(),
    }
}

pub(super) fn report(instance: &Instance, rows: &[(&str, &str)]) -> Report {
    check(instance, &roster(rows)).expect("instance is valid")
}

/// The violations as `constraint employees@date`, for short assertions.
pub(super) fn found(report: &Report) -> Vec<String> {
    report
        .violations
        .iter()
        .map(|v| {
            let date = v.date.map(|d| format!("@{d}")).unwrap_or_default();
            format!("{} {}{date}", v.constraint, v.employees.join(","))
        })
        .collect()
}

pub(super) fn person(id: &str, max_remote: i64) -> Value {
    json!({"id": id, "unit": "u", "max_remote_per_week": max_remote})
}

const WEEK: [&str; 3] = ["2026-03-02", "2026-03-03", "2026-03-04"];

#[test]
fn a_good_roster_has_no_violations() {
    let i = one_unit(&WEEK, json!([person("a", 5), person("b", 5)]));
    let r = report(&i, &[("b", "ROR"), ("a", "OOR")]);
    assert!(r.feasible(), "{:?}", r.violations);
    assert_eq!((r.objective, r.unmet_total, r.max_unmet), (0, 0, 0));
}

#[test]
fn bad_rows_are_format_violations() {
    let i = one_unit(
        &WEEK,
        json!([
            person("a", 5),
            person("b", 5),
            person("c", 5),
            person("d", 5)
        ]),
    );
    let r = report(
        &i,
        &[
            ("a", "OOO"),
            ("x", "OOO"),
            ("a", "RRR"),
            ("b", "OO"),
            ("c", "OXO"),
        ],
    );
    assert_eq!(
        found(&r),
        [
            "format x",
            "format a",
            "format b",
            "format c@2026-03-03",
            "format d"
        ]
    );
    assert!(r.violations.iter().all(|v| v.constraint == "format"));
    assert_eq!(r.violations[0].unit, None);
    assert_eq!(r.violations[1].unit.as_deref(), Some("u"));
    assert_eq!(
        r.violations[2].detail.en,
        "row b has 2 letters, expected 3 (one per date)"
    );
    assert_eq!(
        r.violations[3].detail.id,
        "2026-03-03: baris c berisi huruf 'X', hanya O, R atau A yang sah"
    );
    assert_eq!(r.violations[4].detail.en, "d has no roster row");
}

#[test]
fn the_first_row_of_an_employee_counts() {
    let mut i = one_unit(&WEEK, json!([person("a", 0)]));
    i.employees[0]
        .wishes
        .insert("2026-03-02".parse().unwrap(), 5);
    let r = report(&i, &[("a", "OOO"), ("a", "RRR")]);
    assert_eq!(found(&r), ["format a"]);
    assert_eq!(r.unmet_total, 5);
}

#[test]
fn multibyte_letters_are_counted_as_letters() {
    let i = one_unit(&WEEK, json!([person("a", 5)]));
    assert_eq!(found(&report(&i, &[("a", "OÖO")])), ["format a@2026-03-03"]);
    assert_eq!(found(&report(&i, &[("a", "ÖÖ")])), ["format a"]);
}

#[test]
fn cells_must_agree_with_fixed_days() {
    let i = one_unit(
        &WEEK,
        json!([{"id": "a", "unit": "u", "max_remote_per_week": 5,
                "fixed": {"2026-03-02": "absent", "2026-03-03": "office", "2026-03-04": "remote"}}]),
    );
    assert!(report(&i, &[("a", "AOR")]).feasible());
    let r = report(&i, &[("a", "ORO")]);
    assert_eq!(
        found(&r),
        [
            "fixed a@2026-03-02",
            "fixed a@2026-03-03",
            "fixed a@2026-03-04"
        ]
    );
    assert_eq!(
        r.violations[0].detail.en,
        "2026-03-02: a is fixed absent but rostered in the office"
    );
    assert_eq!(
        r.violations[1].detail.id,
        "2026-03-03: a sudah ditetapkan di kantor, tetapi dijadwalkan kerja jarak jauh"
    );
    assert_eq!(r.violations[0].unit.as_deref(), Some("u"));
}

#[test]
fn absent_only_on_a_fixed_absence() {
    let i = one_unit(&WEEK, json!([person("a", 5)]));
    let r = report(&i, &[("a", "OAO")]);
    assert_eq!(found(&r), ["fixed a@2026-03-03"]);
    assert_eq!(
        r.violations[0].detail.en,
        "2026-03-03: a is rostered absent without a fixed absence"
    );
}

fn wishing(wishes: Value, fairness: i64) -> Instance {
    instance(json!({
        "dates": WEEK,
        "fairness_weight": fairness,
        "units": [{"id": "u", "seats": 100}],
        "employees": [
            {"id": "a", "unit": "u", "max_remote_per_week": 5, "wishes": wishes,
             "fixed": {"2026-03-04": "absent"}},
            {"id": "b", "unit": "u", "max_remote_per_week": 5,
             "wishes": {"2026-03-02": 1, "2026-03-03": -2}}
        ]
    }))
}

#[test]
fn positive_wishes_are_unmet_in_the_office_negative_ones_when_remote() {
    let i = wishing(json!({"2026-03-02": 3, "2026-03-03": -4}), 0);
    let met = report(&i, &[("a", "ROA"), ("b", "ROO")]);
    assert_eq!((met.unmet_total, met.max_unmet, met.objective), (0, 0, 0));
    let unmet = report(&i, &[("a", "ORA"), ("b", "ORO")]);
    assert_eq!(
        (unmet.unmet_total, unmet.max_unmet, unmet.objective),
        (3 + 4 + 1 + 2, 7, 10)
    );
}

#[test]
fn zero_weights_and_wishes_on_absent_dates_are_moot() {
    let i = wishing(
        json!({"2026-03-02": 0, "2026-03-03": 0, "2026-03-04": 9}),
        0,
    );
    let r = report(&i, &[("a", "OOA"), ("b", "ROO")]);
    assert_eq!((r.unmet_total, r.max_unmet), (0, 0));
    let i = wishing(json!({"2026-03-04": -9}), 0);
    assert_eq!(report(&i, &[("a", "RRA"), ("b", "ROO")]).unmet_total, 0);
}

#[test]
fn the_fairness_term_weighs_the_largest_unmet_total() {
    let i = wishing(json!({"2026-03-02": 3, "2026-03-03": -4}), 10);
    let r = report(&i, &[("a", "ORA"), ("b", "ORO")]);
    assert_eq!(
        (r.unmet_total, r.max_unmet, r.objective),
        (10, 7, 10 + 10 * 7)
    );
    let r = report(&i, &[("a", "ROA"), ("b", "ORO")]);
    assert_eq!(
        (r.unmet_total, r.max_unmet, r.objective),
        (3, 3, 3 + 10 * 3)
    );
}

#[test]
fn unreadable_rows_do_not_count_in_the_objective() {
    let i = wishing(json!({"2026-03-02": 3}), 10);
    let r = report(&i, &[("a", "OOAX"), ("b", "OOO")]);
    assert_eq!((r.unmet_total, r.max_unmet, r.objective), (1, 1, 11));
    assert_eq!(found(&r), ["format a"]);
}

#[test]
fn no_employees_no_objective() {
    let i = instance(json!({"dates": WEEK, "units": [{"id": "u", "seats": 0}], "employees": []}));
    let r = report(&i, &[]);
    assert!(r.feasible());
    assert_eq!((r.objective, r.unmet_total, r.max_unmet), (0, 0, 0));
}

#[test]
fn a_bad_instance_is_refused() {
    let mut i = one_unit(&WEEK, json!([person("a", 5)]));
    i.employees[0].unit = "nowhere".into();
    let errors = check(&i, &roster(&[("a", "OOO")])).unwrap_err();
    assert_eq!(errors[0].path, "employees[0].unit");
}

#[test]
fn tally_agrees_with_check() {
    let i = wishing(json!({"2026-03-02": 3}), 10);
    let validator = Validator::new(&i).unwrap();
    let rosters: [&[(&str, &str)]; 4] = [
        &[("a", "ROA"), ("b", "ROO")],
        &[("a", "OOAX"), ("b", "OOO")],
        &[("a", "ORA"), ("b", "ORO")],
        &[("a", "OOO"), ("b", "AOO"), ("x", "OOO")],
    ];
    for rows in rosters {
        let (r, t) = (
            validator.check(&roster(rows)),
            validator.tally(&roster(rows)),
        );
        assert_eq!(
            (t.violations, t.objective, t.feasible()),
            (r.violations.len(), r.objective, r.feasible())
        );
    }
}
