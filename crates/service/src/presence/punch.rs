//! A check-in or check-out: permission, the input, then one indexed read (yesterday's and
//! today's day rows and plans, read together with the other punches of the moment; the
//! actor's unit and time zone came with the session, the unit's calendar for the week is
//! cached and shared by the unit) to check it and compute the day's new totals, then the
//! writer. Whether the client key was used before is asked
//! only before refusing: the writer's insert recognises any other retry.

use super::answer::{DayState, EventState, PunchAnswer, WeekState};
use super::writer::{Change, Outcome, Punch};
use super::{minute_of, no_employee, parse_stored_date, week_dates};
use crate::loader::{Loaded, Loader};
use crate::{audit, calendar, Actor, App, Result, ServiceError};
use fleksi_domain::calendar::WorkDay;
use fleksi_domain::policy::{TimeMode, TimeOfDay, WorkLocation};
use fleksi_domain::presence::{
    check_client_key, check_location, check_note, clock_text, day_totals, is_mismatch,
    only_oneself, week_required_minutes, DayRule, PunchKind, MAX_SHIFT_MINUTES,
};
use fleksi_domain::roster::{monday_of, PlanLocation};
use fleksi_domain::timezone::Zone;
use fleksi_domain::{AgencyId, FieldError, Message};
use fleksi_store::presence::{
    self as store, CheckInDay, CheckOutDay, DayRow, EventRow, NewEvent, PlanOfDay, PunchDay,
    PunchKey,
};
use fleksi_store::Conn;
use jiff::civil::Date;

/// Where a punch came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Web,
    Api,
}

impl Source {
    fn code(self) -> &'static str {
        match self {
            Source::Web => "web",
            Source::Api => "api",
        }
    }
}

/// A punch as sent: `{"location", "note"?, "client_key"}`.
#[derive(Debug, Clone, Default)]
pub struct PunchInput {
    pub location: String,
    pub note: Option<String>,
    pub client_key: String,
}

/// The answer, and whether this request wrote it (`false`: a retry of an earlier one).
#[derive(Debug, Clone)]
pub struct Punched {
    pub created: bool,
    pub answer: PunchAnswer,
}

const FIELDS: [&str; 3] = ["location", "note", "client_key"];
/// Names a request might use to punch for somebody else: refused with a clear reason.
const PERSON_FIELDS: [&str; 6] = [
    "employee_id",
    "employee",
    "nip",
    "user_id",
    "user",
    "username",
];

/// Reads a JSON body strictly: an object with `location`, `client_key` and optionally
/// `note`. A field naming a person is refused (one checks in only oneself), and so is any
/// other unknown field, each by name.
pub fn input_from_json(body: &[u8]) -> Result<PunchInput> {
    let not_object = || {
        ServiceError::field(
            "body",
            Message::text_of(
                "isi permintaan harus objek JSON {\"location\", \"note\", \"client_key\"}",
                "the body must be a JSON object {\"location\", \"note\", \"client_key\"}",
            ),
        )
    };
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|_| not_object())?;
    let object = value.as_object().ok_or_else(not_object)?;
    let mut errors = Vec::new();
    let mut input = PunchInput::default();
    for (key, v) in object {
        if PERSON_FIELDS.contains(&key.as_str()) {
            errors.push(FieldError::new(key.clone(), only_oneself()));
            continue;
        }
        if !FIELDS.contains(&key.as_str()) {
            errors.push(FieldError::new(
                key.clone(),
                Message::text_of(
                    "kolom tidak dikenal; yang diterima: location, note, client_key",
                    "unknown field; accepted: location, note, client_key",
                ),
            ));
            continue;
        }
        let text = match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Null if key == "note" => None,
            _ => {
                errors.push(FieldError::new(
                    key.clone(),
                    Message::text_of("harus berupa teks", "must be text"),
                ));
                continue;
            }
        };
        match key.as_str() {
            "location" => input.location = text.unwrap_or_default(),
            "note" => input.note = text,
            _ => input.client_key = text.unwrap_or_default(),
        }
    }
    if errors.is_empty() {
        Ok(input)
    } else {
        Err(ServiceError::Invalid(errors))
    }
}

/// Checks in the signed-in employee now.
pub async fn check_in(
    app: &App,
    actor: &Actor,
    input: &PunchInput,
    source: Source,
) -> Result<Punched> {
    punch(app, actor, PunchKind::CheckIn, input, source).await
}

