//! Daily and weekly reports (*progres harian*, required nationally from 2026; issue 5).
//! Each employee writes a few items a day — done, in progress or blocked with what is
//! needed — optionally linked to one of their tasks or SKP results; the supervisor reads
//! the team's day on one page, blocked items first, and acknowledges or comments. A
//! weekly report compiles the week's dailies with the employee's reflection.
//!
//! Who may do what: a report is written by its author only (there is no field naming
//! anyone else); it is read by its author, their direct supervisor (or the official acting
//! for them), and the readers of the author's unit (admins of the subtree, auditors in
//! scope, the head of the unit or one above); the direct supervisor or acting official
//! acknowledges. Other agencies' reports are "not found".
//!
//! - [`submit`]: writing the day's report, through the group-commit [`writer`].
//! - [`team`]: the supervisor's view of a day and the acknowledgement.
//! - [`weekly`]: the week compiled, the reflection, and the team's weekly reports.

pub mod submit;
pub mod team;
pub mod weekly;
pub mod writer;

use crate::schedule::Viewer;
use crate::{Actor, App, Result, ServiceError};
use fleksi_domain::calendar::parse_date;
use fleksi_domain::performance::WorkPlace;
use fleksi_domain::timezone::Zone;
use fleksi_domain::Message;
use fleksi_store::employee::{self, EmployeeRow};
use fleksi_store::report::{self as store, ItemRow, ReportRow};
use fleksi_store::{org, presence, Conn};
use jiff::civil::Date;
use std::collections::BTreeMap;

pub use writer::Writer;

/// Reports may be written for today and this many days back (a late report is flagged).
pub const MAX_DAYS_BACK: i64 = 7;

/// A report with its items.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReportView {
    pub row: ReportRow,
    pub items: Vec<ItemRow>,
}

/// Today in the zone of a unit.
pub(crate) fn today_of(app: &App, time_zone: &str) -> Date {
    let zone = Zone::parse(time_zone).unwrap_or_default();
    app.clock.now().to_zoned(zone.tz()).date()
}

/// The date a report is for: empty is today; never in the future, at most
/// `MAX_DAYS_BACK` days back.
pub(crate) fn report_date(raw: &str, today: Date) -> Result<Date> {
    if raw.trim().is_empty() {
        return Ok(today);
    }
    let date = parse_date(raw).map_err(|m| ServiceError::field("date", m))?;
    if date > today {
        return Err(ServiceError::field(
            "date",
            Message::text_of(
                "laporan harian tidak dapat diisi untuk tanggal yang akan datang",
                "a daily report cannot be written for a future date",
            ),
        ));
    }
    let oldest = today
        .checked_sub(jiff::Span::new().days(MAX_DAYS_BACK))
        .unwrap_or(today);
    if date < oldest {
        return Err(ServiceError::field(
            "date",
            Message::text_of(
                format!("laporan harian hanya dapat diisi untuk {MAX_DAYS_BACK} hari terakhir"),
                format!("daily reports can be written for the last {MAX_DAYS_BACK} days only"),
            ),
        ));
    }
    Ok(date)
}

/// Where the person worked on `date`: their approved plan's place, else the office.
pub(crate) async fn place_of(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    date: &str,
) -> Result<WorkPlace> {
    let plan = presence::plan_of_day(c, agency, employee, date).await?;
    let location = plan
        .as_ref()
        .filter(|p| p.status == "approved")
        .map(|p| p.location.as_str());
    Ok(WorkPlace::of_location(location).unwrap_or(WorkPlace::Office))
}

/// Reports with their items, in one query for the items.
pub(crate) async fn views(
    c: &mut Conn,
    agency: i64,
    rows: Vec<ReportRow>,
) -> Result<Vec<ReportView>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut items: BTreeMap<i64, Vec<ItemRow>> = BTreeMap::new();
    for i in store::items_of(c, agency, &ids).await? {
        items.entry(i.report_id).or_default().push(i);
    }
    Ok(rows
        .into_iter()
        .map(|row| ReportView {
            items: items.remove(&row.id).unwrap_or_default(),
            row,
        })
        .collect())
}

/// How the reader stands to a report's author.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    Author,
    /// The direct supervisor, or the official acting for them on the day: may acknowledge.
    Supervisor,
    /// Reads the author's unit (admin, auditor, head above): reads only.
    Reader,
}

