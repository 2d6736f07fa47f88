//! Regression tests of the repair chains on rosters where seats are tight and a team's only
//! meeting day of the week holds the people who could otherwise make room. Before the chains
//! respected meeting days, the first chain found broke a team's day, was rejected as no
//! better, and the repair gave up with the roster infeasible (seen on generated 10,000-person
//! instances whose witness roster is feasible).

use super::calendar::Calendar;
use super::model::{UnitModel, OFFICE, REMOTE};
use super::rng::Rng;
use super::search::Search;
use super::state::State;
use super::tests::parse;

/// Runs the repair on the unit-0 roster given as one `O`/`R` string per employee and returns
/// the roster after it, checking the incremental counts against a recount.
fn repaired(json: &str, rows: &[&str]) -> (i64, Vec<String>) {
    let inst = parse(json);
    let cal = Calendar::new(&inst.dates);
    let m = UnitModel::new(&inst, &cal, 0, (0..inst.employees.len()).collect());
    let cells: Vec<u8> = rows
        .iter()
        .flat_map(|r| r.chars().map(|c| if c == 'O' { OFFICE } else { REMOTE }))
        .collect();
    assert_eq!(cells.len(), m.init.len());
    let st = State::new(&m, &cells, 0);
    assert!(st.viol > 0, "the roster must start infeasible");
    let mut search = Search::new(&m, st, Rng::new(1, 1));
    search.repair();
    assert_eq!(search.st.viol, search.st.recount_viol(&m));
    let out = search
        .st
        .cell
        .chunks(m.days)
        .map(|r| {
            r.iter()
                .map(|&c| if c == OFFICE { 'O' } else { 'R' })
                .collect()
        })
        .collect();
    (search.st.viol, out)
}

#[test]
fn a_chain_does_not_send_home_the_member_who_holds_the_team_day() {
    // Monday overflows by one. `a` could go home (a remote day to spare) but then team t
    // (anchor Monday) would not meet: the chain must take `y` home on Monday, bring `y` in on
    // Tuesday and send `a` or `z` home there instead.
    let json = r#"{"dates": ["2026-03-02", "2026-03-03"],
        "units": [{"id": "u", "seats": [2, 3]}],
        "teams": [{"id": "t", "unit": "u", "anchor": "monday"}],
        "employees": [
          {"id": "a", "unit": "u", "team": "t", "max_remote_per_week": 1},
          {"id": "b", "unit": "u", "team": "t", "max_remote_per_week": 0},
          {"id": "y", "unit": "u", "max_remote_per_week": 1},
          {"id": "z", "unit": "u", "max_remote_per_week": 2}]}"#;
    let (viol, rows) = repaired(json, &["OO", "OO", "OR", "RO"]);
    assert_eq!(viol, 0, "{rows:?}");
    assert!(rows[0].starts_with('O'), "{rows:?}");
    assert_eq!(&rows[1..3], ["OO", "RO"]);
}

#[test]
fn a_full_day_held_by_a_team_moves_the_team_day() {
    // Monday overflows by two and everyone in the office then is either bound to the office
    // (`x`) or a member of team t, whose only meeting day of the week it is. The way out is to
    // move the team's day to Tuesday: `a` and `c` trade their remote Tuesday for Monday.
    let json = r#"{"dates": ["2026-03-02", "2026-03-03", "2026-03-04"],
        "units": [{"id": "u", "seats": [2, 4, 3]}],
        "teams": [{"id": "t", "unit": "u", "anchor": "any"}],
        "employees": [
          {"id": "a", "unit": "u", "team": "t", "max_remote_per_week": 1},
          {"id": "b", "unit": "u", "team": "t", "max_remote_per_week": 1},
          {"id": "c", "unit": "u", "team": "t", "max_remote_per_week": 1},
          {"id": "x", "unit": "u", "max_remote_per_week": 0}]}"#;
    let (viol, rows) = repaired(json, &["ORO", "OOR", "ORO", "OOO"]);
    assert_eq!(viol, 0, "{rows:?}");
    assert_eq!(rows, ["ROO", "OOR", "ROO", "OOO"]);
}
