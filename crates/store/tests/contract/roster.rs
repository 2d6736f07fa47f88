//! Rosters, planned days and notifications: the same behaviour on every engine, and the
//! week page's queries use their indexes.

use super::helpers::*;
use fleksi_store::plan::{self, NewDay};
use fleksi_store::{commit, notification, roster};

#[tokio::test]
async fn publishing_keeps_approved_days_and_decides_pending_ones() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, unit, ani, budi) = ani_and_budi(db, "AG-ROSTER").await;
        let mut tx = db.begin().await.unwrap();
        plan::put(
            &mut tx,
            a,
            ani,
            "2026-12-01",
            "leave",
            "approved",
            "leave",
            Some("cuti"),
            1,
        )
        .await
        .unwrap();
        plan::put(
            &mut tx,
            a,
            budi,
            "2026-12-01",
            "home",
            "pending",
            "request",
            None,
            1,
        )
        .await
        .unwrap();
        let r = roster::insert(&mut tx, a, unit.id, "2026-12", "{}", None, 1)
            .await
            .unwrap();
        let days: Vec<NewDay> = [
            (ani, "2026-12-01"),
            (ani, "2026-12-02"),
            (budi, "2026-12-01"),
        ]
        .into_iter()
        .map(|(e, d)| NewDay {
            employee_id: e,
            date: d.into(),
            location: "office".into(),
        })
        .collect();
        let written = plan::approve_unless_decided(&mut tx, a, &days, "roster", Some(r), None, 2)
            .await
            .unwrap();
        commit(tx).await.unwrap();
        assert_eq!(written, 2, "{engine:?}: the approved leave is kept");
        let mut c = db.conn().await.unwrap();
        let kept = plan::of_employee(&mut c, a, ani, "2026-12-01", "2026-12-31")
            .await
            .unwrap();
        assert_eq!(
            kept.iter()
                .map(|p| (p.date.as_str(), p.location.as_str(), p.source.as_str()))
                .collect::<Vec<_>>(),
            [
                ("2026-12-01", "leave", "leave"),
                ("2026-12-02", "office", "roster")
            ],
            "{engine:?}"
        );
        let decided = plan::of_employee(&mut c, a, budi, "2026-12-01", "2026-12-31")
            .await
            .unwrap();
        assert_eq!(
            (
                decided[0].status.as_str(),
                decided[0].source.as_str(),
                decided[0].roster_id
            ),
            ("approved", "roster", Some(r)),
            "{engine:?}"
        );
        assert_eq!(
            plan::count_of_roster(&mut c, a, r).await.unwrap(),
            2,
            "{engine:?}"
        );

        // A roster is published once, whoever asks second.
        let mut tx = db.begin().await.unwrap();
        let score = roster::Score {
            objective: 0,
            feasible: true,
            report: "{}",
        };
        assert!(
            roster::save_generated(&mut tx, a, r, "{}", "{}", &score, "[]", 3)
                .await
                .unwrap()
        );
        assert!(roster::mark_published(&mut tx, a, r, 4).await.unwrap());
        assert!(
            !roster::mark_published(&mut tx, a, r, 5).await.unwrap(),
            "{engine:?}"
        );
        assert!(
            !roster::save_cells(&mut tx, a, r, "{}", &score, 5)
                .await
                .unwrap(),
            "{engine:?}"
        );
        commit(tx).await.unwrap();
        let mut tx = db.begin().await.unwrap();
        let twice = roster::insert(&mut tx, a, unit.id, "2026-12", "{}", None, 6).await;
        assert!(
            twice.is_err_and(|e| e.is_constraint()),
            "{engine:?}: one roster per unit and month"
        );
    }
}

#[tokio::test]
async fn the_week_page_queries_use_their_indexes() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, unit, pos) = agency_with_unit(db, "AG-WEEK").await;
        add_people(db, a, &[person(1, "Ani", pos, unit.id)]).await;
        let ani = id_of(db, a, &nip(1)).await;
        let mut tx = db.begin().await.unwrap();
        notification::insert_many(
            &mut tx,
            a,
            &[notification::NewNotification {
                employee_id: ani,
                kind: "roster.published".into(),
                text_id: "Roster terbit".into(),
                text_en: "Roster published".into(),
                link: None,
            }],
            1,
        )
        .await
        .unwrap();
        commit(tx).await.unwrap();
        let lines = plan(
            db,
            plan::of_employee_sql(a, ani, "2026-12-07", "2026-12-11"),
        )
        .await;
        assert_indexed(engine, &lines, "plan_days", "p", "plan_days");
        let lines = plan(db, notification::latest_sql(a, ani, 10)).await;
        assert_indexed(
            engine,
            &lines,
            "notifications",
            "notifications",
            "notifications_employee",
        );
    }
}
