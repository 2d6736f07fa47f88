//! The rules a location-plan request must keep (Permen PANRB 4/2025, Perpres 21/2023),
//! each a named function: what refuses it (with the field to fix) and what only flags it
//! for the approver (borderline but allowed).

use super::{PlannedDay, Request};
use crate::message::{FieldError, Message};
use crate::policy::{Policy, TimeMode, TimeOfDay};
use crate::roster::monday_of;
use crate::Locale;
use jiff::civil::Date;
use jiff::Span;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// When the rules run: at submission, or again when the approver decides (the unit's
/// away share or the employee's eligibility may have changed since).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Submit,
    Decide,
}

/// A busy period of the agency or the unit (reporting, audits, musrenbang…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusyPeriod {
    pub first_day: Date,
    pub last_day: Date,
    pub name: String,
}

/// What the rules need to know beyond the request itself, read by the service for the
/// request's dates only (never the employee's whole history).
#[derive(Debug, Clone)]
pub struct Facts {
    /// Today in the unit's time zone.
    pub today: Date,
    /// The unit's effective policy.
    pub policy: Policy,
    pub stage: Stage,
    pub eligible: bool,
    /// Why not, when not eligible (the eligibility rules' own reasons).
    pub not_eligible_because: Vec<Message>,
    /// The employee's flexible days a week: their position's maximum, never above the
    /// policy's.
    pub max_flex_days: u32,
    /// The employee's approved flexible days (not in the office) in the weeks the request
    /// touches, on dates the request does not cover.
    pub other_flex_days: BTreeSet<Date>,
    /// Dates with approved leave, training or field duty (location code): the request
    /// leaves them as they are.
    pub fixed_away: BTreeMap<Date, String>,
    /// People placed in the employee's unit.
    pub unit_people: u32,
    /// Others of the unit with an approved day away from the office, per date.
    pub away_others: BTreeMap<Date, u32>,
    pub busy: Vec<BusyPeriod>,
}

impl Facts {
    /// Facts with nothing known beyond the policy and the date (tests, first checks).
    pub fn new(today: Date, policy: Policy, stage: Stage) -> Facts {
        let max = policy.max_flex_days_per_week;
        Facts {
            today,
            policy,
            stage,
            eligible: true,
            not_eligible_because: vec![],
            max_flex_days: max,
            other_flex_days: BTreeSet::new(),
            fixed_away: BTreeMap::new(),
            unit_people: 0,
            away_others: BTreeMap::new(),
            busy: vec![],
        }
    }
}

/// A borderline finding shown to the approver; it does not refuse the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// `late`, `away_share_full`, `week_at_max`, `busy_period`, `kept_away`.
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    pub id: String,
    pub en: String,
}

impl Flag {
    fn new(code: &str, date: Option<Date>, id: String, en: String) -> Flag {
        Flag {
            code: code.into(),
            date,
            id,
            en,
        }
    }

    pub fn text(&self, locale: Locale) -> &str {
        match locale {
            Locale::Id => &self.id,
            Locale::En => &self.en,
        }
    }
}

fn err(field: &str, id: String, en: String) -> FieldError {
    FieldError::new(field, Message::text_of(id, en))
}

/// Days from `first` to `last`, both counted.
pub fn span_days(first: Date, last: Date) -> i32 {
    first
        .until(last)
        .map(|s| s.get_days() + 1)
        .unwrap_or(i32::MAX)
}

fn plus_days(d: Date, n: i64) -> Date {
    d.checked_add(Span::new().days(n)).unwrap_or(d)
}

