//! The weekly report (seed 001, §5.9): the week's daily reports compiled — days reported,
//! items done and blocked — with the employee's reflection (what went well, what to
//! improve, next week's plan). Written for the current week or up to four weeks back,
//! replaceable until the supervisor acknowledges it; the supervisor reads the team's week.

use super::{acknowledger, changed_meanwhile, standing, today_of, views, ReportView, Standing};
use crate::schedule::{Viewer, PAGE};
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::calendar::parse_date;
use fleksi_domain::performance::{check_reflection, Reflection};
use fleksi_domain::roster::monday_of;
use fleksi_domain::{FieldError, Message};
use fleksi_store::employee::{self, EmployeeRow};
use fleksi_store::report::{self as store, NewWeekly, WeeklyRow};
use fleksi_store::schedule::{self as people, PersonRow};
use fleksi_store::{audit as audit_store, commit};
use jiff::civil::Date;
use jiff::Span;

/// Weekly reports may be written for this many weeks back.
pub const MAX_WEEKS_BACK: i64 = 4;

/// A week compiled from its daily reports.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Week {
    pub monday: Date,
    pub days: Vec<ReportView>,
    pub days_reported: i64,
    pub items_done: i64,
    pub items_blocked: i64,
    pub weekly: Option<WeeklyRow>,
}

/// The Monday of the week named by `raw` (any date of it; empty: this week).
fn week_of(raw: &str, today: Date) -> Result<Date> {
    if raw.trim().is_empty() {
        return Ok(monday_of(today));
    }
    let d = parse_date(raw).map_err(|m| ServiceError::field("week", m))?;
    Ok(monday_of(d))
}

async fn compile(
    c: &mut fleksi_store::Conn,
    agency: i64,
    who: &EmployeeRow,
    monday: Date,
) -> Result<Week> {
    let sunday = monday.checked_add(Span::new().days(6)).unwrap_or(monday);
    let rows =
        store::of_employee(c, agency, who.id, &monday.to_string(), &sunday.to_string()).await?;
    let days = views(c, agency, rows).await?;
    let weekly = store::weekly(c, agency, who.id, &monday.to_string()).await?;
    Ok(Week {
        monday,
        days_reported: days.len() as i64,
        items_done: days.iter().map(|d| d.row.items_done).sum(),
        items_blocked: days.iter().map(|d| d.row.items_blocked).sum(),
        days,
        weekly,
    })
}

/// My week (this week when empty).
pub async fn mine(app: &App, actor: &Actor, week: &str) -> Result<Week> {
    let mut c = app.db.conn().await?;
    let (agency, me) = crate::task::me(&mut c, actor).await?;
    let monday = week_of(week, today_of(app, &me.time_zone))?;
    compile(&mut c, agency.0, &me, monday).await
}