/// Checks out the signed-in employee now (a later check-out replaces an earlier one).
pub async fn check_out(
    app: &App,
    actor: &Actor,
    input: &PunchInput,
    source: Source,
) -> Result<Punched> {
    punch(app, actor, PunchKind::CheckOut, input, source).await
}

/// The reader of the days punches check, shared by every request of an `App`.
pub type PunchDays = Loader<PunchKey, Vec<PunchDay>>;

pub fn punch_days() -> PunchDays {
    Loader::new("punch days", read_punch_days).with_native(store::native::punch_days_many)
}

fn read_punch_days<'a>(c: &'a mut Conn, keys: &'a [PunchKey]) -> Loaded<'a, Vec<PunchDay>> {
    Box::pin(store::punch_days_many(c, keys))
}

/// The input's own checks, before anything is read.
struct Checked {
    key: String,
    location: WorkLocation,
    note: Option<String>,
}

fn check_input(input: &PunchInput) -> Result<Checked> {
    let mut errors = Vec::new();
    let key = check_client_key(&input.client_key)
        .map_err(|m| errors.push(FieldError::new("client_key", m)))
        .ok();
    let location = if input.location.trim().is_empty() {
        errors.push(FieldError::new("location", Message::Required));
        None
    } else {
        WorkLocation::parse(&input.location)
            .map_err(|m| errors.push(FieldError::new("location", m)))
            .ok()
    };
    let note = check_note(input.note.as_deref())
        .map_err(|m| errors.push(FieldError::new("note", m)))
        .ok()
        .flatten();
    match (key, location) {
        (Some(key), Some(location)) if errors.is_empty() => Ok(Checked {
            key,
            location,
            note,
        }),
        _ => Err(ServiceError::Invalid(errors)),
    }
}

async fn punch(
    app: &App,
    actor: &Actor,
    kind: PunchKind,
    input: &PunchInput,
    source: Source,
) -> Result<Punched> {
    let agency = actor.agency()?;
    let me = actor.access.employee_id.ok_or_else(no_employee)?;
    let checked = check_input(input)?;
    // A punch read before another punch or a correction changed the day is computed again
    // from the new state; a few rounds settle any realistic race.
    for _ in 0..4 {
        let (punch, zone) = match prepare(app, actor, agency, me.0, kind, &checked, source).await? {
            Prepared::Replay(answer) => {
                return Ok(Punched {
                    created: false,
                    answer: *answer,
                })
            }
            Prepared::Punch(p, zone) => (p, zone),
        };
        let event = punch.event.clone();
        match app.presence.submit(&app.db, *punch).await? {
            Outcome::Written(w) => {
                let row = EventRow {
                    id: w.event_id,
                    agency_id: event.agency_id,
                    employee_id: event.employee_id,
                    date: event.date,
                    kind: event.kind.into(),
                    at: event.at,
                    location: event.location,
                    note: event.note,
                    client_key: event.client_key,
                    source: event.source.into(),
                };
                return Ok(Punched {
                    created: true,
                    answer: PunchAnswer {
                        event: EventState::of(&row, zone)?,
                        day: DayState::of(&w.day, zone)?,
                        week: WeekState::of(&w.week),
                    },
                });
            }
            Outcome::Replay => {
                let mut c = app.db.conn().await?;
                let e = store::event_by_key(&mut c, agency.0, me.0, &checked.key)
                    .await?
                    .ok_or_else(|| ServiceError::Internal("replayed event missing".into()))?;
                return Ok(Punched {
                    created: false,
                    answer: replay(&mut c, &e, kind, zone).await?,
                });
            }
            Outcome::Stale => continue,
        }
    }
    Err(ServiceError::Internal(
        "the day kept changing while checking in".into(),
    ))
}

enum Prepared {
    Replay(Box<PunchAnswer>),
    Punch(Box<Punch>, Zone),
}

/// The answer to a retried punch: the first punch with its day and week as stored. A key
/// used for the other kind of punch is refused.
async fn replay(c: &mut Conn, e: &EventRow, kind: PunchKind, zone: Zone) -> Result<PunchAnswer> {
    if e.kind != kind.code() {
        let at = EventState::of(e, zone)?.local_time;
        return Err(ServiceError::field(
            "client_key",
            Message::text_of(
                format!(
                    "client_key ini sudah dipakai untuk presensi lain ({}, pukul {at})",
                    e.kind
                ),
                format!(
                    "this client_key was already used for another punch ({}, at {at})",
                    e.kind
                ),
            ),
        ));
    }
    let day = store::days(c, e.agency_id, e.employee_id, &e.date, &e.date)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ServiceError::Internal("day of a stored punch missing".into()))?;
    let monday = monday_of(parse_stored_date(&e.date)?).to_string();
    let week = store::week(c, e.agency_id, e.employee_id, &monday)
        .await?
        .ok_or_else(|| ServiceError::Internal("week of a stored punch missing".into()))?;
    Ok(PunchAnswer {
        event: EventState::of(e, zone)?,
        day: DayState::of(&day, zone)?,
        week: WeekState::of(&week),
    })
}

