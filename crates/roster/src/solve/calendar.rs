//! The horizon as the solver sees it: for each date its ISO week (Monday first) and calendar
//! month as small indices, and the contiguous range of dates of each week and month.

use std::ops::Range;

use jiff::civil::{Date, Weekday};

/// Weeks and months of the horizon. The dates are strictly ascending (checked), so every week
/// and every month is a contiguous run of date indices.
#[derive(Debug, Clone)]
pub(crate) struct Calendar {
    pub days: usize,
    pub week_of: Vec<usize>,
    pub weeks: Vec<Range<usize>>,
    pub month_of: Vec<usize>,
    pub months: Vec<Range<usize>>,
    pub weekday: Vec<Weekday>,
}

impl Calendar {
    pub fn new(dates: &[Date]) -> Calendar {
        let week_key = |d: &Date| {
            let w = d.iso_week_date();
            (w.year(), w.week())
        };
        let month_key = |d: &Date| (d.year(), d.month());
        let (week_of, weeks) = runs(dates, week_key);
        let (month_of, months) = runs(dates, month_key);
        Calendar {
            days: dates.len(),
            week_of,
            weeks,
            month_of,
            months,
            weekday: dates.iter().map(|d| d.weekday()).collect(),
        }
    }
}

/// Splits ascending dates into runs of equal key: the run index of each date and each run's
/// range of date indices.
fn runs<K: PartialEq>(dates: &[Date], key: impl Fn(&Date) -> K) -> (Vec<usize>, Vec<Range<usize>>) {
    let mut of = Vec::with_capacity(dates.len());
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for (d, date) in dates.iter().enumerate() {
        let same = d > 0 && key(&dates[d - 1]) == key(date);
        match ranges.last_mut() {
            Some(last) if same => last.end = d + 1,
            _ => ranges.push(d..d + 1),
        }
        of.push(ranges.len() - 1);
    }
    (of, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weeks_and_months_across_a_month_and_a_year_end() {
        let dates = [
            date(2026, 3, 30),
            date(2026, 3, 31),
            date(2026, 4, 1),
            date(2026, 4, 6),
            date(2026, 12, 31),
            date(2027, 1, 1),
        ];
        let c = Calendar::new(&dates);
        assert_eq!(c.week_of, [0, 0, 0, 1, 2, 2]);
        assert_eq!(c.weeks, [0..3, 3..4, 4..6]);
        assert_eq!(c.month_of, [0, 0, 1, 1, 2, 3]);
        assert_eq!(c.weekday[0], Weekday::Monday);
    }
}
