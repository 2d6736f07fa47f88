//! Roster rules that need no database: the month of a roster, skill names, a roster's
//! settings with their defaults and bounds, wish weights, and what a planned day means for
//! the roster (in the office, remote, or away).

use crate::message::{FieldError, Message};
use crate::Locale;
use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A calendar month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i16,
    month: i8,
}

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

impl Month {
    /// `2026-12`; years 2000–2100 only, so a typo like `0226-12` is caught.
    pub fn parse(s: &str) -> Result<Month, Message> {
        let s = s.trim();
        let (y, m) = s.split_once('-').ok_or(Message::InvalidMonth)?;
        if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()))
        {
            return Err(Message::InvalidMonth);
        }
        let year: i16 = y.parse().map_err(|_| Message::InvalidMonth)?;
        let month: i8 = m.parse().map_err(|_| Message::InvalidMonth)?;
        if !(2000..=2100).contains(&year) || !(1..=12).contains(&month) {
            return Err(Message::InvalidMonth);
        }
        Ok(Month { year, month })
    }

    pub fn of(date: Date) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The month after this one.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    pub fn first(self) -> Date {
        Date::new(self.year, self.month, 1).expect("a parsed month has a first day")
    }

    pub fn last(self) -> Date {
        self.first().last_of_month()
    }

    pub fn contains(self, date: Date) -> bool {
        Month::of(date) == self
    }

    /// Monday to Friday of the month, in order.
    pub fn weekdays(self) -> Vec<Date> {
        let mut out = Vec::new();
        let mut d = self.first();
        while Month::of(d) == self {
            if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
                out.push(d);
            }
            match d.tomorrow() {
                Ok(next) => d = next,
                Err(_) => break,
            }
        }
        out
    }

    /// "Desember 2026" / "December 2026".
    pub fn label(self, locale: Locale) -> String {
        let names = match locale {
            Locale::Id => &MONTHS_ID,
            Locale::En => &MONTHS_EN,
        };
        format!("{} {}", names[(self.month - 1) as usize], self.year)
    }
}

/// A skill name: `[a-z][a-z0-9_-]{0,31}` (`loket`, `verifikator`).
pub fn parse_skill(s: &str) -> Result<String, Message> {
    let s = s.trim();
    let mut chars = s.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok =
        chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if first_ok && rest_ok && s.len() <= 32 {
        Ok(s.to_string())
    } else {
        Err(Message::InvalidSkill)
    }
}

/// At most this many skills per person.
pub const MAX_SKILLS: usize = 16;

/// Skills separated by commas or spaces, without repeats, in the order given.
pub fn parse_skills(list: &str) -> Result<Vec<String>, Message> {
    let mut out: Vec<String> = Vec::new();
    for part in list.split(|c: char| c == ',' || c.is_whitespace()) {
        if part.is_empty() {
            continue;
        }
        let skill = parse_skill(part)?;
        if !out.contains(&skill) {
            out.push(skill);
        }
    }
    if out.len() > MAX_SKILLS {
        return Err(Message::OutOfRange {
            min: "0".into(),
            max: MAX_SKILLS.to_string(),
        });
    }
    Ok(out)
}

/// The weights an employee may give a wish: −1 rather in the office, 0 none, 1 rather
/// remote, 3 strongly remote.
pub const WISH_WEIGHTS: [i64; 4] = [-1, 0, 1, 3];

pub fn parse_wish(s: &str) -> Result<i64, Message> {
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|w| WISH_WEIGHTS.contains(w))
        .ok_or(Message::InvalidChoice {
            allowed: "-1, 0, 1, 3".into(),
        })
}

/// The day every team meets in the office, each week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// No meeting day.
    #[default]
    None,
    /// The solver picks the day, each week.
    Any,
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
}

impl Anchor {
    pub const ALL: [Anchor; 7] = [
        Anchor::None,
        Anchor::Any,
        Anchor::Monday,
        Anchor::Tuesday,
        Anchor::Wednesday,
        Anchor::Thursday,
        Anchor::Friday,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Anchor::None => "none",
            Anchor::Any => "any",
            Anchor::Monday => "monday",
            Anchor::Tuesday => "tuesday",
            Anchor::Wednesday => "wednesday",
            Anchor::Thursday => "thursday",
            Anchor::Friday => "friday",
        }
    }

    pub fn parse(s: &str) -> Result<Anchor, Message> {
        Anchor::ALL
            .into_iter()
            .find(|a| a.code() == s.trim())
            .ok_or(Message::InvalidChoice {
                allowed: "none, any, monday, tuesday, wednesday, thursday, friday".into(),
            })
    }
}

/// How a roster is built: what the unit head sets for the month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Office seats Monday to Friday.
    pub seats: [i64; 5],
    /// Seats on particular dates, instead of the weekday's number.
    #[serde(default)]
    pub seat_overrides: BTreeMap<Date, i64>,
    /// Holidays and joint leave days of the month: nobody is rostered on them.
    #[serde(default)]
    pub non_working: BTreeSet<Date>,
    /// Per skill: at least this many people with it in the office every working day.
    #[serde(default)]
    pub coverage: BTreeMap<String, i64>,
    #[serde(default)]
    pub anchor: Anchor,
    /// At most this share of the people present may work remotely on a day.
    pub max_away_share: f64,
    /// How much the largest single person's unmet wishes weigh against the total.
    pub fairness_weight: i64,
    pub max_remote_per_week: i64,
    pub min_office_per_month: i64,
}

