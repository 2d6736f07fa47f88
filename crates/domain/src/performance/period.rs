//! Evaluation periods. Permen PANRB 6/2022 assesses performance periodically and once a
//! year; national e-Kinerja uses quarters, so a quarter is the default and an agency may
//! choose months or semesters instead (RULES.md: "make the period configurable"). The
//! annual evaluation is a period of its own.
//!
//! Codes are what forms, the API and the database use: `2026-Q4`, `2026-M11`, `2026-S2`
//! and `2026` for the year.

use crate::message::Message;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// How an agency splits the year for periodic evaluation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Month,
    #[default]
    Quarter,
    Semester,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 3] = [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Semester];

    pub fn code(self) -> &'static str {
        match self {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Semester => "semester",
        }
    }

    pub fn text(self) -> Message {
        match self {
            PeriodKind::Month => Message::text_of("Bulanan", "Monthly"),
            PeriodKind::Quarter => Message::text_of("Triwulanan", "Quarterly"),
            PeriodKind::Semester => Message::text_of("Semesteran", "Half-yearly"),
        }
    }

    pub fn parse(s: &str) -> Result<PeriodKind, Message> {
        PeriodKind::ALL
            .into_iter()
            .find(|k| k.code() == s.trim())
            .ok_or(Message::InvalidChoice {
                allowed: "month, quarter, semester".into(),
            })
    }

    /// Months in one period of this kind.
    fn months(self) -> i8 {
        match self {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::Semester => 6,
        }
    }
}

/// One evaluation period: a part of a year, or the whole year (the annual evaluation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Part {
        year: i16,
        kind: PeriodKind,
        /// 1-based: the month, quarter or semester of the year.
        index: i8,
    },
    Year(i16),
}

/// The years a period may lie in: far enough for history, near enough to catch typos.
const FIRST_YEAR: i16 = 2000;
const LAST_YEAR: i16 = 2100;

impl Period {
    /// The period of `kind` that holds `date`.
    pub fn containing(kind: PeriodKind, date: Date) -> Period {
        Period::Part {
            year: date.year(),
            kind,
            index: (date.month() - 1) / kind.months() + 1,
        }
    }

    /// The periods of a year in order, the annual one last.
    pub fn of_year(kind: PeriodKind, year: i16) -> Vec<Period> {
        let n = 12 / kind.months();
        (1..=n)
            .map(|index| Period::Part { year, kind, index })
            .chain(std::iter::once(Period::Year(year)))
            .collect()
    }

    pub fn year(self) -> i16 {
        match self {
            Period::Part { year, .. } | Period::Year(year) => year,
        }
    }

    pub fn is_annual(self) -> bool {
        matches!(self, Period::Year(_))
    }

    pub fn code(self) -> String {
        match self {
            Period::Year(y) => format!("{y}"),
            Period::Part { year, kind, index } => {
                let letter = match kind {
                    PeriodKind::Month => "M",
                    PeriodKind::Quarter => "Q",
                    PeriodKind::Semester => "S",
                };
                if kind == PeriodKind::Month {
                    format!("{year}-{letter}{index:02}")
                } else {
                    format!("{year}-{letter}{index}")
                }
            }
        }
    }

