//! Presence on every engine: a client key records a punch once, a day is opened by one
//! check-in only, a check-out applies only to the day as it was read, week totals move by
//! deltas, corrections are decided once; and the reads of a check-in use their indexes.

use super::helpers::*;
use fleksi_store::presence::{
    self, CheckInDay, CheckOutDay, NewCorrection, NewEvent, PunchDay, PunchKey,
};

/// A day opened by a check-in at `NOW`, as planned, with 450 expected minutes and none late.
fn opened(agency: i64, employee: i64, unit: i64, date: &str, location: &str) -> CheckInDay {
    CheckInDay {
        agency_id: agency,
        employee_id: employee,
        date: date.into(),
        unit_id: unit,
        at: NOW,
        location: location.into(),
        planned_location: location.into(),
        mismatch: false,
        expected_minutes: 450,
        late_minutes: 0,
    }
}

/// An approved plan: `employee` works from home on `date`.
async fn approve_home_plan(tx: &mut Tx, agency: i64, employee: i64, date: &str) {
    sqlx::query(
        "INSERT INTO plan_days (agency_id, employee_id, date, location, status, source, created_at, updated_at)
         VALUES ($1, $2, $3, 'home', 'approved', 'request', 0, 0)",
    )
    .bind(agency)
    .bind(employee)
    .bind(date)
    .execute(&mut **tx)
    .await
    .unwrap();
}

/// The key of a punch's read: the day before `today`, and `today` (November 2026).
fn key(agency: i64, employee: i64, today: &str) -> PunchKey {
    let day: u32 = today[8..].parse().unwrap();
    PunchKey {
        agency,
        employee,
        dates: [format!("2026-11-{:02}", day - 1), today.to_string()],
    }
}

fn event(agency: i64, employee: i64, kind: &'static str, key: &str, at: i64) -> NewEvent {
    NewEvent {
        agency_id: agency,
        employee_id: employee,
        date: "2026-11-23".into(),
        kind,
        at,
        location: "office".into(),
        note: None,
        client_key: key.into(),
        source: "api",
    }
}

