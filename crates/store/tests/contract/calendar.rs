//! The working calendar and unit policies: the same behaviour on every engine (the agency
//! level's upsert on its partial unique index, the built-in load never overwriting an
//! administrator's entry), and the lookups a check-in makes use their indexes.

use super::helpers::*;
use fleksi_store::calendar::{self, NewEvent, NewHoliday};
use fleksi_store::policy;

fn holiday(date: &str, name: &str) -> NewHoliday {
    NewHoliday {
        date: date.into(),
        name: name.into(),
        name_en: name.into(),
        kind: "holiday".into(),
        estimate: false,
    }
}

#[tokio::test]
async fn policies_upsert_per_level_and_holidays_load_once() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, unit, _) = agency_with_unit(db, "AG-POLICY").await;
        let mut tx = db.begin().await.unwrap();
        // The agency level twice (unique by a partial index), a unit level once.
        policy::put(&mut tx, a, None, "{\"max_away_percent\":30}", None, NOW)
            .await
            .unwrap();
        policy::put(&mut tx, a, None, "{\"max_away_percent\":20}", None, NOW + 1)
            .await
            .unwrap();
        policy::put(&mut tx, a, Some(unit.id), "{\"seats\":4}", None, NOW)
            .await
            .unwrap();
        commit(tx).await.unwrap();
        let mut c = db.conn().await.unwrap();
        let mut levels = policy::levels(&mut c, a, &[unit.id]).await.unwrap();
        levels.sort_by_key(|l| l.unit_id);
        assert_eq!(levels.len(), 2, "{engine:?}");
        assert_eq!(
            (levels[0].unit_id, levels[0].settings.as_str()),
            (None, "{\"max_away_percent\":20}")
        );
        assert_eq!(levels[1].unit_name.as_deref(), Some(unit.name.as_str()));
        assert_eq!(policy::below(&mut c, a, "/").await.unwrap().len(), 1);
        drop(c);
        let mut tx = db.begin().await.unwrap();
        policy::delete(&mut tx, a, None).await.unwrap();
        commit(tx).await.unwrap();
        let mut c = db.conn().await.unwrap();
        assert_eq!(
            policy::get(&mut c, a, None).await.unwrap(),
            None,
            "{engine:?}"
        );
        assert!(policy::get(&mut c, a, Some(unit.id))
            .await
            .unwrap()
            .is_some());
        drop(c);

        // A year is claimed once; a loaded list never overwrites a date already there.
        let mut tx = db.begin().await.unwrap();
        assert!(calendar::claim_year(&mut tx, 2031, "builtin", NOW)
            .await
            .unwrap());
        assert!(!calendar::claim_year(&mut tx, 2031, "builtin", NOW)
            .await
            .unwrap());
        assert!(
            calendar::insert_holiday(&mut tx, &holiday("2031-01-01", "Koreksi admin"), NOW)
                .await
                .unwrap()
        );
        let written = calendar::insert_holidays_missing(
            &mut tx,
            &[
                holiday("2031-01-01", "Tahun Baru"),
                holiday("2031-05-01", "Hari Buruh"),
            ],
            NOW,
        )
        .await
        .unwrap();
        assert_eq!(written, 1, "{engine:?}");
        commit(tx).await.unwrap();
        let mut c = db.conn().await.unwrap();
        let list = calendar::holidays_between(&mut c, "2031-01-01", "2031-12-31")
            .await
            .unwrap();
        assert_eq!(list[0].name, "Koreksi admin", "{engine:?}");
        assert!(calendar::years(&mut c).await.unwrap().contains(&2031));
    }
}

#[tokio::test]
async fn the_lookups_of_a_check_in_use_their_indexes() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, unit, _) = agency_with_unit(db, "AG-CAL").await;
        let mut tx = db.begin().await.unwrap();
        calendar::insert_holiday(&mut tx, &holiday("2026-12-25", "Natal"), NOW)
            .await
            .unwrap();
        calendar::put_ramadan(&mut tx, 2026, "2026-02-19", "2026-03-20", false, NOW)
            .await
            .unwrap();
        calendar::insert_event(
            &mut tx,
            a,
            &NewEvent {
                unit_id: Some(unit.id),
                name: "Audit".into(),
                kind: "audit".into(),
                first_day: "2026-12-01".into(),
                last_day: "2026-12-05".into(),
            },
            None,
            NOW,
        )
        .await
        .unwrap();
        policy::put(&mut tx, a, Some(unit.id), "{}", None, NOW)
            .await
            .unwrap();
        commit(tx).await.unwrap();
        let mut c = db.conn().await.unwrap();
        assert_eq!(
            calendar::ramadan_overlapping(&mut c, "2026-03-16", "2026-03-22")
                .await
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            calendar::ramadan_overlapping(&mut c, "2026-03-21", "2026-03-22")
                .await
                .unwrap()
                .len(),
            0
        );
        assert_eq!(
            calendar::events_between(&mut c, a, "2026-12-05", "2026-12-09")
                .await
                .unwrap()
                .len(),
            1
        );
        drop(c);

        let lines = plan(
            db,
            calendar::holidays_between_sql("2026-11-23", "2026-11-29"),
        )
        .await;
        assert_indexed(engine, &lines, "holidays", "h", "holidays");
        let lines = plan(
            db,
            calendar::ramadan_overlapping_sql("2026-11-23", "2026-11-29"),
        )
        .await;
        // The year is an INTEGER PRIMARY KEY: SQLite searches the table's rowid itself.
        let key = match engine {
            Engine::Sqlite => "INTEGER PRIMARY KEY",
            Engine::Postgres => "ramadan_periods_pkey",
        };
        assert_indexed(engine, &lines, "ramadan_periods", "r", key);
        let lines = plan(db, policy::levels_sql(a, &[1, unit.id])).await;
        assert_indexed(engine, &lines, "unit_policies", "p", "unit_policies_unit");
        let lines = plan(
            db,
            calendar::events_between_sql(a, "2026-12-01", "2026-12-31"),
        )
        .await;
        assert_indexed(engine, &lines, "agency_events", "e", "agency_events_day");
    }
}
