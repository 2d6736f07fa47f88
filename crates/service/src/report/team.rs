//! The supervisor's day: the direct reports' reports of one date on one page — people
//! with blocked items first, then those who have not reported, then the rest — and the
//! acknowledgement with an optional comment. Readers of a unit (admins, auditors, heads)
//! see a unit's people the same way, without acknowledging.

use super::{acknowledger, changed_meanwhile, today_of, views, ReportView};
use crate::schedule::{unit_param, Viewer, PAGE};
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::Message;
use fleksi_store::report as store;
use fleksi_store::schedule::{self as people, PersonRow};
use fleksi_store::{audit as audit_store, commit};
use jiff::civil::Date;

/// One person's line of the day.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Line {
    pub person: PersonRow,
    pub report: Option<ReportView>,
}

impl Line {
    pub fn blocked(&self) -> i64 {
        self.report.as_ref().map_or(0, |r| r.row.items_blocked)
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct TeamDay {
    pub date: Date,
    /// The unit shown, when a unit was asked for (else the actor's direct reports).
    pub unit_name: Option<String>,
    pub lines: Vec<Line>,
    pub reported: usize,
    /// The actor may acknowledge (direct reports only).
    pub can_acknowledge: bool,
}

/// The day `date` (today when empty) of the actor's direct reports, or of a unit's people
/// for its readers (`unit`: an id).
pub async fn day(app: &App, actor: &Actor, date: &str, unit: Option<&str>) -> Result<TeamDay> {
    let mut c = app.db.conn().await?;
    let viewer = Viewer::load(&mut c, actor).await?;
    let zone = viewer
        .me
        .as_ref()
        .map(|e| e.time_zone.clone())
        .unwrap_or_default();
    let today = today_of(app, &zone);
    let (persons, unit_name, can_ack) = match unit.filter(|u| !u.trim().is_empty()) {
        Some(raw) => {
            if !viewer.reads_any_unit(actor) {
                return Err(ServiceError::Forbidden);
            }
            let u = unit_param(&mut c, viewer.agency, raw, "unit").await?;
            if !viewer.reads_unit(actor, &u) {
                return Err(ServiceError::Forbidden);
            }
            let list = people::people_below(&mut c, viewer.agency.0, &u.path, None, PAGE).await?;
            (list, Some(u.name), false)
        }
        None => {
            let me = viewer.me.as_ref().ok_or(ServiceError::Forbidden)?;
            if !actor.access.is_supervisor {
                return Err(ServiceError::Forbidden);
            }
            let list = people::reports_of(&mut c, viewer.agency.0, me.id, PAGE).await?;
            (list, None, true)
        }
    };
    // A team day is a reading of the past too: any date up to today.
    let date = if date.trim().is_empty() {
        today
    } else {
        let d = fleksi_domain::calendar::parse_date(date)
            .map_err(|m| ServiceError::field("date", m))?;
        if d > today {
            return Err(ServiceError::field(
                "date",
                Message::text_of(
                    "tanggal yang akan datang belum memiliki laporan",
                    "a future date has no reports yet",
                ),
            ));
        }
        d
    };
    let ids: Vec<i64> = persons.iter().map(|p| p.id).collect();
    let rows = store::of_people_on(&mut c, viewer.agency.0, &ids, &date.to_string()).await?;
    let mut reports = views(&mut c, viewer.agency.0, rows).await?;
    let mut lines: Vec<Line> = persons
        .into_iter()
        .map(|person| {
            let at = reports.iter().position(|r| r.row.employee_id == person.id);
            Line {
                report: at.map(|i| reports.swap_remove(i)),
                person,
            }
        })
        .collect();
    // Blocked items first (most first), then who has not reported, then by name.
    lines.sort_by_key(|l| {
        (
            std::cmp::Reverse(l.blocked()),
            l.report.is_some(),
            l.person.name.clone(),
            l.person.id,
        )
    });
    let reported = lines.iter().filter(|l| l.report.is_some()).count();
    Ok(TeamDay {
        date,
        unit_name,
        lines,
        reported,
        can_acknowledge: can_ack,
    })
}

/// Acknowledges report `id` (read at `version`), with an optional comment.
pub async fn acknowledge(
    app: &App,
    actor: &Actor,
    id: i64,
    version: i64,
    comment: &str,
) -> Result<()> {
    let agency = actor.agency()?;
    let mut tx = app.db.begin().await?;
    let row = store::get(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (author, me, comment) = acknowledger(&mut tx, app, actor, row.employee_id, comment).await?;
    let comment = comment.as_deref();
    if !store::acknowledge(&mut tx, agency.0, id, version, me, comment, app.now()).await? {
        return Err(changed_meanwhile());
    }
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "report.acknowledge", "daily_report", id)
            .in_unit(&author.unit_path)
            .before(&serde_json::json!({"version": row.version, "acknowledged_at": row.acknowledged_at}))
            .after(&serde_json::json!({"comment": comment}))],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}
