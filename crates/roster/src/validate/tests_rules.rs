//! Validator tests on hand-made tiny instances: seats, coverage, away share, remote days per
//! week, office days per month and the team anchor, each satisfied and broken.

use serde_json::json;

use super::tests::{found, instance, one_unit, person, report};

// 2026-03-02 is a Monday (ISO week 10).
const WEEK: [&str; 3] = ["2026-03-02", "2026-03-03", "2026-03-04"];

#[test]
fn seats_limit_the_office() {
    let i = instance(json!({
        "dates": WEEK,
        "units": [{"id": "u", "seats": [2, 1, 0]}],
        "employees": [person("a", 5), person("b", 5)],
    }));
    assert!(report(&i, &[("a", "ORR"), ("b", "OOR")]).feasible());
    let r = report(&i, &[("a", "OOO"), ("b", "OOR")]);
    assert_eq!(found(&r), ["seats a,b@2026-03-03", "seats a@2026-03-04"]);
    assert_eq!(
        r.violations[0].detail.id,
        "2026-03-03: 2 orang di kantor, kursi hanya 1"
    );
    assert_eq!(
        r.violations[0].detail.en,
        "2026-03-03: 2 people in the office, only 1 seats"
    );
    assert_eq!(r.violations[0].unit.as_deref(), Some("u"));
}

#[test]
fn seats_are_per_unit() {
    let i = instance(json!({
        "dates": ["2026-03-02"],
        "units": [{"id": "u", "seats": 1}, {"id": "v", "seats": 1}],
        "employees": [person("a", 5), {"id": "b", "unit": "v", "max_remote_per_week": 5}, person("c", 5)],
    }));
    assert!(report(&i, &[("a", "O"), ("b", "O"), ("c", "R")]).feasible());
    assert_eq!(
        found(&report(&i, &[("a", "O"), ("b", "O"), ("c", "O")])),
        ["seats a,c@2026-03-02"]
    );
}

#[test]
fn coverage_needs_skilled_people_in_the_office() {
    let i = instance(json!({
        "dates": WEEK,
        "skills": ["loket", "kasir"],
        "units": [{"id": "u", "seats": 100, "coverage": {"loket": [2, 1, 0], "kasir": 0}}],
        "employees": [
            {"id": "a", "unit": "u", "skills": ["loket", "loket"], "max_remote_per_week": 5},
            {"id": "b", "unit": "u", "skills": ["loket"], "max_remote_per_week": 5,
             "fixed": {"2026-03-03": "absent"}},
            {"id": "c", "unit": "u", "skills": ["kasir"], "max_remote_per_week": 5},
        ],
    }));
    assert!(report(&i, &[("a", "OOR"), ("b", "OAR"), ("c", "RRR")]).feasible());
    // `a` lists the skill twice but is one person; `b` is absent, `c` lacks the skill.
    let r = report(&i, &[("a", "ORR"), ("b", "RAR"), ("c", "OOO")]);
    assert_eq!(
        found(&r),
        ["coverage b@2026-03-02", "coverage a@2026-03-03"]
    );
    assert_eq!(
        r.violations[0].detail.en,
        "2026-03-02: loket needs 2 people in the office, only 1 there"
    );
    assert_eq!(
        r.violations[1].detail.id,
        "2026-03-03: loket perlu 1 orang di kantor, hanya ada 0"
    );
}

#[test]
fn away_share_counts_only_non_absent_people() {
    let employees: Vec<_> = ["a", "b", "c", "d"]
        .iter()
        .map(|id| person(id, 5))
        .collect();
    let mut i = one_unit(&WEEK, json!(employees));
    i.units[0].max_away_share = crate::PerDay::Each(vec![0.5, 0.5, 0.0]);
    for e in 0..2 {
        i.employees[e]
            .fixed
            .insert("2026-03-03".parse().unwrap(), crate::Fixed::Absent);
    }
    // Day 1: 4 present, 2 may be away. Day 2: 2 present, 1 may be away. Day 3: nobody.
    assert!(report(
        &i,
        &[("a", "OAO"), ("b", "OAO"), ("c", "ROO"), ("d", "RRO")]
    )
    .feasible());
    let r = report(
        &i,
        &[("a", "RAO"), ("b", "OAO"), ("c", "RRO"), ("d", "RRR")],
    );
    assert_eq!(
        found(&r),
        [
            "away_share a,c,d@2026-03-02",
            "away_share c,d@2026-03-03",
            "away_share d@2026-03-04"
        ]
    );
    assert_eq!(
        r.violations[0].detail.en,
        "2026-03-02: 3 people work remotely, at most 2 allowed (0.5 of 4 present)"
    );
}

