//! Groups the dates of the horizon into ISO weeks (Monday first) and calendar months.

use std::collections::HashMap;

use jiff::civil::Date;

/// A week or a month: its label for people and the indices of its dates in the horizon.
pub(super) struct Period {
    /// `2026-W10` for a week, `2026-03` for a month.
    pub label: String,
    /// Indices into `instance.dates`, ascending.
    pub days: Vec<usize>,
}

/// The ISO weeks of the dates, in order of their first date. A week may start in one year
/// and end in the next (2026-12-28 … 2027-01-03 is 2026-W53).
pub(super) fn weeks(dates: &[Date]) -> Vec<Period> {
    group(dates, |date| {
        let week = date.iso_week_date();
        (
            (week.year(), week.week()),
            format!("{}-W{:02}", week.year(), week.week()),
        )
    })
}

/// The calendar months of the dates, in order of their first date.
pub(super) fn months(dates: &[Date]) -> Vec<Period> {
    group(dates, |date| {
        (
            (date.year(), date.month()),
            format!("{}-{:02}", date.year(), date.month()),
        )
    })
}

/// Groups date indices by a key; does not rely on the dates being sorted.
fn group(dates: &[Date], key: impl Fn(Date) -> ((i16, i8), String)) -> Vec<Period> {
    let mut periods: Vec<Period> = Vec::new();
    let mut position: HashMap<(i16, i8), usize> = HashMap::new();
    for (d, &date) in dates.iter().enumerate() {
        let (k, label) = key(date);
        let p = *position.entry(k).or_insert_with(|| {
            periods.push(Period {
                label,
                days: Vec::new(),
            });
            periods.len() - 1
        });
        periods[p].days.push(d);
    }
    periods
}
