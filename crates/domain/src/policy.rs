//! A unit's flexible-work policy: the national defaults (Perpres 21/2023, Permen PANRB
//! 4/2025), the values an agency or a unit overrides, and how they are inherited down the
//! org tree, remembering where each effective value comes from.

use crate::message::{FieldError, Message};
use jiff::civil::Weekday;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// A time of day in the unit's zone, minutes after midnight; written `HH:MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    pub const fn hm(hour: u16, minute: u16) -> TimeOfDay {
        TimeOfDay(hour * 60 + minute)
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    pub fn from_minutes(m: u16) -> Option<TimeOfDay> {
        (m < 24 * 60).then_some(TimeOfDay(m))
    }

    /// `07:30` (also `7:30` and `07.30`, as Indonesians often write it).
    pub fn parse(s: &str) -> Result<TimeOfDay, Message> {
        let bad = || Message::text_of("jam tidak valid (JJ:MM)", "invalid time (HH:MM)");
        let (h, m) = s.trim().split_once([':', '.']).ok_or_else(bad)?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return Err(bad());
        }
        let h: u16 = h.parse().map_err(|_| bad())?;
        let m: u16 = m.parse().map_err(|_| bad())?;
        if h > 23 || m > 59 {
            return Err(bad());
        }
        Ok(TimeOfDay::hm(h, m))
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<TimeOfDay, D::Error> {
        let s = String::deserialize(d)?;
        TimeOfDay::parse(&s).map_err(|_| serde::de::Error::custom("invalid time (HH:MM)"))
    }
}

/// Where a flexible day may be worked (Permen PANRB 4/2025 art. on location flexibility).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkLocation {
    Office,
    OtherOffice,
    Home,
    Other,
}

impl WorkLocation {
    pub const ALL: [WorkLocation; 4] = [
        WorkLocation::Office,
        WorkLocation::OtherOffice,
        WorkLocation::Home,
        WorkLocation::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            WorkLocation::Office => "office",
            WorkLocation::OtherOffice => "other_office",
            WorkLocation::Home => "home",
            WorkLocation::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Result<WorkLocation, Message> {
        WorkLocation::ALL
            .into_iter()
            .find(|l| l.code() == s.trim())
            .ok_or_else(|| Message::InvalidChoice {
                allowed: "office, other_office, home, other".into(),
            })
    }

    /// Every location but the own office counts against the weekly flexible days.
    pub fn is_flexible(self) -> bool {
        self != WorkLocation::Office
    }
}

/// How a day's time is set (Permen PANRB 4/2025: *kerja dinamis*, *kerja sif*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeMode {
    /// The unit's day start.
    Regular,
    /// Any start within the policy's flexible-start window.
    Dynamic,
    /// A set start time on set days.
    Shift,
}

impl TimeMode {
    pub const ALL: [TimeMode; 3] = [TimeMode::Regular, TimeMode::Dynamic, TimeMode::Shift];

    pub fn code(self) -> &'static str {
        match self {
            TimeMode::Regular => "regular",
            TimeMode::Dynamic => "dynamic",
            TimeMode::Shift => "shift",
        }
    }

    pub fn parse(s: &str) -> Result<TimeMode, Message> {
        TimeMode::ALL
            .into_iter()
            .find(|m| m.code() == s.trim())
            .ok_or_else(|| Message::InvalidChoice {
                allowed: "regular, dynamic, shift".into(),
            })
    }
}

/// The working weekdays of a unit: Monday–Friday by default (Perpres 21/2023); service
/// units may work other days, set by the PPK.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkDays(pub BTreeSet<u8>);

impl WorkDays {
    /// Monday = 1 … Sunday = 7.
    pub fn contains(&self, day: Weekday) -> bool {
        self.0.contains(&(day.to_monday_one_offset() as u8))
    }

    pub fn count(&self) -> u32 {
        self.0.len() as u32
    }

    pub fn monday_to_friday() -> WorkDays {
        WorkDays((1..=5).collect())
    }
}

