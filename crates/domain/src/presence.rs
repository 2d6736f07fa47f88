//! Presence rules (Perpres 21/2023, Permen PANRB 4/2025): when a start is late, how many
//! minutes of a day count (breaks excluded), whether the core hours were covered, what a
//! week requires, and the checks on a punch (its location, its idempotency key, its note).
//!
//! Times are minutes after the local midnight of the day's date in the unit's zone; a
//! value past 24:00 is the next morning (a night shift ends after midnight).

use crate::calendar::WorkDay;
use crate::message::{FieldError, Message};
use crate::policy::{Policy, TimeMode, TimeOfDay, WorkLocation};
use crate::roster::PlanLocation;
use jiff::civil::Date;
use serde::Serialize;

#[cfg(test)]
mod tests;

/// Minutes after the day's local midnight (may pass 1440 for a shift ending after midnight).
pub type Minute = u32;

/// A check-in or a check-out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PunchKind {
    CheckIn,
    CheckOut,
}

impl PunchKind {
    pub fn code(self) -> &'static str {
        match self {
            PunchKind::CheckIn => "check_in",
            PunchKind::CheckOut => "check_out",
        }
    }

    pub fn parse(s: &str) -> Option<PunchKind> {
        match s {
            "check_in" => Some(PunchKind::CheckIn),
            "check_out" => Some(PunchKind::CheckOut),
            _ => None,
        }
    }
}

/// The latest start that is still on time (Permen PANRB 4/2025 on time flexibility):
/// regular hours — the day's start (07.30, 08.00 in Ramadan, per Perpres 21/2023); dynamic
/// hours — the end of the policy's flexible-start window (never before the day's start);
/// a shift — its set start, else the day's start.
pub fn allowed_latest_start(
    day: &WorkDay,
    policy: &Policy,
    mode: TimeMode,
    shift_start: Option<TimeOfDay>,
) -> TimeOfDay {
    match mode {
        TimeMode::Regular => day.start,
        TimeMode::Dynamic => policy.flex_start_latest.max(day.start),
        TimeMode::Shift => shift_start.unwrap_or(day.start),
    }
}

/// Minutes started after the latest on-time start; 0 when on time.
pub fn late_minutes(check_in: Minute, latest: TimeOfDay) -> u32 {
    check_in.saturating_sub(latest.minutes() as u32)
}

/// Minutes worked between check-in and check-out, minus their overlap with the break
/// (`break_start` for `break_minutes`): Perpres 21/2023 counts working hours without breaks.
pub fn effective_minutes(
    check_in: Minute,
    check_out: Minute,
    break_start: TimeOfDay,
    break_minutes: u32,
) -> u32 {
    if check_out <= check_in {
        return 0;
    }
    let b0 = break_start.minutes() as u32;
    let b1 = b0 + break_minutes;
    let overlap = check_out.min(b1).saturating_sub(check_in.max(b0));
    check_out - check_in - overlap
}

/// Present through the whole core band: in at or before its start, out at or after its end.
pub fn core_hours_met(
    check_in: Minute,
    check_out: Minute,
    core_start: Minute,
    core_end: Minute,
) -> bool {
    check_in <= core_start && check_out >= core_end
}

/// The minutes a week requires: the expected minutes of its working days (holidays, cuti
/// bersama and weekends count 0; Ramadan days count their shorter hours).
pub fn week_required_minutes<'a>(days: impl IntoIterator<Item = &'a WorkDay>) -> u32 {
    days.into_iter()
        .filter(|d| d.is_working())
        .map(|d| d.expected_minutes)
        .sum()
}

/// Everything the totals of one day depend on, fixed when the day is first punched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayRule {
    pub working: bool,
    pub expected_minutes: u32,
    pub latest_start: TimeOfDay,
    pub break_start: TimeOfDay,
    pub break_minutes: u32,
    /// The band to be present through: the policy's core hours, or the whole shift.
    pub core_start: Minute,
    pub core_end: Minute,
}

