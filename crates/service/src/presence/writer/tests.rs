//! The writer against real databases: one batch carries many punches, a key twice in one
//! batch counts once, and a batch that fails is written punch by punch so only the bad
//! punch is refused and nobody is told "done" for something not committed.

use super::*;
use fleksi_store::commit;
use fleksi_store::employee::{self, UpsertRow};
use fleksi_store::org::{self, NewUnit};
use fleksi_store::presence::{CheckInDay, CheckOutDay, DayRow};
use fleksi_store::testing::TestDb;

const NOW: i64 = 1_795_393_800_000; // 2026-11-23T00:30:00Z

/// An agency with one unit and `n` people; their ids.
async fn people(db: &Db, n: usize) -> (i64, i64, Vec<i64>) {
    let mut tx = db.begin().await.unwrap();
    let a = fleksi_store::agency::insert(&mut tx, "AG-WRITER", "Instansi", NOW)
        .await
        .unwrap();
    let unit = NewUnit {
        code: "U",
        name: "Unit",
        kind: None,
        region_code: None,
        region_name: None,
        time_zone: "WIB",
    };
    let (unit, _) = org::upsert_unit(&mut tx, a, &unit, None, NOW)
        .await
        .unwrap();
    let pos = org::upsert_position(&mut tx, a, "Analis", "fungsional", None)
        .await
        .unwrap();
    let rows: Vec<UpsertRow> = (0..n)
        .map(|i| UpsertRow {
            nip: format!("19900129201501{}{:03}", 1, i + 1),
            name: format!("Orang {i}"),
            status: "pns".into(),
            position_id: pos,
            unit_id: unit.id,
            domicile: None,
            position_since: None,
            discipline: "none".into(),
            email: None,
            supervisor_nip: None,
        })
        .collect();
    employee::upsert_many(&mut tx, a, &rows, NOW).await.unwrap();
    let mut ids: Vec<i64> = employee::ids_by_nip(&mut tx, a)
        .await
        .unwrap()
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    ids.sort();
    commit(tx).await.unwrap();
    (a, unit.id, ids)
}

fn check_in(agency: i64, unit: i64, employee: i64, key: &str) -> Punch {
    Punch {
        event: NewEvent {
            agency_id: agency,
            employee_id: employee,
            date: "2026-11-23".into(),
            kind: "check_in",
            at: NOW,
            location: "office".into(),
            note: None,
            client_key: key.into(),
            source: "api",
        },
        change: Change::CheckIn(CheckInDay {
            agency_id: agency,
            employee_id: employee,
            date: "2026-11-23".into(),
            unit_id: unit,
            at: NOW,
            location: "office".into(),
            planned_location: "office".into(),
            mismatch: false,
            expected_minutes: 450,
            late_minutes: 0,
        }),
        week: "2026-11-23".into(),
        required_week_minutes: 2250,
        audit: NewEntry {
            agency_id: Some(agency),
            actor_label: "uji".into(),
            action: "presence.check_in".into(),
            record_type: "presence_event".into(),
            at: NOW,
            ..NewEntry::default()
        },
        now: NOW,
    }
}

/// A check-out at `at` of the day as it was read (`seen`), making it `minutes` long.
fn check_out(seen: &DayRow, key: &str, at: i64, minutes: i64) -> Punch {
    let mut p = check_in(seen.agency_id, seen.unit_id, seen.employee_id, key);
    p.event.kind = "check_out";
    p.event.at = at;
    p.now = at;
    p.audit.action = "presence.check_out".into();
    p.change = Change::CheckOut(
        CheckOutDay {
            agency_id: seen.agency_id,
            employee_id: seen.employee_id,
            date: seen.date.clone(),
            at,
            location: "office".into(),
            mismatch: false,
            effective_minutes: minutes,
            core_hours_met: true,
            seen_check_in_at: seen.check_in_at.unwrap_or(0),
            seen_check_out_at: seen.check_out_at,
            seen_updated_at: seen.updated_at,
        },
        seen.effective_minutes,
    );
    p
}