/// One person's week, for whoever may read their reports.
pub async fn of(
    app: &App,
    actor: &Actor,
    employee_id: i64,
    week: &str,
) -> Result<(EmployeeRow, Week, bool)> {
    let agency = actor.agency()?;
    let mut c = app.db.conn().await?;
    let who = employee::get(&mut c, agency.0, employee_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let today = today_of(app, &who.time_zone);
    let s = standing(&mut c, actor, &who, &today.to_string()).await?;
    let monday = week_of(week, today)?;
    let w = compile(&mut c, agency.0, &who, monday).await?;
    Ok((who, w, s == Standing::Supervisor))
}

/// Writes my reflection on a week.
pub async fn submit(app: &App, actor: &Actor, week: &str, r: &Reflection) -> Result<i64> {
    let mut tx = app.db.begin().await?;
    let (agency, me) = crate::task::me(&mut tx, actor).await?;
    let today = today_of(app, &me.time_zone);
    let monday = week_of(week, today)?;
    if monday > monday_of(today) {
        return Err(ServiceError::field(
            "week",
            Message::text_of(
                "laporan mingguan tidak dapat diisi untuk minggu yang akan datang",
                "a weekly report cannot be written for a week to come",
            ),
        ));
    }
    let oldest = monday_of(today)
        .checked_sub(Span::new().weeks(MAX_WEEKS_BACK))
        .unwrap_or(monday);
    if monday < oldest {
        return Err(ServiceError::field(
            "week",
            Message::text_of(
                format!(
                    "laporan mingguan hanya dapat diisi untuk {MAX_WEEKS_BACK} minggu terakhir"
                ),
                format!("weekly reports can be written for the last {MAX_WEEKS_BACK} weeks only"),
            ),
        ));
    }
    let r = check_reflection(r).map_err(ServiceError::Invalid)?;
    let w = compile(&mut tx, agency.0, &me, monday).await?;
    if w.weekly
        .as_ref()
        .is_some_and(|x| x.acknowledged_at.is_some())
    {
        return Err(ServiceError::field(
            "week",
            Message::text_of(
                "laporan minggu ini sudah ditanggapi atasan dan tidak dapat diubah lagi",
                "this week's report has been acknowledged and can no longer change",
            ),
        ));
    }
    let new = NewWeekly {
        agency_id: agency.0,
        employee_id: me.id,
        week: monday.to_string(),
        unit_id: me.unit_id,
        went_well: r.went_well,
        to_improve: r.to_improve,
        next_week: r.next_week,
        days_reported: w.days_reported,
        items_done: w.items_done,
        items_blocked: w.items_blocked,
    };
    let id = store::put_weekly(
        &mut tx,
        &new,
        w.weekly.as_ref().map(|x| x.version),
        app.now(),
    )
    .await?
    .ok_or_else(|| {
        ServiceError::Conflict(FieldError::new(
            "week",
            Message::text_of(
                "laporan minggu ini baru saja diubah; muat ulang lalu kirim lagi",
                "this week's report just changed; reload and send again",
            ),
        ))
    })?;
    audit_store::append(
        &mut tx,
        &[audit::event(
            app,
            actor,
            if w.weekly.is_some() {
                "report.weekly.replace"
            } else {
                "report.weekly.submit"
            },
            "weekly_report",
            id,
        )
        .in_unit(&me.unit_path)
        .before_opt(w.weekly.as_ref())
        .after(&new)],
    )
    .await?;
    commit(tx).await?;
    Ok(id)
}

/// The weekly reports of my direct reports for a week.
pub async fn team(
    app: &App,
    actor: &Actor,
    week: &str,
) -> Result<(Date, Vec<(PersonRow, Option<WeeklyRow>)>)> {
    let mut c = app.db.conn().await?;
    let viewer = Viewer::load(&mut c, actor).await?;
    let me = viewer.me.as_ref().ok_or(ServiceError::Forbidden)?;
    if !actor.access.is_supervisor {
        return Err(ServiceError::Forbidden);
    }
    let monday = week_of(week, today_of(app, &me.time_zone))?;
    let persons = people::reports_of(&mut c, viewer.agency.0, me.id, PAGE).await?;
    let ids: Vec<i64> = persons.iter().map(|p| p.id).collect();
    let mut rows =
        store::weekly_of_people(&mut c, viewer.agency.0, &ids, &monday.to_string()).await?;
    let lines = persons
        .into_iter()
        .map(|p| {
            let at = rows.iter().position(|r| r.employee_id == p.id);
            (p, at.map(|i| rows.swap_remove(i)))
        })
        .collect();
    Ok((monday, lines))
}

/// Acknowledges a weekly report (read at `version`), with an optional comment.
pub async fn acknowledge(
    app: &App,
    actor: &Actor,
    id: i64,
    version: i64,
    comment: &str,
) -> Result<()> {
    let agency = actor.agency()?;
    let mut tx = app.db.begin().await?;
    let row = store::weekly_by_id(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (author, me, comment) = acknowledger(&mut tx, app, actor, row.employee_id, comment).await?;
    let comment = comment.as_deref();
    if !store::acknowledge_weekly(&mut tx, agency.0, id, version, me, comment, app.now()).await? {
        return Err(changed_meanwhile());
    }
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "report.weekly.acknowledge", "weekly_report", id)
                .in_unit(&author.unit_path)
                .after(&serde_json::json!({"comment": comment})),
        ],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}