/// What the actor may do with the reports of `author` on `date`, or Forbidden.
pub(crate) async fn standing(
    c: &mut Conn,
    actor: &Actor,
    author: &EmployeeRow,
    date: &str,
) -> Result<Standing> {
    let viewer = Viewer::load(c, actor).await?;
    let me = viewer.me.as_ref().map(|e| e.id);
    if me == Some(author.id) {
        return Ok(Standing::Author);
    }
    if let (Some(me), Some(sup)) = (me, author.supervisor_id) {
        if me == sup || presence::acts_for(c, viewer.agency.0, me, sup, date).await? {
            return Ok(Standing::Supervisor);
        }
    }
    let unit = org::get_unit(c, viewer.agency.0, author.unit_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if viewer.reads_unit(actor, &unit) {
        return Ok(Standing::Reader);
    }
    Err(ServiceError::Forbidden)
}

/// The longest comment on a report.
pub const MAX_COMMENT: usize = 1000;

/// Who acknowledges a report of `author`: their direct supervisor or the official acting
/// for them today, nobody else; the comment trimmed (None when empty) and checked.
pub(crate) async fn acknowledger(
    c: &mut Conn,
    app: &App,
    actor: &Actor,
    author: i64,
    comment: &str,
) -> Result<(EmployeeRow, i64, Option<String>)> {
    let agency = actor.agency()?;
    let author = employee::get(c, agency.0, author)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let today = today_of(app, &author.time_zone).to_string();
    if standing(c, actor, &author, &today).await? != Standing::Supervisor {
        return Err(ServiceError::Forbidden);
    }
    let comment = comment.trim();
    if comment.chars().count() > MAX_COMMENT {
        return Err(ServiceError::field(
            "comment",
            Message::TooLong { max: MAX_COMMENT },
        ));
    }
    let me = actor.access.employee_id.ok_or(ServiceError::Forbidden)?;
    Ok((
        author,
        me.0,
        (!comment.is_empty()).then(|| comment.to_string()),
    ))
}

/// The refusal when a report changed between reading and acknowledging.
pub(crate) fn changed_meanwhile() -> ServiceError {
    ServiceError::Conflict(fleksi_domain::FieldError::new(
        "version",
        Message::text_of(
            "laporan ini baru saja diubah; muat ulang halaman lalu tanggapi lagi",
            "this report just changed; reload the page and acknowledge again",
        ),
    ))
}

/// One report by id, for whoever may read it.
pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<(ReportView, EmployeeRow, bool)> {
    let agency = actor.agency()?;
    let mut c = app.db.conn().await?;
    let row = store::get(&mut c, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let author = employee::get(&mut c, agency.0, row.employee_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let s = standing(&mut c, actor, &author, &row.date).await?;
    let mut v = views(&mut c, agency.0, vec![row]).await?;
    let view = v.pop().ok_or(ServiceError::NotFound)?;
    Ok((view, author, s == Standing::Supervisor))
}

/// My report of `date` (today when empty) and my reports of the last two weeks.
pub async fn mine(app: &App, actor: &Actor, date: &str) -> Result<Mine> {
    let mut c = app.db.conn().await?;
    let (agency, me) = crate::task::me(&mut c, actor).await?;
    let today = today_of(app, &me.time_zone);
    let date = report_date(date, today)?;
    let from = today
        .checked_sub(jiff::Span::new().days(13))
        .unwrap_or(today);
    let rows = store::of_employee(
        &mut c,
        agency.0,
        me.id,
        &from.to_string(),
        &today.to_string(),
    )
    .await?;
    let mut recent = views(&mut c, agency.0, rows).await?;
    recent.reverse();
    let current = match recent.iter().find(|r| r.row.date == date.to_string()) {
        Some(r) => Some(r.clone()),
        None => match store::by_date(&mut c, agency.0, me.id, &date.to_string()).await? {
            Some(row) => views(&mut c, agency.0, vec![row]).await?.pop(),
            None => None,
        },
    };
    let tasks = fleksi_store::task::open_for_assignee(&mut c, agency.0, me.id, 50)
        .await?
        .into_iter()
        .map(|t| (t.id, t.title))
        .collect();
    let results = crate::skp::own_results(&mut c, agency.0, me.id, i64::from(date.year())).await?;
    Ok(Mine {
        me,
        today,
        date,
        current,
        recent,
        tasks,
        results,
    })
}

/// What the report page of an employee shows.
#[derive(Debug, Clone)]
pub struct Mine {
    pub me: EmployeeRow,
    pub today: Date,
    pub date: Date,
    pub current: Option<ReportView>,
    pub recent: Vec<ReportView>,
    /// My open tasks, to link items to: (id, title).
    pub tasks: Vec<(i64, String)>,
    /// The results of my SKP of the date's year: (id, text).
    pub results: Vec<(i64, String)>,
}

/// A report's evidence file, for whoever may read the report.
pub async fn evidence(
    app: &App,
    actor: &Actor,
    id: i64,
) -> Result<(fleksi_store::flex_request::EvidenceMeta, Vec<u8>)> {
    let (view, _, _) = get(app, actor, id).await?;
    let file = view.row.evidence_file_id.ok_or(ServiceError::NotFound)?;
    crate::evidence::read(app, view.row.agency_id, file).await
}
