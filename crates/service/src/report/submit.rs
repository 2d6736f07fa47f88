//! Writing the day's report: the items checked by the domain, each link checked against
//! the author's own tasks and SKP results, the evidence checked by its content; then the
//! report, its items and the running totals go through the group-commit writer. A report
//! may be replaced until the supervisor acknowledges it.

use super::writer::{Outcome, ReportWrite};
use super::{place_of, report_date, today_of, views, ReportView};
use crate::evidence::{check_upload, own_file, Upload};
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::performance::{check_items, ItemInput, ItemStatus, ReportItem};
use fleksi_domain::plan::parse_link;
use fleksi_domain::{FieldError, Message};
use fleksi_store::dashboard::{Delta, PersonDay};
use fleksi_store::report::{self as store, NewItem, NewReport};

/// A report as the form or the API sends it.
#[derive(Debug, Clone, Default)]
pub struct ReportInput {
    /// `YYYY-MM-DD`; empty is today.
    pub date: String,
    pub items: Vec<ItemInput>,
    pub evidence_link: String,
    /// A file sent with the report.
    pub upload: Option<Upload>,
    /// Or an earlier upload of the author's own.
    pub evidence_file_id: Option<i64>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Submitted {
    pub id: i64,
    pub date: String,
    /// A new report (false: the day's report was replaced).
    pub created: bool,
    /// The report as written (read back by its id: it is the author's own).
    pub view: ReportView,
}

/// How many times a report is read and written again when someone else wrote it first.
const ATTEMPTS: usize = 3;

fn counts(items: &[ReportItem]) -> (i64, i64, i64) {
    let n = |s: ItemStatus| items.iter().filter(|i| i.status == s).count() as i64;
    (
        n(ItemStatus::Done),
        n(ItemStatus::InProgress),
        n(ItemStatus::Blocked),
    )
}

/// Writes the actor's report for the date.
pub async fn submit(app: &App, actor: &Actor, input: ReportInput) -> Result<Submitted> {
    // Permission first: only an employee writes, and only their own report. Their unit and
    // its time zone came with the session.
    let agency = actor.agency()?;
    let home = actor.home.as_ref().ok_or(ServiceError::Forbidden)?;
    let me = home.employee_id.0;
    let mut c = app.db.conn().await?;
    let today = today_of(app, &home.time_zone);
    let date = report_date(&input.date, today)?;
    let items = check_items(&input.items).map_err(ServiceError::Invalid)?;
    let mut errors = Vec::new();
    // Links point to the author's own tasks and results; the field names count the rows as
    // the form sent them, blank rows included.
    let tasks: Vec<i64> = input.items.iter().filter_map(|i| i.task_id).collect();
    let own = store::own_tasks(&mut c, agency.0, me, &tasks).await?;
    // The SKP's results are read only when an item links one.
    let results = if input.items.iter().any(|i| i.result_id.is_some()) {
        crate::skp::own_results(&mut c, agency.0, me, i64::from(date.year())).await?
    } else {
        vec![]
    };
    for (i, item) in input.items.iter().enumerate() {
        if item.task_id.is_some_and(|t| !own.contains(&t)) {
            errors.push(FieldError::new(
                format!("items[{i}].task_id"),
                Message::text_of(
                    "tugas yang ditautkan bukan tugas Anda",
                    "the linked task is not one of your tasks",
                ),
            ));
        }
        if item
            .result_id
            .is_some_and(|r| !results.iter().any(|(id, _)| *id == r))
        {
            errors.push(FieldError::new(
                format!("items[{i}].result_id"),
                Message::text_of(
                    "hasil kerja yang ditautkan bukan bagian dari SKP Anda tahun ini",
                    "the linked result is not in your SKP of this year",
                ),
            ));
        }
    }
    let link = parse_link(&input.evidence_link)
        .map_err(|m| errors.push(FieldError::new("evidence_link", m)))
        .ok()
        .flatten();
    if let Some(u) = &input.upload {
        if let Err(ServiceError::Invalid(mut e)) = check_upload(u, "evidence_file") {
            errors.append(&mut e);
        }
    }
    let chosen_file = match input.evidence_file_id {
        Some(id) => match own_file(&mut c, actor, agency.0, id, "evidence_file_id").await {
            Ok(id) => Some(id),
            Err(ServiceError::Invalid(mut e)) => {
                errors.append(&mut e);
                None
            }
            Err(e) => return Err(e),
        },
        None => None,
    };
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let (done, in_progress, blocked) = counts(&items);
    let date_s = date.to_string();
    let new_items: Vec<NewItem> = items
        .iter()
        .map(|i| NewItem {
            text: i.text.clone(),
            status: i.status.code().to_string(),
            needs: i.needs.clone(),
            task_id: i.task_id,
            result_id: i.result_id,
        })
        .collect();
    for _ in 0..ATTEMPTS {
        let existing = store::by_date(&mut c, agency.0, me, &date_s).await?;
        if existing
            .as_ref()
            .is_some_and(|r| r.acknowledged_at.is_some())
        {
            return Err(ServiceError::field(
                "date",
                Message::text_of(
                    "laporan hari ini sudah ditanggapi atasan dan tidak dapat diubah lagi",
                    "this day's report has been acknowledged by the supervisor and can no longer change",
                ),
            ));
        }
        let before = match &existing {
            Some(r) => Some((r, store::items_of(&mut c, agency.0, &[r.id]).await?)),
            None => None,
        };
        let place = place_of(&mut c, agency.0, me, &date_s).await?;
        let report = NewReport {
            agency_id: agency.0,
            employee_id: me,
            date: date_s.clone(),
            unit_id: home.unit_id.0,
            place: place.code().to_string(),
            items_done: done,
            items_in_progress: in_progress,
            items_blocked: blocked,
            evidence_link: link.clone(),
            // A replacement without a new file keeps the one it had.
            evidence_file_id: chosen_file
                .or_else(|| existing.as_ref().and_then(|r| r.evidence_file_id)),
            late: date < today,
            items: new_items.clone(),
        };
        let (old_done, old_blocked, old_items) = existing
            .as_ref()
            .map(|r| (r.items_done, r.items_blocked, r.items()))
            .unwrap_or((0, 0, 0));
        let delta = Delta {
            reported: i64::from(existing.is_none()),
            items: done + in_progress + blocked - old_items,
            items_done: done - old_done,
            items_blocked: blocked - old_blocked,
            ..Delta::default()
        };
        let action = if existing.is_some() {
            "report.replace"
        } else {
            "report.submit"
        };
        let entry = audit::event(app, actor, action, "daily_report", 0)
            .in_unit(home.unit_path.as_str())
            .before_opt(
                before
                    .as_ref()
                    .map(|(r, items)| serde_json::json!({"report": r, "items": items}))
                    .as_ref(),
            )
            .after(&report);
        let write = ReportWrite {
            existing: existing.as_ref().map(|r| (r.id, r.version)),
            report,
            upload: input.upload.clone(),
            uploader: actor.audit_user(),
            day: PersonDay {
                agency_id: agency.0,
                employee_id: me,
                date: date_s.clone(),
                unit_id: home.unit_id.0,
                place: place.code().to_string(),
            },
            delta,
            audit: entry,
            now: app.now(),
        };
        // The connection goes back to the pool while the batch is written: the writer needs
        // one, and waiting requests must not hold them all.
        drop(c);
        match app.reports.submit(&app.db, write).await? {
            Outcome::Written(id) => {
                let mut c = app.db.conn().await?;
                let row = store::get(&mut c, agency.0, id)
                    .await?
                    .ok_or(ServiceError::NotFound)?;
                let view = views(&mut c, agency.0, vec![row])
                    .await?
                    .pop()
                    .ok_or(ServiceError::NotFound)?;
                return Ok(Submitted {
                    id,
                    date: date_s,
                    created: existing.is_none(),
                    view,
                });
            }
            Outcome::Stale => c = app.db.conn().await?,
        }
    }
    Err(ServiceError::Conflict(FieldError::new(
        "date",
        Message::text_of(
            "laporan hari ini baru saja diubah di tempat lain; muat ulang lalu kirim lagi",
            "this day's report was just changed elsewhere; reload and send again",
        ),
    )))
}
