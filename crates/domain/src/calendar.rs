//! The national working calendar: holidays and cuti bersama (shipped as data for
//! 2025–2027, see `calendar/data.rs`), Ramadan, and what a date means for a unit under its
//! policy — whether it is a working day, when it starts, its break and its expected minutes
//! (Perpres 21/2023).

use crate::message::Message;
use crate::policy::{Policy, TimeOfDay};
use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

mod data;
pub use data::{builtin_holidays, builtin_ramadan, BUILTIN_YEARS};

#[cfg(test)]
mod tests;

/// A national holiday or a cuti bersama day (SKB 3 Menteri).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    Holiday,
    JointLeave,
}

impl HolidayKind {
    pub fn code(self) -> &'static str {
        match self {
            HolidayKind::Holiday => "holiday",
            HolidayKind::JointLeave => "joint_leave",
        }
    }

    pub fn parse(s: &str) -> Result<HolidayKind, Message> {
        match s.trim() {
            "holiday" => Ok(HolidayKind::Holiday),
            "joint_leave" => Ok(HolidayKind::JointLeave),
            _ => Err(Message::InvalidChoice {
                allowed: "holiday, joint_leave".into(),
            }),
        }
    }
}

/// One built-in date of the national calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: Date,
    pub name_id: &'static str,
    pub name_en: &'static str,
    pub kind: HolidayKind,
    /// The decree had not appeared when this was written (Islamic and lunar dates).
    pub estimate: bool,
}

/// A strict `YYYY-MM-DD` (a date like 2026-02-30 is refused).
pub fn parse_date(s: &str) -> Result<Date, Message> {
    let s = s.trim();
    if s.len() != 10 {
        return Err(Message::InvalidDate);
    }
    s.parse::<Date>().map_err(|_| Message::InvalidDate)
}

/// Why a date is not worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayOff {
    /// Not one of the unit's working weekdays.
    Weekend,
    Holiday,
    JointLeave,
}

/// What one date means for a unit: worked or not, and its hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WorkDay {
    pub off: Option<DayOff>,
    pub ramadan: bool,
    /// The regular start of the office day.
    pub start: TimeOfDay,
    /// Minutes to work, breaks excluded; 0 on a day off.
    pub expected_minutes: u32,
    pub break_start: TimeOfDay,
    pub break_minutes: u32,
}

impl WorkDay {
    pub fn is_working(&self) -> bool {
        self.off.is_none()
    }

    /// The regular end: start + expected minutes + break.
    pub fn end(&self) -> TimeOfDay {
        let m = self.start.minutes() as u32 + self.expected_minutes + self.break_minutes;
        TimeOfDay::from_minutes(m.min(24 * 60 - 1) as u16).unwrap_or(self.start)
    }
}

/// The day `date` under `policy`, given the national calendar's verdict on it and whether
/// it falls in Ramadan. The weekly hours are spread evenly over the unit's working
/// weekdays: 37 h 30 over Monday–Friday is 7 h 30 a day, Friday's longer break making its
/// day end later (Perpres 21/2023: 07.30–16.00, Friday 07.30–16.30).
pub fn work_day(
    policy: &Policy,
    date: Date,
    holiday: Option<HolidayKind>,
    ramadan: bool,
) -> WorkDay {
    let friday = date.weekday() == Weekday::Friday;
    let (weekly, start, break_minutes) = match (ramadan, friday) {
        (false, false) => (
            policy.weekly_minutes,
            policy.day_start,
            policy.break_minutes,
        ),
        (false, true) => (
            policy.weekly_minutes,
            policy.day_start,
            policy.friday_break_minutes,
        ),
        (true, false) => (
            policy.ramadan_weekly_minutes,
            policy.ramadan_day_start,
            policy.ramadan_break_minutes,
        ),
        (true, true) => (
            policy.ramadan_weekly_minutes,
            policy.ramadan_day_start,
            policy.ramadan_friday_break_minutes,
        ),
    };
    let off = if !policy.work_days.contains(date.weekday()) {
        Some(DayOff::Weekend)
    } else {
        match holiday {
            Some(HolidayKind::Holiday) => Some(DayOff::Holiday),
            Some(HolidayKind::JointLeave) => Some(DayOff::JointLeave),
            None => None,
        }
    };
    let per_day = weekly / policy.work_days.count().max(1);
    // Friday's break starts earlier for Friday prayers.
    let break_start = if friday {
        TimeOfDay::hm(11, 30)
    } else {
        TimeOfDay::hm(12, 0)
    };
    WorkDay {
        off,
        ramadan,
        start,
        expected_minutes: if off.is_some() { 0 } else { per_day },
        break_start,
        break_minutes,
    }
}