#[tokio::test]
async fn punches_count_once_and_totals_move_by_deltas() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, unit, pos) = agency_with_unit(db, "AG-PRESENCE").await;
        add_people(db, a, &[person(1, "Ani", pos, unit.id)]).await;
        let ani = id_of(db, a, &nip(1)).await;
        let mut tx = db.begin().await.unwrap();
        let first = presence::insert_event(&mut tx, &event(a, ani, "check_in", "key-0001", NOW))
            .await
            .unwrap();
        assert!(first.is_some(), "{engine:?}");
        let again =
            presence::insert_event(&mut tx, &event(a, ani, "check_in", "key-0001", NOW + 5))
                .await
                .unwrap();
        assert_eq!(again, None, "{engine:?}: the same key is recorded once");
        let open = CheckInDay {
            late_minutes: 3,
            ..opened(a, ani, unit.id, "2026-11-23", "office")
        };
        let day = presence::check_in_day(&mut tx, &open, NOW)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (day.check_in_at, day.late_minutes),
            (Some(NOW), 3),
            "{engine:?}"
        );
        let second = CheckInDay {
            at: NOW + 60_000,
            ..open.clone()
        };
        assert_eq!(
            presence::check_in_day(&mut tx, &second, NOW + 60_000)
                .await
                .unwrap(),
            None,
            "{engine:?}: a day opens once"
        );
        let week = presence::add_to_week(&mut tx, a, ani, "2026-11-23", 2250, 0, 1, NOW)
            .await
            .unwrap();
        assert_eq!(
            (week.effective_minutes, week.days_present),
            (0, 1),
            "{engine:?}"
        );

        let close = CheckOutDay {
            agency_id: a,
            employee_id: ani,
            date: "2026-11-23".into(),
            at: NOW + 8 * 3_600_000,
            location: "office".into(),
            mismatch: false,
            effective_minutes: 420,
            core_hours_met: true,
            seen_check_in_at: NOW,
            seen_check_out_at: None,
            seen_updated_at: NOW,
        };
        let later = NOW + 8 * 3_600_000;
        let day = presence::check_out_day(&mut tx, &close, later)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(day.effective_minutes, 420, "{engine:?}");
        // The same change computed from the old state no longer applies.
        assert_eq!(
            presence::check_out_day(&mut tx, &close, later + 1)
                .await
                .unwrap(),
            None,
            "{engine:?}: stale"
        );
        let replace = CheckOutDay {
            effective_minutes: 480,
            seen_check_out_at: Some(later),
            seen_updated_at: later,
            at: later + 3_600_000,
            ..close.clone()
        };
        let day = presence::check_out_day(&mut tx, &replace, later + 3_600_000)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(day.effective_minutes, 480, "{engine:?}");
        presence::add_to_week(&mut tx, a, ani, "2026-11-23", 2250, 420, 0, NOW)
            .await
            .unwrap();
        let week = presence::add_to_week(&mut tx, a, ani, "2026-11-23", 2250, 60, 0, NOW)
            .await
            .unwrap();
        assert_eq!(
            (week.effective_minutes, week.days_present),
            (480, 1),
            "{engine:?}"
        );
        commit(tx).await.unwrap();

        let mut c = db.conn().await.unwrap();
        let stored = presence::event_by_key(&mut c, a, ani, "key-0001")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.at, NOW, "{engine:?}: the first punch stays");
        assert_eq!(
            presence::event_by_key(&mut c, a + 1, ani, "key-0001")
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            presence::days(&mut c, a, ani, "2026-11-01", "2026-11-30")
                .await
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            presence::days(&mut c, a + 1, ani, "2026-11-01", "2026-11-30")
                .await
                .unwrap()
                .len(),
            0
        );
        drop(c);

        // A correction is decided once.
        let mut tx = db.begin().await.unwrap();
        let id = presence::insert_correction(
            &mut tx,
            &NewCorrection {
                agency_id: a,
                employee_id: ani,
                date: "2026-11-23".into(),
                check_in: Some("07:30".into()),
                check_out: None,
                location: None,
                reason: "Lupa".into(),
            },
            NOW,
        )
        .await
        .unwrap();
        assert!(presence::pending_on(&mut tx, a, ani, "2026-11-23")
            .await
            .unwrap());
        assert!(
            presence::decide_correction(&mut tx, a, id, "approved", None, None, NOW)
                .await
                .unwrap()
        );
        assert!(
            !presence::decide_correction(&mut tx, a, id, "rejected", None, None, NOW)
                .await
                .unwrap()
        );
        assert!(!presence::pending_on(&mut tx, a, ani, "2026-11-23")
            .await
            .unwrap());
        let row = presence::correction(&mut tx, a, id).await.unwrap().unwrap();
        assert_eq!(
            (row.status.as_str(), row.employee_name.as_str()),
            ("approved", "Ani"),
            "{engine:?}"
        );
        assert_eq!(
            presence::correction(&mut tx, a + 1, id).await.unwrap(),
            None,
            "{engine:?}"
        );
        commit(tx).await.unwrap();
    }
}

#[tokio::test]
async fn the_reads_of_a_check_in_use_their_indexes() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let lines = plan(db, presence::event_by_key_sql(1, 2, "key-0001")).await;
        assert_indexed(engine, &lines, "presence_events", "e", "presence_events");
        let lines = plan(db, presence::days_sql(1, 2, "2026-11-22", "2026-11-23")).await;
        assert_indexed(engine, &lines, "presence_days", "d", "presence_days");
        assert_seeks_on_all(engine, &lines, &["date", "employee_id"]);
        let lines = plan(db, presence::week_sql(1, 2, "2026-11-23")).await;
        assert_indexed(engine, &lines, "presence_weeks", "w", "presence_weeks");
        assert_seeks_on_all(engine, &lines, &["week", "employee_id"]);
        let lines = plan(db, presence::plan_of_day_sql(1, 2, "2026-11-23")).await;
        assert_indexed(engine, &lines, "plan_days", "p", "plan_days");
        // One person, and three as the loader reads them under load.
        for n in [1, 3] {
            let keys: Vec<PunchKey> = (0..n).map(|i| key(1, 2 + i, "2026-11-23")).collect();
            let lines = plan(db, presence::punch_days_sql(engine, &keys)).await;
            assert_indexed(engine, &lines, "presence_days", "d", "presence_days");
            assert_seeks_on_all(engine, &lines, &["date", "employee_id"]);
            assert_indexed(engine, &lines, "plan_days", "p", "plan_days");
        }
    }
}