/// Runs `punches` through the writer as one batch (all queued before it starts, so it
/// takes them together) and returns each caller's answer.
async fn batch(db: &Db, punches: Vec<Punch>) -> Vec<Result<Outcome>> {
    let (queue, rx) = mpsc::channel(punches.len().max(1));
    let mut answers = Vec::new();
    for punch in punches {
        let (reply, answer) = oneshot::channel();
        queue.send(Job { punch, reply }).await.unwrap();
        answers.push(answer);
    }
    drop(queue);
    run(db.clone(), rx).await;
    let mut out = Vec::new();
    for a in answers {
        out.push(a.await.unwrap());
    }
    out
}

/// How many of these (employee, key) punches are stored.
async fn stored(db: &Db, agency: i64, keys: &[(i64, &str)]) -> usize {
    let mut c = db.conn().await.unwrap();
    let mut n = 0;
    for (employee, key) in keys {
        if store::event_by_key(&mut c, agency, *employee, key)
            .await
            .unwrap()
            .is_some()
        {
            n += 1;
        }
    }
    n
}

async fn audit_entries(db: &Db, agency: i64) -> usize {
    let mut c = db.conn().await.unwrap();
    fleksi_store::audit::list(&mut c, Some(agency), &Default::default(), None, 10_000)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn one_batch_writes_many_and_counts_a_repeated_key_once() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let (a, unit, ids) = people(&t.db, 3).await;
        let punches = vec![
            check_in(a, unit, ids[0], "key-a-0001"),
            check_in(a, unit, ids[1], "key-b-0001"),
            check_in(a, unit, ids[0], "key-a-0001"),
            // A second check-in of the same day with a new key: nothing written for it.
            check_in(a, unit, ids[1], "key-b-0002"),
            check_in(a, unit, ids[2], "key-c-0001"),
        ];
        let out = batch(&t.db, punches).await;
        let kinds: Vec<&str> = out
            .iter()
            .map(|o| match o {
                Ok(Outcome::Written(_)) => "written",
                Ok(Outcome::Replay) => "replay",
                Ok(Outcome::Stale) => "stale",
                Err(_) => "error",
            })
            .collect();
        assert_eq!(
            kinds,
            ["written", "written", "replay", "stale", "written"],
            "{engine:?}"
        );
        let keys = [
            (ids[0], "key-a-0001"),
            (ids[1], "key-b-0001"),
            (ids[1], "key-b-0002"),
            (ids[2], "key-c-0001"),
        ];
        assert_eq!(
            stored(&t.db, a, &keys).await,
            3,
            "{engine:?}: not key-b-0002"
        );
        let mut c = t.db.conn().await.unwrap();
        for id in &ids {
            let week = store::week(&mut c, a, *id, "2026-11-23")
                .await
                .unwrap()
                .unwrap();
            assert_eq!(week.days_present, 1, "{engine:?}");
        }
    }
}

