//! The roster instance: the input format (JSON, see `bench/roster/README.md`), its parsing and
//! the checks that refuse bad input with the path of the offending field. A checked instance
//! is safe to index: every per-day array has one entry per date, every unit, team and skill
//! an employee names exists.

use std::collections::{BTreeMap, HashSet};

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

use crate::text::Text;

/// The default weight of the fairness term in the objective.
pub const DEFAULT_FAIRNESS_WEIGHT: i64 = 10;

/// One roster problem: a horizon of working days and the units, teams and employees in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    /// A label for people ("Dinas Kesehatan, Maret 2026").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The working days of the horizon, strictly ascending. Weeks are ISO weeks (Monday first)
    /// and months calendar months of these dates.
    pub dates: Vec<Date>,
    /// Weight of the largest unmet wish total of any single employee in the objective.
    #[serde(default = "default_fairness_weight")]
    pub fairness_weight: i64,
    /// The skills the instance knows; employees and coverage may only name these.
    #[serde(default)]
    pub skills: Vec<String>,
    pub units: Vec<Unit>,
    #[serde(default)]
    pub teams: Vec<Team>,
    pub employees: Vec<Employee>,
}

fn default_fairness_weight() -> i64 {
    DEFAULT_FAIRNESS_WEIGHT
}

/// An office with its own seats, coverage and away share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Office seats per date.
    pub seats: PerDay<i64>,
    /// Per skill: at least this many people with the skill in the office per date.
    #[serde(default)]
    pub coverage: BTreeMap<String, PerDay<i64>>,
    /// At most this share (0..=1) of the unit's non-absent staff away from the office per date;
    /// the limit is `floor(share × non-absent + 1e-9)` people. Default 1 (no limit).
    #[serde(default = "no_share_limit")]
    pub max_away_share: PerDay<f64>,
}

fn no_share_limit() -> PerDay<f64> {
    PerDay::Same(1.0)
}

/// A value that is the same on every date, or one value per date (same length as `dates`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PerDay<T> {
    Same(T),
    Each(Vec<T>),
}

impl<T: Copy> PerDay<T> {
    /// The value on the date with index `day`. Only call on a checked instance.
    pub fn on(&self, day: usize) -> T {
        match self {
            PerDay::Same(v) => *v,
            PerDay::Each(values) => values[day],
        }
    }

    fn len_ok(&self, days: usize) -> bool {
        match self {
            PerDay::Same(_) => true,
            PerDay::Each(values) => values.len() == days,
        }
    }

    fn values(&self) -> Vec<T> {
        match self {
            PerDay::Same(v) => vec![*v],
            PerDay::Each(values) => values.clone(),
        }
    }
}

/// A group that should meet in the office: with an anchor, every week has at least one date on
/// which every member who is not absent is in the office.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub unit: String,
    /// `null`/absent: no anchor; `"any"`: the solver picks the day each week; a weekday name:
    /// that weekday (any day of a week in which that weekday is not a working day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<AnchorDay>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorDay {
    Any,
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl AnchorDay {
    /// The fixed weekday, if the anchor names one.
    pub fn weekday(self) -> Option<Weekday> {
        match self {
            AnchorDay::Any => None,
            AnchorDay::Monday => Some(Weekday::Monday),
            AnchorDay::Tuesday => Some(Weekday::Tuesday),
            AnchorDay::Wednesday => Some(Weekday::Wednesday),
            AnchorDay::Thursday => Some(Weekday::Thursday),
            AnchorDay::Friday => Some(Weekday::Friday),
            AnchorDay::Saturday => Some(Weekday::Saturday),
            AnchorDay::Sunday => Some(Weekday::Sunday),
        }
    }
}

