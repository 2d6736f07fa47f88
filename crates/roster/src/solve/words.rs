//! How explanations name things: units, people and teams by name when they have one, weeks
//! and months as people say them, long lists of names shortened.

use jiff::civil::{Date, Weekday};

use crate::instance::Instance;

pub(crate) fn unit(inst: &Instance, u: usize) -> &str {
    let unit = &inst.units[u];
    unit.name.as_deref().unwrap_or(&unit.id)
}

pub(crate) fn person(inst: &Instance, p: usize) -> &str {
    let e = &inst.employees[p];
    e.name.as_deref().unwrap_or(&e.id)
}

/// "Tim Data" / "Team Data", without doubling a "Tim" or "Team" the name already has.
pub(crate) fn team(inst: &Instance, t: usize) -> (String, String) {
    let team = &inst.teams[t];
    let name = team.name.as_deref().unwrap_or(&team.id);
    let lower = name.to_lowercase();
    let has = |word: &str| lower.starts_with(word) && lower.len() > word.len();
    if has("tim ") || has("team ") {
        (name.to_string(), name.to_string())
    } else {
        (format!("Tim {name}"), format!("Team {name}"))
    }
}

pub(crate) fn ids(inst: &Instance, people: &[usize]) -> Vec<String> {
    people
        .iter()
        .map(|&p| inst.employees[p].id.clone())
        .collect()
}

/// "Ani, Budi dan Citra" / "Ani, Budi and Citra"; past five names, "dan 3 lainnya".
pub(crate) fn people(inst: &Instance, people: &[usize]) -> (String, String) {
    const SHOWN: usize = 5;
    let names: Vec<&str> = people
        .iter()
        .take(SHOWN)
        .map(|&p| person(inst, p))
        .collect();
    let rest = people.len().saturating_sub(SHOWN);
    let join = |and: &str, more: &str| match (names.len(), rest) {
        (0, _) => String::new(),
        (1, 0) => names[0].to_string(),
        (_, 0) => format!(
            "{} {and} {}",
            names[..names.len() - 1].join(", "),
            names[names.len() - 1]
        ),
        (_, r) => format!("{} {and} {r} {more}", names.join(", ")),
    };
    (join("dan", "lainnya"), join("and", "more"))
}

/// The ISO week of `date` with its Monday: "minggu 2026-W10 (mulai 2026-03-02)" /
/// "week 2026-W10 (from 2026-03-02)".
pub(crate) fn week(date: Date) -> (String, String) {
    let w = date.iso_week_date();
    let label = format!("{}-W{:02}", w.year(), w.week());
    let back = i64::from(date.weekday().to_monday_zero_offset());
    let monday = date
        .checked_sub(jiff::Span::new().days(back))
        .unwrap_or(date);
    (
        format!("minggu {label} (mulai {monday})"),
        format!("week {label} (from {monday})"),
    )
}

/// "Maret 2026" / "March 2026".
pub(crate) fn month(date: Date) -> (String, String) {
    const ID: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let m = (date.month() as usize).clamp(1, 12) - 1;
    (
        format!("{} {}", ID[m], date.year()),
        format!("{} {}", EN[m], date.year()),
    )
}

pub(crate) fn weekday(day: Weekday) -> (&'static str, &'static str) {
    match day {
        Weekday::Monday => ("Senin", "Monday"),
        Weekday::Tuesday => ("Selasa", "Tuesday"),
        Weekday::Wednesday => ("Rabu", "Wednesday"),
        Weekday::Thursday => ("Kamis", "Thursday"),
        Weekday::Friday => ("Jumat", "Friday"),
        Weekday::Saturday => ("Sabtu", "Saturday"),
        Weekday::Sunday => ("Minggu", "Sunday"),
    }
}

/// The smallest share (in whole percent) whose limit `floor(share × present + 1e-9)` allows
/// `away` people away.
pub(crate) fn share_for(away: i64, present: i64) -> i64 {
    if present <= 0 {
        return 100;
    }
    let mut pct = (100 * away + present - 1) / present;
    while pct < 100 && ((pct as f64 / 100.0) * present as f64 + 1e-9).floor() < away as f64 {
        pct += 1;
    }
    pct.clamp(0, 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_dates_in_words() {
        assert_eq!(share_for(3, 10), 30);
        assert_eq!(share_for(1, 3), 34);
        assert_eq!(
            week(jiff::civil::date(2026, 3, 4)).0,
            "minggu 2026-W10 (mulai 2026-03-02)"
        );
        assert_eq!(month(jiff::civil::date(2026, 3, 2)).1, "March 2026");
    }
}