/// A punch's one read gives each date's day row (as `days` reads it) and plan, and a
/// date without a row still gives its plan.
#[tokio::test]
async fn a_punch_reads_both_days_and_their_plans_at_once() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, unit, pos) = agency_with_unit(db, "AG-PUNCHDAYS").await;
        add_people(db, a, &[person(1, "Ani", pos, unit.id)]).await;
        let ani = id_of(db, a, &nip(1)).await;
        let mut tx = db.begin().await.unwrap();
        let open = opened(a, ani, unit.id, "2026-11-22", "home");
        presence::check_in_day(&mut tx, &open, NOW).await.unwrap();
        approve_home_plan(&mut tx, a, ani, "2026-11-23").await;
        let days = presence::punch_days(&mut tx, a, ani, ["2026-11-22", "2026-11-23"])
            .await
            .unwrap();
        let stored = presence::days(&mut tx, a, ani, "2026-11-22", "2026-11-22")
            .await
            .unwrap();
        assert_eq!(days.len(), 2, "{engine:?}");
        assert_eq!(days[0].date, "2026-11-22", "{engine:?}");
        assert_eq!(days[0].day.as_ref(), stored.first(), "{engine:?}");
        assert_eq!(days[0].plan, None, "{engine:?}");
        assert_eq!(
            (days[1].date.as_str(), days[1].day.as_ref()),
            ("2026-11-23", None),
            "{engine:?}"
        );
        let plan = days[1]
            .plan
            .as_ref()
            .expect("the plan of a date without a row");
        assert_eq!(
            (plan.location.as_str(), plan.status.as_str()),
            ("home", "approved"),
            "{engine:?}"
        );
        let other = presence::punch_days(&mut tx, a + 1, ani, ["2026-11-22", "2026-11-23"])
            .await
            .unwrap();
        assert!(
            other.iter().all(|d| d.day.is_none() && d.plan.is_none()),
            "{engine:?}: another agency reads nothing"
        );
        commit(tx).await.unwrap();
    }
}

/// Many people's punch reads in one query (what the loader does under load): each key
/// gets exactly what reading it alone gives, in the order asked, repeats and padding
/// included, and another agency's key reads nothing.
#[tokio::test]
async fn many_punch_reads_at_once_answer_each_key_as_alone() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, unit, ani, budi) = ani_and_budi(db, "AG-PUNCHMANY").await;
        let mut tx = db.begin().await.unwrap();
        let open = opened(a, ani, unit.id, "2026-11-23", "office");
        presence::check_in_day(&mut tx, &open, NOW).await.unwrap();
        approve_home_plan(&mut tx, a, budi, "2026-11-23").await;
        let keys = vec![
            key(a, budi, "2026-11-23"),
            key(a, ani, "2026-11-23"),
            key(a + 1, ani, "2026-11-23"),
            key(a, ani, "2026-11-24"),
            key(a, budi, "2026-11-23"),
        ];
        let many = presence::punch_days_many(&mut tx, &keys).await.unwrap();
        assert_eq!(many.len(), keys.len(), "{engine:?}");
        for (k, got) in keys.iter().zip(&many) {
            let alone = presence::punch_days(
                &mut tx,
                k.agency,
                k.employee,
                [k.dates[0].as_str(), k.dates[1].as_str()],
            )
            .await
            .unwrap();
            assert_eq!(got, &alone, "{engine:?}: {k:?}");
            let dates: Vec<&str> = got.iter().map(|d| d.date.as_str()).collect();
            assert_eq!(
                dates,
                [k.dates[0].as_str(), k.dates[1].as_str()],
                "{engine:?}"
            );
        }
        let has = |d: &PunchDay| (d.day.is_some(), d.plan.is_some());
        assert_eq!(has(&many[0][1]), (false, true), "{engine:?}: Budi's plan");
        assert_eq!(has(&many[1][1]), (true, false), "{engine:?}: Ani's day");
        assert_eq!(
            has(&many[2][1]),
            (false, false),
            "{engine:?}: another agency"
        );
        assert_eq!(
            has(&many[3][0]),
            (true, false),
            "{engine:?}: Ani's day as yesterday"
        );
        assert!(
            presence::punch_days_many(&mut tx, &[])
                .await
                .unwrap()
                .is_empty(),
            "{engine:?}"
        );
        commit(tx).await.unwrap();
        // On SQLite the punch reader runs the same query on a connection driven directly:
        // the same answers.
        if let Some(native) = db.native().await.unwrap() {
            let direct = native
                .call(move |c| presence::native::punch_days_many(c, &keys))
                .await
                .unwrap();
            assert_eq!(direct, many, "{engine:?}: driven directly");
        }
    }
}