    /// Reads `2026`, `2026-Q4`, `2026-S2` or `2026-M11`.
    pub fn parse(s: &str) -> Result<Period, Message> {
        let s = s.trim();
        let bad = || {
            let given: String = s.chars().take(20).collect();
            Message::text_of(
                format!("periode «{given}» tidak dikenal; tulis misalnya 2026-Q4 (triwulan), 2026-S2 (semester), 2026-M11 (bulan) atau 2026 (tahunan)"),
                format!("unknown period «{given}»; write e.g. 2026-Q4 (quarter), 2026-S2 (semester), 2026-M11 (month) or 2026 (annual)"),
            )
        };
        let year_of = |y: &str| -> Result<i16, Message> {
            if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            let y: i16 = y.parse().map_err(|_| bad())?;
            if (FIRST_YEAR..=LAST_YEAR).contains(&y) {
                Ok(y)
            } else {
                Err(bad())
            }
        };
        let Some((y, part)) = s.split_once('-') else {
            return Ok(Period::Year(year_of(s)?));
        };
        let year = year_of(y)?;
        let mut chars = part.chars();
        let kind = match chars.next().map(|c| c.to_ascii_uppercase()) {
            Some('M') => PeriodKind::Month,
            Some('Q') => PeriodKind::Quarter,
            Some('S') => PeriodKind::Semester,
            _ => return Err(bad()),
        };
        let digits = chars.as_str();
        if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let index: i8 = digits.parse().map_err(|_| bad())?;
        if index < 1 || index > 12 / kind.months() {
            return Err(bad());
        }
        Ok(Period::Part { year, kind, index })
    }

    pub fn first_day(self) -> Date {
        match self {
            Period::Year(y) => Date::new(y, 1, 1).expect("a year in range has 1 January"),
            Period::Part { year, kind, index } => {
                Date::new(year, (index - 1) * kind.months() + 1, 1).expect("a month of the year")
            }
        }
    }

    pub fn last_day(self) -> Date {
        let last_month = match self {
            Period::Year(_) => 12,
            Period::Part { kind, index, .. } => index * kind.months(),
        };
        let first = Date::new(self.year(), last_month, 1).expect("a month of the year");
        first.last_of_month()
    }

    pub fn contains(self, date: Date) -> bool {
        self.first_day() <= date && date <= self.last_day()
    }

    /// The name people read: "Triwulan IV 2026", "Q4 2026".
    pub fn text(self) -> Message {
        const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];
        const MONTHS_ID: [&str; 12] = [
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
        const MONTHS_EN: [&str; 12] = [
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
        match self {
            Period::Year(y) => Message::text_of(format!("Tahunan {y}"), format!("Annual {y}")),
            Period::Part { year, kind, index } => {
                let i = (index - 1) as usize;
                match kind {
                    PeriodKind::Quarter => Message::text_of(
                        format!("Triwulan {} {year}", ROMAN[i]),
                        format!("Q{index} {year}"),
                    ),
                    PeriodKind::Semester => Message::text_of(
                        format!("Semester {} {year}", ROMAN[i]),
                        format!("Half {index} {year}"),
                    ),
                    PeriodKind::Month => Message::text_of(
                        format!("{} {year}", MONTHS_ID[i]),
                        format!("{} {year}", MONTHS_EN[i]),
                    ),
                }
            }
        }
    }
}

/// Whether `period` may be evaluated for a plan of `plan_year`: a period of that year, of
/// the agency's kind (or the annual one), that has begun by `today`.
pub fn check_evaluable(
    period: Period,
    plan_year: i16,
    kind: PeriodKind,
    today: Date,
) -> Result<(), Message> {
    if period.year() != plan_year {
        return Err(Message::text_of(
            format!("periode harus berada dalam tahun SKP ({plan_year})"),
            format!("the period must lie in the plan's year ({plan_year})"),
        ));
    }
    if let Period::Part { kind: k, .. } = period {
        if k != kind {
            let example = Period::containing(kind, period.first_day()).code();
            return Err(Message::text_of(
                format!("instansi menilai per {}; tulis periode seperti {example} atau {plan_year} untuk penilaian tahunan", kind.text().text(crate::Locale::Id).to_lowercase()),
                format!("the agency evaluates {}; write a period like {example} or {plan_year} for the annual evaluation", kind.text().text(crate::Locale::En).to_lowercase()),
            ));
        }
    }
    if period.first_day() > today {
        return Err(Message::text_of(
            "periode ini belum dimulai",
            "this period has not begun yet",
        ));
    }
    Ok(())
}

/// A period is written as its code (`"2026-Q4"`) in JSON.
impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Locale;
    use jiff::civil::date;