impl DayRule {
    /// The rule of `day` under `policy` for a person whose plan sets `mode` (and a shift's
    /// start). A shift's band is the shift itself (start, expected minutes and the break):
    /// core hours of an office day mean nothing to a night shift.
    pub fn new(
        day: &WorkDay,
        policy: &Policy,
        mode: TimeMode,
        shift_start: Option<TimeOfDay>,
    ) -> DayRule {
        let latest_start = allowed_latest_start(day, policy, mode, shift_start);
        let (core_start, core_end) = match mode {
            TimeMode::Shift => {
                let s = latest_start.minutes() as u32;
                (s, s + day.expected_minutes + day.break_minutes)
            }
            _ => (
                policy.core_start.minutes() as u32,
                policy.core_end.minutes() as u32,
            ),
        };
        DayRule {
            working: day.is_working(),
            expected_minutes: day.expected_minutes,
            latest_start,
            break_start: day.break_start,
            break_minutes: day.break_minutes,
            core_start,
            core_end,
        }
    }
}

/// The running totals of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct DayTotals {
    pub late_minutes: u32,
    pub effective_minutes: u32,
    pub core_hours_met: bool,
}

/// The totals of a day from its check-in and check-out. Minutes count only once the day
/// is closed; lateness counts from the check-in; a day off is never late.
pub fn day_totals(
    rule: &DayRule,
    check_in: Option<Minute>,
    check_out: Option<Minute>,
) -> DayTotals {
    let late = match check_in {
        Some(i) if rule.working => late_minutes(i, rule.latest_start),
        _ => 0,
    };
    match (check_in, check_out) {
        (Some(i), Some(o)) => DayTotals {
            late_minutes: late,
            effective_minutes: effective_minutes(i, o, rule.break_start, rule.break_minutes),
            core_hours_met: rule.working && core_hours_met(i, o, rule.core_start, rule.core_end),
        },
        _ => DayTotals {
            late_minutes: late,
            ..DayTotals::default()
        },
    }
}

/// The declared location differs from the approved plan (flagged, never blocked): home
/// on an office day, the office on a home day, anything on a day of leave or training.
pub fn is_mismatch(declared: WorkLocation, planned: PlanLocation) -> bool {
    declared.code() != planned.code()
}

/// A check-out may close yesterday's day only when that day was a shift still open and
/// began at most this long ago: a night shift ends after midnight, a forgotten check-out
/// does not.
pub const MAX_SHIFT_MINUTES: u32 = 16 * 60;

/// A location as declared in a punch: one of the four and allowed by the policy.
pub fn check_location(value: &str, policy: &Policy) -> Result<WorkLocation, Message> {
    if value.trim().is_empty() {
        return Err(Message::Required);
    }
    let location = WorkLocation::parse(value)?;
    if !policy.allowed_locations.contains(&location) {
        let allowed: Vec<&str> = policy.allowed_locations.iter().map(|l| l.code()).collect();
        return Err(Message::text_of(
            format!(
                "lokasi ini tidak diizinkan kebijakan unit Anda; yang diizinkan: {}",
                allowed.join(", ")
            ),
            format!(
                "your unit's policy does not allow this location; allowed: {}",
                allowed.join(", ")
            ),
        ));
    }
    Ok(location)
}

pub const CLIENT_KEY_MIN: usize = 8;
pub const CLIENT_KEY_MAX: usize = 64;

/// The key a client sends so a retried punch counts once: 8–64 visible ASCII characters
/// (a UUID fits).
pub fn check_client_key(value: &str) -> Result<String, Message> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Message::Required);
    }
    if v.len() < CLIENT_KEY_MIN || v.len() > CLIENT_KEY_MAX {
        return Err(Message::text_of(
            format!("harus {CLIENT_KEY_MIN}–{CLIENT_KEY_MAX} karakter"),
            format!("must be {CLIENT_KEY_MIN}–{CLIENT_KEY_MAX} characters"),
        ));
    }
    if !v.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Message::text_of(
            "hanya huruf, angka, dan tanda baca ASCII tanpa spasi",
            "ASCII letters, digits and punctuation only, no spaces",
        ));
    }
    Ok(v.to_string())
}

pub const NOTE_MAX: usize = 500;

/// An optional note on a punch, at most 500 characters.
pub fn check_note(value: Option<&str>) -> Result<Option<String>, Message> {
    crate::org::bounded_text(value.unwrap_or(""), NOTE_MAX, false)
}