pub const DEFAULT_AWAY_SHARE: f64 = 0.5;
pub const DEFAULT_FAIRNESS_WEIGHT: i64 = 10;
pub const DEFAULT_MAX_REMOTE_PER_WEEK: i64 = 2;
pub const DEFAULT_MIN_OFFICE_PER_MONTH: i64 = 8;
/// Bounds that keep a typo from becoming a setting.
pub const MAX_SEATS: i64 = 10_000;
pub const MAX_FAIRNESS_WEIGHT: i64 = 1_000;

impl Settings {
    /// The defaults for a unit of `headcount` people: seats for 70% of them (rounded up).
    pub fn defaults(headcount: i64) -> Settings {
        let seats = (headcount.max(0) * 7 + 9) / 10;
        Settings {
            seats: [seats; 5],
            seat_overrides: BTreeMap::new(),
            non_working: BTreeSet::new(),
            coverage: BTreeMap::new(),
            anchor: Anchor::None,
            max_away_share: DEFAULT_AWAY_SHARE,
            fairness_weight: DEFAULT_FAIRNESS_WEIGHT,
            max_remote_per_week: DEFAULT_MAX_REMOTE_PER_WEEK,
            min_office_per_month: DEFAULT_MIN_OFFICE_PER_MONTH,
        }
    }

    /// The roster's dates: Monday to Friday of the month without the non-working days.
    pub fn working_dates(&self, month: Month) -> Vec<Date> {
        month
            .weekdays()
            .into_iter()
            .filter(|d| !self.non_working.contains(d))
            .collect()
    }

    /// Office seats on a date.
    pub fn seats_on(&self, date: Date) -> i64 {
        if let Some(n) = self.seat_overrides.get(&date) {
            return *n;
        }
        let i = date.weekday().to_monday_zero_offset() as usize;
        self.seats.get(i).copied().unwrap_or(0)
    }
}

/// The settings as the form holds them: text, so a wrong value can be shown back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SettingsForm {
    /// Monday to Friday.
    pub seats: [String; 5],
    /// One `YYYY-MM-DD N` per line.
    pub seat_overrides: String,
    /// Dates, separated by lines, commas or spaces.
    pub non_working: String,
    /// One `skill N` per line.
    pub coverage: String,
    pub anchor: String,
    pub max_away_share: String,
    pub fairness_weight: String,
    pub max_remote_per_week: String,
    pub min_office_per_month: String,
}

/// The form field names of the five weekdays' seats.
pub const SEAT_FIELDS: [&str; 5] = [
    "seats_mon",
    "seats_tue",
    "seats_wed",
    "seats_thu",
    "seats_fri",
];

impl SettingsForm {
    pub fn from_settings(s: &Settings) -> SettingsForm {
        SettingsForm {
            seats: s.seats.map(|n| n.to_string()),
            seat_overrides: s
                .seat_overrides
                .iter()
                .map(|(d, n)| format!("{d} {n}"))
                .collect::<Vec<_>>()
                .join("\n"),
            non_working: s
                .non_working
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
            coverage: s
                .coverage
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect::<Vec<_>>()
                .join("\n"),
            anchor: s.anchor.code().into(),
            max_away_share: s.max_away_share.to_string(),
            fairness_weight: s.fairness_weight.to_string(),
            max_remote_per_week: s.max_remote_per_week.to_string(),
            min_office_per_month: s.min_office_per_month.to_string(),
        }
    }