#[tokio::test]
async fn a_check_out_applies_only_to_the_day_as_it_was_read() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let (a, unit, ids) = people(&t.db, 1).await;
        let out = batch(&t.db, vec![check_in(a, unit, ids[0], "in-000001")]).await;
        let Ok(Outcome::Written(opened)) = &out[0] else {
            panic!("{engine:?}: {:?}", out[0]);
        };
        // Two check-outs computed from the same read: the first closes the day, the
        // second finds it changed and is taken back, event and all.
        let hour = 3_600_000;
        let out = batch(
            &t.db,
            vec![
                check_out(&opened.day, "out-00001", NOW + 8 * hour, 420),
                check_out(&opened.day, "out-00002", NOW + 9 * hour, 480),
            ],
        )
        .await;
        let Ok(Outcome::Written(closed)) = &out[0] else {
            panic!("{engine:?}: {:?}", out[0]);
        };
        assert!(
            matches!(out[1], Ok(Outcome::Stale)),
            "{engine:?}: {:?}",
            out[1]
        );
        assert_eq!(closed.day.check_out_at, Some(NOW + 8 * hour), "{engine:?}");
        assert_eq!(closed.day.effective_minutes, 420, "{engine:?}");
        assert_eq!(closed.day.updated_at, NOW + 8 * hour, "{engine:?}");
        assert_eq!(closed.week.effective_minutes, 420, "{engine:?}");
        assert_eq!(closed.week.days_present, 1, "{engine:?}");
        let keys = [(ids[0], "out-00001"), (ids[0], "out-00002")];
        assert_eq!(
            stored(&t.db, a, &keys).await,
            1,
            "{engine:?}: not out-00002"
        );
        // A later check-out from the day as it is now replaces the first, and the week
        // moves by the difference only.
        let out = batch(
            &t.db,
            vec![check_out(&closed.day, "out-00003", NOW + 9 * hour, 480)],
        )
        .await;
        let Ok(Outcome::Written(again)) = &out[0] else {
            panic!("{engine:?}: {:?}", out[0]);
        };
        assert_eq!(again.day.effective_minutes, 480, "{engine:?}");
        assert_eq!(again.week.effective_minutes, 480, "{engine:?}");
    }
}

#[tokio::test]
async fn a_failing_batch_is_written_punch_by_punch() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let (a, unit, ids) = people(&t.db, 2).await;
        let audit_before = audit_entries(&t.db, a).await;
        // The middle punch names an employee that does not exist: its insert fails the
        // whole transaction, which is then retried one punch at a time.
        let punches = vec![
            check_in(a, unit, ids[0], "good-0001"),
            check_in(a, unit, 999_999, "bad-00001"),
            check_in(a, unit, ids[1], "good-0002"),
        ];
        let out = batch(&t.db, punches).await;
        assert!(
            matches!(out[0], Ok(Outcome::Written(_))),
            "{engine:?}: {:?}",
            out[0]
        );
        assert!(out[1].is_err(), "{engine:?}: {:?}", out[1]);
        assert!(
            matches!(out[2], Ok(Outcome::Written(_))),
            "{engine:?}: {:?}",
            out[2]
        );
        let keys = [(ids[0], "good-0001"), (ids[1], "good-0002")];
        assert_eq!(stored(&t.db, a, &keys).await, 2, "{engine:?}");
        assert_eq!(
            audit_entries(&t.db, a).await - audit_before,
            2,
            "{engine:?}: one entry per written punch"
        );
        // Sent again (a client retrying after the error, or after a lost answer), the good
        // punches are replays and nothing is written twice.
        let out = batch(
            &t.db,
            vec![
                check_in(a, unit, ids[0], "good-0001"),
                check_in(a, unit, ids[1], "good-0002"),
            ],
        )
        .await;
        assert!(
            out.iter().all(|o| matches!(o, Ok(Outcome::Replay))),
            "{engine:?}"
        );
        assert_eq!(
            audit_entries(&t.db, a).await - audit_before,
            2,
            "{engine:?}"
        );
    }
}

#[tokio::test]
async fn the_writer_task_answers_concurrent_callers() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let (a, unit, ids) = people(&t.db, 40).await;
        let writer = Writer::default();
        let mut set = tokio::task::JoinSet::new();
        for (i, id) in ids.iter().enumerate() {
            let (w, db) = (writer.clone(), t.db.clone());
            let p = check_in(a, unit, *id, &format!("task-{i:04}"));
            set.spawn(async move { w.submit(&db, p).await });
        }
        let mut written = 0;
        while let Some(r) = set.join_next().await {
            if let Ok(Outcome::Written(_)) = r.unwrap() {
                written += 1;
            }
        }
        assert_eq!(written, 40, "{engine:?}");
        let keys: Vec<(i64, String)> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, format!("task-{i:04}")))
            .collect();
        let keys: Vec<(i64, &str)> = keys.iter().map(|(i, k)| (*i, k.as_str())).collect();
        assert_eq!(stored(&t.db, a, &keys).await, 40, "{engine:?}");
    }
}