/// The refusal of a punch that names a person: one checks in only oneself.
pub fn only_oneself() -> Message {
    Message::text_of(
        "presensi hanya untuk diri sendiri; jangan sebutkan pegawai lain",
        "presence is for oneself only; do not name another employee",
    )
}

/// How far back a missed or wrong punch may still be corrected.
pub const CORRECTION_MAX_DAYS: i64 = 31;

/// A checked request to correct one day: the times and location it should have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    pub date: Date,
    pub check_in: Option<TimeOfDay>,
    pub check_out: Option<TimeOfDay>,
    pub location: Option<WorkLocation>,
    pub reason: String,
}

/// The form of a correction as typed; empty fields are `""`.
#[derive(Debug, Clone, Default)]
pub struct CorrectionForm<'a> {
    pub date: &'a str,
    pub check_in: &'a str,
    pub check_out: &'a str,
    pub location: &'a str,
    pub reason: &'a str,
}

/// Checks a correction request: a real date, today or up to 31 days back; times as
/// `HH:MM` with the check-out after the check-in; a location the policy allows; something
/// to correct; and a reason. Every problem is named by its field.
pub fn check_correction(
    form: &CorrectionForm<'_>,
    today: Date,
    policy: &Policy,
) -> Result<Correction, Vec<FieldError>> {
    let mut errors = Vec::new();
    let date = match crate::calendar::parse_date(form.date) {
        Ok(d) if d > today => {
            errors.push(FieldError::new(
                "date",
                Message::text_of(
                    "tanggal belum terjadi; koreksi hanya untuk hari yang sudah lewat atau hari ini",
                    "the date is in the future; only today or past days can be corrected",
                ),
            ));
            None
        }
        Ok(d) if (today - d).get_days() as i64 > CORRECTION_MAX_DAYS => {
            errors.push(FieldError::new(
                "date",
                Message::text_of(
                    format!("koreksi hanya sampai {CORRECTION_MAX_DAYS} hari ke belakang"),
                    format!("corrections go back at most {CORRECTION_MAX_DAYS} days"),
                ),
            ));
            None
        }
        Ok(d) => Some(d),
        Err(m) => {
            errors.push(FieldError::new("date", m));
            None
        }
    };
    let mut time = |field: &str, v: &str| -> Option<TimeOfDay> {
        if v.trim().is_empty() {
            return None;
        }
        TimeOfDay::parse(v)
            .map_err(|m| errors.push(FieldError::new(field, m)))
            .ok()
    };
    let check_in = time("check_in", form.check_in);
    let check_out = time("check_out", form.check_out);
    if let (Some(i), Some(o)) = (check_in, check_out) {
        if o <= i {
            errors.push(FieldError::new("check_out", check_out_before_check_in()));
        }
    }
    let location = if form.location.trim().is_empty() {
        None
    } else {
        check_location(form.location, policy)
            .map_err(|m| errors.push(FieldError::new("location", m)))
            .ok()
    };
    let nothing = form.check_in.trim().is_empty()
        && form.check_out.trim().is_empty()
        && form.location.trim().is_empty();
    if nothing {
        errors.push(FieldError::new(
            "check_in",
            Message::text_of(
                "isi jam masuk, jam pulang, atau lokasi yang benar",
                "give the right check-in time, check-out time or location",
            ),
        ));
    }
    let reason = crate::org::bounded_text(form.reason, NOTE_MAX, true)
        .map_err(|m| errors.push(FieldError::new("reason", m)))
        .ok()
        .flatten();
    match (date, reason) {
        (Some(date), Some(reason)) if errors.is_empty() => Ok(Correction {
            date,
            check_in,
            check_out,
            location,
            reason,
        }),
        _ => Err(errors),
    }
}

/// The refusal of a check-out that is not after the check-in.
pub fn check_out_before_check_in() -> Message {
    Message::text_of(
        "jam pulang harus setelah jam masuk",
        "the check-out must be after the check-in",
    )
}

/// `HH:MM` of a minute value (the next morning keeps counting past 24:00 for night shifts).
pub fn clock_text(m: Minute) -> String {
    if m < 24 * 60 {
        format!("{:02}:{:02}", m / 60, m % 60)
    } else {
        format!("{:02}:{:02} (+1)", (m / 60) % 24, m % 60)
    }
}