#[test]
fn away_share_rounds_down_with_a_small_tolerance() {
    // 0.29 × 100 is 28.999999999999996 in floating point: the tolerance makes it 29.
    let employees: Vec<_> = (0..100).map(|n| person(&format!("p{n}"), 5)).collect();
    let mut i = one_unit(&["2026-03-02"], json!(employees));
    i.units[0].max_away_share = crate::PerDay::Same(0.29);
    let rows: Vec<(String, &str)> = (0..100)
        .map(|n| (format!("p{n}"), if n < 29 { "R" } else { "O" }))
        .collect();
    let rows: Vec<(&str, &str)> = rows.iter().map(|(id, d)| (id.as_str(), *d)).collect();
    assert!(report(&i, &rows).feasible());
    let mut over = rows.clone();
    over[29].1 = "R";
    assert_eq!(report(&i, &over).violations.len(), 1);
    // A share of 0.3 with 3 present allows 0 (0.9 rounds down).
    let mut i = one_unit(
        &["2026-03-02"],
        json!([person("a", 5), person("b", 5), person("c", 5)]),
    );
    i.units[0].max_away_share = crate::PerDay::Same(0.3);
    assert_eq!(
        found(&report(&i, &[("a", "R"), ("b", "O"), ("c", "O")])),
        ["away_share a@2026-03-02"]
    );
}

#[test]
fn remote_days_per_iso_week() {
    // Thu 2026-03-05, Fri 03-06 | Mon 03-09, Tue 03-10: two ISO weeks.
    let dates = ["2026-03-05", "2026-03-06", "2026-03-09", "2026-03-10"];
    let i = one_unit(
        &dates,
        json!([person("a", 1), person("b", 0), {"id": "c", "unit": "u", "max_remote_per_week": 1,
               "fixed": {"2026-03-05": "remote"}}]),
    );
    assert!(report(&i, &[("a", "ROOR"), ("b", "OOOO"), ("c", "ROOR")]).feasible());
    let r = report(&i, &[("a", "RROR"), ("b", "OOOR"), ("c", "RROO")]);
    // Fixed remote days count; a week is reported at its first date.
    assert_eq!(
        found(&r),
        [
            "remote_per_week a@2026-03-05",
            "remote_per_week b@2026-03-09",
            "remote_per_week c@2026-03-05"
        ]
    );
    assert_eq!(
        r.violations[0].detail.en,
        "week 2026-W10: a works remotely 2 days, at most 1"
    );
}

#[test]
fn an_iso_week_can_span_two_years() {
    // Thu 2026-12-31 and Fri 2027-01-01 are both in 2026-W53; Mon 2027-01-04 is 2027-W01.
    let i = one_unit(
        &["2026-12-31", "2027-01-01", "2027-01-04"],
        json!([person("a", 1)]),
    );
    let r = report(&i, &[("a", "RRO")]);
    assert_eq!(found(&r), ["remote_per_week a@2026-12-31"]);
    assert_eq!(
        r.violations[0].detail.id,
        "minggu 2026-W53: a bekerja jarak jauh 2 hari, paling banyak 1"
    );
    assert!(report(&i, &[("a", "ROR")]).feasible());
}

#[test]
fn office_days_per_month_are_capped_by_non_absent_days() {
    // Mon 2026-03-30, Tue 03-31 | Wed 04-01, Thu 04-02: one week, two months.
    let dates = ["2026-03-30", "2026-03-31", "2026-04-01", "2026-04-02"];
    let i = one_unit(
        &dates,
        json!([{"id": "a", "unit": "u", "max_remote_per_week": 5, "min_office_per_month": 2,
                "fixed": {"2026-04-01": "absent"}},
               {"id": "b", "unit": "u", "max_remote_per_week": 5, "min_office_per_month": 0}]),
    );
    // April has one non-absent date for `a`, so one office day there suffices.
    assert!(report(&i, &[("a", "OOAO"), ("b", "RRRR")]).feasible());
    let r = report(&i, &[("a", "ORAO"), ("b", "RRRR")]);
    assert_eq!(found(&r), ["office_per_month a@2026-03-30"]);
    assert_eq!(
        r.violations[0].detail.en,
        "2026-03: a is in the office 1 days, at least 2 needed"
    );
    let r = report(&i, &[("a", "OOAR"), ("b", "RRRR")]);
    assert_eq!(found(&r), ["office_per_month a@2026-04-01"]);
    assert_eq!(
        r.violations[0].detail.id,
        "2026-04: a di kantor 0 hari, paling sedikit 1"
    );
}

/// Team `t` of `a`, `b` with the given anchor; `c` is outside the team.
fn team(dates: &[&str], anchor: serde_json::Value, fixed_b: serde_json::Value) -> crate::Instance {
    instance(json!({
        "dates": dates,
        "units": [{"id": "u", "seats": 100}],
        "teams": [{"id": "t", "unit": "u", "anchor": anchor}, {"id": "n", "unit": "u"}],
        "employees": [
            {"id": "a", "unit": "u", "team": "t", "max_remote_per_week": 5},
            {"id": "b", "unit": "u", "team": "t", "max_remote_per_week": 5, "fixed": fixed_b},
            {"id": "c", "unit": "u", "team": "n", "max_remote_per_week": 5},
        ],
    }))
}

