//! A batch on SQLite, through the writer's directly driven connection
//! (`fleksi_store::native`): begin, every punch, the audit entries and the commit run on the
//! connection's thread in one hop, punch after punch, so no rounds are needed (a person's
//! second punch sees the first). What is written, and the conditions that decide races,
//! are those of the batch statements (see `fleksi_store::presence::native`).

use super::{audit_entry, week_delta, Change, Outcome, Punch, Written};
use fleksi_store::audit as audit_store;
use fleksi_store::native::{Connection, Native};
use fleksi_store::presence::native as store;
use fleksi_store::{Db, StoreError};

/// One transaction for all `punches`, in order; an outcome for each.
pub(super) async fn write_all(
    db: &Db,
    native: &Native,
    punches: &[&Punch],
) -> Result<Vec<Outcome>, StoreError> {
    let started = std::time::Instant::now();
    // The closure outlives this call's borrows: it runs on the connection's thread.
    let punches: Vec<Punch> = punches.iter().map(|&p| p.clone()).collect();
    let count = punches.len();
    // This process's turn first, as every writer of it takes (see `Db::begin`).
    let turn = db.write_turn().await?;
    let outcomes = native
        .transaction(move |c| punches.iter().map(|p| write_one(c, p)).collect())
        .await;
    drop(turn);
    tracing::debug!(
        punches = count,
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