/// The plan of a date as presence reads it: approved only; none is the office, regular hours.
pub(super) async fn plan_of(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    date: Date,
) -> Result<(PlanLocation, TimeMode, Option<TimeOfDay>)> {
    let plan = store::plan_of_day(c, agency, employee, &date.to_string()).await?;
    Ok(plan_parts(plan))
}

/// A plan row as presence reads it: approved only; none is the office, regular hours.
fn plan_parts(plan: Option<PlanOfDay>) -> (PlanLocation, TimeMode, Option<TimeOfDay>) {
    match plan.filter(|p| p.status == "approved") {
        Some(p) => (
            PlanLocation::parse(&p.location).unwrap_or(PlanLocation::Office),
            p.time_mode
                .as_deref()
                .and_then(|m| TimeMode::parse(m).ok())
                .unwrap_or(TimeMode::Regular),
            p.start_time
                .as_deref()
                .and_then(|t| TimeOfDay::parse(t).ok()),
        ),
        None => (PlanLocation::Office, TimeMode::Regular, None),
    }
}

/// The minutes a week requires under the unit's calendar.
pub(super) fn required_of(cal: &calendar::UnitCalendar, monday: Date) -> i64 {
    let days: Vec<WorkDay> = week_dates(monday).into_iter().map(|d| cal.day(d)).collect();
    week_required_minutes(&days) as i64
}

fn refuse(field: &str, id: String, en: String) -> ServiceError {
    ServiceError::field(field, Message::text_of(id, en))
}

/// The answer to a retry of `input`'s key, if it is one. Asked only before refusing a
/// punch: a retry that is not refused reaches the writer, whose insert finds the key.
async fn replayed(
    c: &mut Conn,
    agency: i64,
    me: i64,
    input: &Checked,
    kind: PunchKind,
    zone: Zone,
) -> Result<Option<Prepared>> {
    Ok(
        match store::event_by_key(c, agency, me, &input.key).await? {
            Some(e) => Some(Prepared::Replay(Box::new(replay(c, &e, kind, zone).await?))),
            None => None,
        },
    )
}

