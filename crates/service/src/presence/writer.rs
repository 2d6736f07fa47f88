//! The group-commit writer of punches (DESIGN.md, "Speed is designed in"). Requests read
//! and check everything first, then hand a ready-made punch to the one writer task of the
//! `App`. The writer takes everything queued (up to `MAX_BATCH`), writes it in ONE
//! transaction — the events (idempotent on the client key), the days' and the weeks'
//! running totals and the audit entries, each kind of row for the whole batch in one
//! statement — commits, and only then answers each caller.
//!
//! One durable commit (one fsync) carries a whole batch, so throughput grows with load
//! instead of every request waiting on its own disk flush. When a batch fails, each punch
//! is tried again alone, so one bad punch cannot sink the others and nobody is told
//! "done" for something that was not committed. Conditions inside the statements (not a
//! lock in this process) decide races, so several app processes on one PostgreSQL agree.

use crate::batch::next_batch;
use crate::{Result, ServiceError};
use fleksi_store::audit::{self as audit_store, NewEntry};
use fleksi_store::presence::{
    self as store, CheckInDay, CheckOutDay, DayRow, NewEvent, WeekDelta, WeekRow,
};
use fleksi_store::{Conn, Db, Millis, StoreError};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use tokio::sync::{mpsc, oneshot};

mod native;
#[cfg(test)]
mod tests;

/// The most punches one transaction carries.
pub const MAX_BATCH: usize = 256;
/// Punches waiting beyond this make callers wait to queue (back-pressure).
const QUEUE: usize = 4096;

/// The handle every clone of an `App` shares; the task starts with the first punch (inside
/// the runtime serving requests) and ends when the last `App` clone is dropped.
#[derive(Clone, Default)]
pub struct Writer(Arc<OnceLock<mpsc::Sender<Job>>>);

/// What the day needs besides its event.
#[derive(Debug, Clone)]
pub(crate) enum Change {
    CheckIn(CheckInDay),
    /// The day's new state, and the effective minutes it had when it was read.
    CheckOut(CheckOutDay, i64),
}

/// A punch checked and computed by the request, ready to write.
#[derive(Debug, Clone)]
pub(crate) struct Punch {
    pub event: NewEvent,
    pub change: Change,
    pub week: String,
    pub required_week_minutes: i64,
    /// The audit entry, completed with the event id and the day once written.
    pub audit: NewEntry,
    pub now: Millis,
}

/// A punch as written: its event id and the day and week after it.
#[derive(Debug)]
pub(crate) struct Written {
    pub event_id: i64,
    pub day: DayRow,
    pub week: WeekRow,
}

/// How a punch ended.
#[derive(Debug)]
pub(crate) enum Outcome {
    Written(Box<Written>),
    /// The client key was used before (maybe earlier in the same batch): answer with the
    /// first punch.
    Replay,
    /// The day changed between the request's read and the write (a punch from another
    /// request or process, or a correction): nothing was written; read and check again.
    Stale,
}

pub(crate) struct Job {
    punch: Punch,
    reply: oneshot::Sender<Result<Outcome>>,
}

impl Writer {
    /// Queues a punch and waits until its batch is committed (or has failed).
    pub(crate) async fn submit(&self, db: &Db, punch: Punch) -> Result<Outcome> {
        let tx = self.0.get_or_init(|| {
            let (tx, rx) = mpsc::channel(QUEUE);
            tokio::spawn(run(db.clone(), rx));
            tx
        });
        let (reply, answer) = oneshot::channel();
        tx.send(Job { punch, reply })
            .await
            .map_err(|_| ServiceError::Internal("presence writer stopped".into()))?;
        answer
            .await
            .map_err(|_| ServiceError::Internal("presence writer dropped a punch".into()))?
    }
}

