//! What a punch answers and what today shows, built from the stored rows only, so a
//! retried punch (same client key) gets the same body as the first.

use super::{minute_of, parse_stored_date};
use crate::Result;
use fleksi_domain::presence::clock_text;
use fleksi_domain::timezone::Zone;
use fleksi_store::presence::{DayRow, EventRow, WeekRow};
use serde::Serialize;

/// One person's day in their unit's local time.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DayState {
    /// The local date, `YYYY-MM-DD`.
    pub date: String,
    /// WIB, WITA or WIT: the zone of the times below.
    pub zone: &'static str,
    /// `HH:MM`; `06:30 (+1)` for a night shift ending the next morning.
    pub check_in: Option<String>,
    pub check_in_location: Option<String>,
    pub check_out: Option<String>,
    pub check_out_location: Option<String>,
    /// The approved plan's location (`office` without a plan).
    pub planned_location: String,
    /// The declared location differs from the plan (flagged, not blocked).
    pub mismatch: bool,
    pub expected_minutes: i64,
    pub late_minutes: i64,
    /// Breaks excluded; counted once the day is checked out.
    pub effective_minutes: i64,
    pub core_hours_met: bool,
    /// Checked in and not (yet) out.
    pub open: bool,
    /// A supervisor approved a correction of this day.
    pub corrected: bool,
}

impl DayState {
    pub fn of(row: &DayRow, zone: Zone) -> Result<DayState> {
        let date = parse_stored_date(&row.date)?;
        let time = |at: Option<i64>| -> Result<Option<String>> {
            Ok(match at {
                Some(at) => Some(clock_text(minute_of(at, date, zone)?)),
                None => None,
            })
        };
        Ok(DayState {
            date: row.date.clone(),
            zone: zone.code(),
            check_in: time(row.check_in_at)?,
            check_in_location: row.check_in_location.clone(),
            check_out: time(row.check_out_at)?,
            check_out_location: row.check_out_location.clone(),
            planned_location: row
                .planned_location
                .clone()
                .unwrap_or_else(|| "office".into()),
            mismatch: row.mismatch != 0,
            expected_minutes: row.expected_minutes,
            late_minutes: row.late_minutes,
            effective_minutes: row.effective_minutes,
            core_hours_met: row.core_hours_met != 0,
            open: row.check_in_at.is_some() && row.check_out_at.is_none(),
            corrected: row.corrected != 0,
        })
    }
}

/// One person's week (from its Monday): minutes worked against minutes required.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WeekState {
    pub week: String,
    pub required_minutes: i64,
    pub effective_minutes: i64,
    pub days_present: i64,
}

impl WeekState {
    pub fn of(row: &WeekRow) -> WeekState {
        WeekState {
            week: row.week.clone(),
            required_minutes: row.required_minutes,
            effective_minutes: row.effective_minutes,
            days_present: row.days_present,
        }
    }

    /// Minutes still to work this week (0 once met).
    pub fn remaining_minutes(&self) -> i64 {
        (self.required_minutes - self.effective_minutes).max(0)
    }
}

/// The punch as recorded.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventState {
    pub id: i64,
    /// `check_in` or `check_out`.
    pub kind: String,
    /// The server's time, RFC 3339 UTC.
    pub at: String,
    /// `HH:MM` in the unit's zone, on the day's date.
    pub local_time: String,
    pub location: String,
    pub note: Option<String>,
    pub client_key: String,
    pub source: String,
}

impl EventState {
    pub fn of(e: &EventRow, zone: Zone) -> Result<EventState> {
        let date = parse_stored_date(&e.date)?;
        Ok(EventState {
            id: e.id,
            kind: e.kind.clone(),
            at: jiff::Timestamp::from_millisecond(e.at)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            local_time: clock_text(minute_of(e.at, date, zone)?),
            location: e.location.clone(),
            note: e.note.clone(),
            client_key: e.client_key.clone(),
            source: e.source.clone(),
        })
    }
}

/// The answer to a punch: the event, the day so far and the week so far.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PunchAnswer {
    pub event: EventState,
    pub day: DayState,
    pub week: WeekState,
}