#[test]
fn an_any_anchor_needs_one_full_office_day_per_week() {
    let i = team(&WEEK, json!("any"), json!({"2026-03-04": "absent"}));
    assert!(report(&i, &[("a", "RRO"), ("b", "RRA"), ("c", "RRR")]).feasible());
    let r = report(&i, &[("a", "ROR"), ("b", "ORA"), ("c", "OOO")]);
    assert_eq!(found(&r), ["anchor a,b@2026-03-02"]);
    assert_eq!(
        r.violations[0].detail.en,
        "week 2026-W10: no day on which team t is all in the office"
    );
    assert_eq!(r.violations[0].unit.as_deref(), Some("u"));
    // A team without an anchor has no such rule.
    let i = team(&WEEK, serde_json::Value::Null, json!({}));
    assert!(report(&i, &[("a", "ROR"), ("b", "ORO"), ("c", "RRR")]).feasible());
}

#[test]
fn a_weekday_anchor_needs_that_weekday() {
    let i = team(&WEEK, json!("tuesday"), json!({}));
    assert!(report(&i, &[("a", "ROR"), ("b", "ROR"), ("c", "RRR")]).feasible());
    let r = report(&i, &[("a", "OOR"), ("b", "ORO"), ("c", "RRR")]);
    assert_eq!(found(&r), ["anchor b@2026-03-02"]);
    assert_eq!(
        r.violations[0].detail.en,
        "week 2026-W10: team t is not all in the office on its anchor day 2026-03-03"
    );
}

#[test]
fn a_weekday_anchor_falls_back_to_any_day_when_that_weekday_is_not_a_date() {
    // Week 10: Mon, Tue (no Friday in the horizon). Week 11: Thu, Fri.
    let dates = ["2026-03-02", "2026-03-03", "2026-03-12", "2026-03-13"];
    let friday = team(&dates, json!("friday"), json!({}));
    let saturday = team(&dates, json!("saturday"), json!({}));
    let both_on_tuesday_and_thursday = [("a", "ROOR"), ("b", "ROOR"), ("c", "RRRR")];
    assert!(report(&saturday, &both_on_tuesday_and_thursday).feasible());
    let r = report(&friday, &both_on_tuesday_and_thursday);
    assert_eq!(found(&r), ["anchor a,b@2026-03-12"]);
    assert!(r.violations[0]
        .detail
        .en
        .ends_with("on its anchor day 2026-03-13"));
    let both_on_tuesday_and_friday = [("a", "ROOO"), ("b", "ROOO"), ("c", "RRRR")];
    assert!(report(&friday, &both_on_tuesday_and_friday).feasible());
    assert!(report(&saturday, &both_on_tuesday_and_friday).feasible());
    let never_together = [("a", "OROO"), ("b", "ROOO"), ("c", "RRRR")];
    assert_eq!(
        found(&report(&friday, &never_together)),
        ["anchor a,b@2026-03-02"]
    );
    assert_eq!(
        found(&report(&saturday, &never_together)),
        ["anchor a,b@2026-03-02"]
    );
}

#[test]
fn an_anchor_is_moot_in_a_week_the_whole_team_is_absent() {
    let mut i = team(&WEEK, json!("monday"), json!({}));
    for e in 0..2 {
        for d in WEEK {
            i.employees[e]
                .fixed
                .insert(d.parse().unwrap(), crate::Fixed::Absent);
        }
    }
    assert!(report(&i, &[("a", "AAA"), ("b", "AAA"), ("c", "RRR")]).feasible());
}

#[test]
fn absent_members_do_not_block_the_anchor_day_but_somebody_must_be_there() {
    let i = team(&WEEK, json!("monday"), json!({"2026-03-02": "absent"}));
    assert!(report(&i, &[("a", "ORR"), ("b", "ARR"), ("c", "RRR")]).feasible());
    assert_eq!(
        found(&report(&i, &[("a", "ROO"), ("b", "AOO"), ("c", "RRR")])),
        ["anchor a@2026-03-02"]
    );
    // Nobody on the Monday, everybody on the other days: the letter of the rule says broken.
    let mut i = i;
    i.employees[0]
        .fixed
        .insert("2026-03-02".parse().unwrap(), crate::Fixed::Absent);
    let r = report(&i, &[("a", "AOO"), ("b", "AOO"), ("c", "RRR")]);
    assert_eq!(found(&r), ["anchor a,b@2026-03-02"]);
}