/// The writer's task. On SQLite the thread of a connection driven directly takes the queue
/// over: a whole batch is written there, begin to commit, and the next one is taken at
/// once, with no hop through the async runtime (see `native`). Elsewhere the task writes
/// on a sqlx connection of its own (see `Db::dedicated`), a handful of round trips per
/// batch, opened again after an error (it may be what broke).
async fn run(db: Db, mut rx: mpsc::Receiver<Job>) {
    match db.native().await {
        Ok(Some(n)) => {
            let runtime = tokio::runtime::Handle::current();
            return n.serve(move |c| native::serve(c, rx, db, runtime));
        }
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "no direct connection; punches go through sqlx"),
    }
    let mut conn: Option<Conn> = None;
    while let Some(jobs) = next_batch(&mut rx, MAX_BATCH).await {
        let punches: Vec<&Punch> = jobs.iter().map(|j| &j.punch).collect();
        let written = apply(&db, &mut conn, &punches).await;
        for job in settle(jobs, written) {
            let alone = apply(&db, &mut conn, &[&job.punch]).await;
            settle_alone(job, alone);
        }
    }
}

/// Answers the callers of a batch written in one transaction. When it failed, the jobs
/// come back to be tried each alone, so one bad punch cannot sink the others and nobody is
/// told "done" for something that was not committed.
fn settle(jobs: Vec<Job>, written: std::result::Result<Vec<Outcome>, StoreError>) -> Vec<Job> {
    match written {
        Ok(outcomes) => {
            for (job, outcome) in jobs.into_iter().zip(outcomes) {
                let _ = job.reply.send(Ok(outcome));
            }
            Vec::new()
        }
        Err(e) if jobs.len() == 1 => {
            if let Some(job) = jobs.into_iter().next() {
                let _ = job.reply.send(Err(e.into()));
            }
            Vec::new()
        }
        Err(e) => {
            tracing::warn!(error = %e, punches = jobs.len(), "presence batch failed; writing each alone");
            jobs
        }
    }
}

/// Answers the caller of a punch tried alone.
fn settle_alone(job: Job, written: std::result::Result<Vec<Outcome>, StoreError>) {
    let _ = job
        .reply
        .send(written.map(|mut o| o.remove(0)).map_err(Into::into));
}

/// The batch written on the task's sqlx connection, opened first if there is none; after
/// an error the connection is let go and the next batch opens another.
async fn apply(
    db: &Db,
    conn: &mut Option<Conn>,
    punches: &[&Punch],
) -> std::result::Result<Vec<Outcome>, StoreError> {
    let c = match conn {
        Some(c) => c,
        None => conn.insert(db.dedicated().await?),
    };
    let written = write_all(db, c, punches).await;
    if written.is_err() {
        *conn = None;
    }
    written
}

/// One transaction for all `punches`, in order; an outcome for each. The punches go in
/// rounds in which each person appears once (a person's second punch in a batch goes in
/// the second round, after the first is written), each round a handful of multi-row
/// statements.
async fn write_all(
    db: &Db,
    conn: &mut Conn,
    punches: &[&Punch],
) -> std::result::Result<Vec<Outcome>, StoreError> {
    let started = std::time::Instant::now();
    let mut tx = db.begin_on(conn).await?;
    let mut outcomes: Vec<Option<Outcome>> = punches.iter().map(|_| None).collect();
    let mut audits = Vec::with_capacity(punches.len());
    for round in rounds(punches) {
        write_round(&mut tx, punches, &round, &mut outcomes, &mut audits).await?;
    }
    audit_store::append(&mut tx, &audits).await?;
    tx.commit().await?;
    tracing::debug!(
        punches = punches.len(),
        written = audits.len(),
        ms = started.elapsed().as_secs_f64() * 1000.0,
        "presence batch committed"
    );
    // Every punch is in exactly one round, and every round gives each of its punches an
    // outcome; `Stale` (read again) is the safe answer should that ever not hold.
    Ok(outcomes
        .into_iter()
        .map(|o| o.unwrap_or(Outcome::Stale))
        .collect())
}

/// The punches' positions split so that each person appears at most once per round, a
/// person's punches in the order they came.
fn rounds(punches: &[&Punch]) -> Vec<Vec<usize>> {
    let mut seen: HashMap<i64, usize> = HashMap::with_capacity(punches.len());
    let mut rounds: Vec<Vec<usize>> = Vec::new();
    for (i, p) in punches.iter().enumerate() {
        let n = seen.entry(p.event.employee_id).or_insert(0);
        if rounds.len() <= *n {
            rounds.push(Vec::new());
        }
        rounds[*n].push(i);
        *n += 1;
    }
    rounds
}