/// The dates of a request: in order, at most `MAX_SPAN_DAYS` long; at submission not in
/// the past and not beyond the policy's planning horizon; at decision not wholly past.
pub fn check_span(
    first: Date,
    last: Date,
    today: Date,
    policy: &Policy,
    stage: Stage,
) -> Vec<FieldError> {
    let mut out = Vec::new();
    if first > last {
        out.push(err(
            "last_day",
            format!("tanggal akhir ({last}) sebelum tanggal mulai ({first})"),
            format!("the last day ({last}) is before the first ({first})"),
        ));
        return out;
    }
    let span = span_days(first, last);
    if span > super::MAX_SPAN_DAYS {
        out.push(err(
            "last_day",
            format!(
                "rentang {span} hari terlalu panjang; satu pengajuan paling lama {} hari",
                super::MAX_SPAN_DAYS
            ),
            format!(
                "{span} days is too long; one request covers at most {} days",
                super::MAX_SPAN_DAYS
            ),
        ));
    }
    match stage {
        Stage::Submit => {
            if first < today {
                out.push(err(
                    "first_day",
                    format!("tanggal {first} sudah lewat; rencana dibuat untuk hari ini ({today}) dan sesudahnya"),
                    format!("{first} has passed; plans are for today ({today}) and later"),
                ));
            }
            let horizon = plus_days(today, policy.plan_horizon_days as i64);
            if last > horizon {
                out.push(err(
                    "last_day",
                    format!(
                        "{last} melampaui batas perencanaan {} hari (paling jauh {horizon})",
                        policy.plan_horizon_days
                    ),
                    format!(
                        "{last} is beyond the {}-day planning horizon (at most {horizon})",
                        policy.plan_horizon_days
                    ),
                ));
            }
        }
        Stage::Decide => {
            if last < today {
                out.push(err(
                    "last_day",
                    format!("semua tanggal pengajuan sudah lewat ({last})"),
                    format!("every date of the request has passed ({last})"),
                ));
            }
        }
    }
    out
}

/// Every place of the request is one the unit's policy allows.
pub fn check_locations(req: &Request, policy: &Policy) -> Vec<FieldError> {
    let allowed = |l| policy.allowed_locations.contains(&l);
    let refuse = |field: String, code: &str| {
        err(
            &field,
            format!("lokasi \"{code}\" tidak diizinkan oleh kebijakan unit"),
            format!("the location \"{code}\" is not allowed by the unit's policy"),
        )
    };
    let mut out = Vec::new();
    for (day, p) in &req.pattern {
        if !allowed(p.location) {
            out.push(refuse(format!("pattern.{}", day.code()), p.location.code()));
        }
    }
    for (i, e) in req.exceptions.iter().enumerate() {
        if !allowed(e.place.location) {
            out.push(refuse(
                format!("exceptions[{i}].location"),
                e.place.location.code(),
            ));
        }
    }
    out
}

/// The longest day the policy sets (the daily share of the weekly hours plus the longest
/// break), used to keep a shift within one day.
fn longest_day(policy: &Policy) -> u32 {
    policy.weekly_minutes / policy.work_days.count().max(1)
        + policy.break_minutes.max(policy.friday_break_minutes)
}

/// Time flexibility (Permen PANRB 4/2025): the mode must be allowed by the policy; a shift
/// needs its start and must end the same day; a dynamic start, when given, lies within the
/// policy's flexible-start window; regular hours take no start of their own.
pub fn check_time(mode: TimeMode, start: Option<TimeOfDay>, policy: &Policy) -> Vec<FieldError> {
    let mut out = Vec::new();
    if !policy.allowed_time_modes.contains(&mode) {
        out.push(err(
            "time_mode",
            format!(
                "pengaturan waktu \"{}\" tidak diizinkan oleh kebijakan unit",
                mode.code()
            ),
            format!(
                "the time arrangement \"{}\" is not allowed by the unit's policy",
                mode.code()
            ),
        ));
        return out;
    }
    match (mode, start) {
        (TimeMode::Regular, Some(_)) => out.push(err(
            "start",
            "jam mulai hanya diisi untuk jam kerja dinamis atau sif".into(),
            "a start time is only for dynamic hours or shifts".into(),
        )),
        (TimeMode::Shift, None) => {
            out.push(FieldError::new("start", Message::Required));
        }
        (TimeMode::Shift, Some(s)) => {
            let end = s.minutes() as u32 + longest_day(policy);
            if end > 24 * 60 {
                out.push(err(
                    "start",
                    format!("sif yang mulai {s} tidak selesai pada hari yang sama"),
                    format!("a shift starting at {s} does not end the same day"),
                ));
            }
        }
        (TimeMode::Dynamic, Some(s))
            if s < policy.flex_start_earliest || s > policy.flex_start_latest =>
        {
            out.push(err(
                "start",
                format!(
                    "jam mulai dinamis harus antara {} dan {}",
                    policy.flex_start_earliest, policy.flex_start_latest
                ),
                format!(
                    "a dynamic start must be between {} and {}",
                    policy.flex_start_earliest, policy.flex_start_latest
                ),
            ));
        }
        _ => {}
    }
    out
}

