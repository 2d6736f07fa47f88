//! Location plans and the requests that ask for them (Permen PANRB 4/2025): a weekly
//! pattern (per weekday: office, another office, home, or another location with a
//! description), exceptions for single dates, the time arrangement (regular, dynamic or
//! shift), the reason with its evidence and a work plan with measurable targets.
//!
//! - this file: the request's types, reading it from a form or JSON (`RequestInput`), and
//!   its expansion into dated days over the unit's working days ([`expand`]);
//! - [`rules`]: the checks that refuse a request (naming the field) or flag it for the
//!   approver, each a named function.

use crate::calendar::{DayOff, WorkDay};
use crate::message::{FieldError, Message};
use crate::policy::{TimeMode, TimeOfDay, WorkLocation};
use jiff::civil::{Date, Weekday};
use jiff::Span;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

pub mod rules;
pub use rules::{check, Facts, Flag, Stage};

#[cfg(test)]
mod tests;

/// A request covers at most this many days (about a quarter), so its check stays bounded.
pub const MAX_SPAN_DAYS: i32 = 93;
/// At most this many single-date exceptions in one request.
pub const MAX_EXCEPTIONS: usize = 31;
pub const MAX_REASON: usize = 2000;
pub const MAX_WORK_PLAN: usize = 4000;
pub const MAX_DESCRIPTION: usize = 200;
pub const MAX_LINK: usize = 500;
/// A decision's comment.
pub const MAX_COMMENT: usize = 1000;

/// A weekday of the pattern, written in English in JSON and forms (`monday`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Day {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Day {
    pub const ALL: [Day; 7] = [
        Day::Monday,
        Day::Tuesday,
        Day::Wednesday,
        Day::Thursday,
        Day::Friday,
        Day::Saturday,
        Day::Sunday,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Day::Monday => "monday",
            Day::Tuesday => "tuesday",
            Day::Wednesday => "wednesday",
            Day::Thursday => "thursday",
            Day::Friday => "friday",
            Day::Saturday => "saturday",
            Day::Sunday => "sunday",
        }
    }

    pub fn parse(s: &str) -> Option<Day> {
        Day::ALL.into_iter().find(|d| d.code() == s.trim())
    }

    pub fn of(w: Weekday) -> Day {
        Day::ALL[w.to_monday_zero_offset() as usize]
    }

    /// Monday = 0 … Sunday = 6.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn weekday(self) -> Weekday {
        Weekday::from_monday_zero_offset(self as i8).unwrap_or(Weekday::Monday)
    }
}

/// Where one day is worked; `other` needs a description (which location, set by the
/// agency head per Permen PANRB 4/2025).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub location: WorkLocation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A single date planned differently from the pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exception {
    pub date: Date,
    #[serde(flatten)]
    pub place: Place,
}

/// A parsed request: every value well-formed, not yet checked against the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub first_day: Date,
    pub last_day: Date,
    /// The weekly pattern; weekdays left out are not part of the request.
    pub pattern: BTreeMap<Day, Place>,
    pub exceptions: Vec<Exception>,
    pub time_mode: TimeMode,
    /// The shift's start, or the planned start of dynamic hours.
    pub start: Option<TimeOfDay>,
    pub reason: String,
    pub evidence_link: Option<String>,
    pub work_plan: String,
}

/// One dated day of a request, with the field it came from (for messages).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedDay {
    pub date: Date,
    pub place: Place,
    /// `pattern.tuesday` or `exceptions[2].date`.
    pub field: String,
}

impl PlannedDay {
    pub fn flexible(&self) -> bool {
        self.place.location.is_flexible()
    }
}

/// A request as typed: strings everywhere, so every problem can be named per field.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestInput {
    #[serde(default)]
    pub first_day: String,
    #[serde(default)]
    pub last_day: String,
    /// Weekday (`monday`…) → place; an empty location leaves the weekday out.
    #[serde(default)]
    pub pattern: BTreeMap<String, PlaceInput>,
    #[serde(default)]
    pub exceptions: Vec<ExceptionInput>,
    #[serde(default)]
    pub time_mode: String,
    /// `HH:MM`: the shift's start (shift), or the planned start (dynamic, optional).
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub evidence_link: String,
    #[serde(default)]
    pub work_plan: String,
    /// An uploaded evidence file (`POST /api/v1/plans/evidence`).
    #[serde(default)]
    pub evidence_file_id: Option<i64>,
    /// A request is always for oneself: naming anyone else is refused (the fields exist
    /// so that the refusal can say so instead of "unknown field").
    #[serde(default)]
    pub employee_id: Option<i64>,
    #[serde(default)]
    pub nip: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceInput {
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptionInput {
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub description: String,
}

/// A required free text, trimmed, at most `max` characters.
pub fn required_text(field: &str, value: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.push(FieldError::new(field, Message::Required));
    } else if v.chars().count() > max {
        errors.push(FieldError::new(field, Message::TooLong { max }));
    }
    v.to_string()
}

