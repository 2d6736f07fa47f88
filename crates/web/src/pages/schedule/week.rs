//! What the week page (pages/week.rs, the roster's page) shows of plans and presence:
//! per day the holiday, time mode, a request still waiting and the presence; the week's
//! hours; what still waits; the calendar feed.

use super::duration;
use crate::i18n::T;
use crate::{AppState, WebError};
use fleksi_service::schedule::week::{self, MyWeek};
use fleksi_service::schedule::Mark;
use fleksi_service::Actor;
use jiff::civil::Date;
use std::collections::BTreeMap;

pub struct DayExtra {
    pub holiday: String,
    pub off: bool,
    /// The time mode of a day with a plan that sets one.
    pub mode: &'static str,
    /// The location of a request for the day still waiting.
    pub pending: &'static str,
    pub presence: String,
    /// (text, a problem)
    pub flags: Vec<(String, bool)>,
}

pub struct WeekExtras {
    days: BTreeMap<String, DayExtra>,
    pub hours: String,
    /// (span, status)
    pub requests: Vec<(String, &'static str)>,
    pub corrections: Vec<String>,
    /// When the live feed was made (local date), if there is one.
    pub feed_since: Option<String>,
    pub feed_revoked: bool,
}

impl WeekExtras {
    pub fn day(&self, date: &str) -> Option<&DayExtra> {
        self.days.get(date)
    }
}

fn day_extra(t: T, v: &MyWeek, d: &week::MyDay) -> DayExtra {
    let mut flags = Vec::new();
    let presence = match &d.day.presence {
        Some(p) if p.check_in_at.is_some() => {
            let span = format!(
                "{}–{}",
                d.check_in.clone().unwrap_or_default(),
                d.check_out.clone().unwrap_or_default()
            );
            if p.late_minutes > 0 {
                flags.push((
                    format!(
                        "{} {} {}",
                        t.s("sched.week.late"),
                        p.late_minutes,
                        t.s("sched.week.minutes")
                    ),
                    true,
                ));
            }
            if p.mismatch != 0 {
                flags.push((t.s("sched.week.mismatch").to_string(), true));
            }
            if p.check_out_at.is_none() && d.date < v.today {
                flags.push((t.s("sched.week.no_checkout").to_string(), true));
            }
            if p.corrected != 0 {
                flags.push((t.s("sched.week.corrected").to_string(), false));
            }
            format!(
                "{span} · {} {}",
                duration(t, p.effective_minutes),
                t.s("sched.week.effective")
            )
        }
        _ => String::new(),
    };
    if let Some(m @ (Mark::Absent | Mark::NotYet)) = d.mark {
        flags.push((
            t.of("sched.mark_text.", m.code()).to_string(),
            m == Mark::Absent,
        ));
    }
    let mode = d
        .day
        .plan
        .as_ref()
        .filter(|p| p.status != "rejected")
        .and_then(|p| p.time_mode.as_deref())
        .or(d.day.pending.as_ref().map(|p| p.time_mode.as_str()))
        .filter(|m| *m != "regular")
        .map(|m| t.of("sched.mode.", m))
        .unwrap_or("");
    DayExtra {
        holiday: d.holiday.clone().unwrap_or_default(),
        off: !d.working(),
        mode,
        pending: d
            .day
            .pending
            .as_ref()
            .map(|p| t.of("loc.", &p.location))
            .unwrap_or(""),
        presence,
        flags,
    }
}

/// The week page's extras for the week of `monday`.
pub async fn load(
    s: &AppState,
    actor: &Actor,
    monday: Date,
    feed_revoked: bool,
) -> Result<WeekExtras, WebError> {
    let t = T(actor.locale);
    let v = week::my_week_of(&s.app, actor, Some(monday))
        .await
        .map_err(WebError::page(actor.locale))?;
    let days = v
        .days
        .iter()
        .map(|d| (d.date.to_string(), day_extra(t, &v, d)))
        .collect();
    let hours = format!(
        "{} {} {} · {} {}",
        duration(t, v.effective_minutes),
        t.s("sched.week.of"),
        duration(t, v.required_minutes),
        v.days_present,
        t.s("sched.week.days_present")
    );
    let requests = v
        .requests
        .iter()
        .map(|r| {
            (
                format!("{} – {}", r.first_day, r.last_day),
                t.of("sched.req.", &r.status),
            )
        })
        .collect();
    let corrections = v.corrections.iter().map(|c| c.date.clone()).collect();
    let feed_since = v.feed.as_ref().map(|f| {
        jiff::Timestamp::from_millisecond(f.created_at)
            .map(|at| {
                at.to_zoned(v.zone.tz())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default()
    });
    Ok(WeekExtras {
        days,
        hours,
        requests,
        corrections,
        feed_since,
        feed_revoked,
    })
}