/// Every policy value with its national default. Minutes are whole minutes; shares are
/// percentages of a unit's people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Perpres 21/2023: 37 h 30 min a week, breaks excluded.
    pub weekly_minutes: u32,
    /// Perpres 21/2023: 32 h 30 min a week in Ramadan.
    pub ramadan_weekly_minutes: u32,
    pub work_days: WorkDays,
    /// Perpres 21/2023: the office day starts 07.30 local time (08.00 in Ramadan).
    pub day_start: TimeOfDay,
    pub ramadan_day_start: TimeOfDay,
    /// Perpres 21/2023: 60 min Monday–Thursday, 90 min Friday; Ramadan 30 and 60.
    pub break_minutes: u32,
    pub friday_break_minutes: u32,
    pub ramadan_break_minutes: u32,
    pub ramadan_friday_break_minutes: u32,
    /// The band everyone is reachable, whatever their start.
    pub core_start: TimeOfDay,
    pub core_end: TimeOfDay,
    /// Dynamic hours: the earliest and latest allowed start.
    pub flex_start_earliest: TimeOfDay,
    pub flex_start_latest: TimeOfDay,
    /// Permen PANRB 4/2025: location flexibility at most 2 working days a week.
    pub max_flex_days_per_week: u32,
    /// The agency head decides how many may be away from the office on one day.
    pub max_away_percent: u32,
    pub min_office_days_per_month: u32,
    pub allowed_locations: BTreeSet<WorkLocation>,
    pub allowed_time_modes: BTreeSet<TimeMode>,
    pub plans_need_approval: bool,
    /// A plan for a date is due this many days before it.
    pub plan_due_days: u32,
    /// Plans may be made at most this many days ahead.
    pub plan_horizon_days: u32,
    /// Permen PANRB 4/2025: not newly placed in the position (months, *check*: the agency
    /// sets the number).
    pub min_months_in_position: u32,
    /// No work contact expected between these times.
    pub after_hours_start: TimeOfDay,
    pub after_hours_end: TimeOfDay,
    /// Desks in the unit's office (not inherited); `None` is unknown.
    pub seats: Option<u32>,
    /// Minimum people on site for public service on a working day (not inherited).
    pub min_on_site: u32,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            weekly_minutes: 37 * 60 + 30,
            ramadan_weekly_minutes: 32 * 60 + 30,
            work_days: WorkDays::monday_to_friday(),
            day_start: TimeOfDay::hm(7, 30),
            ramadan_day_start: TimeOfDay::hm(8, 0),
            break_minutes: 60,
            friday_break_minutes: 90,
            ramadan_break_minutes: 30,
            ramadan_friday_break_minutes: 60,
            core_start: TimeOfDay::hm(9, 0),
            core_end: TimeOfDay::hm(15, 0),
            flex_start_earliest: TimeOfDay::hm(6, 30),
            flex_start_latest: TimeOfDay::hm(8, 30),
            max_flex_days_per_week: 2,
            max_away_percent: 50,
            min_office_days_per_month: 8,
            allowed_locations: WorkLocation::ALL.into_iter().collect(),
            allowed_time_modes: TimeMode::ALL.into_iter().collect(),
            plans_need_approval: true,
            plan_due_days: 1,
            plan_horizon_days: 90,
            min_months_in_position: 6,
            after_hours_start: TimeOfDay::hm(17, 0),
            after_hours_end: TimeOfDay::hm(7, 0),
            seats: None,
            min_on_site: 0,
        }
    }
}

mod fields;
pub use fields::{resolve, Effective, Field, Level, Overrides, Source};

#[cfg(test)]
mod tests;

/// Checks that hold between values (a window that ends before it starts, a share over
/// 100 %), reported against the field a person would change.
pub fn check(p: &Policy) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut bad = |field: &str, id: &str, en: &str| {
        errors.push(FieldError::new(field, Message::text_of(id, en)));
    };
    if p.weekly_minutes == 0 || p.weekly_minutes > 60 * 60 {
        bad(
            "weekly_minutes",
            "jam kerja mingguan harus antara 1 menit dan 60 jam",
            "weekly hours must be between 1 minute and 60 hours",
        );
    }
    if p.ramadan_weekly_minutes == 0 || p.ramadan_weekly_minutes > p.weekly_minutes {
        bad(
            "ramadan_weekly_minutes",
            "jam kerja Ramadan harus lebih dari 0 dan tidak melebihi jam kerja biasa",
            "Ramadan hours must be above 0 and not above the usual weekly hours",
        );
    }
    if p.work_days.0.is_empty() || p.work_days.0.iter().any(|d| !(1..=7).contains(d)) {
        bad(
            "work_days",
            "pilih setidaknya satu hari kerja",
            "choose at least one working day",
        );
    }
    if p.core_start >= p.core_end {
        bad(
            "core_end",
            "jam inti harus berakhir setelah dimulai",
            "core hours must end after they start",
        );
    }
    if p.flex_start_earliest > p.flex_start_latest {
        bad(
            "flex_start_latest",
            "batas akhir mulai kerja fleksibel harus setelah batas awalnya",
            "the latest flexible start must not be before the earliest",
        );
    }
    if p.flex_start_latest > p.core_start {
        bad(
            "flex_start_latest",
            "mulai kerja fleksibel paling lambat harus sebelum jam inti",
            "the latest flexible start must be before core hours begin",
        );
    }
    if p.max_flex_days_per_week > 7 {
        bad(
            "max_flex_days_per_week",
            "hari fleksibel per minggu paling banyak 7",
            "at most 7 flexible days a week",
        );
    }
    if p.max_away_percent > 100 {
        bad(
            "max_away_percent",
            "persentase harus antara 0 dan 100",
            "the share must be between 0 and 100",
        );
    }
    if p.min_office_days_per_month > 31 {
        bad(
            "min_office_days_per_month",
            "paling banyak 31 hari",
            "at most 31 days",
        );
    }
    if !p.allowed_locations.contains(&WorkLocation::Office) {
        bad(
            "allowed_locations",
            "kantor sendiri selalu diizinkan",
            "the own office is always allowed",
        );
    }
    if p.allowed_time_modes.is_empty() {
        bad(
            "allowed_time_modes",
            "pilih setidaknya satu pengaturan waktu",
            "choose at least one time arrangement",
        );
    }
    if p.plan_horizon_days == 0 || p.plan_horizon_days > 366 {
        bad(
            "plan_horizon_days",
            "cakrawala rencana harus antara 1 dan 366 hari",
            "the planning horizon must be between 1 and 366 days",
        );
    }
    if p.plan_due_days >= p.plan_horizon_days {
        bad(
            "plan_due_days",
            "tenggat rencana harus lebih pendek dari cakrawala rencana",
            "plans must be due sooner than the planning horizon",
        );
    }
    if p.min_months_in_position > 120 {
        bad(
            "min_months_in_position",
            "paling banyak 120 bulan",
            "at most 120 months",
        );
    }
    errors
}
