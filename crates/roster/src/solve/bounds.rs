//! A lower bound on anyone's unmet total, from each person's own rules alone. Every roster
//! has a largest unmet total at least this high, so the fairness term charges nothing below
//! it: units are solved against this level and stay independent of each other.

use super::calendar::Calendar;
use super::model::{UnitModel, ABSENT, OFFICE, REMOTE};

/// The least unmet total of each member of `m` under two relaxations — only the weekly remote
/// limit, or only the monthly office minimum — taking the larger. Each relaxation is solved
/// exactly by granting the heaviest remote wishes first (a partition matroid).
pub(crate) fn lower_bounds(m: &UnitModel, cal: &Calendar) -> Vec<i128> {
    let days = m.days;
    let mut out = Vec::with_capacity(m.n());
    let mut weights: Vec<i128> = Vec::with_capacity(days);
    for e in 0..m.n() {
        let row = &m.init[e * days..(e + 1) * days];
        let wish = &m.wish[e * days..(e + 1) * days];
        let free = &m.free[e * days..(e + 1) * days];
        // Fixed cells cost what they cost; free office wishes are met by the office.
        let mut forced: i128 = 0;
        for d in 0..days {
            let w = i128::from(wish[d]);
            if !free[d] {
                forced += match row[d] {
                    OFFICE => w.max(0),
                    REMOTE => (-w).max(0),
                    _ => 0,
                };
            }
        }
        let mut unmet_under = |ranges: &[std::ops::Range<usize>], room: &dyn Fn(usize) -> i64| {
            let mut total: i128 = 0;
            for (i, range) in ranges.iter().enumerate() {
                weights.clear();
                weights.extend(
                    range
                        .clone()
                        .filter(|&d| free[d] && wish[d] > 0)
                        .map(|d| i128::from(wish[d])),
                );
                weights.sort_unstable_by(|a, b| b.cmp(a));
                let granted = room(i).clamp(0, weights.len() as i64) as usize;
                total += weights[granted..].iter().sum::<i128>();
            }
            total
        };
        let fixed_remote = |range: &std::ops::Range<usize>| {
            range
                .clone()
                .filter(|&d| !free[d] && row[d] == REMOTE)
                .count() as i64
        };
        let week_room = |w: usize| i64::from(m.max_remote[e]) - fixed_remote(&cal.weeks[w]);
        let month_room = |mo: usize| {
            let range = &cal.months[mo];
            let present = range.clone().filter(|&d| row[d] != ABSENT).count() as i64;
            present - i64::from(m.month_req[e * m.months + mo]) - fixed_remote(range)
        };
        let by_week = unmet_under(&cal.weeks, &week_room);
        let by_month = unmet_under(&cal.months, &month_room);
        out.push(forced + by_week.max(by_month));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::Instance;

    #[test]
    fn week_and_month_limits_each_bound_the_unmet_total() {
        let json = r#"{
            "dates": ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-09", "2026-03-10"],
            "units": [{"id": "u", "seats": 5}],
            "employees": [
                {"id": "a", "unit": "u", "max_remote_per_week": 1, "wishes":
                    {"2026-03-02": 5, "2026-03-03": 3, "2026-03-04": 2, "2026-03-09": 4}},
                {"id": "b", "unit": "u", "max_remote_per_week": 3, "min_office_per_month": 4,
                    "fixed": {"2026-03-02": "office"},
                    "wishes": {"2026-03-02": 7, "2026-03-03": 3, "2026-03-04": 2}}
            ]}"#;
        let inst = Instance::from_json(json).unwrap();
        let cal = Calendar::new(&inst.dates);
        let m = UnitModel::new(&inst, &cal, 0, vec![0, 1]);
        // a: one remote day per week: grants 5 and 4, leaves 3 + 2.
        // b: fixed office costs 7; 4 office days of 5 leave one remote day: grants 3, leaves 2.
        assert_eq!(lower_bounds(&m, &cal), [5, 9]);
    }
}
