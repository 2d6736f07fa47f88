//! Presence (presensi): check-in and check-out at the server's time in the unit's zone,
//! the declared location compared with the approved plan (a mismatch is flagged, never
//! blocked), running totals per day and week kept as punches arrive, and corrections of a
//! missed or wrong punch decided by the supervisor or the acting official.
//!
//! - [`punch`]: reads and checks, then hands the punch to the [`Writer`] (group commit).
//! - [`today`]: today's state, this week's hours, recent missing check-outs.
//! - [`corrections`]: ask, list, decide; applying one rewrites the day, never an event.
//!
//! Only oneself is punched: the employee is the signed-in account's, never one named in
//! the request. No GPS and no camera: the location is the category the person declares.

mod answer;
pub mod corrections;
mod punch;
mod today;
mod writer;

pub use answer::{DayState, EventState, PunchAnswer, WeekState};
pub use punch::{
    check_in, check_out, input_from_json, punch_days, PunchDays, PunchInput, Punched, Source,
};
pub use today::{today, Today};
pub use writer::{Writer, MAX_BATCH};

use crate::{Result, ServiceError};
use fleksi_domain::policy::TimeOfDay;
use fleksi_domain::presence::Minute;
use fleksi_domain::timezone::Zone;
use fleksi_domain::Message;
use fleksi_store::Millis;
use jiff::civil::Date;

/// The refusal for an account that is not an employee (a system or CLI account).
fn no_employee() -> ServiceError {
    ServiceError::field(
        "account",
        Message::text_of(
            "akun ini tidak terhubung dengan data pegawai; presensi hanya untuk pegawai",
            "this account is not linked to an employee; presence is for employees only",
        ),
    )
}

/// The instant `date` begins in `zone` (Indonesia has no daylight saving: always 00:00).
fn midnight(date: Date, zone: Zone) -> Result<Millis> {
    Ok(date
        .to_zoned(zone.tz())
        .map_err(|e| ServiceError::Internal(format!("local midnight: {e}")))?
        .timestamp()
        .as_millisecond())
}

/// Minutes from the local midnight of `date` to `at` (past 1440 the next morning).
fn minute_of(at: Millis, date: Date, zone: Zone) -> Result<Minute> {
    Ok(((at - midnight(date, zone)?).max(0) / 60_000) as Minute)
}

/// The instant of a local time of day on `date`.
fn instant_of(date: Date, time: TimeOfDay, zone: Zone) -> Result<Millis> {
    Ok(midnight(date, zone)? + time.minutes() as i64 * 60_000)
}

fn parse_stored_date(s: &str) -> Result<Date> {
    s.parse::<Date>()
        .map_err(|_| ServiceError::Internal(format!("stored date {s}")))
}

/// The seven dates of the week that starts on `monday`.
fn week_dates(monday: Date) -> Vec<Date> {
    (0..7)
        .filter_map(|i| monday.checked_add(jiff::Span::new().days(i)).ok())
        .collect()
}
