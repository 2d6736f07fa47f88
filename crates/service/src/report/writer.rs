//! The group-commit writer of daily reports (see [`crate::batch`]): each report is
//! written over the version its request read — a new one only if none exists, a
//! replacement only if nobody wrote or acknowledged it since — with its items, its
//! evidence file, the running totals of the author's day and unit, and its audit entry.

use crate::batch::{Applied, Batcher};
use crate::evidence::{clean_name, sniff, Upload};
use fleksi_store::audit::{self as audit_store, NewEntry};
use fleksi_store::dashboard::{self, Delta, PersonDay, UnitDelta};
use fleksi_store::report::{self as store, NewItem, NewReport};
use fleksi_store::{commit, flex_request, Db, Millis, StoreError};
use std::collections::HashMap;

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
    let mut tx = db.begin().await?;
    let mut outcomes = vec![Outcome::Stale; jobs.len()];
    let now = jobs.iter().map(|j| j.now).max().unwrap_or(0);
    // New reports: one statement for all of them; a day already taken is stale. Within
    // the batch, the first report of a person's day wins (the same rule as across batches).
    // People in a steady order, so that two batches (or a batch and the end-of-day job)
    // take the rows of people's days in the same order on PostgreSQL.
    let mut new: Vec<usize> = (0..jobs.len())
        .filter(|&i| jobs[i].existing.is_none())
        .collect();
    new.sort_by_key(|&i| (jobs[i].report.employee_id, i));
    let reports: Vec<&NewReport> = new.iter().map(|&i| &jobs[i].report).collect();
    let mut ids: HashMap<(i64, String), i64> = store::insert_many(&mut tx, &reports, now)
        .await?
        .into_iter()
        .map(|(e, d, id)| ((e, d), id))
        .collect();
    for &i in &new {
        let r = &jobs[i].report;
        if let Some(id) = ids.remove(&(r.employee_id, r.date.clone())) {
            outcomes[i] = Outcome::Written(id);
        }
    }
    // Replacements are rare (one per correction of a day): each over the version read.
    for (i, j) in jobs.iter().enumerate() {
        if let Some((id, version)) = j.existing {
            if store::replace(&mut tx, id, version, &j.report, j.now).await? {
                outcomes[i] = Outcome::Written(id);
            }
        }
    }
    let written: Vec<(usize, i64)> = outcomes
        .iter()
        .enumerate()
        .filter_map(|(i, o)| match o {
            Outcome::Written(id) => Some((i, *id)),
            Outcome::Stale => None,
        })
        .collect();
    let items: Vec<(i64, &[NewItem])> = written
        .iter()
        .filter(|(i, _)| jobs[*i].existing.is_none())
        .map(|(i, id)| (*id, jobs[*i].report.items.as_slice()))
        .collect();
    if let Some(agency) = jobs.first().map(|j| j.report.agency_id) {
        store::insert_items_many(&mut tx, agency, &items).await?;
    }
    for (i, id) in &written {
        let j = &jobs[*i];
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
            store::set_evidence(&mut tx, j.report.agency_id, *id, file).await?;
        }
    }
    // The running totals: each person's day once per statement, in rounds when a day comes
    // twice (a report and its replacement in one batch), then the units' days summed.
    let mut units: Vec<UnitDelta> = Vec::new();
    let mut pending: Vec<usize> = written.iter().map(|(i, _)| *i).collect();
    while !pending.is_empty() {
        let mut seen = std::collections::HashSet::new();
        let (mut round, later): (Vec<usize>, Vec<usize>) = pending
            .into_iter()
            .partition(|&i| seen.insert((jobs[i].day.employee_id, jobs[i].day.date.clone())));
        round.sort_by(|&a, &b| {
            (jobs[a].day.employee_id, &jobs[a].day.date)
                .cmp(&(jobs[b].day.employee_id, &jobs[b].day.date))
        });
        let days: Vec<(&PersonDay, &Delta)> = round
            .iter()
            .map(|&i| (&jobs[i].day, &jobs[i].delta))
            .collect();
        units.extend(dashboard::add_to_person_days(&mut tx, &days, now).await?);
        pending = later;
    }
    units.sort_by(|a, b| (a.unit_id, &a.date, &a.place).cmp(&(b.unit_id, &b.date, &b.place)));
    dashboard::add_to_unit_days(&mut tx, &units, now).await?;
    let audits: Vec<NewEntry> = written
        .iter()
        .map(|(i, id)| {
            let mut entry = jobs[*i].audit.clone();
            entry.record_id = id.to_string();
            entry
        })
        .collect();
    audit_store::append(&mut tx, &audits).await?;
    commit(tx).await?;
    Ok(outcomes)
}