/// Many people in one statement: each row keeps its own condition, and the answers say
/// which rows were written.
#[tokio::test]
async fn many_punches_in_one_statement_keep_each_rows_condition() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, unit, pos) = agency_with_unit(db, "AG-BATCH").await;
        add_people(
            db,
            a,
            &[
                person(1, "Ani", pos, unit.id),
                person(2, "Budi", pos, unit.id),
                person(3, "Citra", pos, unit.id),
            ],
        )
        .await;
        let mut ids = Vec::new();
        for n in 1..=3 {
            ids.push(id_of(db, a, &nip(n)).await);
        }
        let mut tx = db.begin().await.unwrap();
        let events: Vec<NewEvent> = ids
            .iter()
            .map(|&e| event(a, e, "check_in", "batch-0001", NOW))
            .collect();
        let first: Vec<&NewEvent> = events.iter().collect();
        let recorded = presence::insert_events(&mut tx, &first).await.unwrap();
        assert_eq!(recorded.len(), 3, "{engine:?}");
        // Again with one new key: only that one is recorded.
        let again = [
            event(a, ids[0], "check_in", "batch-0001", NOW),
            event(a, ids[1], "check_in", "batch-0002", NOW),
        ];
        let recorded = presence::insert_events(&mut tx, &[&again[0], &again[1]])
            .await
            .unwrap();
        assert_eq!(
            recorded
                .iter()
                .map(|r| (r.employee_id, r.client_key.as_str()))
                .collect::<Vec<_>>(),
            [(ids[1], "batch-0002")],
            "{engine:?}"
        );
        presence::delete_uncommitted_events(&mut tx, &[recorded[0].id])
            .await
            .unwrap();

        let open = |e: i64| opened(a, e, unit.id, "2026-11-23", "office");
        // Ani's day is opened first; in the batch only Budi's and Citra's open.
        presence::check_in_day(&mut tx, &open(ids[0]), NOW)
            .await
            .unwrap()
            .unwrap();
        let opens: Vec<CheckInDay> = ids.iter().map(|&e| open(e)).collect();
        let refs: Vec<&CheckInDay> = opens.iter().collect();
        let mut opened: Vec<i64> = presence::check_in_days(&mut tx, &refs, NOW + 1)
            .await
            .unwrap()
            .into_iter()
            .map(|d| d.employee_id)
            .collect();
        opened.sort();
        assert_eq!(opened, [ids[1], ids[2]], "{engine:?}");

        // Check-outs: Budi's was computed from a day that has changed since (stale).
        let later = NOW + 8 * 3_600_000;
        let close = |e: i64, seen_updated_at: i64| CheckOutDay {
            agency_id: a,
            employee_id: e,
            date: "2026-11-23".into(),
            at: later,
            location: "home".into(),
            mismatch: true,
            effective_minutes: 420,
            core_hours_met: true,
            seen_check_in_at: NOW,
            seen_check_out_at: None,
            seen_updated_at,
        };
        let closes = [
            close(ids[0], NOW),
            close(ids[1], NOW),
            close(ids[2], NOW + 1),
        ];
        let refs: Vec<&CheckOutDay> = closes.iter().collect();
        let mut closed = presence::check_out_days(&mut tx, &refs, later)
            .await
            .unwrap();
        closed.sort_by_key(|d| d.employee_id);
        assert_eq!(
            closed
                .iter()
                .map(|d| (
                    d.employee_id,
                    d.effective_minutes,
                    d.check_out_location.as_deref()
                ))
                .collect::<Vec<_>>(),
            [(ids[0], 420, Some("home")), (ids[2], 420, Some("home"))],
            "{engine:?}: Budi's day changed after it was read"
        );

        let deltas: Vec<presence::WeekDelta> = ids
            .iter()
            .map(|&e| presence::WeekDelta {
                agency_id: a,
                employee_id: e,
                week: "2026-11-23".into(),
                required_minutes: 2250,
                effective_minutes: 420,
                days_present: 1,
            })
            .collect();
        presence::add_to_weeks(&mut tx, &deltas, later)
            .await
            .unwrap();
        let weeks = presence::add_to_weeks(&mut tx, &deltas, later)
            .await
            .unwrap();
        assert!(
            weeks
                .iter()
                .all(|w| (w.effective_minutes, w.days_present) == (840, 2)),
            "{engine:?}: {weeks:?}"
        );
        commit(tx).await.unwrap();
    }
}