async fn write_round(
    tx: &mut Conn,
    punches: &[&Punch],
    round: &[usize],
    outcomes: &mut [Option<Outcome>],
    audits: &mut Vec<NewEntry>,
) -> std::result::Result<(), StoreError> {
    // The events first: a key seen before means a retry, and nothing else is written for it.
    let events: Vec<&NewEvent> = round.iter().map(|&i| &punches[i].event).collect();
    let recorded: HashMap<i64, i64> = store::insert_events(tx, &events)
        .await?
        .into_iter()
        .map(|r| (r.employee_id, r.id))
        .collect();
    let now = round.iter().map(|&i| punches[i].now).max().unwrap_or(0);
    let (mut opens, mut closes) = (Vec::new(), Vec::new());
    for &i in round {
        let p = punches[i];
        if !recorded.contains_key(&p.event.employee_id) {
            outcomes[i] = Some(Outcome::Replay);
            continue;
        }
        match &p.change {
            Change::CheckIn(d) => opens.push(d),
            Change::CheckOut(d, _) => closes.push(d),
        }
    }
    let mut days: HashMap<i64, DayRow> = HashMap::with_capacity(round.len());
    for day in store::check_in_days(tx, &opens, now).await? {
        days.insert(day.employee_id, day);
    }
    for day in store::check_out_days(tx, &closes, now).await? {
        days.insert(day.employee_id, day);
    }
    // A punch whose day was not written (it changed since it was read) is taken back.
    let mut stale_events = Vec::new();
    let mut deltas = Vec::new();
    let mut written = Vec::new();
    for &i in round {
        let p = punches[i];
        let Some(&event_id) = recorded.get(&p.event.employee_id) else {
            continue;
        };
        let Some(day) = days.remove(&p.event.employee_id) else {
            stale_events.push(event_id);
            outcomes[i] = Some(Outcome::Stale);
            continue;
        };
        deltas.push(week_delta(p, &day));
        written.push((i, event_id, day));
    }
    store::delete_uncommitted_events(tx, &stale_events).await?;
    let mut weeks: HashMap<i64, WeekRow> = store::add_to_weeks(tx, &deltas, now)
        .await?
        .into_iter()
        .map(|w| (w.employee_id, w))
        .collect();
    for (i, event_id, day) in written {
        let p = punches[i];
        let week = weeks
            .remove(&p.event.employee_id)
            .ok_or(StoreError::NotReturned("presence_weeks"))?;
        audits.push(audit_entry(p, event_id, &day));
        outcomes[i] = Some(Outcome::Written(Box::new(Written {
            event_id,
            day,
            week,
        })));
    }
    Ok(())
}

/// How a written punch moves its week: a check-in adds a day present, a check-out the
/// minutes it added to the day.
fn week_delta(p: &Punch, day: &DayRow) -> WeekDelta {
    let (minutes, present) = match &p.change {
        Change::CheckIn(_) => (0, 1),
        Change::CheckOut(_, before) => (day.effective_minutes - before, 0),
    };
    WeekDelta {
        agency_id: p.event.agency_id,
        employee_id: p.event.employee_id,
        week: p.week.clone(),
        required_minutes: p.required_week_minutes,
        effective_minutes: minutes,
        days_present: present,
    }
}

/// The punch's audit entry, completed with its event and the day it made.
fn audit_entry(p: &Punch, event_id: i64, day: &DayRow) -> NewEntry {
    let mut entry = p.audit.clone();
    entry.record_id = event_id.to_string();
    entry.after(&serde_json::json!({
        "kind": p.event.kind,
        "date": p.event.date,
        "at": p.event.at,
        "location": p.event.location,
        "note": p.event.note,
        "client_key": p.event.client_key,
        "source": p.event.source,
        "day": day,
    }))
}