    /// Checks every field, naming each one that is wrong.
    pub fn parse(&self, month: Month) -> Result<Settings, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut int = |field: &str, v: &str, min: i64, max: i64| -> i64 {
            match int_in(v, min, max) {
                Ok(n) => n,
                Err(m) => {
                    errors.push(FieldError::new(field, m));
                    0
                }
            }
        };
        let mut seats = [0; 5];
        for (i, v) in self.seats.iter().enumerate() {
            seats[i] = int(SEAT_FIELDS[i], v, 0, MAX_SEATS);
        }
        let fairness_weight = int(
            "fairness_weight",
            &self.fairness_weight,
            0,
            MAX_FAIRNESS_WEIGHT,
        );
        let max_remote_per_week = int("max_remote_per_week", &self.max_remote_per_week, 0, 5);
        let min_office_per_month = int("min_office_per_month", &self.min_office_per_month, 0, 23);
        let max_away_share = match self.max_away_share.trim().replace(',', ".").parse::<f64>() {
            Ok(v) if (0.0..=1.0).contains(&v) => v,
            Ok(_) | Err(_) => {
                errors.push(FieldError::new(
                    "max_away_share",
                    Message::OutOfRange {
                        min: "0".into(),
                        max: "1".into(),
                    },
                ));
                0.0
            }
        };
        let anchor = Anchor::parse(&self.anchor).unwrap_or_else(|m| {
            errors.push(FieldError::new("anchor", m));
            Anchor::None
        });
        let date_in_month =
            |field: &str, s: &str, errors: &mut Vec<FieldError>| match s.parse::<Date>() {
                Ok(d) if month.contains(d) => Some(d),
                Ok(_) => {
                    errors.push(FieldError::new(
                        field,
                        Message::DateOutsideMonth {
                            month: month.code(),
                        },
                    ));
                    None
                }
                Err(_) => {
                    errors.push(FieldError::new(field, Message::InvalidDate));
                    None
                }
            };
        let mut non_working = BTreeSet::new();
        for part in self
            .non_working
            .split(|c: char| c == ',' || c.is_whitespace())
        {
            if part.is_empty() {
                continue;
            }
            if let Some(d) = date_in_month("non_working", part, &mut errors) {
                non_working.insert(d);
            }
        }
        let mut seat_overrides = BTreeMap::new();
        for line in lines(&self.seat_overrides) {
            let (d, n) = split_pair(line);
            let date = date_in_month("seat_overrides", d, &mut errors);
            match int_in(n, 0, MAX_SEATS) {
                Ok(n) => {
                    if let Some(d) = date {
                        seat_overrides.insert(d, n);
                    }
                }
                Err(m) => errors.push(FieldError::new("seat_overrides", m)),
            }
        }
        let mut coverage = BTreeMap::new();
        for line in lines(&self.coverage) {
            let (skill, n) = split_pair(line);
            let skill = parse_skill(skill).map_err(|m| errors.push(FieldError::new("coverage", m)));
            match int_in(n, 0, MAX_SEATS) {
                Ok(n) => {
                    if let Ok(s) = skill {
                        coverage.insert(s, n);
                    }
                }
                Err(m) => errors.push(FieldError::new("coverage", m)),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Settings {
            seats,
            seat_overrides,
            non_working,
            coverage,
            anchor,
            max_away_share,
            fairness_weight,
            max_remote_per_week,
            min_office_per_month,
        })
    }
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// `a 3`, `a=3`, `a: 3` or `a;3` → (`a`, `3`).
fn split_pair(line: &str) -> (&str, &str) {
    match line.find(|c: char| c.is_whitespace() || c == '=' || c == ':' || c == ';') {
        Some(i) => (
            line[..i].trim(),
            line[i + 1..]
                .trim_matches(|c: char| c.is_whitespace() || c == '=' || c == ':' || c == ';'),
        ),
        None => (line, ""),
    }
}

fn int_in(v: &str, min: i64, max: i64) -> Result<i64, Message> {
    let v = v.trim();
    if v.is_empty() {
        return Err(Message::Required);
    }
    let n: i64 = v.parse().map_err(|_| Message::InvalidNumber)?;
    if n < min || n > max {
        return Err(Message::OutOfRange {
            min: min.to_string(),
            max: max.to_string(),
        });
    }
    Ok(n)
}

/// Where an employee's planned day is (the location plan's categories).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanLocation {
    Office,
    OtherOffice,
    Home,
    Other,
    Leave,
    Training,
    FieldDuty,
}

/// What a planned day means for a roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Office,
    Remote,
    Away,
}

impl PlanLocation {
    pub const ALL: [PlanLocation; 7] = [
        PlanLocation::Office,
        PlanLocation::OtherOffice,
        PlanLocation::Home,
        PlanLocation::Other,
        PlanLocation::Leave,
        PlanLocation::Training,
        PlanLocation::FieldDuty,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PlanLocation::Office => "office",
            PlanLocation::OtherOffice => "other_office",
            PlanLocation::Home => "home",
            PlanLocation::Other => "other",
            PlanLocation::Leave => "leave",
            PlanLocation::Training => "training",
            PlanLocation::FieldDuty => "field_duty",
        }
    }

    pub fn parse(s: &str) -> Result<PlanLocation, Message> {
        PlanLocation::ALL
            .into_iter()
            .find(|l| l.code() == s.trim())
            .ok_or(Message::InvalidChoice {
                allowed: "office, other_office, home, other, leave, training, field_duty".into(),
            })
    }

    /// An approved day in the office (this or another) is fixed office, at home or
    /// elsewhere fixed remote, and leave, training or field duty is away.
    pub fn presence(self) -> Presence {
        match self {
            PlanLocation::Office | PlanLocation::OtherOffice => Presence::Office,
            PlanLocation::Home | PlanLocation::Other => Presence::Remote,
            PlanLocation::Leave | PlanLocation::Training | PlanLocation::FieldDuty => {
                Presence::Away
            }
        }
    }
}

/// The Monday of the ISO week of `date`.
pub fn monday_of(date: Date) -> Date {
    let back = date.weekday().to_monday_zero_offset() as i64;
    date.checked_sub(jiff::Span::new().days(back))
        .unwrap_or(date)
}

#[cfg(test)]
mod tests;