#[allow(clippy::too_many_arguments)]
async fn prepare(
    app: &App,
    actor: &Actor,
    agency: AgencyId,
    me: i64,
    kind: PunchKind,
    input: &Checked,
    source: Source,
) -> Result<Prepared> {
    // The actor's unit and its time zone came with the session.
    let home = actor.home.as_ref().ok_or(ServiceError::Forbidden)?;
    let zone = Zone::parse(&home.time_zone).unwrap_or_default();
    let now = app.clock.now();
    let now_ms = now.as_millisecond();
    let today = now.to_zoned(zone.tz()).date();
    let yesterday = today.yesterday().unwrap_or(today);
    let from = monday_of(yesterday);
    let to = week_dates(monday_of(today))
        .last()
        .copied()
        .unwrap_or(today);
    let cal = app
        .calendars
        .for_unit(&app.db, agency, home.unit_id.0, from, to)
        .await?;
    let location = check_location(input.location.code(), &cal.policy)
        .map_err(|m| ServiceError::field("location", m))?;
    // Yesterday's and today's rows and plans in one read, together with the other punches
    // of the moment (see `loader`).
    let key = PunchKey {
        agency: agency.0,
        employee: me,
        dates: [yesterday.to_string(), today.to_string()],
    };
    let days = app.punch_days.get(&app.db, key).await?;
    let of_date = |d: Date| days.iter().find(|r| r.date == d.to_string());
    let row_of = |d: Date| of_date(d).and_then(|r| r.day.clone());
    let plan_on = |d: Date| plan_parts(of_date(d).and_then(|r| r.plan.clone()));
    let at_text =
        |at: i64, date: Date| -> Result<String> { Ok(clock_text(minute_of(at, date, zone)?)) };
    let (target, seen): (Date, Option<DayRow>) = match kind {
        PunchKind::CheckIn => {
            if let Some(first) = row_of(today).and_then(|r| r.check_in_at) {
                let mut c = app.db.conn().await?;
                if let Some(answer) = replayed(&mut c, agency.0, me, input, kind, zone).await? {
                    return Ok(answer);
                }
                let t = at_text(first, today)?;
                return Err(refuse(
                    "check_in",
                    format!(
                        "Anda sudah presensi masuk hari ini pukul {t} {}",
                        zone.code()
                    ),
                    format!("you already checked in today at {t} {}", zone.code()),
                ));
            }
            (today, None)
        }
        PunchKind::CheckOut => {
            let open_today = row_of(today).filter(|r| r.check_in_at.is_some());
            let night_shift = match row_of(yesterday) {
                Some(r) if open_today.is_none() && r.check_out_at.is_none() => {
                    match r.check_in_at {
                        Some(i) if now_ms - i <= MAX_SHIFT_MINUTES as i64 * 60_000 => {
                            let (_, mode, _) = plan_on(yesterday);
                            (mode == TimeMode::Shift).then_some(r)
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            let (target, row) = match (open_today, night_shift) {
                (Some(r), _) => (today, r),
                (None, Some(r)) => (yesterday, r),
                (None, None) => {
                    let mut c = app.db.conn().await?;
                    if let Some(answer) = replayed(&mut c, agency.0, me, input, kind, zone).await? {
                        return Ok(answer);
                    }
                    return Err(refuse(
                    "check_out",
                    "belum ada presensi masuk hari ini; presensi masuk dulu, atau ajukan koreksi"
                        .into(),
                    "there is no check-in today; check in first, or ask for a correction".into(),
                    ));
                }
            };
            let first = row.check_in_at.unwrap_or(now_ms);
            if now_ms < first {
                let t = at_text(first, target)?;
                return Err(refuse(
                    "check_out",
                    format!(
                        "jam pulang tidak boleh sebelum jam masuk ({t} {})",
                        zone.code()
                    ),
                    format!(
                        "a check-out cannot be before the check-in ({t} {})",
                        zone.code()
                    ),
                ));
            }
            (target, Some(row))
        }
    };
    let (planned, mode, shift_start) = plan_on(target);
    let rule = DayRule::new(&cal.day(target), &cal.policy, mode, shift_start);
    let monday = monday_of(target);
    let date = target.to_string();
    let mismatch = is_mismatch(location, planned);
    let change = match seen {
        None => {
            let minute = minute_of(now_ms, target, zone)?;
            let totals = day_totals(&rule, Some(minute), None);
            Change::CheckIn(CheckInDay {
                agency_id: agency.0,
                employee_id: me,
                date: date.clone(),
                unit_id: home.unit_id.0,
                at: now_ms,
                location: location.code().into(),
                planned_location: planned.code().into(),
                mismatch,
                expected_minutes: rule.expected_minutes as i64,
                late_minutes: totals.late_minutes as i64,
            })
        }
        Some(row) => {
            let first = row.check_in_at.unwrap_or(now_ms);
            let totals = day_totals(
                &rule,
                Some(minute_of(first, target, zone)?),
                Some(minute_of(now_ms, target, zone)?),
            );
            Change::CheckOut(
                CheckOutDay {
                    agency_id: agency.0,
                    employee_id: me,
                    date: date.clone(),
                    at: now_ms,
                    location: location.code().into(),
                    mismatch: row.mismatch != 0 || mismatch,
                    effective_minutes: totals.effective_minutes as i64,
                    core_hours_met: totals.core_hours_met,
                    seen_check_in_at: first,
                    seen_check_out_at: row.check_out_at,
                    seen_updated_at: row.updated_at,
                },
                row.effective_minutes,
            )
        }
    };
    let action = format!("presence.{}", kind.code());
    let punch = Punch {
        event: NewEvent {
            agency_id: agency.0,
            employee_id: me,
            date,
            kind: kind.code(),
            at: now_ms,
            location: location.code().into(),
            note: input.note.clone(),
            client_key: input.key.clone(),
            source: source.code(),
        },
        change,
        week: monday.to_string(),
        required_week_minutes: required_of(&cal, monday),
        audit: audit::event(app, actor, &action, "presence_event", "")
            .in_unit(home.unit_path.as_str()),
        now: now_ms,
    };
    Ok(Prepared::Punch(Box::new(punch), zone))
}