/// An evidence link: `https://host/…`, no spaces, at most `MAX_LINK` characters.
pub fn parse_link(s: &str) -> Result<Option<String>, Message> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.chars().count() > MAX_LINK {
        return Err(Message::TooLong { max: MAX_LINK });
    }
    let host = s
        .strip_prefix("https://")
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
    let ok = host.is_some_and(|h| !h.is_empty() && h.contains('.'))
        && !s.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(Some(s.to_string()))
    } else {
        Err(Message::text_of(
            "tautan bukti harus alamat https:// yang lengkap",
            "the evidence link must be a full https:// address",
        ))
    }
}

fn place(
    field: &str,
    location: &str,
    description: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Place> {
    let location = match WorkLocation::parse(location) {
        Ok(l) => l,
        Err(m) => {
            errors.push(FieldError::new(field, m));
            return None;
        }
    };
    let d = description.trim();
    if d.chars().count() > MAX_DESCRIPTION {
        errors.push(FieldError::new(
            format!("{field}.description"),
            Message::TooLong {
                max: MAX_DESCRIPTION,
            },
        ));
        return None;
    }
    if location == WorkLocation::Other && d.is_empty() {
        errors.push(FieldError::new(
            format!("{field}.description"),
            Message::text_of(
                "lokasi lain wajib diberi keterangan tempatnya",
                "another location needs a description of where",
            ),
        ));
        return None;
    }
    Some(Place {
        location,
        description: (!d.is_empty()).then(|| d.to_string()),
    })
}

impl RequestInput {
    /// Reads every value, reporting each problem against its field. Dates are strict
    /// (`2026-02-30` is refused), times are `HH:MM`.
    pub fn parse(&self) -> Result<Request, Vec<FieldError>> {
        let mut errors = Vec::new();
        let date = |field: &str, s: &str, errors: &mut Vec<FieldError>| {
            if s.trim().is_empty() {
                errors.push(FieldError::new(field, Message::Required));
                return None;
            }
            crate::calendar::parse_date(s)
                .map_err(|m| errors.push(FieldError::new(field, m)))
                .ok()
        };
        let first_day = date("first_day", &self.first_day, &mut errors);
        let last_day = date("last_day", &self.last_day, &mut errors);
        let mut pattern = BTreeMap::new();
        for (key, p) in &self.pattern {
            let Some(day) = Day::parse(key) else {
                errors.push(FieldError::new(
                    format!("pattern.{}", key.chars().take(20).collect::<String>()),
                    Message::InvalidChoice {
                        allowed: "monday, tuesday, wednesday, thursday, friday, saturday, sunday"
                            .into(),
                    },
                ));
                continue;
            };
            if p.location.trim().is_empty() {
                continue;
            }
            let field = format!("pattern.{}", day.code());
            if let Some(place) = place(&field, &p.location, &p.description, &mut errors) {
                pattern.insert(day, place);
            }
        }
        let rows: Vec<&ExceptionInput> = self
            .exceptions
            .iter()
            .filter(|e| {
                !(e.date.trim().is_empty()
                    && e.location.trim().is_empty()
                    && e.description.trim().is_empty())
            })
            .collect();
        if rows.len() > MAX_EXCEPTIONS {
            errors.push(FieldError::new(
                "exceptions",
                Message::TooManyRows {
                    max: MAX_EXCEPTIONS,
                },
            ));
        }
        let mut exceptions = Vec::new();
        for (i, e) in rows.iter().enumerate().take(MAX_EXCEPTIONS) {
            let d = date(&format!("exceptions[{i}].date"), &e.date, &mut errors);
            let field = format!("exceptions[{i}].location");
            if e.location.trim().is_empty() {
                errors.push(FieldError::new(field, Message::Required));
                continue;
            }
            let p = place(&field, &e.location, &e.description, &mut errors);
            if let (Some(date), Some(place)) = (d, p) {
                exceptions.push(Exception { date, place });
            }
        }
        let time_mode = if self.time_mode.trim().is_empty() {
            TimeMode::Regular
        } else {
            TimeMode::parse(&self.time_mode)
                .map_err(|m| errors.push(FieldError::new("time_mode", m)))
                .unwrap_or(TimeMode::Regular)
        };
        let start = if self.start.trim().is_empty() {
            None
        } else {
            TimeOfDay::parse(&self.start)
                .map_err(|m| errors.push(FieldError::new("start", m)))
                .ok()
        };
        let reason = required_text("reason", &self.reason, MAX_REASON, &mut errors);
        let work_plan = required_text("work_plan", &self.work_plan, MAX_WORK_PLAN, &mut errors);
        let evidence_link = parse_link(&self.evidence_link)
            .map_err(|m| errors.push(FieldError::new("evidence_link", m)))
            .unwrap_or(None);
        match (first_day, last_day) {
            (Some(first_day), Some(last_day)) if errors.is_empty() => Ok(Request {
                first_day,
                last_day,
                pattern,
                exceptions,
                time_mode,
                start,
                reason,
                evidence_link,
                work_plan,
            }),
            _ => Err(errors),
        }
    }
}

/// Why a date is not worked, in words.
fn off_text(off: DayOff) -> (&'static str, &'static str) {
    match off {
        DayOff::Weekend => ("bukan hari kerja unit", "not a working day of the unit"),
        DayOff::Holiday => ("hari libur nasional", "a national holiday"),
        DayOff::JointLeave => ("cuti bersama", "a joint leave day"),
    }
}

/// Every date from `first` to `last`, in order.
pub fn dates(first: Date, last: Date) -> impl Iterator<Item = Date> {
    first
        .series(Span::new().days(1))
        .take_while(move |d| *d <= last)
}

/// The request's dated days over the unit's working days: each pattern weekday on every
/// working date of the span (holidays, cuti bersama and non-working weekdays skipped), then
/// each exception in place of that date. An exception on a day that is not worked, outside
/// the span, or twice on one date is refused; so is a request with no day at all.
/// `day` is the unit's calendar (`service::calendar::UnitCalendar::day`).
pub fn expand(
    req: &Request,
    day: impl Fn(Date) -> WorkDay,
) -> Result<Vec<PlannedDay>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut out: BTreeMap<Date, PlannedDay> = BTreeMap::new();
    if req.first_day <= req.last_day
        && rules::span_days(req.first_day, req.last_day) <= MAX_SPAN_DAYS
    {
        for date in dates(req.first_day, req.last_day) {
            let Some(place) = req.pattern.get(&Day::of(date.weekday())) else {
                continue;
            };
            if day(date).is_working() {
                out.insert(
                    date,
                    PlannedDay {
                        date,
                        place: place.clone(),
                        field: format!("pattern.{}", Day::of(date.weekday()).code()),
                    },
                );
            }
        }
    }
    let mut seen: BTreeSet<Date> = BTreeSet::new();
    for (i, e) in req.exceptions.iter().enumerate() {
        let field = format!("exceptions[{i}].date");
        if !seen.insert(e.date) {
            errors.push(FieldError::new(
                field,
                Message::text_of(
                    format!(
                        "tanggal {} sudah ada di pengecualian lain (tumpang tindih)",
                        e.date
                    ),
                    format!("{} is already in another exception (overlap)", e.date),
                ),
            ));
            continue;
        }
        if e.date < req.first_day || e.date > req.last_day {
            errors.push(FieldError::new(
                field,
                Message::text_of(
                    format!(
                        "tanggal {} di luar rentang pengajuan ({} s.d. {})",
                        e.date, req.first_day, req.last_day
                    ),
                    format!(
                        "{} is outside the request's dates ({} to {})",
                        e.date, req.first_day, req.last_day
                    ),
                ),
            ));
            continue;
        }
        if let Some(off) = day(e.date).off {
            let (id, en) = off_text(off);
            errors.push(FieldError::new(
                field,
                Message::text_of(
                    format!(
                        "{} adalah {id}; pengecualian hanya untuk hari kerja",
                        e.date
                    ),
                    format!("{} is {en}; exceptions are for working days only", e.date),
                ),
            ));
            continue;
        }
        out.insert(
            e.date,
            PlannedDay {
                date: e.date,
                place: e.place.clone(),
                field,
            },
        );
    }
    if errors.is_empty() && out.is_empty() {
        errors.push(FieldError::new(
            "pattern",
            Message::text_of(
                "pengajuan tidak berisi satu hari kerja pun: pilih lokasi untuk hari kerja atau tambahkan pengecualian",
                "the request holds no working day: choose a location for working weekdays or add an exception",
            ),
        ));
    }
    if errors.is_empty() {
        Ok(out.into_values().collect())
    } else {
        Err(errors)
    }
}
