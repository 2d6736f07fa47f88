//! A batch on SQLite, through the writer's directly driven connection
//! (`fleksi_store::native`): begin, every punch, the audit entries and the commit run on the
//! connection's thread in one hop, punch after punch, so no rounds are needed (a person's
//! second punch sees the first). What is written, and the conditions that decide races,
//! are those of the batch statements (see `fleksi_store::presence::native`).

use super::MAX_BATCH;
use super::{audit_entry, settle, settle_alone, week_delta, Change, Job, Outcome, Punch, Written};
use crate::batch::next_batch_blocking;
use fleksi_store::audit as audit_store;
use fleksi_store::native::{self as conn, Connection};
use fleksi_store::presence::native as store;
use fleksi_store::{Db, StoreError};
use tokio::runtime::Handle;
use tokio::sync::mpsc;

/// The writer's loop on the connection's thread: each batch queued while the last one was
/// written, in one transaction, then its callers answered.
pub(super) fn serve(c: &mut Connection, mut rx: mpsc::Receiver<Job>, db: Db, runtime: Handle) {
    while let Some(jobs) = next_batch_blocking(&mut rx, MAX_BATCH) {
        let punches: Vec<&Punch> = jobs.iter().map(|j| &j.punch).collect();
        let written = write_all(c, &db, &runtime, &punches);
        for job in settle(jobs, written) {
            let alone = write_all(c, &db, &runtime, &[&job.punch]);
            settle_alone(job, alone);
        }
    }
}

/// One transaction for all `punches`, in order; an outcome for each.
fn write_all(
    c: &mut Connection,
    db: &Db,
    runtime: &Handle,
    punches: &[&Punch],
) -> Result<Vec<Outcome>, StoreError> {
    let started = std::time::Instant::now();
    // This process's turn first, as every writer of it takes (see `Db::begin`).
    let turn = runtime.block_on(db.write_turn())?;
    let outcomes = conn::transaction(c, |c| punches.iter().map(|p| write_one(c, p)).collect());
    drop(turn);
    tracing::debug!(
        punches = punches.len(),
        ms = started.elapsed().as_secs_f64() * 1000.0,
        "presence batch committed (native)"
    );
    outcomes
}

/// One punch inside the batch's transaction.
fn write_one(c: &Connection, p: &Punch) -> Result<Outcome, StoreError> {
    let Some(event_id) = store::insert_event(c, &p.event)? else {
        return Ok(Outcome::Replay);
    };
    let day = match &p.change {
        Change::CheckIn(d) => store::check_in_day(c, d, p.now)?,
        Change::CheckOut(d, _) => store::check_out_day(c, d, p.now)?,
    };
    let Some(day) = day else {
        // The day changed since it was read: the event is taken back, the caller reads again.
        store::delete_event(c, event_id)?;
        return Ok(Outcome::Stale);
    };
    let week = store::add_to_week(c, &week_delta(p, &day), p.now)?;
    audit_store::append_native(c, &audit_entry(p, event_id, &day))?;
    Ok(Outcome::Written(Box::new(Written {
        event_id,
        day,
        week,
    })))
}
