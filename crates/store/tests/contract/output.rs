//! Reports, output totals and job schedules: a new report is written once per person and
//! day, a replacement only over the version read; totals move by deltas and a day is
//! counted due once; a claimed job is not claimed again until its lease runs out; and
//! the hot reads go through their keys on every engine.

use super::helpers::*;
use fleksi_store::dashboard::{self, Delta, PersonDay, UnitDelta};
use fleksi_store::jobs;
use fleksi_store::report::{self, NewItem, NewReport};

fn new_report(agency: i64, employee: i64, unit: i64, date: &str, blocked: i64) -> NewReport {
    NewReport {
        agency_id: agency,
        employee_id: employee,
        date: date.into(),
        unit_id: unit,
        place: "office".into(),
        items_done: 1,
        items_in_progress: 0,
        items_blocked: blocked,
        evidence_link: None,
        evidence_file_id: None,
        late: false,
        items: vec![NewItem {
            text: "Verifikasi berkas".into(),
            status: "done".into(),
            needs: None,
            task_id: None,
            result_id: None,
        }],
    }
}

#[tokio::test]
async fn reports_totals_and_jobs_behave_alike_on_every_engine() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, unit, ani, budi) = ani_and_budi(db, "AG-OUTPUT").await;

        // One report per person and day; a second insert finds it taken.
        let mut tx = db.begin().await.unwrap();
        let id = report::insert(&mut tx, &new_report(a, ani, unit.id, "2026-11-23", 0), NOW)
            .await
            .unwrap()
            .expect("written");
        assert_eq!(
            report::insert(&mut tx, &new_report(a, ani, unit.id, "2026-11-23", 0), NOW)
                .await
                .unwrap(),
            None,
            "{engine:?}"
        );
        // A replacement over the version read, then none over the stale one.
        assert!(report::replace(
            &mut tx,
            id,
            1,
            &new_report(a, ani, unit.id, "2026-11-23", 1),
            NOW + 1
        )
        .await
        .unwrap());
        assert!(
            !report::replace(
                &mut tx,
                id,
                1,
                &new_report(a, ani, unit.id, "2026-11-23", 0),
                NOW + 2
            )
            .await
            .unwrap(),
            "{engine:?}"
        );
        commit(tx).await.unwrap();
        let mut c = db.conn().await.unwrap();
        let r = report::by_date(&mut c, a, ani, "2026-11-23")
            .await
            .unwrap()
            .unwrap();
        assert_eq!((r.version, r.items_blocked), (2, 1), "{engine:?}");
        assert_eq!(
            report::items_of(&mut c, a, &[id]).await.unwrap().len(),
            1,
            "{engine:?}: items replaced, not added"
        );
        drop(c);

        // Totals: deltas add up, the day keeps its first place, due is counted once.
        let day = |e: i64, place: &str| PersonDay {
            agency_id: a,
            employee_id: e,
            date: "2026-11-23".into(),
            unit_id: unit.id,
            place: place.into(),
        };
        let mut tx = db.begin().await.unwrap();
        let due = dashboard::mark_due(
            &mut tx,
            a,
            unit.id,
            "2026-11-23",
            &[(ani, "remote".into()), (budi, "office".into())],
            NOW,
        )
        .await
        .unwrap();
        assert_eq!(due.len(), 2, "{engine:?}");
        let again = dashboard::mark_due(
            &mut tx,
            a,
            unit.id,
            "2026-11-23",
            &[(ani, "remote".into())],
            NOW,
        )
        .await
        .unwrap();
        assert!(again.is_empty(), "{engine:?}: due once");
        let d = Delta {
            reported: 1,
            items: 3,
            items_blocked: 1,
            ..Delta::default()
        };
        let u = dashboard::add_to_person_day(&mut tx, &day(ani, "office"), &d, NOW)
            .await
            .unwrap();
        assert_eq!(
            (u.place.as_str(), u.due_reported, u.reports),
            ("remote", 1, 1),
            "{engine:?}: the first place, a due report"
        );
        let mut units = vec![u.clone(), u];
        units.push(UnitDelta {
            due: 2,
            ..units[0].clone()
        });
        dashboard::add_to_unit_days(&mut tx, &units, NOW)
            .await
            .unwrap();
        commit(tx).await.unwrap();
        let mut c = db.conn().await.unwrap();
        let rows = dashboard::unit_days_below(&mut c, a, &unit.path, "2026-11-01", "2026-11-30")
            .await
            .unwrap();
        assert_eq!(rows.len(), 1, "{engine:?}");
        assert_eq!(
            (
                rows[0].due,
                rows[0].due_reported,
                rows[0].reports,
                rows[0].items
            ),
            (2, 3, 3, 9),
            "{engine:?}"
        );
        let people = dashboard::person_days(&mut c, a, &[ani, budi], "2026-11-01", "2026-11-30")
            .await
            .unwrap();
        assert_eq!(people.len(), 2, "{engine:?}");
        assert_eq!(
            (people[0].due, people[0].reported, people[0].items),
            (1, 1, 3),
            "{engine:?}"
        );
        drop(c);

        // Jobs: claimed once until the lease runs out.
        let mut tx = db.begin().await.unwrap();
        jobs::ensure(&mut tx, "test.job", NOW, NOW).await.unwrap();
        jobs::ensure(&mut tx, "test.job", NOW + 99, NOW)
            .await
            .unwrap();
        let first = jobs::claim(&mut tx, engine, NOW + 1, NOW + 100)
            .await
            .unwrap();
        assert_eq!(
            first.as_ref().map(|j| j.kind.as_str()),
            Some("test.job"),
            "{engine:?}"
        );
        assert_eq!(
            jobs::claim(&mut tx, engine, NOW + 50, NOW + 150)
                .await
                .unwrap(),
            None,
            "{engine:?}: leased"
        );
        assert!(
            jobs::claim(&mut tx, engine, NOW + 101, NOW + 200)
                .await
                .unwrap()
                .is_some(),
            "{engine:?}: the lease ran out"
        );
        jobs::finish(
            &mut tx,
            first.unwrap().id,
            NOW + 1000,
            Some("boom"),
            NOW + 102,
        )
        .await
        .unwrap();
        assert_eq!(
            jobs::claim(&mut tx, engine, NOW + 500, NOW + 600)
                .await
                .unwrap(),
            None,
            "{engine:?}: not due yet"
        );
        let all = jobs::all(&mut tx).await.unwrap();
        assert_eq!(
            (all[0].runs, all[0].failures, all[0].last_error.as_deref()),
            (1, 1, Some("boom")),
            "{engine:?}"
        );
        commit(tx).await.unwrap();
    }
}

