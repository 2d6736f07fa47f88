//! The group-commit writer of daily reports (see [`crate::batch`]): each report is
//! written over the version its request read — a new one only if none exists, a
//! replacement only if nobody wrote or acknowledged it since — with its items, its
//! evidence file, the running totals of the author's day and unit, and its audit entry.

use crate::batch::{Applied, Batcher};
use crate::evidence::{clean_name, sniff, Upload};
use fleksi_store::audit::{self as audit_store, NewEntry};
use fleksi_store::dashboard::{self, Delta, PersonDay, UnitDelta};
use fleksi_store::report::{self as store, NewReport};
use fleksi_store::{commit, flex_request, Db, Millis, StoreError};

/// A report checked by its request, ready to write.
#[derive(Debug, Clone)]
pub struct ReportWrite {
    /// The report read by the request (id and version), or None for a new one.
    pub existing: Option<(i64, i64)>,
    pub report: NewReport,
    pub upload: Option<Upload>,
    pub uploader: Option<i64>,
    pub day: PersonDay,
    pub delta: Delta,
    /// Completed with the report's id once written.
    pub audit: NewEntry,
    pub now: Millis,
}

/// How a report write ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Written(i64),
    /// Someone wrote (or acknowledged) the report after the request read it: nothing was
    /// written; read and check again.
    Stale,
}

pub type Writer = Batcher<ReportWrite, Outcome>;

pub fn writer() -> Writer {
    Batcher::new("report", apply)
}

fn apply<'a>(db: &'a Db, jobs: &'a [ReportWrite]) -> Applied<'a, Outcome> {
    Box::pin(write_all(db, jobs))
}

async fn write_all(db: &Db, jobs: &[ReportWrite]) -> Result<Vec<Outcome>, StoreError> {
    // People in a steady order, so that two batches (or a batch and the end-of-day job)
    // take the rows of one person's day in the same order on PostgreSQL.
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| (jobs[i].report.employee_id, i));
    let mut tx = db.begin().await?;
    let mut outcomes = vec![Outcome::Stale; jobs.len()];
    let mut units: Vec<UnitDelta> = Vec::new();
    let mut audits = Vec::with_capacity(jobs.len());
    let now = jobs.iter().map(|j| j.now).max().unwrap_or(0);
    for i in order {
        let j = &jobs[i];
        let id = match j.existing {
            None => store::insert(&mut tx, &j.report, j.now).await?,
            Some((id, version)) => store::replace(&mut tx, id, version, &j.report, j.now)
                .await?
                .then_some(id),
        };
        let Some(id) = id else {
            continue;
        };
        if let Some(u) = &j.upload {
            let kind = sniff(&u.bytes).unwrap_or("application/octet-stream");
            let file = flex_request::insert_evidence(
                &mut tx,
                j.report.agency_id,
                &clean_name(&u.name),
                kind,
                &u.bytes,
                j.uploader,
                j.now,
            )
            .await?;
            store::set_evidence(&mut tx, j.report.agency_id, id, file).await?;
        }
        units.push(dashboard::add_to_person_day(&mut tx, &j.day, &j.delta, j.now).await?);
        let mut entry = j.audit.clone();
        entry.record_id = id.to_string();
        audits.push(entry);
        outcomes[i] = Outcome::Written(id);
    }
    units.sort_by(|a, b| (a.unit_id, &a.date, &a.place).cmp(&(b.unit_id, &b.date, &b.place)));
    dashboard::add_to_unit_days(&mut tx, &units, now).await?;
    audit_store::append(&mut tx, &audits).await?;
    commit(tx).await?;
    Ok(outcomes)
}
