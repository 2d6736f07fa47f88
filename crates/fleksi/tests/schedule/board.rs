//! The unit board of today: who is in the office, remote by location, away; checked in,
//! not yet, late — counted over the whole unit.

use super::helpers::*;

#[tokio::test]
async fn the_board_shows_today_in_the_units_zone() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let n = people_of(&t, UNIT).await.len() as i64;
        let others = others_of(&t).await;
        approved_day(&t, others[0].id, "2026-11-23", "home").await;
        approved_day(&t, others[1].id, "2026-11-23", "leave").await;
        // Tomorrow's plan is not today's.
        approved_day(&t, others[2].id, "2026-11-24", "home").await;
        let token = api_token(&t, STAFF).await;
        punch(&t, &token, "check-in", "office", "papan-masuk-0001").await;

        let head = signed_in(&t, HEAD).await;
        let (status, html) = page(&head, "/board").await;
        assert_eq!(status, 200, "{e}: {html}");
        assert!(html.contains("Senin, 2026-11-23 (WIB)"), "{e}");
        let counts = part(&html, "counts", "</dl>");
        for (label, value) in [
            ("Pegawai", n),
            ("Di kantor (rencana)", n - 2),
            ("Rumah (WFH)", 1),
            ("Cuti", 1),
            ("Sudah presensi", 1),
            ("Presensi di kantor", 1),
            ("Belum presensi", n - 2),
            ("Terlambat", 1),
        ] {
            assert!(
                counts.contains(&format!("<dt>{label}</dt><dd>{value}</dd>")),
                "{e}: {label} {value} in {counts}"
            );
        }
        let me = employee(&t, employee_of(&t, STAFF).await).await;
        let office = part(&html, "board-office", "</table>");
        assert!(office.contains(&esc(&me.name)), "{e}");
        assert!(office.contains("09:00"), "{e}: the check-in time, local");
        assert!(office.contains("terlambat (90 menit)"), "{e}: {office}");
        let remote = part(&html, "board-remote", "</table>");
        assert!(remote.contains(&esc(&others[0].name)), "{e}");
        assert!(remote.contains("Rumah (WFH)"), "{e}");
        assert!(
            !remote.contains(&esc(&others[2].name)),
            "{e}: tomorrow's plan"
        );
        let away = part(&html, "board-away", "</table>");
        assert!(away.contains(&esc(&others[1].name)), "{e}");

        // The API says the same.
        let token = api_token(&t, HEAD).await;
        let (status, v) = api_json(&t, &token, "/schedule/board").await;
        assert_eq!(status, 200, "{e}: {v}");
        assert_eq!(v["people"], n, "{e}");
        assert_eq!(v["office"], n - 2, "{e}");
        assert_eq!(v["remote"], json!({"home": 1}), "{e}");
        assert_eq!(v["away"], json!({"leave": 1}), "{e}");
        assert_eq!(v["checked_in"], 1, "{e}");
        assert_eq!(v["late"], 1, "{e}");
        assert_eq!(v["not_yet"], n - 2, "{e}");
        assert_eq!(v["zone"], "WIB", "{e}");
    }
}

#[tokio::test]
async fn a_wit_unit_has_its_own_today() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        // 16:30 UTC on Monday is already Tuesday 01:30 in WIT (UTC+9), still Monday in WIB.
        at(&t, "2026-11-23T16:30:00Z");
        let a = demo_agency(&t).await;
        let wit = {
            let mut c = t.app.db.conn().await.unwrap();
            fleksi_store::org::list_units(&mut c, a)
                .await
                .unwrap()
                .into_iter()
                .find(|u| u.time_zone == "WIT")
                .expect("the demo has a WIT office")
        };
        let token = api_token(&t, "admin.bkpsdm").await;
        let (status, v) = api_json(&t, &token, &format!("/schedule/board?unit={}", wit.id)).await;
        assert_eq!(status, 200, "{e}: {v}");
        assert_eq!(v["today"], "2026-11-24", "{e}");
        assert_eq!(v["zone"], "WIT", "{e}");
        let (_, v) = api_json(
            &t,
            &token,
            &format!("/schedule/board?unit={}", unit(&t, UNIT).await.id),
        )
        .await;
        assert_eq!(v["today"], "2026-11-23", "{e}");
    }
}