/// Only eligible employees work flexibly (Permen PANRB 4/2025): each reason is named.
pub fn check_eligibility(eligible: bool, reasons: &[Message]) -> Vec<FieldError> {
    if eligible {
        return vec![];
    }
    if reasons.is_empty() {
        return vec![err(
            "employee",
            "Anda belum memenuhi syarat kerja fleksibel".into(),
            "you do not qualify for flexible work".into(),
        )];
    }
    reasons
        .iter()
        .map(|m| FieldError::new("employee", m.clone()))
        .collect()
}

/// Everything about the request that needs no dated day: its span, time arrangement,
/// locations and the employee's eligibility.
pub fn check_request(req: &Request, facts: &Facts) -> Vec<FieldError> {
    let mut out = check_span(
        req.first_day,
        req.last_day,
        facts.today,
        &facts.policy,
        facts.stage,
    );
    out.extend(check_time(req.time_mode, req.start, &facts.policy));
    out.extend(check_locations(req, &facts.policy));
    out.extend(check_eligibility(
        facts.eligible,
        &facts.not_eligible_because,
    ));
    out
}

/// The request's days without those already fixed by approved leave, training or field
/// duty, which a request never changes.
pub fn effective_days<'a>(days: &'a [PlannedDay], facts: &Facts) -> Vec<&'a PlannedDay> {
    days.iter()
        .filter(|d| !facts.fixed_away.contains_key(&d.date))
        .collect()
}

/// Location flexibility at most `max` working days a week (Permen PANRB 4/2025: 2, or
/// the employee's own lower maximum), counting the employee's other approved flexible
/// days of the same week. A week exactly at the maximum is flagged.
pub fn weekly_flex(
    days: &[&PlannedDay],
    other_flex: &BTreeSet<Date>,
    max: u32,
) -> (Vec<FieldError>, Vec<Flag>) {
    let mut weeks: BTreeMap<Date, (u32, &str)> = BTreeMap::new();
    for d in days.iter().filter(|d| d.flexible()) {
        let w = weeks
            .entry(monday_of(d.date))
            .or_insert((0, d.field.as_str()));
        w.0 += 1;
    }
    let (mut errors, mut flags) = (Vec::new(), Vec::new());
    for (monday, (mine, field)) in weeks {
        let sunday = plus_days(monday, 6);
        let others = other_flex.range(monday..=sunday).count() as u32;
        let n = mine + others;
        if n > max {
            let also = if others > 0 {
                (
                    format!(" (termasuk {others} hari yang sudah disetujui)"),
                    format!(" (including {others} already approved)"),
                )
            } else {
                (String::new(), String::new())
            };
            errors.push(err(
                field,
                format!(
                    "minggu mulai {monday}: {n} hari kerja di luar kantor{}, paling banyak {max} hari per minggu",
                    also.0
                ),
                format!(
                    "week of {monday}: {n} days away from the office{}, at most {max} a week",
                    also.1
                ),
            ));
        } else if n == max {
            flags.push(Flag::new(
                "week_at_max",
                Some(monday),
                format!("minggu mulai {monday}: tepat {max} hari di luar kantor (batas maksimal)"),
                format!("week of {monday}: exactly {max} days away from the office (the maximum)"),
            ));
        }
    }
    (errors, flags)
}

/// How many of `people` may be away from the office on one day under `percent`: the
/// share rounded down (the agency head sets how many may be away; Permen PANRB 4/2025).
pub fn away_limit(people: u32, percent: u32) -> u32 {
    people * percent / 100
}

