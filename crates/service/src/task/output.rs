//! A task's share of the output totals (dashboards): a finish counts for the assignee who
//! finished it, on their day — on time or late against the end of the deadline day — and
//! a send-back takes that count off again; an assignee's first move counts as the task's
//! first response, with how long it took.

use super::deadline_end;
use crate::Result;
use fleksi_store::dashboard::{self, Delta, PersonDay};
use fleksi_store::employee::{self, EmployeeRow};
use fleksi_store::task::{StatusChange, TaskRow};
use fleksi_store::{Conn, Millis};
use jiff::civil::Date;

/// +1 on time or +1 late for a task done at `done_at` (nothing without a deadline).
fn timing(row: &TaskRow, done_at: Millis) -> (i64, i64) {
    let end = row
        .deadline
        .as_deref()
        .and_then(|d| d.parse::<Date>().ok())
        .and_then(|d| deadline_end(d, &row.time_zone));
    match end {
        Some(end) if done_at < end => (1, 0),
        Some(_) => (0, 1),
        None => (0, 0),
    }
}

async fn add(c: &mut Conn, who: &EmployeeRow, date: &str, d: &Delta, now: Millis) -> Result<()> {
    let place = crate::report::place_of(c, who.agency_id, who.id, date).await?;
    let day = PersonDay {
        agency_id: who.agency_id,
        employee_id: who.id,
        date: date.to_string(),
        unit_id: who.unit_id,
        place: place.code().to_string(),
    };
    let unit = dashboard::add_to_person_day(c, &day, d, now).await?;
    dashboard::add_to_unit_days(c, &[unit], now).await?;
    Ok(())
}

/// Moves the totals for the change of `row` made by `me` on `today` (their local date).
pub(crate) async fn record(
    c: &mut Conn,
    row: &TaskRow,
    change: &StatusChange,
    me: &EmployeeRow,
    today: &str,
    now: Millis,
) -> Result<()> {
    let mut mine = Delta::default();
    if row.first_response_at.is_none() && change.first_response_at.is_some() {
        mine.responses = 1;
        mine.response_ms = now - row.created_at;
    }
    if change.done_at.is_some() && row.done_at != change.done_at && change.done_by == Some(me.id) {
        let (on_time, late) = timing(row, now);
        mine.tasks_done = 1;
        mine.tasks_on_time = on_time;
        mine.tasks_late = late;
    }
    if mine != Delta::default() {
        add(c, me, today, &mine, now).await?;
    }
    // Sent back: the finish it had no longer counts, on the day and for the person it
    // counted for.
    if change.done_at.is_none() {
        if let (Some(done_at), Some(by), Some(date)) = (row.done_at, row.done_by, &row.done_date) {
            if let Some(who) = employee::get(c, row.agency_id, by).await? {
                let (on_time, late) = timing(row, done_at);
                let back = Delta {
                    tasks_done: -1,
                    tasks_on_time: -on_time,
                    tasks_late: -late,
                    ..Delta::default()
                };
                add(c, &who, date, &back, now).await?;
            }
        }
    }
    Ok(())
}