    #[test]
    fn codes_round_trip_for_every_period_of_a_year() {
        for kind in PeriodKind::ALL {
            let all = Period::of_year(kind, 2026);
            assert_eq!(all.len(), 12 / kind.months() as usize + 1);
            for p in all {
                assert_eq!(Period::parse(&p.code()), Ok(p), "{p}");
            }
        }
        assert_eq!(
            Period::parse("2026-q4"),
            Ok(Period::Part {
                year: 2026,
                kind: PeriodKind::Quarter,
                index: 4
            })
        );
        assert_eq!(Period::parse(" 2026 "), Ok(Period::Year(2026)));
        assert_eq!(
            Period::Part {
                year: 2026,
                kind: PeriodKind::Month,
                index: 3
            }
            .code(),
            "2026-M03"
        );
    }

    #[test]
    fn nonsense_is_refused_naming_what_was_sent() {
        for bad in [
            "", "26", "2026-Q5", "2026-Q0", "2026-S3", "2026-M13", "2026-X1", "2026-Q", "1999",
            "2026-Q1x", "abcd", "2026-M-1",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
        let m = Period::parse("2026-Q5").unwrap_err().text(Locale::Id);
        assert!(m.contains("«2026-Q5»"), "{m}");
    }

    #[test]
    fn bounds_and_containment() {
        let q4 = Period::parse("2026-Q4").unwrap();
        assert_eq!(
            (q4.first_day(), q4.last_day()),
            (date(2026, 10, 1), date(2026, 12, 31))
        );
        let feb = Period::parse("2028-M02").unwrap();
        assert_eq!(feb.last_day(), date(2028, 2, 29));
        let s1 = Period::parse("2026-S1").unwrap();
        assert_eq!(
            (s1.first_day(), s1.last_day()),
            (date(2026, 1, 1), date(2026, 6, 30))
        );
        let y = Period::Year(2026);
        assert_eq!(
            (y.first_day(), y.last_day()),
            (date(2026, 1, 1), date(2026, 12, 31))
        );
        assert!(q4.contains(date(2026, 11, 23)) && !q4.contains(date(2026, 9, 30)));
        assert_eq!(
            Period::containing(PeriodKind::Quarter, date(2026, 11, 23)),
            q4
        );
        assert_eq!(
            Period::containing(PeriodKind::Semester, date(2026, 6, 30)),
            s1
        );
        assert_eq!(
            Period::containing(PeriodKind::Month, date(2026, 11, 1)).code(),
            "2026-M11"
        );
    }

    #[test]
    fn a_period_is_evaluable_in_its_plans_year_kind_and_once_begun() {
        let today = date(2026, 11, 23);
        let q = PeriodKind::Quarter;
        let ok = |s: &str| check_evaluable(Period::parse(s).unwrap(), 2026, q, today);
        assert!(ok("2026-Q4").is_ok());
        assert!(ok("2026-Q1").is_ok());
        assert!(ok("2026").is_ok());
        assert!(ok("2025-Q4").is_err(), "another year");
        assert!(ok("2026-M11").is_err(), "another kind");
        let m = ok("2026-S2").unwrap_err().text(Locale::Id);
        assert!(m.contains("2026-Q3"), "{m}");
        assert!(
            check_evaluable(Period::parse("2027-Q1").unwrap(), 2027, q, today).is_err(),
            "not begun"
        );
    }

    #[test]
    fn names_in_both_languages() {
        let q4 = Period::parse("2026-Q4").unwrap();
        assert_eq!(q4.text().text(Locale::Id), "Triwulan IV 2026");
        assert_eq!(q4.text().text(Locale::En), "Q4 2026");
        assert_eq!(Period::Year(2026).text().text(Locale::Id), "Tahunan 2026");
        assert_eq!(
            Period::parse("2026-M11").unwrap().text().text(Locale::Id),
            "November 2026"
        );
    }
}