#[tokio::test]
async fn report_and_dashboard_reads_use_their_keys() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (pk_reports, pk_unit_days, pk_person_days) = match engine {
            Engine::Sqlite => (
                "sqlite_autoindex_daily_reports_1",
                "sqlite_autoindex_output_unit_days_1",
                "sqlite_autoindex_output_person_days_1",
            ),
            Engine::Postgres => (
                "daily_reports_employee_id_date_key",
                "output_unit_days_pkey",
                "output_person_days_pkey",
            ),
        };
        // On an empty table PostgreSQL may pick either index that holds the day; both are a
        // bounded search, never a scan. SQLite (by rules) takes the unique key.
        for sql in [
            report::by_date_sql(1, 2, "2026-11-23"),
            report::of_people_on_sql(1, &[2, 3, 4], "2026-11-23"),
        ] {
            let lines = plan(db, sql).await;
            let index = match engine {
                Engine::Sqlite => pk_reports,
                Engine::Postgres if lines.join(" ").contains("daily_reports_unit") => {
                    "daily_reports_unit"
                }
                Engine::Postgres => pk_reports,
            };
            assert_indexed(engine, &lines, "daily_reports", "r", index);
        }
        let lines = plan(
            db,
            dashboard::unit_days_below_sql(1, "/1/", "2026-11-01", "2026-11-30"),
        )
        .await;
        assert_indexed(engine, &lines, "output_unit_days", "o", pk_unit_days);
        let lines = plan(
            db,
            dashboard::person_days_sql(1, &[2, 3], "2026-11-01", "2026-11-30"),
        )
        .await;
        assert_indexed(engine, &lines, "output_person_days", "o", pk_person_days);
    }
}
