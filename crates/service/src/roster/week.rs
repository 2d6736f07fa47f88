//! An employee's week: where each working day is planned (and by what: a roster, a
//! request, leave), their notifications, and the wishes they give to rosters of their unit
//! that are still open. Everyone sees and changes only their own.

use super::{month_of, settings_of};
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::roster::{monday_of, parse_wish, Month};
use fleksi_domain::timezone::Zone;
use fleksi_domain::{FieldError, Message};
use fleksi_store::employee::{self, EmployeeRow};
use fleksi_store::notification::{self, NotificationRow};
use fleksi_store::plan::{self, PlanDayRow};
use fleksi_store::roster::{self as store, RosterRow};
use fleksi_store::{audit as audit_store, commit, Conn};
use jiff::civil::Date;
use jiff::Span;
use std::collections::BTreeMap;

pub struct WeekView {
    pub me: EmployeeRow,
    pub monday: Date,
    pub today: Date,
    pub days: Vec<WeekDay>,
    pub notifications: Vec<NotificationRow>,
}

pub struct WeekDay {
    pub date: Date,
    pub plan: Option<PlanDayRow>,
    /// The roster taking wishes for this date, if one does.
    pub wish: Option<WishSlot>,
}

pub struct WishSlot {
    pub roster_id: i64,
    pub unit_name: String,
    pub weight: i64,
}

impl WeekView {
    pub fn can_wish(&self) -> bool {
        self.days.iter().any(|d| d.wish.is_some())
    }
}

async fn me(c: &mut Conn, actor: &Actor) -> Result<EmployeeRow> {
    let agency = actor.agency()?;
    let me = actor.access.employee_id.ok_or(ServiceError::Forbidden)?;
    employee::get(c, agency.0, me.0)
        .await?
        .ok_or(ServiceError::Forbidden)
}

/// Today in the employee's own time zone.
fn today_for(app: &App, me: &EmployeeRow) -> Date {
    let zone = Zone::parse(&me.time_zone).unwrap_or_default();
    app.clock.now().to_zoned(zone.tz()).date()
}

/// Rosters open for wishes from an employee of `me`'s unit, for the months of `dates`.
async fn open_rosters(c: &mut Conn, me: &EmployeeRow, dates: &[Date]) -> Result<Vec<RosterRow>> {
    let mut months: Vec<String> = dates.iter().map(|d| Month::of(*d).code()).collect();
    months.dedup();
    Ok(store::open_above(c, me.agency_id, &me.unit_path, &months).await?)
}

/// The roster taking wishes for `date`: open, of `me`'s unit or above, with `date` a
/// working day of it. A date in the past takes none.
fn roster_for(rosters: &[RosterRow], date: Date, today: Date) -> Option<&RosterRow> {
    if date < today {
        return None;
    }
    rosters.iter().find(|r| {
        let (Ok(month), Ok(settings)) = (month_of(r), settings_of(r)) else {
            return false;
        };
        month.contains(date) && settings.working_dates(month).contains(&date)
    })
}

/// The ISO week (Monday–Friday) of `date`, or of today when none or an unreadable one is
/// given.
pub async fn my_week(app: &App, actor: &Actor, date: Option<&str>) -> Result<WeekView> {
    let mut c = app.db.conn().await?;
    let me = me(&mut c, actor).await?;
    let today = today_for(app, &me);
    let day = date
        .and_then(|d| d.trim().parse::<Date>().ok())
        .unwrap_or(today);
    let monday = monday_of(day);
    let dates: Vec<Date> = (0..5)
        .filter_map(|i| monday.checked_add(Span::new().days(i)).ok())
        .collect();
    let (from, to) = (dates[0].to_string(), dates[dates.len() - 1].to_string());
    let plans = plan::of_employee(&mut c, me.agency_id, me.id, &from, &to).await?;
    let wishes: BTreeMap<String, i64> = store::wishes_of(&mut c, me.agency_id, me.id, &from, &to)
        .await?
        .into_iter()
        .collect();
    let rosters = open_rosters(&mut c, &me, &dates).await?;
    let days = dates
        .iter()
        .map(|d| {
            let key = d.to_string();
            WeekDay {
                date: *d,
                plan: plans.iter().find(|p| p.date == key).cloned(),
                wish: roster_for(&rosters, *d, today).map(|r| WishSlot {
                    roster_id: r.id,
                    unit_name: r.unit_name.clone(),
                    weight: wishes.get(&key).copied().unwrap_or(0),
                }),
            }
        })
        .collect();
    let notifications = notification::latest(&mut c, me.agency_id, me.id, 10).await?;
    Ok(WeekView {
        me,
        monday,
        today,
        days,
        notifications,
    })
}

/// At most this many wishes in one request (a month's working days and then some).
const MAX_WISHES: usize = 31;

/// The employee's own wishes: `(date, weight)` with weight −1, 0 (none), 1 or 3, each for a
/// working day of an open roster of their unit, today or later. All or nothing.
pub async fn set_wishes(app: &App, actor: &Actor, entries: &[(String, String)]) -> Result<usize> {
    let mut tx = app.db.begin().await?;
    let me = me(&mut tx, actor).await?;
    if entries.len() > MAX_WISHES {
        return Err(ServiceError::field(
            "wish",
            Message::TooManyRows { max: MAX_WISHES },
        ));
    }
    let today = today_for(app, &me);
    let mut errors = Vec::new();
    let mut wanted: BTreeMap<Date, i64> = BTreeMap::new();
    for (d, w) in entries {
        let field = format!("wish[{}]", d.trim());
        let Ok(date) = d.trim().parse::<Date>() else {
            errors.push(FieldError::new(field, Message::InvalidDate));
            continue;
        };
        match parse_wish(w) {
            Ok(weight) => {
                wanted.insert(date, weight);
            }
            Err(m) => errors.push(FieldError::new(field, m)),
        }
    }
    let dates: Vec<Date> = wanted.keys().copied().collect();
    let rosters = open_rosters(&mut tx, &me, &dates).await?;
    for date in &dates {
        let field = format!("wish[{date}]");
        if *date < today {
            errors.push(FieldError::new(field, Message::PastDate));
        } else if roster_for(&rosters, *date, today).is_none() {
            errors.push(FieldError::new(field, Message::NoOpenRoster));
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
        return Ok(0);
    };
    let before: BTreeMap<String, i64> = store::wishes_of(
        &mut tx,
        me.agency_id,
        me.id,
        &first.to_string(),
        &last.to_string(),
    )
    .await?
    .into_iter()
    .collect();
    let mut changed_before = BTreeMap::new();
    let mut changed_after = BTreeMap::new();
    for (date, weight) in &wanted {
        let key = date.to_string();
        let old = before.get(&key).copied().unwrap_or(0);
        if old != *weight {
            store::set_wish(&mut tx, me.agency_id, me.id, &key, *weight, app.now()).await?;
            changed_before.insert(key.clone(), old);
            changed_after.insert(key, *weight);
        }
    }
    if changed_after.is_empty() {
        return Ok(0);
    }
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "roster.wishes", "employee", me.id)
            .in_unit(&me.unit_path)
            .before(&changed_before)
            .after(&changed_after)],
    )
    .await?;
    commit(tx).await?;
    Ok(changed_after.len())
}