/// One person to place on every date of the horizon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Employee {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    #[serde(default)]
    pub skills: Vec<String>,
    /// Remote days allowed per ISO week (0 = always on site). Fixed remote days count.
    pub max_remote_per_week: i64,
    /// Office days required per calendar month, capped by the person's non-absent dates of that
    /// month in the horizon.
    #[serde(default)]
    pub min_office_per_month: i64,
    /// Dates already decided: approved plans (`office`, `remote`) and `absent` (leave,
    /// training, field duty).
    #[serde(default)]
    pub fixed: BTreeMap<Date, Fixed>,
    /// Per date, the weight of the wish to work remotely (`w > 0`, unmet when in the office)
    /// or in the office (`w < 0`, unmet with weight `-w` when remote). Moot on absent dates.
    #[serde(default)]
    pub wishes: BTreeMap<Date, i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fixed {
    Office,
    Remote,
    Absent,
}

/// Bad input: where (a JSON path like `employees[3].fixed.2026-03-05`) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputError {
    pub path: String,
    pub reason: Text,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.reason.en)
    }
}

/// Limits that keep a single instance within what one machine handles.
pub const MAX_DATES: usize = 93;
pub const MAX_EMPLOYEES: usize = 1_000_000;

impl Instance {
    /// Parses and checks an instance. A JSON or type error names the field it happened in.
    pub fn from_json(json: &str) -> Result<Instance, Vec<InputError>> {
        let de = &mut serde_json::Deserializer::from_str(json);
        let instance: Instance = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner().to_string();
            vec![InputError {
                path,
                reason: Text::new(
                    format!("format tidak sah: {inner}"),
                    format!("invalid format: {inner}"),
                ),
            }]
        })?;
        instance.check()?;
        Ok(instance)
    }

    /// Every rule of the format that types alone cannot express. All errors are reported.
    pub fn check(&self) -> Result<(), Vec<InputError>> {
        let mut errors = Vec::new();
        let mut bad = |path: String, id: String, en: String| {
            errors.push(InputError {
                path,
                reason: Text::new(id, en),
            })
        };
        let days = self.dates.len();
        if days == 0 {
            bad(
                "dates".into(),
                "tidak boleh kosong".into(),
                "must not be empty".into(),
            );
        }
        if days > MAX_DATES {
            bad(
                "dates".into(),
                format!("paling banyak {MAX_DATES} hari"),
                format!("at most {MAX_DATES} days"),
            );
        }
        for (i, pair) in self.dates.windows(2).enumerate() {
            if pair[0] >= pair[1] {
                bad(
                    format!("dates[{}]", i + 1),
                    format!("{} tidak urut naik atau berulang", pair[1]),
                    format!("{} is not after the date before it", pair[1]),
                );
            }
        }
        if self.fairness_weight < 0 {
            bad(
                "fairness_weight".into(),
                "tidak boleh negatif".into(),
                "must not be negative".into(),
            );
        }
        if self.employees.len() > MAX_EMPLOYEES {
            bad(
                "employees".into(),
                format!("paling banyak {MAX_EMPLOYEES} pegawai"),
                format!("at most {MAX_EMPLOYEES} employees"),
            );
        }
        let date_set: HashSet<Date> = self.dates.iter().copied().collect();
        let skills: HashSet<&str> = self.skills.iter().map(String::as_str).collect();
        let mut seen = HashSet::new();
        for (i, skill) in self.skills.iter().enumerate() {
            if !seen.insert(skill.as_str()) {
                bad(format!("skills[{i}]"), dup_id(skill), dup_en(skill));
            }
        }

        let mut unit_ids = HashSet::new();
        for (u, unit) in self.units.iter().enumerate() {
            let at = format!("units[{u}]");
            if !unit_ids.insert(unit.id.as_str()) {
                bad(format!("{at}.id"), dup_id(&unit.id), dup_en(&unit.id));
            }
            check_per_day(&unit.seats, days, &format!("{at}.seats"), &mut bad, |v| {
                *v >= 0
            });
            check_per_day(
                &unit.max_away_share,
                days,
                &format!("{at}.max_away_share"),
                &mut bad,
                |v| (0.0..=1.0).contains(v),
            );
            for (skill, need) in &unit.coverage {
                let path = format!("{at}.coverage.{skill}");
                if !skills.contains(skill.as_str()) {
                    bad(
                        path.clone(),
                        unknown_id("keahlian", skill),
                        unknown_en("skill", skill),
                    );
                }
                check_per_day(need, days, &path, &mut bad, |v| *v >= 0);
            }
        }
        if self.units.is_empty() {
            bad(
                "units".into(),
                "tidak boleh kosong".into(),
                "must not be empty".into(),
            );
        }

        let mut team_ids = HashSet::new();
        for (t, team) in self.teams.iter().enumerate() {
            let at = format!("teams[{t}]");
            if !team_ids.insert(team.id.as_str()) {
                bad(format!("{at}.id"), dup_id(&team.id), dup_en(&team.id));
            }
            if !unit_ids.contains(team.unit.as_str()) {
                bad(
                    format!("{at}.unit"),
                    unknown_id("unit", &team.unit),
                    unknown_en("unit", &team.unit),
                );
            }
        }
        let team_unit: BTreeMap<&str, &str> = self
            .teams
            .iter()
            .map(|t| (t.id.as_str(), t.unit.as_str()))
            .collect();

        let mut employee_ids = HashSet::new();
        for (e, person) in self.employees.iter().enumerate() {
            let at = format!("employees[{e}]");
            if !employee_ids.insert(person.id.as_str()) {
                bad(format!("{at}.id"), dup_id(&person.id), dup_en(&person.id));
            }
            if !unit_ids.contains(person.unit.as_str()) {
                bad(
                    format!("{at}.unit"),
                    unknown_id("unit", &person.unit),
                    unknown_en("unit", &person.unit),
                );
            }
            if let Some(team) = &person.team {
                match team_unit.get(team.as_str()) {
                    None => bad(
                        format!("{at}.team"),
                        unknown_id("tim", team),
                        unknown_en("team", team),
                    ),
                    Some(unit) if *unit != person.unit => bad(
                        format!("{at}.team"),
                        format!("tim {team} milik unit {unit}, bukan {}", person.unit),
                        format!("team {team} belongs to unit {unit}, not {}", person.unit),
                    ),
                    Some(_) => {}
                }
            }
            for (s, skill) in person.skills.iter().enumerate() {
                if !skills.contains(skill.as_str()) {
                    bad(
                        format!("{at}.skills[{s}]"),
                        unknown_id("keahlian", skill),
                        unknown_en("skill", skill),
                    );
                }
            }
            if person.max_remote_per_week < 0 {
                bad(
                    format!("{at}.max_remote_per_week"),
                    "tidak boleh negatif".into(),
                    "must not be negative".into(),
                );
            }
            if person.min_office_per_month < 0 {
                bad(
                    format!("{at}.min_office_per_month"),
                    "tidak boleh negatif".into(),
                    "must not be negative".into(),
                );
            }
            for date in person.fixed.keys() {
                if !date_set.contains(date) {
                    bad(
                        format!("{at}.fixed.{date}"),
                        outside_id(date),
                        outside_en(date),
                    );
                }
            }
            for date in person.wishes.keys() {
                if !date_set.contains(date) {
                    bad(
                        format!("{at}.wishes.{date}"),
                        outside_id(date),
                        outside_en(date),
                    );
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The index of each unit id, for solvers and validators that work with indices.
    pub fn unit_index(&self, id: &str) -> Option<usize> {
        self.units.iter().position(|u| u.id == id)
    }
}

fn check_per_day<T: Copy + std::fmt::Debug>(
    value: &PerDay<T>,
    days: usize,
    path: &str,
    bad: &mut impl FnMut(String, String, String),
    valid: impl Fn(&T) -> bool,
) {
    if !value.len_ok(days) {
        bad(
            path.to_string(),
            format!("harus satu angka atau {days} angka (satu per tanggal)"),
            format!("must be one number or {days} numbers (one per date)"),
        );
    }
    if let Some(v) = value.values().iter().find(|v| !valid(v)) {
        bad(
            path.to_string(),
            format!("nilai {v:?} tidak sah (tidak boleh negatif; porsi antara 0 dan 1)"),
            format!("value {v:?} is invalid (no negatives; shares between 0 and 1)"),
        );
    }
}

fn dup_id(id: &str) -> String {
    format!("{id} muncul lebih dari sekali")
}
fn dup_en(id: &str) -> String {
    format!("{id} appears more than once")
}
fn unknown_id(what: &str, id: &str) -> String {
    format!("{what} {id} tidak dikenal")
}
fn unknown_en(what: &str, id: &str) -> String {
    format!("unknown {what} {id}")
}
fn outside_id(date: &Date) -> String {
    format!("{date} di luar rentang tanggal")
}
fn outside_en(date: &Date) -> String {
    format!("{date} is outside the horizon")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"{
        "dates": ["2026-03-02", "2026-03-03"],
        "skills": ["loket"],
        "units": [{"id": "u", "seats": [2, 1], "coverage": {"loket": 1}, "max_away_share": 0.5}],
        "teams": [{"id": "t", "unit": "u", "anchor": "any"}],
        "employees": [
            {"id": "a", "unit": "u", "team": "t", "skills": ["loket"], "max_remote_per_week": 1,
             "fixed": {"2026-03-02": "absent"}, "wishes": {"2026-03-03": 2}},
            {"id": "b", "unit": "u", "max_remote_per_week": 2, "wishes": {"2026-03-02": -1}}
        ]
    }"#;

    #[test]
    fn parses_a_small_instance() {
        let i = Instance::from_json(SMALL).unwrap();
        assert_eq!(i.fairness_weight, DEFAULT_FAIRNESS_WEIGHT);
        assert_eq!(i.units[0].seats.on(1), 1);
        assert_eq!(i.units[0].coverage["loket"].on(0), 1);
        assert_eq!(i.teams[0].anchor, Some(AnchorDay::Any));
        assert_eq!(i.employees[0].fixed.values().next(), Some(&Fixed::Absent));
        assert_eq!(i.employees[1].wishes.values().next(), Some(&-1));
    }

    fn errors(json: &str) -> Vec<String> {
        Instance::from_json(json)
            .unwrap_err()
            .iter()
            .map(|e| e.to_string())
            .collect()
    }

    #[test]
    fn refuses_bad_input_with_the_field() {
        let unknown_skill = SMALL.replace(
            r#""skills": ["loket"], "max"#,
            r#""skills": ["lokett"], "max"#,
        );
        assert_eq!(
            errors(&unknown_skill),
            ["employees[0].skills[0]: unknown skill lokett"]
        );
        let negative = SMALL.replace("[2, 1]", "[2, -1]");
        assert!(errors(&negative)[0].starts_with("units[0].seats: value -1"));
        let outside = SMALL.replace(r#""2026-03-02": "absent""#, r#""2026-04-02": "absent""#);
        assert_eq!(
            errors(&outside),
            ["employees[0].fixed.2026-04-02: 2026-04-02 is outside the horizon"]
        );
        let team = SMALL.replace(r#""team": "t""#, r#""team": "x""#);
        assert_eq!(errors(&team), ["employees[0].team: unknown team x"]);
        let short = SMALL.replace("[2, 1]", "[2]");
        assert!(errors(&short)[0].starts_with("units[0].seats: must be one number or 2"));
        let bad_date = SMALL.replace("2026-03-03\"]", "2026-02-30\"]");
        assert!(
            errors(&bad_date)[0].starts_with("dates[1]: invalid format"),
            "{:?}",
            errors(&bad_date)
        );
        let typo = SMALL.replace("\"seats\"", "\"sets\"");
        assert!(
            errors(&typo)[0].contains("unknown field `sets`"),
            "{:?}",
            errors(&typo)
        );
    }
}