/// The unit's away share on each flexible day, counting the others already approved away:
/// over the limit is refused, reaching it exactly is flagged.
pub fn away_share(
    days: &[&PlannedDay],
    away_others: &BTreeMap<Date, u32>,
    people: u32,
    percent: u32,
) -> (Vec<FieldError>, Vec<Flag>) {
    let limit = away_limit(people, percent);
    let (mut errors, mut flags) = (Vec::new(), Vec::new());
    for d in days.iter().filter(|d| d.flexible()) {
        let n = away_others.get(&d.date).copied().unwrap_or(0) + 1;
        let date = d.date;
        if n > limit {
            errors.push(err(
                &d.field,
                format!(
                    "{date}: unit sudah mencapai batas {percent}% pegawai di luar kantor ({limit} dari {people} orang); sudah disetujui {} orang",
                    n - 1
                ),
                format!(
                    "{date}: the unit is at its limit of {percent}% away from the office ({limit} of {people} people); {} already approved",
                    n - 1
                ),
            ));
        } else if n == limit {
            flags.push(Flag::new(
                "away_share_full",
                Some(date),
                format!("{date}: unit tepat mencapai batas {percent}% di luar kantor ({n} dari {people} orang)"),
                format!("{date}: the unit reaches exactly its {percent}% away limit ({n} of {people} people)"),
            ));
        }
    }
    (errors, flags)
}

/// A request sent later than `due_days` before its first date (the policy's deadline) is
/// flagged, not refused.
pub fn late_submission(first: Date, today: Date, due_days: u32) -> Option<Flag> {
    let due = plus_days(first, -(due_days as i64));
    (today > due).then(|| {
        Flag::new(
            "late",
            Some(first),
            format!(
                "diajukan terlambat: rencana untuk {first} seharusnya diajukan paling lambat {due}"
            ),
            format!("submitted late: the plan for {first} was due by {due}"),
        )
    })
}

/// Flexible days inside a busy period of the agency or unit are flagged, once per period.
pub fn busy_days(days: &[&PlannedDay], busy: &[BusyPeriod]) -> Vec<Flag> {
    busy.iter()
        .filter_map(|b| {
            let hit = days
                .iter()
                .filter(|d| d.flexible())
                .find(|d| d.date >= b.first_day && d.date <= b.last_day)?;
            Some(Flag::new(
                "busy_period",
                Some(hit.date),
                format!(
                    "hari di luar kantor pada masa sibuk \"{}\" ({} s.d. {})",
                    b.name, b.first_day, b.last_day
                ),
                format!(
                    "a day away from the office during the busy period \"{}\" ({} to {})",
                    b.name, b.first_day, b.last_day
                ),
            ))
        })
        .collect()
}

/// Days the request cannot change because leave, training or field duty is approved.
pub fn kept_away(days: &[PlannedDay], fixed: &BTreeMap<Date, String>) -> Vec<Flag> {
    days.iter()
        .filter_map(|d| {
            let what = fixed.get(&d.date)?;
            let (id, en) = match what.as_str() {
                "leave" => ("cuti", "leave"),
                "training" => ("diklat", "training"),
                _ => ("dinas luar", "field duty"),
            };
            Some(Flag::new(
                "kept_away",
                Some(d.date),
                format!("{}: sudah disetujui {id}; hari itu tidak diubah", d.date),
                format!("{}: {en} is approved; that day stays as it is", d.date),
            ))
        })
        .collect()
}

/// The rules over the request's dated days: weekly maximum and away share refuse; the
/// deadline, a full week or day, busy periods and kept leave are flagged.
pub fn check_days(days: &[PlannedDay], facts: &Facts) -> Result<Vec<Flag>, Vec<FieldError>> {
    let eff = effective_days(days, facts);
    let max = facts.max_flex_days.min(facts.policy.max_flex_days_per_week);
    let (mut errors, mut flags) = weekly_flex(&eff, &facts.other_flex_days, max);
    let (e2, f2) = away_share(
        &eff,
        &facts.away_others,
        facts.unit_people,
        facts.policy.max_away_percent,
    );
    errors.extend(e2);
    flags.extend(f2);
    if !errors.is_empty() {
        return Err(errors);
    }
    if facts.stage == Stage::Submit {
        if let Some(first) = days.first() {
            flags.extend(late_submission(
                first.date,
                facts.today,
                facts.policy.plan_due_days,
            ));
        }
    }
    flags.extend(busy_days(&eff, &facts.busy));
    flags.extend(kept_away(days, &facts.fixed_away));
    Ok(flags)
}

/// Every rule: the request's own values, then its dated days.
pub fn check(
    req: &Request,
    days: &[PlannedDay],
    facts: &Facts,
) -> Result<Vec<Flag>, Vec<FieldError>> {
    let errors = check_request(req, facts);
    if !errors.is_empty() {
        return Err(errors);
    }
    check_days(days, facts)
}
