//! Today for the signed-in employee: the plan, the day so far, this week's hours against
//! the required hours, and days of the last week still missing a check-out. A fixed number
//! of indexed reads over at most two weeks of rows.

use super::answer::{DayState, WeekState};
use super::punch::{plan_of, required_of};
use super::{minute_of, no_employee, week_dates};
use crate::{calendar, Actor, App, Result, ServiceError};
use fleksi_domain::calendar::DayOff;
use fleksi_domain::presence::{allowed_latest_start, day_totals, DayRule};
use fleksi_domain::roster::monday_of;
use fleksi_domain::timezone::Zone;
use fleksi_store::employee;
use fleksi_store::presence as store;
use jiff::Span;
use serde::Serialize;

/// How far back a day without check-out is still pointed out.
const MISSING_DAYS: i64 = 7;

#[derive(Debug, Clone, Serialize)]
pub struct Today {
    pub employee_name: String,
    pub unit_name: String,
    pub date: String,
    pub zone: &'static str,
    /// The local time now, `HH:MM`.
    pub now: String,
    pub working_day: bool,
    /// `weekend`, `holiday` or `joint_leave` when the day is not worked.
    pub day_off: Option<&'static str>,
    /// The holiday's name (Indonesian), when there is one.
    pub holiday: Option<String>,
    pub planned_location: &'static str,
    pub time_mode: &'static str,
    /// The latest on-time start, `HH:MM`.
    pub latest_start: String,
    pub expected_minutes: u32,
    pub allowed_locations: Vec<&'static str>,
    /// Today's punches so far (`None` before the check-in).
    pub day: Option<DayState>,
    /// Effective minutes from the check-in to now while the day is open (not stored).
    pub minutes_so_far: i64,
    pub week: WeekState,
    /// This week's days with punches, Monday first.
    pub week_days: Vec<DayState>,
    /// Dates of the last seven days with a check-in and no check-out.
    pub missing_check_outs: Vec<String>,
}

pub async fn today(app: &App, actor: &Actor) -> Result<Today> {
    let agency = actor.agency()?;
    let me = actor.access.employee_id.ok_or_else(no_employee)?;
    let mut c = app.db.conn().await?;
    let me = employee::get(&mut c, agency.0, me.0)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    let zone = Zone::parse(&me.time_zone).unwrap_or_default();
    let now = app.clock.now();
    let local = now.to_zoned(zone.tz());
    let date = local.date();
    let monday = monday_of(date);
    let sunday = week_dates(monday).last().copied().unwrap_or(date);
    let back = date
        .checked_sub(Span::new().days(MISSING_DAYS))
        .unwrap_or(date);
    let cal = calendar::for_unit(&mut c, agency, me.unit_id, monday, sunday).await?;
    let (planned, mode, shift_start) = plan_of(&mut c, agency.0, me.id, date).await?;
    let rows = store::days(
        &mut c,
        agency.0,
        me.id,
        &back.min(monday).to_string(),
        &sunday.to_string(),
    )
    .await?;
    let week_row = store::week(&mut c, agency.0, me.id, &monday.to_string()).await?;
    drop(c);
    let work_day = cal.day(date);
    let today_s = date.to_string();
    let day_row = rows.iter().find(|r| r.date == today_s);
    let minutes_so_far = match day_row {
        Some(r) if r.check_out_at.is_none() => match r.check_in_at {
            Some(i) => {
                let rule = DayRule::new(&work_day, &cal.policy, mode, shift_start);
                day_totals(
                    &rule,
                    Some(minute_of(i, date, zone)?),
                    Some(minute_of(now.as_millisecond(), date, zone)?),
                )
                .effective_minutes as i64
            }
            None => 0,
        },
        _ => 0,
    };
    let (monday_s, back_s) = (monday.to_string(), back.to_string());
    let week_days = rows
        .iter()
        .filter(|r| r.date >= monday_s)
        .map(|r| DayState::of(r, zone))
        .collect::<Result<Vec<_>>>()?;
    let missing_check_outs = rows
        .iter()
        .filter(|r| r.date >= back_s && r.date < today_s)
        .filter(|r| r.check_in_at.is_some() && r.check_out_at.is_none())
        .map(|r| r.date.clone())
        .collect();
    let week = match &week_row {
        Some(w) => WeekState::of(w),
        None => WeekState {
            week: monday_s.clone(),
            required_minutes: required_of(&cal, monday),
            effective_minutes: 0,
            days_present: 0,
        },
    };
    Ok(Today {
        employee_name: me.name,
        unit_name: me.unit_name,
        date: today_s,
        zone: zone.code(),
        now: format!("{:02}:{:02}", local.hour(), local.minute()),
        working_day: work_day.is_working(),
        day_off: work_day.off.map(|o| match o {
            DayOff::Weekend => "weekend",
            DayOff::Holiday => "holiday",
            DayOff::JointLeave => "joint_leave",
        }),
        holiday: cal.holiday(date).map(|(_, name)| name.to_string()),
        planned_location: planned.code(),
        time_mode: mode.code(),
        latest_start: allowed_latest_start(&work_day, &cal.policy, mode, shift_start).to_string(),
        expected_minutes: work_day.expected_minutes,
        allowed_locations: cal
            .policy
            .allowed_locations
            .iter()
            .map(|l| l.code())
            .collect(),
        day: day_row.map(|r| DayState::of(r, zone)).transpose()?,
        minutes_so_far,
        week,
        week_days,
        missing_check_outs,
    })
}
