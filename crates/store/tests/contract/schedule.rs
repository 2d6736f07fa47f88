//! The views over plans and presence (team calendar, board, week, recap): the same answers
//! on every engine, and each read goes through an index, so its cost follows the dates and
//! people asked for, never the history of the tables.

use super::helpers::*;
use fleksi_store::{commit, plan, schedule};

#[tokio::test]
async fn the_views_read_the_days_asked_for_through_indexes() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, unit, pos) = agency_with_unit(db, "AG-VIEWS").await;
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
        let ids = [
            id_of(db, a, &nip(1)).await,
            id_of(db, a, &nip(2)).await,
            id_of(db, a, &nip(3)).await,
        ];
        let mut tx = db.begin().await.unwrap();
        for (who, date, location, status) in [
            (ids[0], "2026-11-24", "home", "approved"),
            (ids[1], "2026-11-24", "leave", "approved"),
            (ids[2], "2026-11-24", "home", "pending"),
            (ids[0], "2026-12-24", "home", "approved"),
        ] {
            plan::put(&mut tx, a, who, date, location, status, "request", None, 1)
                .await
                .unwrap();
        }
        commit(tx).await.unwrap();

        // Counts per date and location: approved days of the week only.
        let mut c = db.conn().await.unwrap();
        let mut counts =
            schedule::approved_counts_below(&mut c, a, &unit.path, "2026-11-23", "2026-11-29")
                .await
                .unwrap();
        counts.sort();
        assert_eq!(
            counts,
            vec![
                ("2026-11-24".to_string(), "home".to_string(), 1),
                ("2026-11-24".to_string(), "leave".to_string(), 1)
            ],
            "{engine:?}"
        );
        let rows = schedule::plans_of(&mut c, a, &ids, "2026-11-23", "2026-11-29")
            .await
            .unwrap();
        assert_eq!(rows.len(), 3, "{engine:?}: every status, the week only");
        assert_eq!(
            schedule::count_below(&mut c, a, &unit.path).await.unwrap(),
            3,
            "{engine:?}"
        );
        // Another agency's ids read nothing.
        let other = new_agency(db, "AG-VIEWS-2").await;
        assert!(
            schedule::plans_of(&mut c, other, &ids, "2026-11-01", "2026-12-31")
                .await
                .unwrap()
                .is_empty(),
            "{engine:?}"
        );
        drop(c);

        let week = ("2026-11-23", "2026-11-29");
        let lines = plan(db, schedule::plans_of_sql(a, &ids, week.0, week.1)).await;
        assert_indexed(engine, &lines, "plan_days", "plan_days", "plan_days");
        let lines = plan(db, schedule::presence_of_sql(a, &ids, week.0, week.1)).await;
        assert_indexed(
            engine,
            &lines,
            "presence_days",
            "presence_days",
            "presence_days",
        );
        assert_seeks_on_all(engine, &lines, &["date", "employee_id"]);
        let lines = plan(db, schedule::pending_days_of_sql(a, &ids, week.0, week.1)).await;
        assert_indexed(
            engine,
            &lines,
            "flex_request_days",
            "d",
            "flex_request_days",
        );
        let lines = plan(
            db,
            schedule::approved_counts_below_sql(a, &unit.path, week.0, week.1),
        )
        .await;
        assert_indexed(engine, &lines, "plan_days", "p", "plan_days_date");
        let lines = plan(
            db,
            schedule::presence_counts_below_sql(a, &unit.path, week.0, week.1),
        )
        .await;
        assert_indexed(engine, &lines, "presence_days", "d", "presence_days_unit");
        let lines = plan(
            db,
            schedule::recap_presence_sql(a, &ids, "2026-11-01", "2026-11-30", "2026-11-23"),
        )
        .await;
        assert_indexed(
            engine,
            &lines,
            "presence_days",
            "presence_days",
            "presence_days",
        );
        assert_seeks_on_all(engine, &lines, &["date", "employee_id"]);
        let lines = plan(
            db,
            schedule::recap_corrections_sql(a, &ids, "2026-11-01", "2026-11-30"),
        )
        .await;
        assert_indexed(
            engine,
            &lines,
            "presence_corrections",
            "presence_corrections",
            "presence_corrections_employee",
        );
    }
}

#[tokio::test]
async fn a_new_feed_ends_the_old_one() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, unit, pos) = agency_with_unit(db, "AG-FEED").await;
        add_people(db, a, &[person(1, "Ani", pos, unit.id)]).await;
        let ani = id_of(db, a, &nip(1)).await;
        let mut tx = db.begin().await.unwrap();
        schedule::insert_feed(&mut tx, a, ani, "hash-1", 10)
            .await
            .unwrap();
        assert_eq!(
            schedule::revoke_feeds(&mut tx, a, ani, 20).await.unwrap(),
            1
        );
        schedule::insert_feed(&mut tx, a, ani, "hash-2", 20)
            .await
            .unwrap();
        commit(tx).await.unwrap();
        let mut c = db.conn().await.unwrap();
        assert!(
            schedule::feed_by_hash(&mut c, "hash-1")
                .await
                .unwrap()
                .is_none(),
            "{engine:?}"
        );
        let live = schedule::feed_by_hash(&mut c, "hash-2")
            .await
            .unwrap()
            .unwrap();
        assert_eq!((live.agency_id, live.employee_id), (a, ani), "{engine:?}");
        assert_eq!(
            schedule::live_feed_of(&mut c, a, ani)
                .await
                .unwrap()
                .map(|f| f.created_at),
            Some(20),
            "{engine:?}"
        );
    }
}
