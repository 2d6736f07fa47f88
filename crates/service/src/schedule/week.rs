//! My week, beyond the roster's part of it: per day the plan (location, approved or
//! pending, time mode), presence (in/out local times, effective minutes, late, mismatch),
//! holidays by name; the week's hours against the required; what still waits (my requests,
//! my corrections); and whether my calendar feed is on. Everyone sees only their own.

use super::{add_days, dates, local_time, mark, today_in, DayPlan, Mark, Viewer};
use crate::{calendar, Actor, App, Result, ServiceError};
use fleksi_domain::calendar::WorkDay;
use fleksi_domain::roster::monday_of;
use fleksi_domain::timezone::Zone;
use fleksi_store::employee::EmployeeRow;
use fleksi_store::schedule::{self as store, FeedRow, OpenCorrectionRow, OpenRequestRow};
use jiff::civil::Date;

/// Corrections are looked for from this many days back (they are asked for recent days).
const CORRECTIONS_BACK_DAYS: i64 = 62;

pub struct MyWeek {
    pub me: EmployeeRow,
    pub zone: Zone,
    pub monday: Date,
    pub today: Date,
    /// Monday to Sunday.
    pub days: Vec<MyDay>,
    pub required_minutes: i64,
    pub effective_minutes: i64,
    pub days_present: i64,
    pub requests: Vec<OpenRequestRow>,
    pub corrections: Vec<OpenCorrectionRow>,
    pub feed: Option<FeedRow>,
}

pub struct MyDay {
    pub date: Date,
    pub work: WorkDay,
    /// The national holiday or cuti bersama, by its Indonesian name.
    pub holiday: Option<String>,
    pub day: DayPlan,
    pub mark: Option<Mark>,
    pub check_in: Option<String>,
    pub check_out: Option<String>,
}

impl MyDay {
    pub fn working(&self) -> bool {
        self.work.is_working()
    }
}

/// My week: the week of `date` (strict `YYYY-MM-DD`, naming the field), or this week.
pub async fn my_week(app: &App, actor: &Actor, date: Option<&str>) -> Result<MyWeek> {
    let day = match date.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => Some(super::date_param(d, "date")?),
        None => None,
    };
    my_week_of(app, actor, day).await
}

/// My week containing `day` (today when `None`).
pub async fn my_week_of(app: &App, actor: &Actor, day: Option<Date>) -> Result<MyWeek> {
    actor.agency()?;
    if actor.access.employee_id.is_none() {
        return Err(ServiceError::Forbidden);
    }
    let mut c = app.db.conn().await?;
    let viewer = Viewer::load(&mut c, actor).await?;
    let me = viewer.me.ok_or(ServiceError::Forbidden)?;
    let agency = viewer.agency;
    let today = today_in(app.clock.now(), &me.time_zone);
    let monday = monday_of(day.unwrap_or(today));
    let sunday = add_days(monday, 6);
    let cal = calendar::for_unit(&mut c, agency, me.unit_id, monday, sunday).await?;
    let (from, to) = (monday.to_string(), sunday.to_string());
    let ids = [me.id];
    let plans = store::plans_of(&mut c, agency.0, &ids, &from, &to).await?;
    let pending = store::pending_days_of(&mut c, agency.0, &ids, &from, &to).await?;
    let presence = store::presence_of(&mut c, agency.0, &ids, &from, &to).await?;
    let week = store::week_of(&mut c, agency.0, me.id, &from).await?;
    let requests = store::open_requests_of(&mut c, agency.0, me.id).await?;
    let since = add_days(today, -CORRECTIONS_BACK_DAYS).to_string();
    let corrections = store::open_corrections_of(&mut c, agency.0, me.id, &since).await?;
    let feed = store::live_feed_of(&mut c, agency.0, me.id).await?;
    let days: Vec<MyDay> = dates(monday, sunday)
        .into_iter()
        .map(|date| {
            let key = date.to_string();
            let work = cal.day(date);
            let day = DayPlan {
                plan: plans.iter().find(|p| p.date == key).cloned(),
                pending: pending.iter().find(|p| p.date == key).cloned(),
                presence: presence.iter().find(|p| p.date == key).cloned(),
            };
            let at = |f: fn(&fleksi_store::schedule::PresenceRow) -> Option<i64>| {
                day.presence
                    .as_ref()
                    .and_then(f)
                    .map(|t| local_time(t, cal.zone))
            };
            MyDay {
                date,
                work,
                holiday: cal.holiday(date).map(|(_, name)| name.to_string()),
                mark: mark(&day, date, today, work.is_working()),
                check_in: at(|p| p.check_in_at),
                check_out: at(|p| p.check_out_at),
                day,
            }
        })
        .collect();
    // The presence writer keeps the week's totals; before the first punch of the week the
    // required hours come from the calendar the same way (the sum of the working days).
    let calendar_required: i64 = days.iter().map(|d| d.work.expected_minutes as i64).sum();
    let (required_minutes, effective_minutes, days_present) = match week {
        Some(w) => (w.required_minutes, w.effective_minutes, w.days_present),
        None => (calendar_required, 0, 0),
    };
    Ok(MyWeek {
        zone: cal.zone,
        me,
        monday,
        today,
        days,
        required_minutes,
        effective_minutes,
        days_present,
        requests,
        corrections,
        feed,
    })
}
